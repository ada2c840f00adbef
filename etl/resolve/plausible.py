"""Plausibility: numbers no district or province could have, and numbers a computer cannot keep.

A count or an amount above what any unit of its kind could have (etl/config/plausible_bounds.csv:
one row per catalogue unit, a bound for district-level units and one for provinces) is a cell
error, and so is any other number too large for a double to keep exactly (from 2^53): "22 digits" would
be stored with its digits changed. The message shows the number the
Vietnamese way ("1,0 × 10³⁰⁸" for the absurd).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from etl.issues import Issue, make_issue
from etl.records import Value
from etl.reference.model import Reference
from vocab.display import format_large

BOUNDS_PATH = Path(__file__).resolve().parent.parent / "config" / "plausible_bounds.csv"
NOT_EXACT = "not-exact"  # the flag resolve gives a value with more digits than that
_EXACT_INTEGER = 2**53
_SCOPE_VI = {"district": "huyện, thị xã, thành phố thuộc tỉnh", "province": "tỉnh, thành phố"}


@cache
def bounds() -> dict[str, tuple[float, float]]:
    """Catalogue unit -> (largest value of a district-level unit, of a province)."""
    with BOUNDS_PATH.open(encoding="utf-8", newline="") as handle:
        return {row["unit"]: (float(row["district_max"]), float(row["province_max"])) for row in csv.DictReader(handle)}


def inexact_digits(number: float) -> int | None:
    """The digits of a number's integer part when a double cannot hold every integer of its size
    (from 2^53, about 9 × 10^15), or None: "1234567890123456789012" would be stored as
    1234567890123456774144."""
    if abs(number) >= _EXACT_INTEGER:
        return len(f"{abs(number):.0f}")
    return None


def implausible_values(
    values: Sequence[Value], ref: Reference, where_of: Callable[[Value], dict[str, Any]]
) -> list[Issue]:
    """A cell error for every count or amount above the bound of its unit's kind, and for every
    other value too large for a double to keep exactly; ``where_of`` gives an issue's place."""
    issues = []
    for v in values:
        ind, where = ref.indicators[v.indicator_code], where_of(v)
        limit, scope = _bound(v, ref)
        if limit is not None and abs(v.value) > limit:
            issues.append(
                make_issue(
                    "value-implausible",
                    value=format_large(v.value),
                    limit=format_large(limit),
                    unit_label=ind.unit,
                    scope=_SCOPE_VI[scope],
                    **where,
                )
            )
        elif NOT_EXACT in v.flags:
            digits = inexact_digits(v.value)
            issues.append(make_issue("value-not-exact", digits=digits, **where))
    return issues


def _bound(v: Value, ref: Reference) -> tuple[float | None, str]:
    ind, unit = ref.indicators[v.indicator_code], ref.units.get(v.unit_code)
    bound = bounds().get(ind.unit)
    if bound is None or unit is None or ind.kind not in ("count", "amount"):
        return None, ""
    scope = "province" if unit.kind == "province" else "district"
    return (bound[1] if scope == "province" else bound[0]), scope
