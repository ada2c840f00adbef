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
    Setting("backup_keep", 10, "How many backups `python -m etl backup` keeps in its folder (0 = all)."),
    Setting("max_upload_mb", 20, "Largest file (MB) the upload page accepts; admins can change it in the app."),
    # Limits checked before a file is read (docs/limits.md): nothing is sized from a number in the file.
    Setting("max_member_mb", 200, "Largest uncompressed part (sheet XML, shared strings) of an .xlsx/.ods file, MB."),
    Setting("max_compression_ratio", 200, "Largest uncompressed/compressed ratio of a part above 16 MB (zip bombs)."),
    Setting("max_sheet_rows", 200_000, "Most rows a sheet or CSV file may use (its last filled row)."),
    Setting("max_sheet_columns", 2_000, "Most columns a sheet or CSV file may use (its last filled column)."),
    Setting("max_workbook_cells", 5_000_000, "Most cells of all sheets' used areas (rows x columns from A1)."),
    Setting("max_field_chars", 32_767, "Longest CSV field or cell text, characters (Excel's own cell limit)."),
    # The reading worker (etl/reading/worker.py): one process per command or server, reused across files.
    Setting("worker_memory_mb", 1_024, "Address-space limit of the reading worker process, MB (0 = no limit)."),
    Setting("reading_worker", 1, "1: read files in the isolated worker process; 0: in this process (debugging)."),
    Setting("worker_timeout_s", 60, "Longest a file may take to read before its worker is stopped, seconds."),
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
