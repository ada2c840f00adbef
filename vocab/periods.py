"""Dates of the periods: when a year's figure is known, and which year a deadline names.

docs/domain.md, Periods: a school-year stock is counted at 30/9 of the school year's
first year, an outcome (dropout, completion, graduation) at the end of the school year
(31/5 of the next year), a calendar-year figure at 31/12, and a budget's final accounts
(quyết toán) are approved by the People's Council by the end of the following year.
A reporting round dated 28/4/2023 therefore holds school year 2022-2023's stocks but not
its outcomes, and the budget's final accounts up to 2021.

A target "đến năm 2020" on a school-year indicator is read as the school year that ends
in 2020 (2019-2020, stored year 2019): the rule ``ending``, the default of every round.
The rule ``starting`` reads it as the school year that starts in 2020.
"""

from __future__ import annotations

from datetime import date

REFERENCE_DATES = ("30/9", "31/5", "calendar", "settled")
DEADLINE_RULES = ("ending", "starting")

__all__ = ["DEADLINE_RULES", "REFERENCE_DATES", "deadline_year", "known_on"]


def known_on(year: int, period_type: str, reference_date: str) -> date:
    """The first day a figure of ``year`` can be known.

    ``reference_date`` (the catalogue's): "30/9" (school-year stock), "31/5" (end of the school
    year), "calendar" (31/12 of a calendar year) or "settled" (final accounts, end of the next year).
    """
    if reference_date not in REFERENCE_DATES:
        raise ValueError(f"reference_date must be one of {REFERENCE_DATES}, got {reference_date!r}")
    year = int(year)
    if period_type == "school_year":
        return date(year, 9, 30) if reference_date == "30/9" else date(year + 1, 5, 31)
    return date(year + 1, 12, 31) if reference_date == "settled" else date(year, 12, 31)


def deadline_year(target_year: int, period_type: str, rule: str = "ending") -> int:
    """The stored year whose value a deadline "đến năm N" is judged on.

    School years are stored by their first year, so under the rule "ending" a 2020
    deadline is school year 2019-2020, stored as 2019; calendar years are themselves.
    """
    if rule not in DEADLINE_RULES:
        raise ValueError(f"rule must be one of {DEADLINE_RULES}, got {rule!r}")
    target_year = int(target_year)
    return target_year - 1 if period_type == "school_year" and rule == "ending" else target_year
