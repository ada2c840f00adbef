"""Tests for analysis.disparity: yearly spread between units."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.disparity import disparity

NAN = float("nan")


def make_series(rows: list[tuple[str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_code", "year", "value"])


def one_year(values: list[float], year: int = 2020) -> pd.Series:
    out = disparity(make_series([(f"U{i}", year, v) for i, v in enumerate(values)]))
    assert len(out) == 1
    return out.iloc[0]


def test_ten_twenty_thirty() -> None:
    # mean = 20; squared deviations 100 + 0 + 100 = 200; population std =
    # sqrt(200/3) ≈ 8.164966; cv = 8.164966 / 20 ≈ 0.408248; max/min = 3; range 20.
    r = one_year([10.0, 20.0, 30.0])
    assert r["n"] == 3
    assert r["mean"] == pytest.approx(20.0)
    assert r["std"] == pytest.approx(math.sqrt(200 / 3))
    assert r["std"] == pytest.approx(8.1650, abs=1e-4)
    assert r["cv"] == pytest.approx(0.40825, abs=1e-5)
    assert (r["min"], r["max"], r["range"]) == (10.0, 30.0, 20.0)
    assert r["max_min_ratio"] == pytest.approx(3.0)


def test_population_not_sample_std() -> None:
    # [1, 3]: ddof=0 -> 1.0 (a sample std would give sqrt(2) ≈ 1.414).
    assert one_year([1.0, 3.0])["std"] == pytest.approx(1.0)


def test_missing_units_are_left_out() -> None:
    # [10, NaN, 30] -> n 2, mean 20, std 10, cv 0.5 (NaN is not a zero).
    r = one_year([10.0, NAN, 30.0])
    assert r["n"] == 2
    assert (r["mean"], r["std"], r["cv"]) == (20.0, 10.0, 0.5)


def test_year_with_every_unit_missing() -> None:
    s = make_series([("A", 2013, NAN), ("B", 2013, NAN), ("A", 2014, 5.0), ("B", 2014, 7.0)])
    out = disparity(s)
    assert list(out["year"]) == [2013, 2014]
    empty = out.iloc[0]
    assert empty["n"] == 0
    for col in ("mean", "std", "cv", "min", "max", "max_min_ratio", "range"):
        assert math.isnan(empty[col])
    assert out.iloc[1]["range"] == 2.0


def test_zero_mean_and_non_positive_min() -> None:
    # [-5, 5]: mean 0 -> cv NaN; min -5 <= 0 -> ratio NaN; std 5; range 10.
    r = one_year([-5.0, 5.0])
    assert math.isnan(r["cv"]) and math.isnan(r["max_min_ratio"])
    assert (r["std"], r["range"]) == (5.0, 10.0)
    # [0, 10]: min 0 -> ratio NaN, but cv is defined: std 5 / mean 5 = 1.
    r = one_year([0.0, 10.0])
    assert math.isnan(r["max_min_ratio"])
    assert r["cv"] == pytest.approx(1.0)


def test_single_unit_and_output_shape() -> None:
    s = make_series([("A", 2021, 4.0), ("A", 2019, 2.0)])
    out = disparity(s)
    assert list(out.columns) == [
        "year",
        "n",
        "mean",
        "std",
        "cv",
        "min",
        "max",
        "max_min_ratio",
        "range",
    ]
    assert list(out["year"]) == [2019, 2021]  # sorted by year
    assert list(out["std"]) == [0.0, 0.0]
    assert list(out["max_min_ratio"]) == [1.0, 1.0]


@given(
    vals=st.lists(st.floats(min_value=0.1, max_value=1e4), min_size=1, max_size=10),
    factor=st.floats(min_value=0.5, max_value=100.0),
)
def test_cv_and_ratio_ignore_the_measurement_scale(vals: list[float], factor: float) -> None:
    # Rescaling (e.g. % -> per mille) must not change relative disparity.
    plain, scaled = one_year(vals), one_year([v * factor for v in vals])
    assert scaled["cv"] == pytest.approx(plain["cv"], rel=1e-6, abs=1e-9)
    assert scaled["max_min_ratio"] == pytest.approx(plain["max_min_ratio"], rel=1e-9)
    assert plain["min"] <= plain["mean"] + 1e-9 and plain["mean"] <= plain["max"] + 1e-9
