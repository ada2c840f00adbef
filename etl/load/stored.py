"""What a check compares with and leaves in the store: the current values of the file's units,
and each value and kept issue as a row of the batch."""

from __future__ import annotations

import duckdb

from etl.issues import Issue
from etl.records import Value
from etl.resolve.validate import Key
from store import fetch_rows


def stored_values(con: duckdb.DuckDBPyConnection, unit_codes: set[str]) -> dict[Key, float]:
    """The current own value of every (unit, indicator, year) of these units."""
    stored: dict[Key, float] = {}
    for unit in sorted(unit_codes):
        for u, code, year, value in fetch_rows(con, "current_values_for_unit", {"unit_code": unit}):
            stored[(u, code, int(year))] = float(value)
    return stored


def observation_row(v: Value) -> dict[str, object]:
    return {
        "unit_code": v.unit_code,
        "indicator_code": v.indicator_code,
        "year": v.year,
        "value": v.value,
        "raw_value": v.raw,
        "sheet": v.sheet,
        "cell": v.cell,
        "flags": ";".join(v.flags) or None,
    }


def issue_row(i: Issue) -> dict[str, object]:
    return {
        "code": i.code,
        "severity": i.severity,
        "sheet": i.sheet,
        "cell": i.cell,
        "unit_code": i.unit_code,
        "indicator_code": i.indicator_code,
        "year": i.year,
        "raw_value": i.raw_value,
        "message": i.message,
    }
