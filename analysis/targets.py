"""Target verdicts and target selection (the verdict words are in vocab.labels).

Rules (docs/domain.md, Targets):

* comparators ">=", "<=" and the strict ">", "<" ("trên 65%" is not met by 65,0%);
* a range ("35–40%", comparator "range", value .. value_max) is judged against its lower
  bound for an indicator where higher is better, its upper bound where lower is better,
  and as "within the range" for a neutral one;
* a deadline "đến năm N" is judged on the value of the year vocab.periods.deadline_year
  names (school year (N-1)-N by default); missed there but reached later within the same
  definition version, the verdict is "met_late" with the year reached;
* a target issued after the round's as-of date is a reference ("tham khảo") in that round:
  shown, never a verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.change import _is_missing
from vocab.periods import deadline_year

COMPARATORS = (">=", "<=", ">", "<", "range")
TARGET_COLUMNS = (
    "indicator_code",
    "unit_code",
    "year",
    "comparator",
    "value",
    "scope",
    "source",
)

# Lower is preferred; scopes other than these come last.
_SCOPE_ORDER = {"province": 0, "national": 1, "norm": 2}


def target_verdict(
    value: float | None,
    comparator: str,
    target: float,
    decimals: int = 1,
    *,
    value_max: float | None = None,
    direction: str = "up",
) -> str | None:
    """ "met", "exceeded" or "not_met"; None when the value is missing.

    Both numbers are rounded to the display precision first, so the verdict
    agrees with what the user reads: 19.96 shown as "20.0" against ">= 20"
    is "met", not "not_met". Python's round() uses the same correctly rounded
    conversion as f"{x:.1f}", so the two never disagree. A strict comparator
    is "met" (never "exceeded") when the shown value is beyond the bound.
    """
    if comparator not in COMPARATORS:
        raise ValueError(f"comparator must be one of {COMPARATORS}, got {comparator!r}")
    if _is_missing(target):
        raise ValueError("target value is missing")
    if value is None or _is_missing(value):
        return None
    shown, goal = round(float(value), decimals), round(float(target), decimals)
    if comparator == "range":
        if value_max is None or _is_missing(value_max):
            raise ValueError("a range target needs value_max")
        high = round(float(value_max), decimals)
        if direction == "down":
            return target_verdict(value, "<=", high, decimals)
        if direction == "up":
            return target_verdict(value, ">=", goal, decimals)
        return "met" if goal <= shown <= high else "not_met"
    if comparator in (">", "<"):
        beyond = shown > goal if comparator == ">" else shown < goal
        return "met" if beyond else "not_met"
    if shown == goal:
        return "met"
    better = shown > goal if comparator == ">=" else shown < goal
    return "exceeded" if better else "not_met"


def is_reference(target: Mapping[str, Any], as_of: date | None) -> bool:
    """A target whose source was issued after the round's as-of date (shown as "tham khảo")."""
    issued = target.get("issued_on")
    if as_of is None or issued is None or _is_missing(issued):
        return False
    return pd.Timestamp(issued).date() > as_of


@dataclass(frozen=True)
class Judgement:
    verdict: str | None  # met | exceeded | not_met | met_late | None (no value to judge)
    judged_year: int | None  # the year whose value was judged
    deadline_year: int | None  # the year the deadline names (None: every year)
    due: bool  # the deadline lies within the data (or the target binds every year)
    reached_year: int | None = None  # met_late: the first year the target was met
    value: float | None = None


def judge(
    target: Mapping[str, Any],
    values: Mapping[int, float],
    latest_year: int,
    period_type: str,
    direction: str,
    rule: str = "ending",
) -> Judgement:
    """The verdict of one target on one series (year → value) whose last year with a value is latest_year.

    A target for every year is judged on latest_year; a deadline within the data on the
    value of its year (vocab.periods.deadline_year), and when missed there on the first
    later year that meets it ("met_late"); a deadline still ahead on latest_year, not due.
    """
    year = None if _is_missing(target.get("year")) else int(target["year"])
    due_year = None if year is None else deadline_year(year, period_type, rule)

    def verdict_at(y: int) -> str | None:
        return target_verdict(
            values.get(y),
            str(target["comparator"]),
            float(target["value"]),
            value_max=None if _is_missing(target.get("value_max")) else float(target["value_max"]),
            direction=direction,
        )

    if due_year is None or due_year > latest_year:
        return Judgement(
            verdict_at(latest_year), latest_year, due_year, due_year is None, None, values.get(latest_year)
        )
    verdict = verdict_at(due_year)
    if verdict == "not_met":
        reached = next(
            (y for y in sorted(values) if due_year < y <= latest_year and verdict_at(y) in ("met", "exceeded")), None
        )
        if reached is not None:
            return Judgement("met_late", due_year, due_year, True, reached, values.get(due_year))
    return Judgement(verdict, due_year, due_year, True, None, values.get(due_year))


__all__ = ["Judgement", "is_reference", "judge", "target_verdict"]
