"""Tests for analysis.quality: coverage of reported values and province vs district sums."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.quality import compare_province_sums, coverage_detail, coverage_matrix, missing_summary

YEARS = [2019, 2020]

# Sort order puts D2 before D1; D1 was merged away after 2019 (valid_to inclusive).
UNITS = pd.DataFrame(
    {
        "code": ["D1", "P", "D2"],
        "name": ["Huyện Một", "Tỉnh", "Huyện Hai"],
        "kind": ["district", "province", "district"],
        "parent_code": ["P", None, "P"],
        "valid_from": pd.array([None, None, None], dtype="Int32"),
        "valid_to": pd.array([2019, None, None], dtype="Int32"),
        "sort_order": [3, 1, 2],
    }
)

# Four reported indicators (r1..r4) and one derived rate, which never counts.
CATALOGUE = pd.DataFrame(
    {
        "code": ["r1", "r2", "x", "r3", "r4"],
        "name_vi": ["Số trường", "Số lớp", "Tỷ lệ", "Số học sinh", "Chi ngân sách"],
        "input": ["reported", "reported", "derived", "reported", "reported"],
    }
)


def coverage(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_code", "indicator_code", "year"])


COVERAGE = coverage(
    [
        # D2 2019: r1, r2 (+ derived x, ignored) -> 2 of 4 = 0.5; 2020: r1, r2, r3 -> 0.75.
        ("D2", "r1", 2019),
        ("D2", "r2", 2019),
        ("D2", "x", 2019),
        ("D2", "r1", 2020),
        ("D2", "r2", 2020),
        ("D2", "r3", 2020),
        # D1 2019: all four -> 1.0; 2020: it no longer exists -> NaN (a stray row is ignored).
        ("D1", "r1", 2019),
        ("D1", "r2", 2019),
        ("D1", "r3", 2019),
        ("D1", "r4", 2019),
        ("D1", "r1", 2020),
        # The province reports only the budget r4: 1 of 4 = 0.25 in both years.
        ("P", "r4", 2019),
        ("P", "r4", 2020),
    ]
)


def test_coverage_matrix_shares_and_validity() -> None:
    m = coverage_matrix(COVERAGE, UNITS, CATALOGUE, YEARS)
    assert list(m.index) == ["Tỉnh", "Huyện Hai", "Huyện Một"]
    assert list(m.columns) == YEARS
    assert m.loc["Huyện Hai", 2019] == 0.5 and m.loc["Huyện Hai", 2020] == 0.75
    assert m.loc["Huyện Một", 2019] == 1.0 and math.isnan(m.loc["Huyện Một", 2020])
    assert list(m.loc["Tỉnh"]) == [0.25, 0.25]


def test_coverage_matrix_only_expected_counts_each_tier_own_indicators() -> None:
    # Districts reported r1..r4 (D1 in 2019), so all four stay expected of them;
    # the province tier only ever reported r4 -> 1 of 1 = 1.0.
    m = coverage_matrix(COVERAGE, UNITS, CATALOGUE, YEARS, only_expected=True)
    assert list(m.loc["Tỉnh"]) == [1.0, 1.0]
    assert m.loc["Huyện Hai", 2019] == 0.5


def test_coverage_detail_for_one_unit() -> None:
    d = coverage_detail(COVERAGE, UNITS, CATALOGUE, "D1", YEARS)
    assert list(d.index) == ["Số trường", "Số lớp", "Số học sinh", "Chi ngân sách"]
    assert list(d[2019]) == [True, True, True, True]
    assert d[2020].isna().all()  # D1 did not exist in 2020
    d2 = coverage_detail(COVERAGE, UNITS, CATALOGUE, "D2", YEARS)
    assert list(d2[2020]) == [True, True, True, False]
    with pytest.raises(ValueError, match="unknown unit"):
        coverage_detail(COVERAGE, UNITS, CATALOGUE, "ZZ", YEARS)


def test_missing_summary_counts_years_the_district_existed() -> None:
    # D2 misses r4 in 2019 and 2020 (2), r3 in 2019 (1). D1 existed only in 2019 and
    # reported everything then -> no row. The province is not a district -> no row.
    out = missing_summary(COVERAGE, UNITS, CATALOGUE, YEARS)
    rows = list(zip(out["unit_code"], out["indicator_code"], out["n_missing"], out["missing_years"], strict=True))
    assert rows == [("D2", "r4", 2, [2019, 2020]), ("D2", "r3", 1, [2019])]
    assert list(out["unit_name"]) == ["Huyện Hai", "Huyện Hai"]


def test_missing_summary_only_expected_skips_province_only_figures() -> None:
    # No district ever reported r4 in this variant -> it is a province figure, not a gap.
    cov = COVERAGE[~((COVERAGE["unit_code"] == "D1") & (COVERAGE["indicator_code"] == "r4"))]
    assert "r4" in set(missing_summary(cov, UNITS, CATALOGUE, YEARS)["indicator_code"])
    out = missing_summary(cov, UNITS, CATALOGUE, YEARS, only_expected=True)
    assert list(out["indicator_code"]) == ["r3"]


def test_repeated_coverage_rows_count_once() -> None:
    # The same (unit, indicator, year) twice is still one value present: D2 2019 stays 2 of 4.
    doubled = pd.concat([COVERAGE, COVERAGE.iloc[:3]], ignore_index=True)
    pd.testing.assert_frame_equal(
        coverage_matrix(doubled, UNITS, CATALOGUE, YEARS), coverage_matrix(COVERAGE, UNITS, CATALOGUE, YEARS)
    )
    pd.testing.assert_frame_equal(
        missing_summary(doubled, UNITS, CATALOGUE, YEARS), missing_summary(COVERAGE, UNITS, CATALOGUE, YEARS)
    )


def test_compare_province_sums() -> None:
    frame = pd.DataFrame(
        {
            "unit_code": ["P", "P", "P"],
            "indicator_code": ["hs", "ns", "z"],
            "year": [2023, 2023, 2023],
            "province_value": [1000.0, 200.0, 0.0],
            "district_sum": [996.0, 150.0, 0.0],
            "n_units": [10, 10, 10],
        }
    )
    out = compare_province_sums(frame)
    # hs: diff 4, 4/1000 = 0.4 % <= 0.5 % -> consistent. ns: 50/200 = 25 % -> not
    # (province-level spending). z: 0 vs 0 -> diff_rel undefined, diff 0 -> consistent.
    assert list(out["diff"]) == [4.0, 50.0, 0.0]
    assert out["diff_rel"].iloc[0] == pytest.approx(0.004) and out["diff_rel"].iloc[1] == pytest.approx(0.25)
    assert math.isnan(out["diff_rel"].iloc[2])
    assert list(out["consistent"]) == [True, False, True]
    assert list(compare_province_sums(frame, tolerance=0.001)["consistent"]) == [False, False, True]


def test_compare_province_sums_empty() -> None:
    cols = ["unit_code", "indicator_code", "year", "province_value", "district_sum", "n_units"]
    out = compare_province_sums(pd.DataFrame(columns=cols))
    assert out.empty and {"diff", "diff_rel", "consistent"} <= set(out.columns)


def test_a_year_that_could_not_be_known_is_no_gap() -> None:
    # In a round dated before 2020's r3 and r4 could be known (say outcomes and settled budgets),
    # D2 2020 needs only r1 and r2: 2 of 2 = 1.0 (its r3 is then not counted either), and the
    # province 2020 needs nothing of its own but r1, r2: 0 of 2 = 0.0 instead of 0.25.
    known = {"r3": 2019, "r4": 2019}
    matrix = coverage_matrix(COVERAGE, UNITS, CATALOGUE, YEARS, known_until=known)
    assert matrix.loc["Huyện Hai", 2020] == pytest.approx(1.0) and matrix.loc["Huyện Hai", 2019] == pytest.approx(0.5)
    assert matrix.loc["Tỉnh", 2020] == pytest.approx(0.0)
    missing = missing_summary(COVERAGE, UNITS, CATALOGUE, YEARS, known_until=known)
    d2 = missing[missing["unit_code"] == "D2"].set_index("indicator_code")["missing_years"].to_dict()
    assert d2 == {"r3": [2019], "r4": [2019]}  # without known_until r4 would miss 2019 and 2020
