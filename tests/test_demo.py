"""The demo province: loads cleanly and carries the stories listed in docs/demo.md (one test, or more, each)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis import assess_change, rank_units
from analysis.budget import present, presented_catalogue
from page_models.assessment import build_assessment
from store import fetch_df, open_reader
from tests.conftest import tracker_view

PROVINCE = "99"
LAGGING = "999"
AS_OF = date(2023, 4, 28)


@pytest.fixture(scope="module")
def values(demo_store: Path) -> pd.DataFrame:
    con = open_reader(demo_store)
    try:
        return con.execute(
            "SELECT unit_code, indicator_code, year, value, origin, complete, flagged, n_units, n_expected "
            "FROM indicator_values"
        ).df()
    finally:
        con.close()


@pytest.fixture(scope="module")
def assessment(demo_store: Path) -> pd.DataFrame:
    """The dashboard's assessment of the 2023 round (window 2013..2022, as of 28/4/2023)."""
    con = open_reader(demo_store)
    try:
        stored = fetch_df(con, "catalogue")
        prices = fetch_df(con, "price_index")
        rows = fetch_df(con, "assessment_values", {"province_code": PROVINCE, "first_year": 2013, "last_year": 2022})
        targets = fetch_df(con, "targets")
    finally:
        con.close()
    view = build_assessment(
        present(rows, stored, prices), presented_catalogue(stored), targets, PROVINCE, 2013, 2022, as_of=AS_OF
    )
    return view.table


def series(values: pd.DataFrame, indicator: str, unit: str | None = None) -> pd.DataFrame:
    rows = values[values["indicator_code"] == indicator]
    if unit is not None:
        rows = rows[rows["unit_code"] == unit]
    return rows[["unit_code", "year", "value"]].reset_index(drop=True)


def province(values: pd.DataFrame, indicator: str) -> pd.Series:
    return series(values, indicator, PROVINCE).set_index("year")["value"]


def row(assessment: pd.DataFrame, code: str, version: int = 0) -> pd.Series:
    found = assessment[(assessment["indicator_code"] == code) & (assessment["version"] == version)]
    assert len(found) == 1, code
    return found.iloc[0]


def test_the_store_loads_every_file_and_is_illustrative(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        units = con.execute("SELECT count(DISTINCT unit_code) FROM current_observations").fetchone()
        batches = con.execute(
            "SELECT count(*) FILTER (WHERE b.source_kind NOT LIKE 'survey:%'), "
            "count(*) FILTER (WHERE b.source_kind LIKE 'survey:%') "
            "FROM active_batches AS a JOIN batches AS b USING (batch_id)"
        ).fetchone()
        illustrative = con.execute("SELECT value FROM store_meta WHERE key = 'illustrative'").fetchone()
    finally:
        con.close()
    # 14 indicator files and 3 opinion survey exports (etl/demo/surveys.py)
    assert units == (11,) and batches == (14, 3) and illustrative == ("1",)


# 1 -------------------------------------------------------------------------------------------


def test_1_the_province_holds_what_it_had_on_28_april_2023(demo_store: Path, values: pd.DataFrame) -> None:
    con = open_reader(demo_store)
    try:
        last = dict(
            con.execute(
                "SELECT i.reference_date || ':' || i.period_type, max(o.year) FROM current_observations o "
                "JOIN indicators i ON i.code = o.indicator_code GROUP BY ALL"
            ).fetchall()
        )
        first = con.execute("SELECT min(year), max(year) FROM current_observations").fetchone()
    finally:
        con.close()
    # Stocks of school year 2022-2023, its outcomes only to 2021-2022; calendar 2022; budget to 2021.
    assert last == {
        "30/9:school_year": 2022,
        "31/5:school_year": 2021,
        "calendar:calendar_year": 2022,
        "settled:calendar_year": 2021,
    }
    assert first == (2012, 2022)  # 2012-2013 is there for the optional baseline, nothing after the window
    assert province(values, "th_tl_cqg").index.max() == 2022 and 2022 not in province(values, "thcs_tl_bohoc")


# 2, 3, 4 -------------------------------------------------------------------------------------


def test_2_strong_improvements(assessment: pd.DataFrame) -> None:
    for code, version in (("mn_tl_cqg", 1), ("th_tl_cqg", 1), ("th_tl_phong_kc", 0), ("mn_tl_huydong_nt", 0)):
        r = row(assessment, code, version)
        assert (r["trend"], r["standing"]) == ("improving", "result") and r["abs_change"] > 10, code
    labour = row(assessment, "ld_tl_quadaotao")
    assert labour["trend"] == "improving" and labour["abs_change"] > 15


def test_3_lower_secondary_dropout_worsens(assessment: pd.DataFrame) -> None:
    r = row(assessment, "thcs_tl_bohoc")
    assert (r["trend"], r["standing"], r["latest_year"]) == ("worsening", "weakness", 2021)
    assert (r["target_value"], r["target_year"], bool(r["target_due"])) == (0.5, 2025, False)


def test_4_one_district_lags_behind_the_others(values: pd.DataFrame) -> None:
    for code in ("th_tl_cqg", "mn_tl_phong_kc", "mn_tl_huydong_nt", "thcs_tl_dungtuoi"):
        districts = series(values, code)
        ranked = rank_units(districts[(districts["unit_code"] != PROVINCE) & (districts["year"] == 2022)], "up")
        assert ranked.loc[ranked["rank"].idxmax(), "unit_code"] == LAGGING, code


# 5, 6, 7, 8, 9 -------------------------------------------------------------------------------


def test_5_teacher_shortage_in_later_years(values: pd.DataFrame) -> None:
    for code, rise in (("th_hs_gv", 2.0), ("thcs_hs_gv", 1.5)):
        shown = province(values, code)
        # 2018 is skipped: the planted pupil-count error distorts it on purpose.
        assert shown[2022] > shown[2019] + rise and abs(shown[2017] - shown[2013]) < 1.5, code
    assert province(values, "th_gv")[2022] < province(values, "th_gv")[2019]
    for code in ("th_gv_lop", "thcs_gv_lop"):
        assert province(values, code)[2022] < province(values, code)[2017] - 0.1, code


def test_6_teacher_qualification_is_judged_per_standard(assessment: pd.DataFrame, values: pd.DataFrame) -> None:
    shown = province(values, "th_tl_gv_datchuan")
    assert shown[2019] > 95 and shown[2020] < 85 and shown[2022] > shown[2020]
    old, new = row(assessment, "th_tl_gv_datchuan", 0), row(assessment, "th_tl_gv_datchuan", 1)
    # QĐ 711's 100% "by 2020" on school year 2019-2020, the old standard's last year: not met.
    assert (old["target_year"], old["verdict_year"], old["verdict"]) == (2020, 2019, "not_met")
    assert 98 < old["verdict_value"] < 100 and old["latest_year"] == 2019
    # The new standard: its own base (2020-2021) and the 2030 roadmap target, not yet due.
    assert (new["base_year"], new["trend"], new["target_year"], bool(new["target_due"])) == (
        2020,
        "improving",
        2030,
        False,
    )
    assert "Nghị định 71/2020" in new["target_source"]


def test_7_the_2018_rules_dip_opens_the_new_version(values: pd.DataFrame, assessment: pd.DataFrame) -> None:
    shown = province(values, "th_tl_cqg")
    assert shown[2018] < shown[2017] and row(assessment, "th_tl_cqg", 1)["base_year"] == 2018


def test_8_targets_met_late_say_the_year_reached(assessment: pd.DataFrame) -> None:
    late = {
        (code, version): (row(assessment, code, version)["verdict"], row(assessment, code, version)["reached_year"])
        for code, version in (("pc_mn5", 0), ("th_tl_cqg", 1), ("ld_tl_quadaotao", 0))
    }
    assert late == {
        ("pc_mn5", 0): ("met_late", 2016),  # by 2015 = 2014-2015; Mường Khoa reached it in 2016-2017
        ("th_tl_cqg", 1): ("met_late", 2021),  # the province's ≥ 75% by 2020
        ("ld_tl_quadaotao", 0): ("met_late", 2021),  # 65–70% by 2020, judged against 65%
    }


def test_9_targets_issued_after_the_rounds_date_are_references(assessment: pd.DataFrame) -> None:
    judged = assessment["target_source"].dropna()
    assert not judged.str.contains("1705").any()
    mn = row(assessment, "mn_tl_cqg", 1)
    assert [t["comparator"] for t in mn["reference_targets"]] == [">"] and "1705" in mn["reference_targets"][0][
        "source"
    ]


# 10, 11, 12 ----------------------------------------------------------------------------------


def test_10_covid_dips_vocational_intake(values: pd.DataFrame) -> None:
    intake = province(values, "gdnn_tuyensinh")
    assert intake[2020] < intake[2019] and intake[2021] < intake[2019] and intake[2022] > intake[2019]


def test_11_budget_share_below_the_floor_in_the_last_settled_years(
    assessment: pd.DataFrame, values: pd.DataFrame
) -> None:
    share = province(values, "ns_tl_chi_gd")
    assert share[2013] > 20 and share[2020] < 20 and share[2021] < 20 and 2022 not in share
    floor = row(assessment, "ns_tl_chi_gd")
    assert (floor["verdict"], floor["verdict_year"], floor["standing"]) == ("not_met", 2021, "weakness")
    nominal, real = row(assessment, "ns_chi_gd"), row(assessment, "ns_chi_gd.gia2013")
    assert nominal["unit"] == real["unit"] == "tỷ đồng" and real["latest_value"] < nominal["latest_value"]
    assert row(assessment, "ns_chi_gd.hs")["unit"] == "triệu đồng/học sinh"


def test_11_education_spending_splits_into_recurrent_and_capital(values: pd.DataFrame) -> None:
    """The finance department reports both parts; capital spending's share grew with the
    solid-classroom programme to 2018 and fell in the COVID years."""
    total, recurrent, capital = (province(values, c) for c in ("ns_chi_gd", "ns_chi_sngd", "ns_chi_dtpt_gd"))
    # 2012 is the optional baseline; 2022's final accounts were not settled by 28/4/2023.
    assert list(total.index) == list(recurrent.index) == list(capital.index) == list(range(2012, 2022))
    assert all(recurrent[y] + capital[y] == total[y] for y in total.index)  # triệu đồng, as reported
    share = province(values, "ns_tl_dtpt_gd")
    assert share[2013] < share[2018] and share[2021] < share[2019] < share[2018]


def test_12_the_merged_district_is_no_sender_and_its_file_came_from_its_successor(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        sent = con.execute(
            "SELECT s.sender_code, max(o.year) FROM observations o JOIN batch_sources s USING (batch_id) "
            "WHERE o.unit_code = '997' GROUP BY ALL"
        ).fetchall()
    finally:
        con.close()
    view = tracker_view(demo_store, date(2023, 5, 20))
    assert sent == [("998", 2019)] and view.ended == ["Huyện Ngọc Lâm"]
    assert "997" not in {s.sender.code for s in view.statuses}


def test_12_province_rates_equal_summed_components(demo_store: Path, values: pd.DataFrame) -> None:
    con = open_reader(demo_store)
    try:
        frame = fetch_df(
            con,
            "series",
            {"indicator_code": "thcs_tl_bohoc", "unit_codes": [PROVINCE], "first_year": 2013, "last_year": 2022},
        )
    finally:
        con.close()
    districts = values[(values["unit_code"] != PROVINCE) & (values["origin"] == "reported")]
    for year, value in zip(frame["year"], frame["value"], strict=True):
        in_year = districts[districts["year"] == year]
        num = in_year.loc[in_year["indicator_code"] == "thcs_hs_bohoc", "value"].sum()
        den = in_year.loc[in_year["indicator_code"] == "thcs_hs", "value"].sum()
        assert value == pytest.approx(num / den * 100)


# 13, 14 ---------------------------------------------------------------------------------------


def test_13_exactly_one_planted_value_is_flagged_and_marks_what_contains_it(
    demo_store: Path, values: pd.DataFrame
) -> None:
    con = open_reader(demo_store)
    try:
        issues = con.execute(
            "SELECT code, severity, unit_code, indicator_code, year FROM batch_issues "
            "WHERE batch_id NOT IN (SELECT batch_id FROM survey_batches)"  # the surveys' own notes
        ).fetchall()
    finally:
        con.close()
    assert issues == [("yoy-jump", "warning", "994", "th_hs", 2018)]
    flagged = values[values["flagged"].astype(bool)]
    assert set(zip(flagged["unit_code"], flagged["indicator_code"], flagged["year"], strict=True)) == {
        (unit, code, 2018)
        for unit in ("994", PROVINCE)
        for code in ("th_hs", "th_hs_lop", "th_hs_gv", "th_tl_bohoc", "th_tl_2buoi")
    }


def test_13_every_value_lies_in_its_valid_range_but_the_planted_error(demo_store: Path) -> None:
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


def test_14_a_partial_province_figure_is_never_the_province(values: pd.DataFrame, assessment: pd.DataFrame) -> None:
    rows = values[(values["unit_code"] == PROVINCE) & (values["indicator_code"] == "th_tl_2buoi")].set_index("year")
    partial = rows[~rows["complete"].astype(bool)]
    assert list(partial.index) == [2012, 2013, 2014] and set(
        zip(partial["n_units"], partial["n_expected"], strict=True)
    ) == {(9, 10)}
    assert row(assessment, "th_tl_2buoi")["base_year"] == 2015  # assessed from the first complete year


# 15, 16 ---------------------------------------------------------------------------------------


def test_15_the_deadline_day_is_late_unless_the_round_says_otherwise(demo_store: Path) -> None:
    literal = tracker_view(demo_store, date(2023, 5, 20))
    inclusive = tracker_view(demo_store, date(2023, 5, 20), deadline_inclusive=True)
    status = {s.sender.code: s.status for s in literal.statuses}
    assert status["995"] == "late" and {s.sender.code: s.status for s in inclusive.statuses}["995"] == "on_time"
    assert "27/04/2023" in literal.deadline_rule and "vẫn đúng hạn" in inclusive.deadline_rule


def test_16_norms_rather_than_directions(assessment: pd.DataFrame, values: pd.DataFrame) -> None:
    for code, norm in (("th_hs_lop", 35), ("thcs_hs_lop", 45), ("thpt_hs_lop", 45), ("thcs_gv_lop", 1.9)):
        r = row(assessment, code)
        assert (r["target_scope"], r["target_value"], r["direction"], r["standing"]) == (
            "norm",
            norm,
            "neutral",
            "neutral",
        )
    city = series(values, "thcs_gv_lop", "990").set_index("year")["value"]
    assert city[2013] > 1.9 and city[2022] < 1.9


def test_demo_files_say_they_are_illustrative(tmp_path: Path, demo_store: Path) -> None:
    from openpyxl import load_workbook

    from etl.demo.build import write_demo_files
    from etl.reference import template_layout as layout

    files = write_demo_files(demo_store, tmp_path)
    assert len(files) == 14  # ten district files (Ngọc Lâm's sent by Sơn Cao) and four departments
    wb = load_workbook(files[0][0])
    assert "MINH HỌA" in wb[layout.INSTRUCTIONS_SHEET]["A1"].value
    assert all("MINH HỌA" in wb[s.name].cell(layout.NOTICE_ROW, 1).value for s in layout.DATA_SHEETS)
    header = [c.value for c in wb[layout.DATA_SHEETS[0].name][layout.HEADER_ROW]]
    assert header[3] == "2012-2013" and header[-2] == "2022-2023"  # the round's years, its baseline included


def test_the_narrow_assessment_query_gives_the_same_assessment(demo_store: Path) -> None:
    con = open_reader(demo_store)
    try:
        ref = {name: fetch_df(con, name) for name in ("catalogue", "targets")}
        years = {"first_year": 2013, "last_year": 2022}
        full = fetch_df(con, "values_for_indicators", {"indicator_codes": list(ref["catalogue"]["code"]), **years})
        narrow = fetch_df(con, "assessment_values", {"province_code": PROVINCE, **years})
    finally:
        con.close()
    assert len(narrow) < len(full) / 3
    a = build_assessment(full, ref["catalogue"], ref["targets"], PROVINCE, 2013, 2022, as_of=AS_OF).table
    b = build_assessment(narrow, ref["catalogue"], ref["targets"], PROVINCE, 2013, 2022, as_of=AS_OF).table
    pd.testing.assert_frame_equal(a, b)


def test_the_change_helpers_agree_with_the_assessment(values: pd.DataFrame, assessment: pd.DataFrame) -> None:
    change = assess_change(series(values, "mn_tl_huydong_nt", PROVINCE), "up", "%", 2013, 2022).iloc[0]
    assert change["abs_change"] == pytest.approx(row(assessment, "mn_tl_huydong_nt")["abs_change"])
