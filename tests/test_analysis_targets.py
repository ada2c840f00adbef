"""Tests for analysis.targets: verdicts, deadlines read as officials read them, late and strict
targets, ranges, targets issued after a round's date, and the Vietnamese labels. Every expected
value below is worked out by hand in the comment beside it."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.change import trend_class
from analysis.targets import is_reference, judge, target_verdict
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
        target_verdict(None, "~", 20.0)
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
    assert verdict_label_vi("met_late") == "Đạt muộn"
    assert (
        verdict_label_vi("met", "norm") == "Trong định mức" and verdict_label_vi("not_met", "norm") == "Vượt định mức"
    )
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


# --- strict and range targets ---------------------------------------------------


def test_a_strict_target_is_not_met_by_its_bound() -> None:
    # QĐ 1705: "trên 65%". 65,0% is not above 65; 65,1% is (shown to one decimal).
    assert target_verdict(65.0, ">", 65.0) == "not_met"
    assert target_verdict(65.04, ">", 65.0) == "not_met"  # shown 65,0
    assert target_verdict(65.06, ">", 65.0) == "met"  # shown 65,1: met, never "exceeded"
    assert target_verdict(0.4, "<", 0.5) == "met" and target_verdict(0.5, "<", 0.5) == "not_met"


def test_a_range_is_judged_against_the_bound_of_its_direction() -> None:
    # "35–40%": an up indicator needs 35 (34,9 misses, 36 exceeds), a down one at most 40,
    # a neutral one must lie within.
    assert target_verdict(34.9, "range", 35.0, value_max=40.0, direction="up") == "not_met"
    assert target_verdict(35.0, "range", 35.0, value_max=40.0, direction="up") == "met"
    assert target_verdict(36.0, "range", 35.0, value_max=40.0, direction="up") == "exceeded"
    assert target_verdict(41.0, "range", 35.0, value_max=40.0, direction="down") == "not_met"
    assert target_verdict(38.0, "range", 35.0, value_max=40.0, direction="down") == "exceeded"
    assert target_verdict(41.0, "range", 35.0, value_max=40.0, direction="neutral") == "not_met"
    assert target_verdict(37.0, "range", 35.0, value_max=40.0, direction="neutral") == "met"
    with pytest.raises(ValueError, match="value_max"):
        target_verdict(37.0, "range", 35.0)


# --- deadlines ------------------------------------------------------------------------

TEACHERS = {2017: 97.0, 2018: 98.5, 2019: 99.2, 2020: 100.0}  # stored year = first year of the school year


def test_by_2020_on_a_school_year_indicator_is_judged_on_2019_2020() -> None:
    # "đến năm 2020" = school year 2019-2020 = stored year 2019: 99,2 < 100 -> not met there,
    # and 100 is reached in 2020-2021: met late, reached 2020.
    j = judge({"year": 2020, "comparator": ">=", "value": 100.0}, TEACHERS, 2020, "school_year", "up")
    assert (j.deadline_year, j.judged_year, j.verdict, j.reached_year, j.due) == (2019, 2019, "met_late", 2020, True)
    assert j.value == 99.2
    # Read as the school year starting in 2020 (the other setting): 100 in 2020 -> met.
    j = judge({"year": 2020, "comparator": ">=", "value": 100.0}, TEACHERS, 2020, "school_year", "up", "starting")
    assert (j.judged_year, j.verdict) == (2020, "met")


def test_a_calendar_year_deadline_is_its_own_year() -> None:
    # Trained labour 2020: 64,0 (2020) < 65 -> missed; 66,0 in 2021 -> met late in 2021.
    series = {2019: 62.0, 2020: 64.0, 2021: 66.0}
    j = judge(
        {"year": 2020, "comparator": "range", "value": 65.0, "value_max": 70.0}, series, 2021, "calendar_year", "up"
    )
    assert (j.judged_year, j.verdict, j.reached_year) == (2020, "met_late", 2021)


def test_a_missed_target_never_reached_stays_missed_and_a_future_one_is_not_due() -> None:
    series = {2019: 90.0, 2020: 91.0, 2022: 92.0}
    missed = judge({"year": 2020, "comparator": ">=", "value": 95.0}, series, 2022, "school_year", "up")
    assert (missed.verdict, missed.judged_year, missed.reached_year) == ("not_met", 2019, None)
    ahead = judge({"year": 2030, "comparator": ">=", "value": 95.0}, series, 2022, "school_year", "up")
    assert (ahead.verdict, ahead.judged_year, ahead.due) == ("not_met", 2022, False)
    every = judge({"year": None, "comparator": ">=", "value": 91.5}, series, 2022, "school_year", "up")
    assert (every.verdict, every.judged_year, every.due) == ("exceeded", 2022, True)


def test_no_value_in_the_deadline_year_is_no_verdict() -> None:
    # Nothing for 2019-2020: no verdict, even though 2022 would meet it (no "late" without a miss).
    j = judge({"year": 2020, "comparator": ">=", "value": 95.0}, {2018: 90.0, 2022: 96.0}, 2022, "school_year", "up")
    assert (j.verdict, j.judged_year) == (None, 2019)


def test_a_target_issued_after_the_rounds_date_is_a_reference() -> None:
    qd1705 = {"issued_on": pd.Timestamp("2024-12-31")}
    assert is_reference(qd1705, date(2023, 4, 28)) and not is_reference(qd1705, date(2025, 1, 1))
    assert not is_reference({"issued_on": pd.Timestamp("2021-12-30")}, date(2023, 4, 28))  # QĐ 2239
    assert not is_reference({"issued_on": None}, date(2023, 4, 28)) and not is_reference(qd1705, None)
