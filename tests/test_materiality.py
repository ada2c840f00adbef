"""analysis.materiality: what becomes a finding, under which heading, in which order (docs/findings.md)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from analysis.materiality import (
    RESULT_REASONS,
    WEAKNESS_REASONS,
    Placement,
    place,
    read_thresholds,
    size_of,
    sort_key,
)

RULES = read_thresholds()


def row(**fields: Any) -> dict[str, Any]:
    """An assessed row (analysis.assessment) of a rate where higher is better, 60% → 70%, no target."""
    base: dict[str, Any] = {
        "indicator_code": "x",
        "kind": "rate",
        "unit": "%",
        "direction": "up",
        "base_value": 60.0,
        "latest_value": 70.0,
        "abs_change": 10.0,
        "trend": "improving",
        "verdict": None,
        "verdict_value": math.nan,
        "target_value": math.nan,
        "target_due": False,
        "target_scope": None,
    }
    base.update(fields)
    return base


def test_every_kind_of_the_catalogue_has_a_threshold() -> None:
    assert {t.kind for t in RULES} == {"rate", "ratio", "count", "amount", "level", "status"}


@pytest.mark.parametrize(
    ("difference", "reference", "kind", "material"),
    [
        (2.0, 60.0, "rate", True),  # 2 percentage points
        (1.9, 60.0, "rate", False),
        (0.5, 2.0, "rate", True),  # a low rate (dropout 2% → 2.5%): 0.5 points and a quarter of it
        (0.4, 0.9, "rate", False),  # 0.4 points is below the low-rate floor of 0.5
        (0.5, 4.0, "rate", False),  # 0.5 points is only an eighth of 4%
        (-0.6, 24.6, "ratio", False),  # "24,6 → 24,0 trẻ/lớp": 2.4% of its first value, not a finding
        (1.3, 24.6, "ratio", True),  # 5.3%
        (230.0, 2303.0, "amount", False),  # 9.99% of the first amount
        (231.0, 2303.0, "amount", True),
        (1.0, 1.0, "level", True),  # one level
        (1.0, 0.0, "status", True),
    ],
)
def test_a_change_matters_by_the_threshold_of_its_kind(
    difference: float, reference: float, kind: str, material: bool
) -> None:
    assert (size_of(difference, reference, kind, RULES) >= 1) is material


def test_a_due_target_decides_the_heading_before_the_trend() -> None:
    missed = row(verdict="not_met", target_value=80.0, verdict_value=70.0, target_due=True)
    assert place(missed, RULES, set()) == Placement("weakness", "target_missed", pytest.approx(5.0))
    met_falling = row(verdict="exceeded", target_value=50.0, target_due=True, trend="worsening", abs_change=-3.0)
    assert place(met_falling, RULES, set()).side == "result"  # a share that met its target is never a weakness
    late = row(verdict="met_late", target_value=65.0, target_due=True)
    assert place(late, RULES, set()).reason == "target_late"


def test_a_target_met_before_its_deadline_is_a_result() -> None:
    assert place(row(verdict="met", target_value=65.0), RULES, set()).reason == "target_early"


def test_a_worsening_weakness_is_kept_whatever_its_size() -> None:
    small = row(base_value=1.0, latest_value=1.1, abs_change=0.1, trend="worsening", direction="down")
    assert place(small, RULES, set()) == Placement("weakness", "worsened", pytest.approx(0.2))
    off = row(trend="worsening", abs_change=-1.0, verdict="not_met", target_value=80.0)
    assert place(off, RULES, set()).reason == "off_track"  # worse, and its target (not yet due) missed too


def test_a_small_gain_is_no_finding_and_a_large_one_a_result() -> None:
    assert place(row(abs_change=1.5, latest_value=61.5), RULES, set()) is None
    assert place(row(), RULES, set()) == Placement("result", "improved", pytest.approx(5.0))


def test_neutral_indicators_norms_numerators_and_tiny_denominators() -> None:
    assert place(row(direction="neutral", kind="count", unit="trường"), RULES, set()) is None
    norm_kept = row(verdict="met", target_value=35.0, target_scope="norm", target_due=True)
    assert place(norm_kept, RULES, set()) is None  # staying within a norm is compliance
    breached = row(verdict="not_met", target_value=35.0, verdict_value=40.0, target_scope="norm", target_due=True)
    assert place(breached, RULES, set()).reason == "norm_breached"
    count = row(kind="count", unit="trường", base_value=100.0, latest_value=150.0, abs_change=50.0)
    assert place(count, RULES, {"x"}) is None  # a rate's numerator: its rate states it
    assert place(count, RULES, set()) is not None
    assert place(row(denominator_value=2), RULES, set()) is None  # 1 of 2 schools


def test_findings_order_target_verdicts_first_then_current_version_then_weight() -> None:
    met = sort_key(Placement("result", "target_met", 0.0), False, 9)
    improved_big = sort_key(Placement("result", "improved", 9.0), False, 0)
    improved_small = sort_key(Placement("result", "improved", 1.0), False, 0)
    improved_old = sort_key(Placement("result", "improved", 9.0), True, 0)
    assert sorted([improved_old, improved_small, improved_big, met]) == [
        met,
        improved_big,
        improved_small,
        improved_old,
    ]
    assert RESULT_REASONS[0] == "target_met" and WEAKNESS_REASONS[0] == "target_missed"
