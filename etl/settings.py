"""Settings: one table of name, default and help; each can be overridden by an
environment variable NQ29_<NAME upper-cased>."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: float
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("first_year", 2013, "First year of the standard template (school year 2013-2014)."),
    Setting("last_year", 2023, "Last year of the standard template (school year 2023-2024)."),
    Setting("earliest_year", 2012, "First year a round may show (school year 2012-2013, the last before NQ 29)."),
    Setting("latest_year", 2025, "Last year a round may show; later years (up to next year) are kept with a note."),
    Setting("yoy_relative_threshold", 0.25, "Warn when a count changes by more than this share in one year."),
    Setting("yoy_min_absolute", 5, "...and by at least this many units (small counts move in steps)."),
    Setting("yoy_rate_points", 15, "Warn when a % rate changes by more than this many points in one year."),
    Setting("rate_mismatch_points", 1.0, "Warn when a reported rate differs from its components by more points."),
    Setting("max_upload_mb", 20, "Largest file (MB) the upload page accepts; admins can change it in the app."),
)


def get(name: str) -> float:
    """The value of a setting, with its environment override applied."""
    for setting in SETTINGS:
        if setting.name == name:
            raw = os.environ.get(f"NQ29_{name.upper()}")
            return float(raw) if raw is not None else float(setting.default)
    raise KeyError(name)


def review_years() -> range:
    """The columns of the standard template when no reporting round says otherwise."""
    return range(int(get("first_year")), int(get("last_year")) + 1)


def accepted_years() -> range:
    """The years some reporting round may show; a file's other years (1990 … next year) are kept with a note."""
    return range(int(get("earliest_year")), int(get("latest_year")) + 1)
