"""What becomes a finding, under which heading, and in which order (docs/findings.md).

A finding is one assessed row (an indicator's definition version, analysis.assessment) that
a report states as a result ("Kết quả đạt được") or a weakness ("Hạn chế, yếu kém"). The
first rule that applies places a row:

1. a row judged only against a norm is a weakness when the norm is breached, else no finding
   (staying within a norm is compliance, not an achievement);
2. a target that fell due: missed → weakness "target_missed"; met or exceeded → result
   "target_met"; met after its deadline → result "target_late";
3. a target not yet due but already met → result "target_early";
4. an indicator without a good direction (sizes of the system, nominal amounts) and no
   verdict → no finding;
5. worsening (analysis.change.trend_class) → weakness, whatever its size: "off_track" when a
   target not yet due is not met either, else "worsened";
6. improving by at least the threshold of its kind (analysis/config/materiality.csv) →
   result "improved"; a smaller gain is no finding;
7. not improving, a target not yet due and missed by at least the threshold → weakness
   "off_track".

A count that is the numerator of a rate or ratio is never a finding of its own: its rate
states it ("194/244 trường, đạt 79,5%"); a rate of fewer counted units than its kind's
``min_denominator`` (``denominator_value`` of the row, 1 of 2 schools) is none either.

Findings are ordered by the tier of their reason (target verdicts first, in the order of
RESULT_REASONS and WEAKNESS_REASONS), the current definition version before an earlier one,
then by weight — how many thresholds the change (or the distance to a missed target)
measures — then in catalogue order.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "RESULT_REASONS",
    "WEAKNESS_REASONS",
    "Placement",
    "Threshold",
    "gap_to_target",
    "numerator_codes",
    "place",
    "read_thresholds",
    "size_of",
    "sort_key",
    "too_few",
]

CONFIG = Path(__file__).resolve().parent / "config" / "materiality.csv"
RESULT_REASONS = ("target_met", "target_early", "target_late", "improved")
WEAKNESS_REASONS = ("target_missed", "norm_breached", "off_track", "worsened", "below_province")
_TIER = {r: i for reasons in (RESULT_REASONS, WEAKNESS_REASONS) for i, r in enumerate(reasons)}


@dataclass(frozen=True)
class Threshold:
    """The smallest difference that matters for a kind of indicator: every bound given must be met."""

    kind: str
    base_below: float | None = None  # applies only when the reference value is below this
    min_points: float | None = None  # in the indicator's own unit (percentage points for %)
    min_relative: float | None = None  # as a share of the reference value
    min_steps: float | None = None  # levels, statuses
    min_denominator: float | None = None  # a rate of fewer counted units (1 of 2 schools) is no finding


@dataclass(frozen=True)
class Placement:
    side: str  # "result" | "weakness"
    reason: str  # one of RESULT_REASONS / WEAKNESS_REASONS
    weight: float  # thresholds the change (or the gap) measures; orders findings within a reason


def read_thresholds(path: Path = CONFIG) -> list[Threshold]:
    """The thresholds, in file order (the first row that applies to a kind and value wins)."""

    def number(text: str) -> float | None:
        return float(text) if text.strip() else None

    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Threshold(
                r["kind"],
                number(r["base_below"]),
                number(r["min_points"]),
                number(r["min_relative"]),
                number(r["min_steps"]),
                number(r.get("min_denominator") or ""),
            )
            for r in csv.DictReader(handle)
        ]


def _rule(kind: str, reference: float, thresholds: Sequence[Threshold]) -> Threshold:
    for t in thresholds:
        if t.kind == kind and (t.base_below is None or (not _missing(reference) and abs(reference) < t.base_below)):
            return t
    raise ValueError(f"no materiality threshold for kind {kind!r}")


def size_of(difference: float, reference: float, kind: str, thresholds: Sequence[Threshold]) -> float:
    """How many thresholds `difference` measures for an indicator of `kind` whose reference
    value (its first value, or a target) is `reference`: 1 or more is material."""
    if _missing(difference) or difference == 0:
        return 0.0
    rule = _rule(kind, reference, thresholds)
    ratios = []
    for bound in (rule.min_points, rule.min_steps):
        if bound:
            ratios.append(abs(difference) / bound)
    if rule.min_relative:
        ratios.append(
            math.inf if _missing(reference) or reference == 0 else abs(difference / reference) / rule.min_relative
        )
    return min(ratios) if ratios else 0.0


def numerator_codes(catalogue: pd.DataFrame) -> set[str]:
    """Counts stated inside a rate's or ratio's finding ("194/244 trường"): never findings of their own."""
    return {str(c) for c in catalogue["numerator"].dropna()}


def gap_to_target(row: Mapping[str, Any], value: float | None = None) -> float:
    """The distance from `value` (default: the judged value) to the bound the target is judged
    against (the lower bound of a range for an "up" indicator, its upper bound for a "down" one)."""
    judged = row.get("verdict_value") if value is None else value
    if _missing(judged) or _missing(row.get("target_value")):
        return math.nan
    bound = float(row["target_value"])
    if row.get("target_comparator") == "range" and row.get("direction") == "down":
        bound = float(row["target_value_max"])
    return abs(float(judged) - bound)  # type: ignore[arg-type]


def too_few(row: Mapping[str, Any], thresholds: Sequence[Threshold]) -> bool:
    """A rate counted on fewer units than its kind's ``min_denominator`` (the row's ``denominator_value``)."""
    least = _rule(str(row["kind"]), row.get("base_value", math.nan), thresholds).min_denominator
    counted = row.get("denominator_value")
    return least is not None and counted is not None and not _missing(counted) and float(counted) < least


def place(row: Mapping[str, Any], thresholds: Sequence[Threshold], numerators: set[str]) -> Placement | None:
    """The heading and reason of one assessed row, by the rules of the module docstring; None: no finding."""
    kind, direction = str(row["kind"]), str(row["direction"])
    if kind == "count" and str(row["indicator_code"]) in numerators:
        return None
    if too_few(row, thresholds):
        return None
    verdict = None if _missing(row.get("verdict")) else str(row["verdict"])
    due = bool(row.get("target_due"))
    target = None if _missing(row.get("target_value")) else float(row["target_value"])
    gap = 0.0 if target is None else size_of(gap_to_target(row), target, kind, thresholds)
    moved = size_of(row.get("abs_change", math.nan), row.get("base_value", math.nan), kind, thresholds)
    improving, worsening = row.get("trend") == "improving", row.get("trend") == "worsening"
    if row.get("target_scope") == "norm":
        return Placement("weakness", "norm_breached", gap) if verdict == "not_met" else None
    if verdict is not None and due:
        if verdict == "not_met":
            return Placement("weakness", "target_missed", gap)
        reason = "target_late" if verdict == "met_late" else "target_met"
        return Placement("result", reason, moved if improving else 0.0)
    if verdict in ("met", "exceeded"):
        return Placement("result", "target_early", moved if improving else 0.0)
    if direction == "neutral":
        return None
    unmet = verdict == "not_met"
    if worsening:
        return Placement("weakness", "off_track" if unmet else "worsened", max(moved, gap if unmet else 0.0))
    if improving and moved >= 1:
        return Placement("result", "improved", moved)
    if unmet and not improving and gap >= 1:
        return Placement("weakness", "off_track", gap)
    return None


def sort_key(placement: Placement, historical: bool, position: int) -> tuple[int, bool, float, int]:
    """Reason's tier, current version first, heavier first, then catalogue order."""
    return (_TIER[placement.reason], historical, -placement.weight, position)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))
