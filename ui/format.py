"""Display formatting shared by the pages (Vietnamese conventions)."""

from __future__ import annotations

import math

from etl.numbers import format_vi


def format_value(value: float | None, unit: str) -> str:
    """'1.234' for counts, '85,5%' for rates, '—' for a gap (never 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "%":
        return f"{format_vi(value, 1)}%"
    if float(value).is_integer():
        return format_vi(value, 0)
    return format_vi(value, 1)


def school_year_label(year: int, period_type: str) -> str:
    return f"{year}-{year + 1}" if period_type == "school_year" else str(year)
