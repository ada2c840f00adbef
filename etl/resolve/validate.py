"""Checks on interpreted values, alone and against what the store already holds.

Each check returns issues; none stops early, so a report lists every problem.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from etl import settings
from etl.issues import Issue, make_issue
from etl.records import Value
from etl.reference.model import Indicator, Reference
from etl.resolve.plausible import implausible_values
from vocab.display import format_change_phrase, format_large, format_plain

Key = tuple[str, str, int]  # unit_code, indicator_code, year


def validate_values(
    values: Sequence[Value], ref: Reference, stored: Mapping[Key, float], file_label: str
) -> list[Issue]:
    """All issues for a file's values; `stored` holds the store's current reported values."""
    unique, issues = _check_duplicates(values, file_label, ref)
    for v in unique:
        issues += _check_range(v, ref.indicators[v.indicator_code], file_label, ref)
    issues += implausible_values(unique, ref, lambda v: _where(v, file_label, ref))
    merged = {**stored, **{(v.unit_code, v.indicator_code, v.year): v.value for v in unique}}
    by_key = {(v.unit_code, v.indicator_code, v.year): v for v in unique}
    issues += _check_components(by_key, merged, ref, file_label)
    issues += _check_jumps(by_key, merged, ref, file_label)
    issues += _check_fraction_rates(unique, ref, file_label)
    return issues


def _check_fraction_rates(values: Sequence[Value], ref: Reference, file_label: str) -> list[Issue]:
    """A reported % rate whose every value is ≤ 1 was probably typed as a fraction."""
    rows: dict[tuple[str, str], list[Value]] = {}
    for v in values:
        ind = ref.indicators[v.indicator_code]
        if ind.unit == "%" and ind.input == "reported":
            rows.setdefault((v.unit_code, v.indicator_code), []).append(v)
    return [
        make_issue("rate-looks-like-fraction", **_where(row[0], file_label, ref))
        for row in rows.values()
        if all(v.value <= 1 for v in row) and any(v.value > 0 for v in row)
    ]


def _where(v: Value, file_label: str, ref: Reference) -> dict[str, Any]:
    return {
        "file": file_label,
        "sheet": v.sheet,
        "cell": v.cell,
        "raw_value": v.raw,
        "unit_code": v.unit_code,
        "indicator_code": v.indicator_code,
        "year": v.year,
        "indicator": ref.indicators[v.indicator_code].name_vi,
    }


def _check_duplicates(values: Sequence[Value], file_label: str, ref: Reference) -> tuple[list[Value], list[Issue]]:
    """Two values for one unit, indicator and year: the same number twice (a yearbook page
    repeating a total in two tables) is one value; two different numbers are an error."""
    first: dict[Key, Value] = {}
    issues = []
    for v in values:
        key = (v.unit_code, v.indicator_code, v.year)
        if key in first:
            code = "duplicate-same-value" if first[key].value == v.value else "duplicate-cell"
            issues.append(
                make_issue(code, first_cell=f"{first[key].sheet}!{first[key].cell}", **_where(v, file_label, ref))
            )
        else:
            first[key] = v
    return list(first.values()), issues


def _check_range(v: Value, ind: Indicator, file_label: str, ref: Reference) -> list[Issue]:
    where = _where(v, file_label, ref)
    if ind.kind in {"count", "amount"} and v.value < 0:
        return [make_issue("negative-count", value=_fmt(v.value), **where)]
    low = ind.min_value if ind.min_value is not None else float("-inf")
    high = ind.max_value if ind.max_value is not None else float("inf")
    if low <= v.value <= high:
        return []
    code = "rate-out-of-range" if ind.kind == "rate" else "value-out-of-range"
    return [make_issue(code, value=_fmt(v.value), min_value=_fmt(low), max_value=_fmt(high), **where)]


def _check_components(
    by_key: Mapping[Key, Value], merged: Mapping[Key, float], ref: Reference, file_label: str
) -> list[Issue]:
    """Numerator above denominator (bounded rates), and reported rates disagreeing with components."""
    issues: list[Issue] = []
    tolerance = settings.get("rate_mismatch_points")
    for ind in ref.indicators.values():
        if ind.aggregation != "ratio" or not ind.numerator or not ind.denominator:
            continue
        for (unit, code, year), num_value in merged.items():
            if code != ind.numerator:
                continue
            den_value = merged.get((unit, ind.denominator, year))
            touched = [by_key.get((unit, c, year)) for c in (ind.numerator, ind.denominator, ind.code)]
            if den_value is None or not any(touched):
                continue
            blamed = touched[0] or touched[1] or touched[2]
            assert blamed is not None
            if den_value == 0 and num_value > 0:
                issues.append(
                    make_issue(
                        "zero-denominator",
                        numerator=ref.indicators[ind.numerator].name_vi,
                        denominator=ref.indicators[ind.denominator].name_vi,
                        num_value=_fmt(num_value),
                        **_where(blamed, file_label, ref),
                    )
                )
            if ind.max_value == 100 and num_value > den_value:
                issues.append(
                    make_issue(
                        "numerator-above-denominator",
                        numerator=ref.indicators[ind.numerator].name_vi,
                        denominator=ref.indicators[ind.denominator].name_vi,
                        num_value=_fmt(num_value),
                        den_value=_fmt(den_value),
                        **_where(blamed, file_label, ref),
                    )
                )
            reported = merged.get((unit, ind.code, year))
            if reported is not None and den_value and ind.scale:
                computed = num_value / den_value * ind.scale
                if abs(reported - computed) > tolerance:
                    issues.append(
                        make_issue(
                            "reported-rate-mismatch",
                            value=_fmt(reported),
                            computed=format_plain(computed, 1),
                            **{**_where(touched[2] or blamed, file_label, ref), "indicator": ind.name_vi},
                        )
                    )
    return issues


def _check_jumps(
    by_key: Mapping[Key, Value], merged: Mapping[Key, float], ref: Reference, file_label: str
) -> list[Issue]:
    """Year-on-year jumps; a value out of line with both neighbours is one spike, not two jumps."""
    series: dict[tuple[str, str], dict[int, float]] = {}
    for (unit, code, year), value in merged.items():
        series.setdefault((unit, code), {})[year] = value
    issues = []
    for (unit, code), points in series.items():
        ind = ref.indicators[code]
        if ind.kind in ("level", "status"):
            continue
        jumps = {
            y
            for y in points
            if y - 1 in points
            and ind.break_year != y
            and y not in ref.change_years.get(unit, ())  # boundaries changed: a jump is expected
            and _is_jump(points[y - 1], points[y], ind)
        }
        spikes = {y for y in jumps if y + 1 in jumps}
        for year in sorted(jumps):
            if year - 1 in spikes:
                continue  # the return from a spike
            other = year - 1
            v = by_key.get((unit, code, year)) or by_key.get((unit, code, other))
            if v is None:
                continue  # both years already in the store: not this file's doing
            issues.append(
                make_issue(
                    "yoy-jump",
                    value=_fmt(points[year]),
                    other_year=other,
                    other_value=_fmt(points[other]),
                    change=_describe_change(points[other], points[year], ind),
                    **{**_where(by_key.get((unit, code, year)) or v, file_label, ref), "year": year},
                )
            )
    return issues


def _is_jump(before: float, after: float, ind: Indicator) -> bool:
    delta = after - before
    if ind.unit == "%":
        return abs(delta) > settings.get("yoy_rate_points")
    if abs(delta) < settings.get("yoy_min_absolute"):
        return False
    if before == 0:
        return True
    return abs(delta) / abs(before) > settings.get("yoy_relative_threshold")


def _describe_change(before: float, after: float, ind: Indicator) -> str:
    delta = after - before
    if ind.unit == "%":
        return format_change_phrase(delta, "%")
    if before == 0:
        return f"tăng từ 0 lên {_fmt(after)}"
    return format_change_phrase(delta / abs(before) * 100, "%").replace(" điểm phần trăm", "%")


def _fmt(value: float) -> str:
    return format_plain(value, 2) if abs(value) < 1e15 else format_large(value)
