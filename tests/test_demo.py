"""The demo province: loads cleanly and carries the stories an assessment must find."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import assess_change, rank_units
from store import fetch_df, open_reader

PROVINCE = "99"
LAGGING = "999"


@pytest.fixture(scope="module")
def values(demo_store: Path) -> pd.DataFrame:
    con = open_reader(demo_store)
    try:
        return con.execute("SELECT unit_code, indicator_code, year, value, origin FROM indicator_values").df()
    finally:
        con.close()


def series(values: pd.DataFrame, indicator: str, unit: str | None = None) -> pd.DataFrame:
    rows = values[values["indicator_code"] == indicator]
    if unit is not None:
        rows = rows[rows["unit_code"] == unit]
    return rows[["unit_code", "year", "value"]].reset_index(drop=True)


def province_change(values: pd.DataFrame, indicator: str, direction: str) -> pd.Series:
    return assess_change(series(values, indicator, PROVINCE), direction, "%").iloc[0]


def test_every_district_and_year_is_covered(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        units = con.execute(
            "SELECT count(DISTINCT unit_code), min(year), max(year) FROM current_observations"
        ).fetchone()
        batches = con.execute("SELECT count(*) FROM active_batches").fetchone()
        illustrative = con.execute("SELECT value FROM store_meta WHERE key = 'illustrative'").fetchone()
    finally:
        con.close()
    assert units == (11, 2013, 2023) and batches == (14,) and illustrative == ("1",)


def test_exactly_one_planted_value_is_flagged(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        flagged = con.execute("SELECT code, severity, unit_code, indicator_code, year FROM batch_issues").fetchall()
    finally:
        con.close()
    assert flagged == [("yoy-jump", "warning", "994", "th_hs", 2018)]


def test_strong_improvements(values: pd.DataFrame) -> None:
    for code in ("mn_tl_cqg", "th_tl_cqg", "th_tl_phong_kc", "mn_tl_huydong_nt", "ld_tl_quadaotao"):
        change = province_change(values, code, "up")
        assert change["trend"] == "improving" and change["abs_change"] > 10, code


def test_lower_secondary_dropout_worsens(values: pd.DataFrame) -> None:
    change = province_change(values, "thcs_tl_bohoc", "down")
    assert change["trend"] == "worsening"


def test_one_district_lags_behind_the_others(values: pd.DataFrame) -> None:
    for code in ("th_tl_cqg", "mn_tl_phong_kc", "mn_tl_huydong_nt", "thcs_tl_dungtuoi"):
        districts = series(values, code)
        ranked = rank_units(districts[(districts["unit_code"] != PROVINCE) & (districts["year"] == 2023)], "up")
        worst = ranked.loc[ranked["rank"].idxmax(), "unit_code"]
        assert worst == LAGGING, code


def test_teacher_shortage_in_later_years(values: pd.DataFrame) -> None:
    for code in ("th_hs_gv", "thcs_hs_gv"):
        province = series(values, code, PROVINCE).set_index("year")["value"]
        # 2018 is skipped: the planted pupil-count error distorts it on purpose.
        assert province[2023] > province[2019] + 2 and abs(province[2017] - province[2013]) < 1.5, code
    teachers = series(values, "th_gv", PROVINCE).set_index("year")["value"]
    assert teachers[2023] < teachers[2019]


def test_teacher_qualification_definition_break_in_2020(demo_store: Path, values: pd.DataFrame) -> None:
    province = series(values, "th_tl_gv_datchuan", PROVINCE).set_index("year")["value"]
    assert province[2019] > 95 and province[2020] < 85 and province[2023] > province[2020]
    con = open_reader(demo_store)
    try:
        assert con.execute("SELECT break_year FROM indicators WHERE code = 'th_tl_gv_datchuan'").fetchone() == (2020,)
    finally:
        con.close()


def test_province_rates_equal_summed_components(demo_store: Path, values: pd.DataFrame) -> None:
    con = open_reader(demo_store)
    try:
        frame = fetch_df(
            con,
            "series",
            {"indicator_code": "thcs_tl_bohoc", "unit_codes": [PROVINCE], "first_year": 2013, "last_year": 2023},
        )
    finally:
        con.close()
    districts = values[(values["unit_code"] != PROVINCE) & (values["origin"] == "reported")]
    for year, value in zip(frame["year"], frame["value"], strict=True):
        in_year = districts[districts["year"] == year]
        num = in_year.loc[in_year["indicator_code"] == "thcs_hs_bohoc", "value"].sum()
        den = in_year.loc[in_year["indicator_code"] == "thcs_hs", "value"].sum()
        assert value == pytest.approx(num / den * 100)


def test_every_value_lies_in_its_valid_range_but_the_planted_error(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        bad = con.execute(
            "SELECT v.unit_code, v.indicator_code, v.year FROM indicator_values v "
            "JOIN indicators i ON i.code = v.indicator_code "
            "WHERE v.value < coalesce(i.min_value, -1e300) OR v.value > coalesce(i.max_value, 1e300)"
        ).fetchall()
    finally:
        con.close()
    # The planted 10x pupil count makes pupils per class and per teacher implausible, as intended.
    assert sorted(bad) == [("994", "th_hs_gv", 2018), ("994", "th_hs_lop", 2018)]


def test_demo_files_say_they_are_illustrative(tmp_path: Path, demo_store: Path) -> None:
    from openpyxl import load_workbook

    from etl.demo.build import write_demo_files
    from etl.reference import template_layout as layout

    files = write_demo_files(demo_store, tmp_path)
    assert len(files) == 14  # ten districts and four departments
    wb = load_workbook(files[0][0])
    assert "MINH HỌA" in wb[layout.INSTRUCTIONS_SHEET]["A1"].value
    assert all("MINH HỌA" in wb[s.name].cell(layout.NOTICE_ROW, 1).value for s in layout.DATA_SHEETS)


def test_budget_share_dips_below_the_resolution_floor(values: pd.DataFrame) -> None:
    share = series(values, "ns_tl_chi_gd", PROVINCE).set_index("year")["value"]
    assert share[2013] > 20 and share[2020] < 20 and share[2021] < 20 and share[2023] > 20


def test_the_narrow_assessment_query_gives_the_same_assessment(demo_store: Path) -> None:
    from page_models.assessment import build_assessment

    con = open_reader(demo_store)
    try:
        ref = {name: fetch_df(con, name) for name in ("catalogue", "targets")}
        years = {"first_year": 2013, "last_year": 2023}
        full = fetch_df(con, "values_for_indicators", {"indicator_codes": list(ref["catalogue"]["code"]), **years})
        narrow = fetch_df(con, "assessment_values", {"province_code": PROVINCE, **years})
    finally:
        con.close()
    assert len(narrow) < len(full) / 3
    a = build_assessment(full, ref["catalogue"], ref["targets"], PROVINCE, 2013, 2023).table
    b = build_assessment(narrow, ref["catalogue"], ref["targets"], PROVINCE, 2013, 2023).table
    pd.testing.assert_frame_equal(a, b)
