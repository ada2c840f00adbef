"""Tests for analysis.targets: verdicts, target choice and Vietnamese labels."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.change import trend_class
from analysis.targets import pick_target, target_verdict
from vocab.labels import trend_label_vi, verdict_label_vi

NAN = float("nan")

# --- target_verdict ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (19.96, "met"),  # shown 20.0 = 20.0
        (20.04, "met"),  # shown 20.0
        (19.94, "not_met"),  # shown 19.9 < 20.0
        (20.06, "exceeded"),  # shown 20.1 > 20.0
        (19.95, "not_met"),  # binary 19.9499999... -> shown 19.9, as f"{19.95:.1f}"
    ],
)
def test_at_least_target_rounded_to_one_decimal(value: float, expected: str) -> None:
    assert target_verdict(value, ">=", 20.0, decimals=1) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.54, "met"),  # dropout shown 1.5 = 1.5
        (1.46, "met"),  # shown 1.5
        (1.56, "not_met"),  # shown 1.6 above the ceiling
        (1.44, "exceeded"),  # shown 1.4 below the ceiling: better than target
    ],
)
def test_at_most_target_for_dropout(value: float, expected: str) -> None:
    assert target_verdict(value, "<=", 1.5) == expected


def test_rounding_follows_decimals() -> None:
    assert target_verdict(19.6, ">=", 20, decimals=0) == "met"  # 20 = 20
    assert target_verdict(19.996, ">=", 20, decimals=2) == "met"  # 20.00
    assert target_verdict(19.994, ">=", 20, decimals=2) == "not_met"  # 19.99


def test_formatted_value_agrees_with_round() -> None:
    assert f"{19.95:.1f}" == "19.9"


@pytest.mark.parametrize("missing", [None, NAN, pd.NA])
def test_missing_value_has_no_verdict(missing: object) -> None:
    assert target_verdict(missing, ">=", 20.0) is None  # type: ignore[arg-type]


def test_bad_comparator_or_missing_target_raises() -> None:
    with pytest.raises(ValueError, match="comparator"):
        target_verdict(20.0, "=", 20.0)
    with pytest.raises(ValueError, match="comparator"):
        target_verdict(None, ">", 20.0)
    with pytest.raises(ValueError, match="target"):
        target_verdict(20.0, ">=", NAN)


@given(
    value=st.floats(min_value=0, max_value=1000, allow_nan=False),
    target=st.floats(min_value=0, max_value=1000, allow_nan=False),
    comparator=st.sampled_from([">=", "<="]),
)
def test_verdict_matches_the_displayed_numbers(value: float, target: float, comparator: str) -> None:
    shown, goal = f"{value:.1f}", f"{target:.1f}"
    verdict = target_verdict(value, comparator, target)
    assert (verdict == "met") == (shown == goal)
    if shown != goal:
        higher = float(shown) > float(goal)
        assert verdict == ("exceeded" if higher == (comparator == ">=") else "not_met")


# --- labels ------------------------------------------------------------------


def test_verdict_labels() -> None:
    assert verdict_label_vi("met") == "Đạt"
    assert verdict_label_vi("exceeded") == "Vượt"
    assert verdict_label_vi("not_met") == "Chưa đạt"
    assert verdict_label_vi(None) == "Chưa có số liệu"
    with pytest.raises(ValueError):
        verdict_label_vi("ok")


def test_trend_labels() -> None:
    expected = {
        "improving": "Cải thiện",
        "worsening": "Xấu đi",
        "flat": "Ổn định",
        "rising": "Tăng",
        "falling": "Giảm",
        "unknown": "Chưa đủ số liệu",
    }
    assert {t: trend_label_vi(t) for t in expected} == expected
    with pytest.raises(ValueError):
        trend_label_vi("better")


@given(
    abs_change=st.floats(min_value=-100, max_value=100) | st.just(NAN),
    direction=st.sampled_from(["up", "down", "neutral"]),
    unit=st.sampled_from(["%", "pupils"]),
)
def test_every_trend_class_has_a_label(abs_change: float, direction: str, unit: str) -> None:
    assert trend_label_vi(trend_class(abs_change, abs_change / 50, direction, unit))


# --- pick_target ---------------------------------------------------------------


def make_targets(rows: list[tuple[int | None, str, float]]) -> pd.DataFrame:
    """rows of (year, scope, value); other columns are filled in."""
    return pd.DataFrame(
        {
            "indicator_code": "DROPOUT_LOWER_SEC",
            "unit_code": ["VN" if scope == "national" else "P01" for _, scope, _ in rows],
            "year": pd.array([y for y, _, _ in rows], dtype="Int64"),
            "comparator": "<=",
            "value": [v for _, _, v in rows],
            "scope": [scope for _, scope, _ in rows],
            "source": [f"doc {i}" for i in range(len(rows))],
        }
    )


def picked_value(targets: pd.DataFrame, year: int) -> float | None:
    t = pick_target(targets, year)
    return None if t is None else t["value"]


def test_exact_year_beats_every_other_kind() -> None:
    t = make_targets([(2025, "province", 1.0), (None, "province", 2.0), (2020, "national", 3.0)])
    assert picked_value(t, 2020) == 3.0


def test_nearest_future_deadline_beats_every_year_and_past() -> None:
    t = make_targets(
        [
            (2030, "province", 1.0),
            (2025, "province", 2.0),
            (None, "province", 3.0),
            (2015, "province", 4.0),
        ]
    )
    assert picked_value(t, 2020) == 2.0  # 2025 is the next deadline, not 2030


def test_every_year_target_beats_past_target() -> None:
    t = make_targets([(2015, "province", 1.0), (None, "national", 2.0)])
    assert picked_value(t, 2020) == 2.0


def test_most_recent_past_target_as_last_resort() -> None:
    t = make_targets([(2015, "province", 1.0), (2018, "national", 2.0), (2010, "province", 3.0)])
    assert picked_value(t, 2023) == 2.0


def test_province_preferred_over_national_within_a_tier() -> None:
    t = make_targets([(2025, "national", 1.0), (2025, "province", 2.0)])
    assert picked_value(t, 2025) == 2.0  # exact tier
    assert picked_value(t, 2020) == 2.0  # future tier
    assert picked_value(t, 2030) == 2.0  # past tier
    t = make_targets([(None, "national", 1.0), (None, "province", 2.0)])
    assert picked_value(t, 2020) == 2.0  # every-year tier


def test_scope_does_not_override_a_better_tier() -> None:
    # National exact-year target wins over a province target for another year.
    t = make_targets([(2025, "province", 1.0), (2020, "national", 2.0)])
    assert picked_value(t, 2020) == 2.0


def test_remaining_tie_goes_to_first_row() -> None:
    t = make_targets([(2025, "province", 1.0), (2025, "province", 2.0)])
    assert picked_value(t, 2025) == 1.0


def test_returns_plain_dict_with_none_for_every_year() -> None:
    t = make_targets([(None, "province", 1.5)])
    t.index = [10]  # a non-default index must not matter
    assert pick_target(t, 2020) == {
        "indicator_code": "DROPOUT_LOWER_SEC",
        "unit_code": "P01",
        "year": None,
        "comparator": "<=",
        "value": 1.5,
        "scope": "province",
        "source": "doc 0",
    }
    picked = pick_target(make_targets([(2025, "province", 1.5)]), 2020)
    assert picked is not None and type(picked["year"]) is int


def test_float_year_column_from_a_query_works() -> None:
    t = make_targets([(2025, "province", 1.0), (None, "province", 2.0)])
    t["year"] = [2025.0, NAN]
    assert picked_value(t, 2026) == 2.0  # every-year beats the past 2025 target
    picked = pick_target(t, 2020)
    assert picked is not None and picked["year"] == 2025 and type(picked["year"]) is int


def test_no_targets_and_invalid_tables() -> None:
    empty = make_targets([])
    assert pick_target(empty, 2020) is None
    with pytest.raises(ValueError, match="column"):
        pick_target(empty.drop(columns="scope"), 2020)
    mixed = make_targets([(2025, "province", 1.0), (2025, "province", 2.0)])
    mixed.loc[1, "indicator_code"] = "OTHER"
    with pytest.raises(ValueError, match="single indicator"):
        pick_target(mixed, 2020)
