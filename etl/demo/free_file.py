"""The shape every demo free-layout file shares: its bytes, and what a careful reader must load."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import Workbook

Key = tuple[str, str, int]  # unit, indicator, year
NBSP = "\u00a0"


@dataclass
class FreeFile:
    name: str
    content: bytes
    expected: dict[Key, float]
    uncertain: set[Key] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)  # issue codes the report must contain
    flags: dict[Key, str] = field(default_factory=dict)  # a flag an expected value must carry


def xlsx_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
