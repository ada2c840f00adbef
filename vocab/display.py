"""The one way numbers, years, targets and gaps are shown, in every output.

Charts (hover text and labels), page tables, the Word appendix, spreadsheets' number formats,
findings and messages all format through this module, so that a value reads the same wherever
a leader sees it. The forms (docs/display.md):

| what | form |
|---|---|
| counts | no decimals, "." for thousands: 1.234 |
| rates, shares | one decimal, comma, no space before %: 86,1% |
| ratios (pupils per class) | one decimal: 24,6 |
| changes of a rate | "tăng 3,2 điểm phần trăm" in sentences; "+3,2 điểm %" in narrow table cells |
| amounts | one decimal with the unit: 12,5 tỷ đồng |
| school years | "2013-2014"; calendar years "2013" |
| missing | "—" (never "None", "nan" or 0) |
| levels (universalisation) | "mức độ 2"; yes/no statuses "đạt" / "chưa đạt" |

The kind of a value follows from its catalogue unit (:func:`kind_of`), so callers that only
know the unit and callers that know the indicator format alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

__all__ = [
    "MISSING",
    "Kind",
    "deadline_text",
    "decimals_for",
    "excel_number_format",
    "format_change",
    "format_change_phrase",
    "format_count",
    "format_duration",
    "format_number",
    "format_plain",
    "format_rate",
    "format_value",
    "format_vi",
    "format_with_unit",
    "is_missing",
    "kind_of",
    "period_word",
    "target_text",
    "unit_suffix",
    "value_axis_title",
    "year_label",
    "years_label",
]

MISSING = "—"
Kind = Literal["count", "rate", "ratio", "amount", "level", "status"]
STATUS_UNIT = "đạt/chưa đạt"
_DECIMALS: dict[str, int] = {"count": 0, "rate": 1, "ratio": 1, "amount": 1, "level": 0, "status": 0}
_COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "==": "="}
_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def format_vi(value: float, decimals: int = 0) -> str:
    """A finite number the Vietnamese way, "1.234,5"; the building block of everything below.

    Rounds to ``decimals`` places (round-half-even on the binary value) and never shows "-0".
    Raises ValueError for NaN, infinities and a negative ``decimals``.
    """
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if not math.isfinite(value):
        raise ValueError(f"cannot format non-finite value {value!r}")
    return f"{value:z,.{decimals}f}".translate(_SWAP_SEPARATORS)


def is_missing(value: object) -> bool:
    """None, NaN, pd.NA and anything that is not a number."""
    if value is None or isinstance(value, bool):
        return value is None
    try:
        return math.isnan(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True


def kind_of(unit: str) -> Kind:
    """The display kind of a catalogue unit: "%" a rate, "mức" a level, "… đồng" an amount, "a/b" a ratio."""
    if unit == "%":
        return "rate"
    if unit == "mức":
        return "level"
    if unit == STATUS_UNIT:
        return "status"
    if unit.endswith("đồng"):
        return "amount"
    if "/" in unit or unit == "lần":
        return "ratio"
    return "count"


def decimals_for(unit: str) -> int:
    """Decimals shown for a unit: 1 for rates, ratios and amounts, 0 for counts and levels."""
    return _DECIMALS[kind_of(unit)]


def format_number(value: object, unit: str, decimals: int | None = None) -> str:
    """The bare number in the unit's form ("86,1", "1.234"); "—" when missing."""
    if is_missing(value):
        return MISSING
    return format_vi(float(value), decimals_for(unit) if decimals is None else decimals)  # type: ignore[arg-type]


def format_count(value: object) -> str:
    """ "1.234"; "—" when missing."""
    return format_number(value, "", 0)


def format_rate(value: object) -> str:
    """ "86,1%"; "—" when missing."""
    return MISSING if is_missing(value) else f"{format_number(value, '%')}%"


def format_value(value: object, unit: str) -> str:
    """A value as a table cell or label shows it: "86,1%", "1.234", "24,6", "mức độ 2", "đạt"; "—"."""
    if is_missing(value):
        return MISSING
    kind = kind_of(unit)
    if kind == "rate":
        return format_rate(value)
    if kind == "level":
        return f"mức độ {format_vi(float(value), 0)}"  # type: ignore[arg-type]
    if kind == "status":
        return "đạt" if float(value) >= 1 else "chưa đạt"  # type: ignore[arg-type]
    return format_number(value, unit)


def unit_suffix(unit: str) -> str:
    """Text put after a bare number: "%" sticks to it, other units follow a space; levels need none."""
    if not unit or kind_of(unit) in ("level", "status"):
        return ""
    return unit if unit == "%" else f" {unit}"


def format_with_unit(value: object, unit: str, decimals: int | None = None) -> str:
    """A value with its unit, as hover text and sentences show it: "86,1%", "12,5 tỷ đồng"; "—"."""
    if is_missing(value):
        return MISSING
    if kind_of(unit) in ("level", "status") and decimals is None:
        return format_value(value, unit)
    return format_number(value, unit, decimals) + unit_suffix(unit)


def format_change(value: object, unit: str) -> str:
    """A signed change for a narrow table cell: "+3,2 điểm %" for rates, "+1.234" otherwise; "—"."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    sign = "+" if round(number, decimals_for(unit)) > 0 else ""
    if kind_of(unit) == "rate":
        return f"{sign}{format_vi(number, 1)} điểm %"
    return f"{sign}{format_number(number, unit)}"


def format_change_phrase(value: object, unit: str) -> str:
    """A change in a sentence: "tăng 3,2 điểm phần trăm", "giảm 1.234 học sinh", "không đổi"; "—"."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    size = abs(number)
    if round(size, decimals_for(unit)) == 0:
        return "không đổi"
    verb = "tăng" if number > 0 else "giảm"
    if kind_of(unit) == "rate":
        return f"{verb} {format_vi(size, 1)} điểm phần trăm"
    if kind_of(unit) == "level":
        return f"{verb} {format_vi(size, 0)} mức độ"
    return f"{verb} {format_with_unit(size, unit)}"


def format_plain(value: object, max_decimals: int = 3) -> str:
    """A number as written, in Vietnamese form, without trailing zeros: 27.5 → "27,5", 135.0 → "135"."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    text = format_vi(number, max_decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def format_duration(seconds: float) -> str:
    """ "13,8 giây"."""
    return f"{format_vi(seconds, 1)} giây"


def excel_number_format(unit: str) -> str:
    """The spreadsheet format code that shows a number as :func:`format_number` does."""
    return "#,##0.0" if decimals_for(unit) == 1 else "#,##0"


def value_axis_title(unit: str) -> str:
    """Axis title naming the unit: "Tỷ lệ (%)", "Học sinh", "Học sinh/lớp", "Mức độ"."""
    if unit == "%":
        return "Tỷ lệ (%)"
    if kind_of(unit) == "level":
        return "Mức độ"
    return unit[:1].upper() + unit[1:] if unit else "Giá trị"


def year_label(year: int, period_type: str) -> str:
    """ "2013-2014" for the school year starting in 2013, "2013" for a calendar year."""
    year = int(year)
    return f"{year}-{year + 1}" if period_type == "school_year" else str(year)


def period_word(period_type: str) -> str:
    """ "Năm học" or "Năm" (axis titles, hover text)."""
    return "Năm học" if period_type == "school_year" else "Năm"


def years_label(first: int, last: int, period_type: str) -> str:
    """ "năm học 2013-2014 – 2022-2023", "năm 2013 – 2022"; one year alone when first == last."""
    word = period_word(period_type).lower()
    if first == last:
        return f"{word} {year_label(first, period_type)}"
    return f"{word} {year_label(first, period_type)} – {year_label(last, period_type)}"


def target_text(target: Mapping[str, Any], unit: str) -> str:
    """ "Mục tiêu ≥ 20%": a target as the legal text states it (whole numbers without decimals)."""
    value = float(target["value"])
    comparator = str(target.get("comparator") or "")
    sign = _COMPARATORS.get(comparator, comparator)
    if kind_of(unit) in ("level", "status"):
        return f"Mục tiêu {sign} {format_value(value, unit)}".replace("  ", " ")
    number = format_vi(value, 0) if value.is_integer() else format_plain(value, 2)
    return f"Mục tiêu {sign} {number}{unit_suffix(unit)}".replace("  ", " ")


def deadline_text(year: object) -> str:
    """ "hạn 2025" for a target with a deadline, "hằng năm" for one binding every year."""
    return "hằng năm" if is_missing(year) else f"hạn {int(year)}"  # type: ignore[call-overload]
