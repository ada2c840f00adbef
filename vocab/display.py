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
| a province figure not every district reported | "chưa đủ số liệu (4/6 huyện)" |
| a value with an open quality warning | "12.345 (!)" on pages; "đang xác minh (!)" in the report |

The kind of a value follows from its catalogue unit (:func:`kind_of`), so callers that only
know the unit and callers that know the indicator format alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

__all__ = [
    "FLAG_MARK",
    "MISSING",
    "WITHHELD",
    "Kind",
    "cell_state",
    "convert_unit",
    "deadline_text",
    "decimals_for",
    "excel_number_format",
    "format_cell",
    "format_change",
    "format_change_phrase",
    "format_count",
    "format_difference",
    "format_duration",
    "format_fraction",
    "format_number",
    "format_plain",
    "format_rate",
    "format_relative",
    "format_value",
    "format_vi",
    "format_with_unit",
    "format_years",
    "is_missing",
    "kind_of",
    "partial_text",
    "period_word",
    "target_text",
    "target_value_text",
    "unit_factor",
    "unit_suffix",
    "value_axis_title",
    "year_label",
    "years_label",
]

MISSING = "—"
FLAG_MARK = "(!)"
WITHHELD = f"đang xác minh {FLAG_MARK}"
Kind = Literal["count", "rate", "ratio", "amount", "level", "status"]
STATUS_UNIT = "đạt/chưa đạt"
_DECIMALS: dict[str, int] = {"count": 0, "rate": 1, "ratio": 1, "amount": 1, "level": 0, "status": 0}
_COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "==": "="}
# Display units of a stored unit: the catalogue keeps budgets in triệu đồng (as files send
# them), leaders read tỷ đồng.
_UNIT_FACTORS = {("triệu đồng", "tỷ đồng"): 0.001, ("nghìn đồng", "triệu đồng"): 0.001, ("đồng", "triệu đồng"): 1e-6}
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
    if kind_of(unit) == "status":  # đạt / chưa đạt has no size of change
        return "đạt" if number > 0 else ("chưa đạt" if number < 0 else "không đổi")
    sign = "+" if round(number, decimals_for(unit)) > 0 else ""
    if kind_of(unit) == "rate":
        return f"{sign}{format_vi(number, 1)} điểm %"
    return f"{sign}{format_number(number, unit)}"


def format_change_phrase(value: object, unit: str) -> str:
    """A change in a sentence: "tăng 3,2 điểm phần trăm", "giảm 1.234 học sinh", "không đổi"; "—"."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    if round(abs(number), decimals_for(unit)) == 0:
        return "không đổi"
    if kind_of(unit) == "status":
        return "chuyển từ chưa đạt sang đạt" if number > 0 else "chuyển từ đạt sang chưa đạt"
    return f"{'tăng' if number > 0 else 'giảm'} {format_difference(number, unit)}"


def format_difference(value: object, unit: str) -> str:
    """The size of a difference, without its sign: "1,2 điểm phần trăm", "3,7 học sinh/giáo viên",
    "1.024 phòng", "440,7 tỷ đồng", "1 mức độ"; "—"."""
    if is_missing(value):
        return MISSING
    size = abs(float(value))  # type: ignore[arg-type]
    if kind_of(unit) == "rate":
        return f"{format_vi(size, 1)} điểm phần trăm"
    if kind_of(unit) in ("level", "status"):
        return f"{format_vi(size, 0)} mức độ"
    return format_with_unit(size, unit)


def format_fraction(part: object, whole: object, unit: str) -> str:
    """ "194/244 trường": a count out of its total, in the count's unit; "—" when either is missing."""
    if is_missing(part) or is_missing(whole):
        return MISSING
    return f"{format_count(part)}/{format_count(whole)}{unit_suffix(unit)}"


def format_relative(value: object) -> str:
    """A relative change (0.579) as a share of its base, without sign: "57,9%"; "—"."""
    return MISSING if is_missing(value) else f"{format_vi(abs(float(value)) * 100, 1)}%"  # type: ignore[arg-type]


def format_years(count: object) -> str:
    """ "2 năm": a number of years (how late a target was met)."""
    return MISSING if is_missing(count) else f"{format_vi(float(count), 0)} năm"  # type: ignore[arg-type]


def format_plain(value: object, max_decimals: int = 3) -> str:
    """A number as written, in Vietnamese form, without trailing zeros: 27.5 → "27,5", 135.0 → "135"."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    text = format_vi(number, max_decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_large(value: object) -> str:
    """Like format_plain up to 10^15; beyond, "1,0 × 10³⁰⁸" (a 309-digit count is read by its power)."""
    if is_missing(value):
        return MISSING
    number = float(value)  # type: ignore[arg-type]
    if math.isinf(number) or abs(number) < 1e15:
        return format_plain(number)
    mantissa, exponent = f"{number:.1e}".split("e")
    return f"{mantissa.replace('.', ',')} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


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
    """ "Mục tiêu ≥ 20%", "Mục tiêu 35–40%", "Mục tiêu > 65%", "Mục tiêu: đạt", "Định mức ≤ 35 học sinh/lớp".

    A target as the legal text states it (whole numbers without decimals); a range keeps
    both ends (it is judged against one of them, docs/domain.md, Targets); a norm of a
    regulation (scope "norm") is a "Định mức".
    """
    value = float(target["value"])
    comparator = str(target.get("comparator") or "")
    word = "Định mức" if target.get("scope") == "norm" else "Mục tiêu"
    if kind_of(unit) == "status":
        return f"{word}: {format_value(value, unit)}"
    if kind_of(unit) == "level":
        sign = _COMPARATORS.get(comparator, comparator)
        return f"{word} {sign} {format_value(value, unit)}".replace("  ", " ")
    if comparator == "range" and not is_missing(target.get("value_max")):
        high = float(target["value_max"])
        return f"{word} {_target_number(value)}–{_target_number(high)}{unit_suffix(unit)}"
    sign = _COMPARATORS.get(comparator, comparator)
    return f"{word} {sign} {_target_number(value)}{unit_suffix(unit)}".replace("  ", " ")


def _target_number(value: float) -> str:
    return format_vi(value, 0) if value.is_integer() else format_plain(value, 2)


_GOAL_WORDS = {">=": "{}", "<=": "không quá {}", ">": "trên {}", "<": "dưới {}"}


def target_value_text(target: Mapping[str, Any], unit: str) -> str:
    """A target's level in a sentence, as the texts word it: "50%", "không quá 0,5%", "trên 65%",
    "35–40%", "mức độ 3", "35 học sinh/lớp" (without "Mục tiêu" and without its deadline)."""
    value = float(target["value"])
    if kind_of(unit) in ("level", "status"):
        return format_value(value, unit)
    comparator = str(target.get("comparator") or ">=")
    if comparator == "range" and not is_missing(target.get("value_max")):
        return f"{_target_number(value)}–{_target_number(float(target['value_max']))}{unit_suffix(unit)}"
    return _GOAL_WORDS.get(comparator, "{}").format(f"{_target_number(value)}{unit_suffix(unit)}")


def deadline_text(year: object, period_type: str | None = None, rule: str = "ending") -> str:
    """ "hạn 2025"; "hạn 2020 (năm học 2019-2020)" for a school-year indicator; "hằng năm" without a year.

    The school year is the one the deadline is judged on (vocab.periods.deadline_year).
    """
    if is_missing(year):
        return "hằng năm"
    target_year = int(year)  # type: ignore[call-overload]
    if period_type != "school_year":
        return f"hạn {target_year}"
    from vocab.periods import deadline_year

    judged = deadline_year(target_year, period_type, rule)
    return f"hạn {target_year} (năm học {year_label(judged, period_type)})"


def partial_text(n_units: object, n_expected: object) -> str:
    """ "chưa đủ số liệu (4/6 huyện)": a province figure only some districts reported."""
    if is_missing(n_units) or is_missing(n_expected):
        return "chưa đủ số liệu"
    return f"chưa đủ số liệu ({int(float(n_units))}/{int(float(n_expected))} huyện)"  # type: ignore[arg-type]


def cell_state(complete: object, flagged: object, n_units: object = None, n_expected: object = None) -> str:
    """The state of a value for format_cell(): "partial:4/6" (a province figure only 4 of 6 districts
    reported), "flagged" (it contains an unaccepted flagged value) or "" (a value to show as it is)."""
    if complete is not None and not is_missing(complete) and not bool(complete):
        counts = "" if is_missing(n_units) or is_missing(n_expected) else f":{int(n_units)}/{int(n_expected)}"  # type: ignore[call-overload]
        return f"partial{counts}"
    if flagged is not None and not is_missing(flagged) and bool(flagged):
        return "flagged"
    return ""


def format_cell(value: object, unit: str, state: str = "", *, withhold_flagged: bool = False) -> str:
    """A table cell: the value; "chưa đủ số liệu (4/6 huyện)" for a partial province figure
    (state "partial:4/6"); the value marked "(!)" when it contains an unaccepted flagged value
    (state "flagged"), or "đang xác minh (!)" instead of the number where flagged values are
    withheld, as in the report's tables."""
    if state.startswith("partial"):
        counts = state.partition(":")[2]
        n_units, _, n_expected = counts.partition("/")
        return partial_text(n_units or None, n_expected or None)
    if state == "flagged" and not is_missing(value):
        return WITHHELD if withhold_flagged else f"{format_value(value, unit)} {FLAG_MARK}"
    return format_value(value, unit)


def convert_unit(value: object, unit: str, to_unit: str) -> float:
    """A value in ``unit`` expressed in ``to_unit`` (12.500 triệu đồng → 12,5 tỷ đồng); NaN when missing."""
    if is_missing(value):
        return math.nan
    if unit == to_unit or not to_unit:
        return float(value)  # type: ignore[arg-type]
    factor = _UNIT_FACTORS.get((unit, to_unit))
    if factor is None:
        raise ValueError(f"no conversion from {unit!r} to {to_unit!r}")
    return float(value) * factor  # type: ignore[arg-type]


def unit_factor(unit: str, to_unit: str) -> float:
    """The factor convert_unit() multiplies by (1 for the same unit or no display unit)."""
    return 1.0 if unit == to_unit or not to_unit else _UNIT_FACTORS[(unit, to_unit)]
