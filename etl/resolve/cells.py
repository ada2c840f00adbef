"""Interpreting raw cells: unit, indicator and year resolved to codes; text parsed to numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, cast

from etl.issues import Issue, make_issue
from etl.questions import NO_ANSWERS, FileAnswers, Question
from etl.records import RawCell, Value
from etl.reference.model import Indicator, Reference
from etl.resolve.convention import parse_with
from etl.resolve.plausible import NOT_EXACT, inexact_digits
from etl.resolve.year_convention import YearConvention
from etl.resolve.years import FIRST_YEAR, last_allowed_year, read_year_label, year_allowed
from vocab.display import format_plain
from vocab.text import fold_key

PERIOD_VI = {"school_year": "năm học (ghi dạng 2013-2014)", "calendar_year": "năm dương lịch (ghi dạng 2013)"}
WHOLE_KINDS = {"count", "level", "status"}
UNKNOWN_FORMAT = "unknown"  # .xls/.ods cells: whether 0,955 is shown as 95,5% cannot be seen


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


@dataclass
class Resolved:
    values: list[Value]
    issues: list[Issue]
    questions: list[Question] = field(default_factory=list)


def resolve_cells(cells: Iterable[RawCell], ref: Reference, file_label: str) -> tuple[list[Value], list[Issue]]:
    """Values that could be interpreted, and an issue for every cell that could not."""
    resolved = resolve_all(cells, ref, file_label)
    return resolved.values, resolved.issues


def resolve_all(
    cells: Iterable[RawCell],
    ref: Reference,
    file_label: str,
    *,
    evidence: Sequence[tuple[str, str]] = (),
    answers: FileAnswers = NO_ANSWERS,
    strict: bool = False,
) -> Resolved:
    """Values, issues and the file's year question. ``strict`` is our template's contract: a
    plain year on a school-year sheet and a derived indicator are errors there; in a free layout a
    plain year follows the file's convention (etl/resolve/year_convention.py) and a published
    derived figure (a yearbook's pupils per teacher) is the unit's reported value, flagged."""
    cells = list(cells)
    found = _Once()
    years = YearConvention(cells, evidence, answers, file_label)
    values: list[Value] = []
    pending = 0
    for rc in cells:
        value = _resolve_one(rc, ref, file_label, found, years, strict)
        if value == _PENDING:
            pending += parse_with(rc.raw, rc.convention).status == "ok"
        elif isinstance(value, Value):
            values.append(value)
    question = years.question(pending)
    return Resolved(values, found.issues + years.issues(), [question] if question else [])


_PENDING = "pending"


def _resolve_one(
    rc: RawCell, ref: Reference, file_label: str, found: _Once, years: YearConvention, strict: bool
) -> Value | str | None:
    indicator = _find_indicator(rc, ref, file_label, found, strict)
    at_header: dict[str, Any] = {
        "file": file_label,
        "sheet": rc.sheet,
        "cell": rc.year_cell,
        "raw_value": rc.year_label,
    }
    label = read_year_label(rc.year_label)
    if label.year is None:
        found.add(make_issue("year-label-invalid", **at_header))
        return None
    if not year_allowed(label.year):
        found.add(
            make_issue(
                "year-out-of-range", year=label.year, first_year=FIRST_YEAR, last_year=last_allowed_year(), **at_header
            )
        )
        return None
    if indicator is None:
        return None
    named: dict[str, Any] = {"indicator_code": indicator.code, "indicator": indicator.name_vi}
    if strict and label.school_year != (indicator.period_type == "school_year"):
        # Our template writes school years as ranges: "2014" there is an edited header, never guessed.
        found.add(make_issue("period-type-mismatch", expected=PERIOD_VI[indicator.period_type], **named, **at_header))
        return None
    year = years.year_of(rc, label, indicator)
    if year == _PENDING:
        return _PENDING
    if not isinstance(year, int):
        found.add(make_issue("period-type-mismatch", expected=PERIOD_VI[indicator.period_type], **named, **at_header))
        return None
    unit_code = ref.find_unit(rc.unit_ref, year)
    if unit_code is None:
        found.add(make_issue("unknown-unit", file=file_label, sheet=rc.sheet, cell=rc.unit_cell, raw_value=rc.unit_ref))
        return None
    if rc.unit_label is not None and fold_key(rc.unit_label) != fold_key(indicator.unit):
        found.add(
            make_issue(
                "unit-label-mismatch",
                file=file_label,
                sheet=rc.sheet,
                cell=_row_cell("C", rc.indicator_cell),
                raw_value=rc.unit_label,
                expected=indicator.unit,
                **named,
            )
        )
        return None
    if not ref.units[unit_code].active_in(year):
        found.add(
            make_issue("unit-not-active", file=file_label, sheet=rc.sheet, cell=rc.cell, unit_code=unit_code, year=year)
        )
        return None
    value = _parse_value(rc, indicator, unit_code, year, file_label, found)
    if value is not None and label.preliminary:
        value = replace(value, flags=(*value.flags, "preliminary"))
    if value is not None and indicator.input == "derived":
        value = replace(value, flags=(*value.flags, "published-derived"))
    return value


def _find_indicator(rc: RawCell, ref: Reference, file_label: str, found: _Once, strict: bool) -> Indicator | None:
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
    if indicator.input == "derived" and strict:
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
    parsed = parse_with(rc.raw, rc.convention)
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
    if parsed.percent and indicator.unit != "%":
        found.add(make_issue("percent-sign-not-allowed", unit_label=indicator.unit, **where))
        return None
    number, flags = _scaled(parsed.value, rc.scale), cast(tuple[str, ...], rc.flags)
    if inexact_digits(parsed.value) is not None:
        flags = (*flags, NOT_EXACT)  # a cell error in validation, unless the value is implausible anyway
    unknown_format = rc.number_format == UNKNOWN_FORMAT and isinstance(rc.raw, (int, float))
    if unknown_format and indicator.unit == "%" and 0 < abs(number) <= 1:
        found.add(make_issue("percent-format-unknown", **where))
        return None
    if isinstance(rc.raw, (int, float)) and has_percent_format(rc.number_format) and indicator.unit == "%":
        number, flags = _scaled(number, 100), (*flags, "percent-format-scaled")
        found.add(make_issue("percent-fraction-scaled", value=format_plain(number, 1), **where))
    if indicator.kind in WHOLE_KINDS and not float(number).is_integer():
        found.add(make_issue("not-whole-number", value=format_plain(number), **where))
        return None
    return Value(unit_code, indicator.code, year, number, str(rc.raw), rc.sheet, rc.cell, flags)


def _scaled(value: float, scale: float) -> float:
    """value × scale in decimal arithmetic: 1,1 nghìn is 1100, not 1100.0000000000002."""
    if scale == 1:
        return value
    return float(Decimal(repr(value)) * Decimal(repr(scale)))


def has_percent_format(number_format: str) -> bool:
    """True when Excel shows the cell as a percentage: an unquoted, unescaped "%"
    outside brackets (0.0"%" or 0.0\\% display the number as it is)."""
    text = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", number_format or "")
    return "%" in text


def _row_cell(column: str, cell: str | None) -> str | None:
    digits = "".join(ch for ch in cell or "" if ch.isdigit())
    return f"{column}{digits}" if digits else None
