"""Display formatting shared by the pages (Vietnamese conventions)."""

from __future__ import annotations

import math

from vocab.numbers import format_vi


def format_value(value: float | None, unit: str) -> str:
    """'1.234' for counts, '85,5%' for rates, '—' for a gap (never 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "%":
        return f"{format_vi(value, 1)}%"
    if float(value).is_integer():
        return format_vi(value, 0)
    return format_vi(value, 1)


def format_change(value: float | None, unit: str) -> str:
    """A signed change: '+34,9 điểm %' for rates (percentage points), '+1.234' otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    sign = "+" if value > 0 else ""
    if unit == "%":
        return f"{sign}{format_vi(value, 1)} điểm %"
    return f"{sign}{format_value(value, unit)}"
