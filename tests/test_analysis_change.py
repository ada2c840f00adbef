"""Tests for analysis.change: baseline/latest, CAGR, break flag, trend class."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.change import assess_change, baseline_latest, baseline_latest_by, trend_class

NAN = float("nan")


def make_series(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_code", "year", "value"])


def row_of(result: pd.DataFrame, unit: str) -> pd.Series:
    rows = result[result["unit_code"] == unit]
    assert len(rows) == 1
    return rows.iloc[0]


# --- baseline_latest -------------------------------------------------------


def test_base_50_latest_60_over_ten_years() -> None:
    # abs = 60 - 50 = 10; rel = 10 / 50 = 0.2; n = 2023 - 2013 = 10
    # cagr = 1.2 ** (1/10) - 1 = exp(ln 1.2 / 10) - 1 = exp(0.0182322) - 1 ≈ 0.018399
    s = make_series([("A", 2013, 50.0), ("A", 2018, 55.0), ("A", 2023, 60.0)])
    r = row_of(baseline_latest(s), "A")
    assert (r["base_year"], r["latest_year"], r["n_years"]) == (2013, 2023, 10)
    assert (r["base_value"], r["latest_value"]) == (50.0, 60.0)
    assert r["abs_change"] == pytest.approx(10.0)
    assert r["rel_change"] == pytest.approx(0.2)
    assert r["cagr"] == pytest.approx(0.018399, abs=1e-6)
    assert not r["crosses_break"]


def test_unit_missing_2013_starts_from_2014_and_middle_gap_is_ignored() -> None:
    # B has NaN in 2013 and 2016: base = 2014 (40), latest = 2023 (31.5), n = 9.
    # The 2016 NaN must not be read as 0 (it would not change base/latest anyway,
    # but it also must not become the latest value).
    s = make_series(
        [
            ("B", 2013, NAN),
            ("B", 2014, 40.0),
            ("B", 2016, NAN),
            ("B", 2023, 31.5),
        ]
    )
    r = row_of(baseline_latest(s), "B")
    assert (r["base_year"], r["base_value"]) == (2014, 40.0)
    assert (r["latest_year"], r["latest_value"]) == (2023, 31.5)
    assert r["n_years"] == 9
    # rel = -8.5 / 40 = -0.2125
    assert r["rel_change"] == pytest.approx(-0.2125)


def test_trailing_gap_takes_last_reported_year() -> None:
    # 2023 missing -> latest is 2021 (12.0); n = 8; abs = 2; rel = 0.2
    s = make_series([("C", 2013, 10.0), ("C", 2021, 12.0), ("C", 2023, NAN)])
    r = row_of(baseline_latest(s), "C")
    assert (r["latest_year"], r["latest_value"], r["n_years"]) == (2021, 12.0, 8)
    assert r["rel_change"] == pytest.approx(0.2)


def test_unit_without_any_value_is_kept_with_gaps() -> None:
    s = make_series([("A", 2013, 1.0), ("A", 2023, 2.0), ("Z", 2013, NAN), ("Z", 2023, NAN)])
    out = baseline_latest(s)
    assert list(out["unit_code"]) == ["A", "Z"]
    z = row_of(out, "Z")
    assert pd.isna(z["base_year"]) and pd.isna(z["latest_year"]) and pd.isna(z["n_years"])
    for col in ("base_value", "latest_value", "abs_change", "rel_change", "cagr"):
        assert math.isnan(z[col])
    assert not z["crosses_break"]
    assert str(out["base_year"].dtype) == "Int64"


def test_pandas_na_value_is_a_gap() -> None:
    s = pd.DataFrame(
        {
            "unit_code": ["A", "A", "A"],
            "year": [2013, 2014, 2023],
            "value": pd.array([None, 5.0, None], dtype="Float64"),
        }
    )
    r = row_of(baseline_latest(s), "A")
    # Only 2014 has a value: base == latest, n = 0, abs 0, rel 0, cagr undefined.
    assert (r["base_year"], r["latest_year"], r["n_years"]) == (2014, 2014, 0)
    assert r["abs_change"] == 0.0 and r["rel_change"] == 0.0
    assert math.isnan(r["cagr"])


def test_baseline_and_latest_year_bound_the_window() -> None:
    # 2012 is before the baseline and 2023 after latest_year=2020: both ignored.
    # base = 2013 (20), latest = 2020 (25): n = 7, abs = 5, rel = 0.25
    s = make_series([("A", 2012, 1.0), ("A", 2013, 20.0), ("A", 2020, 25.0), ("A", 2023, 99.0)])
    r = row_of(baseline_latest(s, latest_year=2020), "A")
    assert (r["base_year"], r["latest_year"], r["n_years"]) == (2013, 2020, 7)
    assert r["abs_change"] == pytest.approx(5.0)
    assert r["rel_change"] == pytest.approx(0.25)


def test_zero_base_gives_no_relative_change_or_cagr() -> None:
    # abs = 4 - 0 = 4; rel and cagr undefined for base 0.
    s = make_series([("A", 2013, 0.0), ("A", 2023, 4.0)])
    r = row_of(baseline_latest(s), "A")
    assert r["abs_change"] == 4.0
    assert math.isnan(r["rel_change"]) and math.isnan(r["cagr"])


def test_cagr_edge_values() -> None:
    # Latest 0 from a positive base: (0/8)**(1/5) - 1 = -1 (lost everything).
    # Negative latest: undefined -> NaN. Negative base: NaN.
    s = make_series(
        [
            ("zero", 2013, 8.0),
            ("zero", 2018, 0.0),
            ("neg_latest", 2013, 8.0),
            ("neg_latest", 2018, -1.0),
            ("neg_base", 2013, -2.0),
            ("neg_base", 2018, 3.0),
        ]
    )
    out = baseline_latest(s)
    assert row_of(out, "zero")["cagr"] == pytest.approx(-1.0)
    assert math.isnan(row_of(out, "neg_latest")["cagr"])
    assert math.isnan(row_of(out, "neg_base")["cagr"])


@pytest.mark.parametrize(
    ("years", "break_year", "expected"),
    [
        ((2013, 2023), 2018, True),  # 2013 < 2018 <= 2023
        ((2013, 2018), 2018, True),  # latest in the break year counts
        ((2018, 2023), 2018, False),  # base already on the new definition
        ((2013, 2017), 2018, False),  # both before the change
        ((2013, 2023), None, False),
    ],
)
def test_crosses_break(years: tuple[int, int], break_year: int | None, expected: bool) -> None:
    s = make_series([("A", years[0], 1.0), ("A", years[1], 2.0)])
    assert bool(row_of(baseline_latest(s, break_year=break_year), "A")["crosses_break"]) is expected


def test_grouped_variant_matches_one_call_per_group() -> None:
    # Three indicators of one unit in one pass, each with its own baseline and break:
    # "a" from 2013 with a 2018 break (crossed), "b" from 2016 (2014 ignored), "c" all NaN.
    s = pd.DataFrame(
        [
            ("a", 2013, 50.0),
            ("a", 2023, 60.0),
            ("b", 2014, 1.0),
            ("b", 2016, 4.0),
            ("b", 2020, 0.0),
            ("c", 2013, NAN),
        ],
        columns=["indicator_code", "year", "value"],
    )
    baselines = pd.Series({"a": 2013, "b": 2016, "c": 2013})
    out = baseline_latest_by(s, "indicator_code", baselines, 2023, pd.Series({"a": 2018}))
    assert list(out["indicator_code"]) == ["a", "b", "c"]
    for code in ("a", "b", "c"):
        one = s[s["indicator_code"] == code].rename(columns={"indicator_code": "unit_code"})
        brk = 2018 if code == "a" else None
        expected = baseline_latest(one, int(baselines[code]), 2023, brk).drop(columns="unit_code")
        got = out[out["indicator_code"] == code].drop(columns="indicator_code").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, expected)
    assert bool(out["crosses_break"].iloc[0]) and out["base_year"].iloc[1] == 2016
    with pytest.raises(ValueError, match="more than one row"):
        baseline_latest_by(pd.concat([s, s.iloc[:1]]), "indicator_code")
    with pytest.raises(ValueError, match="latest_year"):
        baseline_latest_by(s, "indicator_code", baselines, 2015)


def test_invalid_inputs_raise() -> None:
    s = make_series([("A", 2013, 1.0)])
    with pytest.raises(ValueError, match="latest_year"):
        baseline_latest(s, baseline_year=2015, latest_year=2014)
    with pytest.raises(ValueError, match="column"):
        baseline_latest(s.drop(columns="value"))
    with pytest.raises(ValueError, match="more than one row"):
        baseline_latest(make_series([("A", 2013, 1.0), ("A", 2013, 2.0)]))


# --- trend_class -----------------------------------------------------------


def test_dropout_rate_falling_is_improving() -> None:
    # Dropout 5.0% -> 3.0%: -2 points, direction down -> improving.
    assert trend_class(-2.0, -0.4, "down", "%") == "improving"
    assert trend_class(2.0, 0.4, "down", "%") == "worsening"


def test_rates_are_judged_in_points_not_relatively() -> None:
    # 10% -> 10.5% is +5 % relatively and 0.5 points: flat.
    assert trend_class(0.5, 0.05, "down", "%") == "flat"
    # 0.1% -> 0.25% is +150 % relatively but only 0.15 points: flat.
    assert trend_class(0.15, 1.5, "down", "%") == "flat"
    assert trend_class(-0.99, -0.05, "up", "%") == "flat"
    # Exactly one point is not "< 1": it counts as a change.
    assert trend_class(1.0, 0.01, "up", "%") == "improving"


def test_float_noise_at_the_tolerance_is_not_flat() -> None:
    # 4.6 - 3.6 == 0.9999999999999996 in binary but is displayed as +1.0 points.
    change = 4.6 - 3.6
    assert change < 1.0
    assert trend_class(change, change / 3.6, "down", "%") == "worsening"


def test_non_rates_are_judged_relatively() -> None:
    # 100 more pupils on 10 000 is +1 %: below the 2 % tolerance -> flat.
    assert trend_class(100.0, 0.01, "up", "pupils") == "flat"
    assert trend_class(300.0, 0.03, "up", "pupils") == "improving"
    assert trend_class(-300.0, -0.03, "up", "pupils") == "worsening"
    assert trend_class(-0.2, -0.02, "up", "pupils") == "worsening"  # edge: |rel| == tol


def test_undefined_relative_change_falls_back_to_absolute_sign() -> None:
    # Base 0 -> rel NaN: any non-zero change counts, zero is flat.
    assert trend_class(3.0, NAN, "up", "schools") == "improving"
    assert trend_class(-3.0, NAN, "down", "schools") == "improving"
    assert trend_class(0.0, NAN, "up", "schools") == "flat"


def test_zero_change_is_flat_whatever_the_relative_change() -> None:
    # Inconsistent input (found by hypothesis): no sign to move by, so no direction.
    assert trend_class(0.0, 1.0, "up", "pupils") == "flat"
    assert trend_class(-0.0, -1.0, "down", "pupils") == "flat"


def test_neutral_direction_words() -> None:
    assert trend_class(5.0, 0.5, "neutral", "pupils") == "rising"
    assert trend_class(-5.0, -0.5, "neutral", "pupils") == "falling"
    assert trend_class(0.1, 0.001, "neutral", "pupils") == "flat"


def test_missing_change_is_unknown_and_bad_direction_raises() -> None:
    assert trend_class(NAN, NAN, "up", "%") == "unknown"
    assert trend_class(NAN, 0.5, "up", "pupils") == "unknown"
    assert trend_class(None, None, "down", "%") == "unknown"  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="direction"):
        trend_class(1.0, 0.1, "higher", "%")


def test_custom_tolerances() -> None:
    assert trend_class(1.5, 0.1, "up", "%", rate_tolerance_pts=2.0) == "flat"
    assert trend_class(10.0, 0.04, "up", "VND", relative_tolerance=0.05) == "flat"


_FLIP = {
    "improving": "worsening",
    "worsening": "improving",
    "flat": "flat",
    "unknown": "unknown",
}
_NEUTRAL = {
    "improving": "rising",
    "worsening": "falling",
    "flat": "flat",
    "unknown": "unknown",
}
changes = st.floats(min_value=-1e6, max_value=1e6) | st.just(NAN)


@given(abs_change=changes, rel_change=changes, unit=st.sampled_from(["%", "pupils"]))
def test_trend_class_symmetric_under_direction_flip(abs_change: float, rel_change: float, unit: str) -> None:
    up = trend_class(abs_change, rel_change, "up", unit)
    assert trend_class(abs_change, rel_change, "down", unit) == _FLIP[up]
    assert trend_class(abs_change, rel_change, "neutral", unit) == _NEUTRAL[up]
    # Negating the change is the same as flipping the direction.
    assert trend_class(-abs_change, -rel_change, "up", unit) == _FLIP[up]


# --- assess_change ---------------------------------------------------------


def test_assess_change_adds_direction_aware_trend() -> None:
    # Dropout (%, down): A 4.0 -> 1.5 (-2.5 pts, improving); B 10.0 -> 10.5
    # (+0.5 pts, +5 %: flat); C 1.0 -> 3.0 (+2 pts, worsening); D no data (unknown).
    s = make_series(
        [
            ("A", 2013, 4.0),
            ("A", 2023, 1.5),
            ("B", 2013, 10.0),
            ("B", 2023, 10.5),
            ("C", 2013, 1.0),
            ("C", 2023, 3.0),
            ("D", 2013, NAN),
        ]
    )
    out = assess_change(s, direction="down", unit="%")
    assert dict(zip(out["unit_code"], out["trend"], strict=True)) == {
        "A": "improving",
        "B": "flat",
        "C": "worsening",
        "D": "unknown",
    }
    assert "cagr" in out.columns and "crosses_break" in out.columns


def test_assess_change_passes_window_and_break_through() -> None:
    # With latest_year=2020 the 2023 jump is out of the window: 100 -> 101 is
    # +1 % (< 2 %) -> flat. The 2019 break lies between 2013 and 2020.
    s = make_series([("A", 2013, 100.0), ("A", 2020, 101.0), ("A", 2023, 150.0)])
    r = row_of(assess_change(s, "up", "pupils", latest_year=2020, break_year=2019), "A")
    assert r["trend"] == "flat"
    assert bool(r["crosses_break"]) is True


def test_input_is_not_modified() -> None:
    s = make_series([("A", 2013, 1.0), ("A", 2023, np.nan)])
    before = s.copy()
    assess_change(s, "up", "%")
    pd.testing.assert_frame_equal(s, before)


def test_low_rate_moving_by_a_large_share_is_not_flat() -> None:
    # Dropout 0.9% -> 1.4%: +0.5 points (below 1 point) but +55.6% of the base.
    assert trend_class(0.5, 0.5 / 0.9, "down", "%") == "worsening"
    # 0.5% -> 0.6%: +0.1 point is below the 0.2-point floor, so still flat.
    assert trend_class(0.1, 0.2, "down", "%") == "flat"
    # 95% -> 95.5%: half a point and 0.5% of the base: flat.
    assert trend_class(0.5, 0.5 / 95, "up", "%") == "flat"
