"""Numbers a leader can quote, output by output, on the demo province (docs/demo.md, stories 13 and 14).

* Partial: the province's two-session share (`th_tl_2buoi`) for school years 2012-2013 … 2014-2015
  covers 9 of 10 districts: never shown as the province's figure, always "chưa đủ số liệu (9/10 huyện)".
* Flagged: Tân Điền's primary pupils of 2018-2019 (typed ×10) carry an open warning; the province's
  pupils and every rate built on them that year contain it: marked "(!)" wherever shown, left out
  of the report's tables and charts until an analyst accepts it.
"""

from __future__ import annotations

import io
import json
import shutil
from datetime import date
from pathlib import Path

import docx
import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.budget import present, presented_catalogue
from page_models.assessment import build_assessment
from page_models.common import Selection
from page_models.compare import build_compare
from page_models.map import build_map
from page_models.quality import flagged_table, open_flags, record_decisions, sums_table
from page_models.submissions import rounds_from
from page_models.tables import exported, formatted
from page_models.trend import build_trend
from report.content import Options, load_content
from report.docx_writer import district_table
from report.pack import workbook_bytes
from report.sheets import csv_bytes
from store import fetch_df, open_reader
from tests.test_pages import chart_specs, open_page
from vocab.periods import known_on

PROVINCE = "99"
PARTIAL = "chưa đủ số liệu (9/10 huyện)"


@pytest.fixture(scope="module")
def ref(demo_store: Path) -> dict[str, object]:
    con = open_reader(demo_store)
    try:
        stored = fetch_df(con, "catalogue")
        prices = fetch_df(con, "price_index")
        codes = list(stored["code"])
        rows = fetch_df(con, "values_for_indicators", {"indicator_codes": codes, "first_year": 2012, "last_year": 2022})
        out = {
            "catalogue": presented_catalogue(stored),
            "units": fetch_df(con, "units"),
            "targets": fetch_df(con, "targets"),
            "values": present(rows, stored, prices),
            "round": rounds_from(fetch_df(con, "rounds"))[0],
        }
    finally:
        con.close()
    return out


def sel(ref: dict[str, object], code: str, first: int = 2013, units: tuple[str, ...] = ()) -> Selection:
    return Selection(code, units, first, 2022, PROVINCE, round=ref["round"])  # type: ignore[arg-type]


def trend(ref: dict[str, object], code: str, first: int = 2013, **kwargs: object):  # type: ignore[no-untyped-def]
    return build_trend(
        ref["values"],
        ref["catalogue"],
        ref["targets"],
        ref["units"],
        sel(ref, code, first),
        **kwargs,  # type: ignore[arg-type]
    )


# --- the trend chart and its table ---------------------------------------------------------


def test_trend_table_says_partial_and_marks_flagged(ref: dict[str, object]) -> None:
    view = trend(ref, "th_tl_2buoi", 2012)
    shown = formatted(view.table, view.unit, view.states)
    assert list(shown.loc["Tỉnh Sơn Hà", ["2012-2013", "2013-2014", "2014-2015"]]) == [PARTIAL] * 3
    assert shown.loc["Tỉnh Sơn Hà", "2015-2016"].endswith("%")
    flagged = formatted(*(lambda v: (v.table, v.unit, v.states))(trend(ref, "th_hs_lop")))
    assert flagged.loc["Huyện Tân Điền", "2018-2019"].endswith("(!)") and flagged.loc[
        "Tỉnh Sơn Hà", "2018-2019"
    ].endswith("(!)")
    assert not flagged.loc["Huyện Hòa Phong", "2018-2019"].endswith("(!)")


def test_trend_chart_leaves_a_gap_for_a_partial_province_figure(ref: dict[str, object]) -> None:
    view = trend(ref, "th_tl_2buoi", 2012)
    province = next(t for t in view.figure.data if t.name == "Tỉnh Sơn Hà")
    by_year = dict(zip(province.x, province.y, strict=True))
    assert all(pd.isna(by_year[y]) for y in (2012, 2013, 2014)) and not pd.isna(by_year[2015])
    assert view.gap_text == f"Toàn tỉnh không vẽ 2012-2013: {PARTIAL}; 2013-2014: {PARTIAL}; 2014-2015: {PARTIAL}."


def test_trend_chart_rings_flagged_values_and_the_report_withholds_them(ref: dict[str, object]) -> None:
    page = trend(ref, "th_hs_lop")
    ring = next(t for t in page.figure.data if t.name == "Giá trị đang xác minh (!)")
    assert list(ring.x) == [2018, 2018]  # the province and Tân Điền
    report = trend(ref, "th_hs_lop", withhold_flagged=True)
    assert not any(t.name == "Giá trị đang xác minh (!)" for t in report.figure.data)
    tan_dien = next(t for t in report.figure.data if t.name == "Huyện Tân Điền")
    assert pd.isna(dict(zip(tan_dien.x, tan_dien.y, strict=True))[2018])
    assert formatted(report.table, report.unit, report.states, withhold=True).loc["Huyện Tân Điền", "2018-2019"] == (
        "đang xác minh (!)"
    )


def test_trend_page_shows_the_marks(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="th_tl_2buoi", tu="2012")
    table = at.dataframe[0].value
    assert table.loc["Tỉnh Sơn Hà", "2012-2013"] == PARTIAL
    [spec] = chart_specs(at)
    province = next(t for t in spec["data"] if t.get("name") == "Tỉnh Sơn Hà")
    assert json.dumps(province["y"]).count("null") >= 3 or None in province["y"]
    assert any("chưa đủ số liệu" in c.value for c in at.caption)


# --- comparison, map, cards, assessment ------------------------------------------------------


def test_comparison_says_the_province_is_partial_and_marks_flagged_bars(ref: dict[str, object]) -> None:
    view = build_compare(ref["values"], ref["catalogue"], ref["units"], sel(ref, "th_tl_2buoi"), 2013)  # type: ignore[arg-type]
    texts = [a.text for a in view.ranked_bar.layout.annotations]
    assert f"Toàn tỉnh: {PARTIAL}" in texts and not view.ranked_bar.layout.shapes  # no province line
    flagged = build_compare(ref["values"], ref["catalogue"], ref["units"], sel(ref, "th_hs_lop"), 2018)  # type: ignore[arg-type]
    bars = flagged.ranked_bar.data[0]
    labels = dict(zip((c[2] for c in bars.customdata), bars.text, strict=True))  # full names (the axis has short ones)
    assert labels["Huyện Tân Điền"].endswith("(!)") and not labels["Huyện Hòa Phong"].endswith("(!)")
    assert any(a.text.endswith("(!)") for a in flagged.ranked_bar.layout.annotations)  # the province line's label
    heat = flagged.heatmap.data[0]
    row = list(heat.y).index("Tân Điền")
    assert heat.text[row][list(heat.x).index("2018-2019")].endswith("(!)")


def test_map_subtitle_says_the_province_is_partial(ref: dict[str, object]) -> None:
    view = build_map(ref["values"], ref["catalogue"], ref["units"], sel(ref, "th_tl_2buoi"), 2013)  # type: ignore[arg-type]
    assert any(f"<sup>Toàn tỉnh: {PARTIAL}</sup>" in a.text for a in view.figure.layout.annotations)
    flagged = build_map(ref["values"], ref["catalogue"], ref["units"], sel(ref, "th_hs_lop"), 2018)  # type: ignore[arg-type]
    assert formatted(flagged.table, flagged.unit, flagged.states).loc["Huyện Tân Điền", "2018-2019"].endswith("(!)")


def _hand_values(rows: list[tuple[str, int, float, bool, bool]]) -> pd.DataFrame:
    """(unit, year, value, complete, flagged) of one indicator "th_tl_cqg", province 99 and a district."""
    return pd.DataFrame(
        [
            {
                "unit_code": u,
                "unit_name": "Tỉnh" if u == PROVINCE else "Huyện A",
                "parent_code": None if u == PROVINCE else PROVINCE,
                "indicator_code": "th_tl_cqg",
                "year": y,
                "value": v,
                "complete": c,
                "flagged": f,
                "n_units": 9 if not c else 10,
                "n_expected": 10,
            }
            for u, y, v, c, f in rows
        ]
    )


def test_cards_and_assessment_use_only_usable_figures_and_say_why(ref: dict[str, object]) -> None:
    # 2013: 50 (complete); 2021: 70 (complete); 2022: 75 but only 9 of 10 districts. The assessment runs
    # 2013 → 2021 and the card says why 2022-2023 is not used.
    vals = _hand_values(
        [(PROVINCE, 2013, 50.0, True, False), (PROVINCE, 2021, 70.0, True, False), (PROVINCE, 2022, 75.0, False, False)]
    )
    view = build_assessment(vals, ref["catalogue"], ref["targets"].iloc[:0], PROVINCE, 2013, 2022)  # type: ignore[arg-type]
    card = view.headlines.iloc[0]
    assert (card["latest_year"], card["latest_value"]) == (2021, 70.0)
    assert card["latest_note"] == f"năm học 2022-2023: {PARTIAL}"
    # A flagged latest value is left out the same way, and said so with its mark.
    vals = _hand_values(
        [(PROVINCE, 2013, 50.0, True, False), (PROVINCE, 2021, 70.0, True, False), (PROVINCE, 2022, 99.0, True, True)]
    )
    card = build_assessment(vals, ref["catalogue"], ref["targets"].iloc[:0], PROVINCE, 2013, 2022).headlines.iloc[0]  # type: ignore[arg-type]
    assert (card["latest_year"], card["latest_note"]) == (2021, "năm học 2022-2023: 99,0% (!)")


def test_a_flagged_district_value_never_makes_a_district_lag(ref: dict[str, object]) -> None:
    vals = _hand_values(
        [(PROVINCE, 2013, 50.0, True, False), (PROVINCE, 2022, 70.0, True, False), ("990", 2022, 10.0, True, True)]
    )
    row = build_assessment(vals, ref["catalogue"], ref["targets"].iloc[:0], PROVINCE, 2013, 2022).table.iloc[0]  # type: ignore[arg-type]
    assert row["lagging"] == []


# --- quality page: sums, flags and the analyst's acceptance ------------------------------------


def test_quality_tables_say_partial_sums_and_flag_status() -> None:
    sums = pd.DataFrame(
        {
            "indicator_name": ["Số học sinh"],
            "unit": ["học sinh"],
            "year": [2019],
            "province_value": [1000.0],
            "district_sum": [900.0],
            "diff": [100.0],
            "n_units": [9],
            "n_expected": [10],
        }
    )
    table = sums_table(sums)
    assert (table["Tổng các huyện"].iloc[0], table["Chênh lệch"].iloc[0]) == (PARTIAL, "—")
    flags = pd.DataFrame(
        [
            {
                "unit_name": "Huyện A",
                "indicator_name": "X",
                "year": 2018,
                "period_type": "school_year",
                "raw_value": "1",
            }
            | {"message": "m", "file_name": "f", "sheet": "s", "cell": "c", "is_current": True, "decision": None}
            | {"decided_by": None, "decided_at": None, "decision_note": None}
        ]
    )
    assert flagged_table(flags)["Tình trạng"].iloc[0].startswith("Chưa xác nhận")


def test_an_analyst_accepts_a_flagged_value_and_the_marks_go(demo_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "accept.duckdb"
    shutil.copyfile(demo_store, db)

    def flagged_count() -> int:
        con = open_reader(db)
        try:
            return int(con.execute("SELECT count(*) FROM indicator_values WHERE flagged").fetchone()[0])  # type: ignore[index]
        finally:
            con.close()

    def warnings() -> pd.DataFrame:
        con = open_reader(db)
        try:
            return fetch_df(con, "flagged_values")
        finally:
            con.close()

    assert flagged_count() == 10  # Tân Điền and the province: pupils and four rates built on them
    pending = open_flags(warnings())
    assert len(pending) == 1
    assert record_decisions(db, pending.to_dict("records"), "accepted", "lan", "Huyện đã xác nhận số liệu") == 1
    assert flagged_count() == 0 and open_flags(warnings()).empty
    status = flagged_table(warnings())["Tình trạng"].iloc[0]
    assert status.startswith("Đã xác nhận (lan, ") and status.endswith(": Huyện đã xác nhận số liệu")
    record_decisions(db, warnings().to_dict("records"), "revoked", "hoa", "Chưa đủ căn cứ")
    assert flagged_count() == 10
    con = open_reader(db)
    try:
        decisions = con.execute("SELECT decision, decided_by FROM value_acceptances ORDER BY acceptance_id").fetchall()
    finally:
        con.close()
    assert decisions == [("accepted", "lan"), ("revoked", "hoa")]  # append-only: both kept


# --- exports: page tables, the report's tables --------------------------------------------------


def test_page_table_exports_keep_numbers_and_say_partial_and_flagged(ref: dict[str, object]) -> None:
    view = trend(ref, "th_tl_2buoi", 2012)
    out = exported(view.table, view.unit, view.states)
    assert out.loc["Tỉnh Sơn Hà", "2012-2013"] == PARTIAL
    assert isinstance(out.loc["Tỉnh Sơn Hà", "2016-2017"], float)  # a usable figure stays a number
    assert PARTIAL in csv_bytes(out).decode("utf-8-sig")
    flagged = trend(ref, "th_hs")
    assert exported(flagged.table, flagged.unit, flagged.states).loc["Huyện Tân Điền", "2018-2019"] == "117.660 (!)"


@pytest.fixture(scope="module")
def content(demo_store: Path):  # type: ignore[no-untyped-def]
    return load_content(demo_store, Options(group_codes=("quy_mo", "dieu_kien")))


def test_report_tables_keep_flagged_values_out_in_docx_and_xlsx(content) -> None:  # type: ignore[no-untyped-def]
    item = next(t for t in content.tables if t.indicator_code == "th_hs")
    doc = docx.Document()
    district_table(doc, item)
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in doc.tables[0].rows}
    column = rows["Địa bàn"].index("2018-2019")
    assert rows["Huyện Tân Điền"][column] == "đang xác minh (!)" and rows["Tỉnh Sơn Hà"][column] == "đang xác minh (!)"
    assert rows["Huyện Hòa Phong"][column].replace(".", "").isdigit()
    assert any("(!)" in p.text and "chưa đưa vào bảng" in p.text for p in doc.paragraphs)
    ws = load_workbook(io.BytesIO(workbook_bytes(content)))[f"Bảng {item.number}"]
    cells = [c.value for row in ws.iter_rows() for c in row]
    assert "đang xác minh (!)" in cells and 117660 not in cells and 207978 not in cells


def test_report_tables_say_partial(content) -> None:  # type: ignore[no-untyped-def]
    item = next(t for t in content.tables if t.indicator_code == "th_tl_2buoi")
    doc = docx.Document()
    district_table(doc, item)
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in doc.tables[0].rows}
    assert rows["Tỉnh Sơn Hà"][rows["Địa bàn"].index("2013-2014")] == PARTIAL


# --- the demo's pages and report as a whole (the "done when") ----------------------------


def test_the_report_shows_no_year_after_the_window_no_partial_no_cross_break_no_later_verdict(  # type: ignore[no-untyped-def]
    demo_store: Path,
) -> None:
    content = load_content(demo_store, Options())
    window = {f"{y}-{y + 1}" for y in range(2013, 2023)} | {str(y) for y in range(2013, 2023)}
    for table in content.tables[1:]:
        assert set(table.frame.columns) <= window, table.caption
        shown = formatted(table.frame, table.unit, table.states, withhold=True)
        province = shown.loc["Tỉnh Sơn Hà"] if "Tỉnh Sơn Hà" in shown.index else pd.Series(dtype=object)
        states = table.states.loc["Tỉnh Sơn Hà"] if "Tỉnh Sơn Hà" in table.states.index else pd.Series(dtype=object)
        for year, state in states.items():
            if str(state).startswith("partial"):
                assert province[year] == PARTIAL, (table.caption, year)
    for figure in content.figures:
        ticks = [int(t) for t in figure.figure.layout.xaxis.tickvals]
        assert max(ticks) <= 2022, figure.caption
    as_of = content.round.known_on
    for _, r in content.assessment.iterrows():
        breaks = [int(b) for b in [r["break_year"]] if not pd.isna(b)]
        assert pd.isna(r["base_year"]) or not breaks or r["base_year"] >= breaks[0], r["key"]  # within its version
        if not pd.isna(r["target_issued_on"]):
            assert pd.Timestamp(r["target_issued_on"]).date() <= as_of, r["key"]
        for t in r["targets_judged"]:
            assert pd.Timestamp(t["issued_on"]).date() <= as_of, r["key"]
    assert content.round.known_on == date(2023, 4, 28)
    # Nothing unknown on 28/4/2023 is reported: no outcome of 2022-2023, no 2022 budget.
    meta = content.assessment.set_index("key")
    for key, r in meta.iterrows():
        measured = "settled" if str(key).startswith("ns_") else None
        if measured and not pd.isna(r["latest_year"]) and r["period_type"] == "calendar_year":
            assert known_on(int(r["latest_year"]), "calendar_year", measured) <= as_of, key
