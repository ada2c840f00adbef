"""The illustrative demo province (python -m etl demo)."""

from etl.demo.build import build_demo

__all__ = ["build_demo"]
