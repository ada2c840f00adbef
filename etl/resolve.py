"""Interpreting raw cells: unit, indicator and year resolved to codes; text parsed to numbers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from etl import settings
from etl.issues import Issue, make_issue
from etl.numbers import format_vi, parse_number, parse_year_label
from etl.records import RawCell, Value
from etl.reference import Indicator, Reference
from etl.text import fold_key

PERIOD_VI = {"school_year": "năm học", "calendar_year": "năm dương lịch"}


class _Once:
    """Collects issues, reporting each (code, sheet, cell) only once."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self._seen: set[tuple[str, str | None, str | None]] = set()

    def add(self, issue: Issue) -> None:
        key = (issue.code, issue.sheet, issue.cell)
        if key not in self._seen:
            self._seen.add(key)
            self.issues.append(issue)


def resolve_cells(cells: Iterable[RawCell], ref: Reference, file_label: str) -> tuple[list[Value], list[Issue]]:
    """Values that could be interpreted, and an issue for every cell that could not."""
    years = settings.review_years()
    found = _Once()
    values: list[Value] = []
    for rc in cells:
        indicator = _find_indicator(rc, ref, file_label, found)
        parsed_year = parse_year_label(rc.year_label)
        if parsed_year.status != "ok" or parsed_year.year is None:
            found.add(
                make_issue(
                    "year-label-invalid", file=file_label, sheet=rc.sheet, cell=rc.year_cell, raw_value=rc.year_label
                )
            )
            continue
        year = parsed_year.year
        if year not in years:
            found.add(
                make_issue(
                    "year-out-of-range",
                    file=file_label,
                    sheet=rc.sheet,
                    cell=rc.year_cell,
                    raw_value=rc.year_label,
                    year=year,
                    first_year=years[0],
                    last_year=years[-1],
                )
            )
            continue
        unit_code = ref.find_unit(rc.unit_ref, year)
        if unit_code is None:
            found.add(
                make_issue("unknown-unit", file=file_label, sheet=rc.sheet, cell=rc.unit_cell, raw_value=rc.unit_ref)
            )
            continue
        if indicator is None:
            continue
        if parsed_year.school_year and indicator.period_type != "school_year":
            found.add(
                make_issue(
                    "period-type-mismatch",
                    file=file_label,
                    sheet=rc.sheet,
                    cell=rc.year_cell,
                    raw_value=rc.year_label,
                    indicator_code=indicator.code,
                    indicator=indicator.name_vi,
                    expected=PERIOD_VI[indicator.period_type],
                )
            )
            continue
        if not ref.units[unit_code].active_in(year):
            found.add(
                make_issue(
                    "unit-not-active", file=file_label, sheet=rc.sheet, cell=rc.cell, unit_code=unit_code, year=year
                )
            )
            continue
        value = _parse_value(rc, indicator, unit_code, year, file_label, found)
        if value is not None:
            values.append(value)
    return values, found.issues


def _find_indicator(rc: RawCell, ref: Reference, file_label: str, found: _Once) -> Indicator | None:
    if rc.indicator_ref in ref.indicators:
        code: str | None = rc.indicator_ref
    else:
        code = ref.indicator_aliases.get(fold_key(rc.indicator_ref))
    if code is None:
        found.add(
            make_issue(
                "unknown-indicator", file=file_label, sheet=rc.sheet, cell=rc.indicator_cell, raw_value=rc.indicator_ref
            )
        )
        return None
    indicator = ref.indicators[code]
    if indicator.input == "derived":
        found.add(
            make_issue(
                "derived-indicator-reported",
                file=file_label,
                sheet=rc.sheet,
                cell=rc.indicator_cell,
                indicator_code=code,
                indicator=indicator.name_vi,
                components=f"{indicator.numerator}, {indicator.denominator}",
            )
        )
        return None
    return indicator


def _parse_value(
    rc: RawCell, indicator: Indicator, unit_code: str, year: int, file_label: str, found: _Once
) -> Value | None:
    parsed = parse_number(rc.raw)
    if parsed.status == "missing":
        return None
    where: dict[str, Any] = {
        "file": file_label,
        "sheet": rc.sheet,
        "cell": rc.cell,
        "raw_value": rc.raw,
        "unit_code": unit_code,
        "indicator_code": indicator.code,
        "year": year,
        "indicator": indicator.name_vi,
    }
    if parsed.status != "ok" or parsed.value is None:
        detail = f" ({parsed.note})" if parsed.note else ""
        found.add(make_issue("non-numeric-value", detail=detail, **where))
        return None
    number, flags = parsed.value, cast(tuple[str, ...], ())
    is_number_cell = isinstance(rc.raw, (int, float))
    if is_number_cell and "%" in rc.number_format and indicator.unit == "%":
        number, flags = number * 100, ("percent-format-scaled",)
        found.add(make_issue("percent-fraction-scaled", value=format_vi(number, 1), **where))
    return Value(unit_code, indicator.code, year, number, str(rc.raw), rc.sheet, rc.cell, flags)
