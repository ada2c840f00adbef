"""Notes, policy events and the commendation register: versions, filtering, quotas, chart markers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis.commendations import Quota, check_quotas
from analysis.review import event_applies, event_markers, events_for, notes_for
from page_models.review import ReviewInputError, save_nomination, save_note, withdraw_record
from store import fetch_df, open_reader

NOTE = {
    "indicator_code": "th_tl_cqg",
    "unit_code": None,
    "first_year": 2015,
    "last_year": 2020,
    "kind": "result_cause",
    "text": "Ưu tiên vốn kiên cố hóa.",
}


def query(db: Path, name: str) -> pd.DataFrame:
    con = open_reader(db)
    try:
        return fetch_df(con, name)
    finally:
        con.close()


def test_a_note_round_trips_and_an_edit_keeps_the_earlier_text(store: Path) -> None:
    note_id = save_note(store, NOTE, "lan")
    save_note(store, {**NOTE, "text": "Ưu tiên vốn kiên cố hóa và xã hội hóa."}, "minh", note_id)
    current = query(store, "current_notes")
    assert current[["note_id", "version", "text", "author"]].values.tolist() == [
        [note_id, 2, "Ưu tiên vốn kiên cố hóa và xã hội hóa.", "minh"]
    ]
    con = open_reader(store)
    try:
        history = con.execute("SELECT version, text, status FROM notes ORDER BY version").fetchall()
    finally:
        con.close()
    assert history == [
        (1, "Ưu tiên vốn kiên cố hóa.", "active"),
        (2, "Ưu tiên vốn kiên cố hóa và xã hội hóa.", "active"),
    ]


def test_a_withdrawn_note_disappears_but_stays_in_the_history(store: Path) -> None:
    note_id = save_note(store, NOTE, "lan")
    withdraw_record(store, "notes", note_id, "lan")
    assert query(store, "current_notes").empty
    con = open_reader(store)
    try:
        rows = con.execute("SELECT version, status, text, first_year FROM notes ORDER BY version").fetchall()
    finally:
        con.close()
    assert rows == [(1, "active", NOTE["text"], 2015), (2, "withdrawn", NOTE["text"], 2015)]


def test_bad_notes_are_refused_in_vietnamese(store: Path) -> None:
    with pytest.raises(ReviewInputError, match="trống"):
        save_note(store, {**NOTE, "text": "  "}, "lan")
    with pytest.raises(ReviewInputError, match="Năm bắt đầu"):
        save_note(store, {**NOTE, "first_year": 2021}, "lan")
    assert query(store, "current_notes").empty


def test_notes_are_chosen_by_indicator_unit_and_overlapping_years() -> None:
    notes = pd.DataFrame(
        [
            {
                "note_id": 1,
                "indicator_code": "a",
                "unit_code": None,
                "first_year": 2015,
                "last_year": 2016,
                "kind": "x",
            },
            {
                "note_id": 2,
                "indicator_code": "a",
                "unit_code": "993",
                "first_year": None,
                "last_year": None,
                "kind": "x",
            },
            {
                "note_id": 3,
                "indicator_code": "a",
                "unit_code": "999",
                "first_year": 2013,
                "last_year": 2013,
                "kind": "x",
            },
            {
                "note_id": 4,
                "indicator_code": "b",
                "unit_code": None,
                "first_year": None,
                "last_year": None,
                "kind": "x",
            },
        ]
    )
    assert list(notes_for(notes, ["a"], ["993"], range(2016, 2024))["note_id"]) == [1, 2]
    assert list(notes_for(notes, ["a"], None, range(2013, 2015))["note_id"]) == [2, 3]
    assert list(notes_for(notes, ["a", "b"], [], range(2017, 2018))["note_id"]) == [4]


def test_event_selectors() -> None:
    assert event_applies("*", "th_tl_cqg", "dieu_kien")
    assert event_applies("group:dieu_kien", "th_tl_cqg", "dieu_kien")
    assert event_applies("mn_tl_cqg; th_tl_cqg", "th_tl_cqg", "dieu_kien")
    assert not event_applies("group:tiep_can;mn_tl_cqg", "th_tl_cqg", "dieu_kien")


def test_bundled_events_mark_the_indicators_they_affect(store: Path) -> None:
    events = query(store, "current_policy_events")
    cqg = event_markers(events_for(events, "th_tl_cqg", "dieu_kien", range(2013, 2024)))
    pupils = event_markers(events_for(events, "th_hs", "quy_mo", range(2013, 2024)))
    covid = event_markers(events_for(events, "thcs_tl_bohoc", "hieu_qua", range(2021, 2024)))
    assert (2018, "Tiêu chuẩn trường chuẩn quốc gia mới") in cqg
    assert [y for y, _ in pupils] == [2013, 2019]  # only the two resolutions concern every indicator
    assert covid == [(2020, "Đóng cửa trường do COVID-19 (2020–2022)")]  # a period overlapping 2021–2023


def test_an_event_after_the_rounds_date_is_not_drawn(store: Path) -> None:
    # KL 91-KL/TW of 12/8/2024 follows the 2023 round's date (28/4/2023); NQ 29 and KL 51 precede it.
    events = query(store, "current_policy_events")
    later = [y for y, _ in event_markers(events_for(events, "th_hs", "quy_mo", range(2013, 2030)))]
    as_of = [y for y, _ in event_markers(events_for(events, "th_hs", "quy_mo", range(2013, 2030), date(2023, 4, 28)))]
    assert later == [2013, 2019, 2024] and as_of == [2013, 2019]


def test_a_nomination_by_a_district_that_ended_is_flagged() -> None:
    from analysis.rounds import Round
    from page_models.review import build_register

    nominations = pd.DataFrame(
        [
            {"level": "district", "nominator_code": "997", "nominator_name": "Huyện Ngọc Lâm", "kind": "individual"}
            | {"name": "A", "position": None, "field": "education", "achievement": "x", "status": "proposed"}
            | {"received_on": date(2023, 4, 20)}
        ]
    )
    view = build_register(
        nominations, QUOTAS[:2], {"998": "Huyện Sơn Cao"}, Round("r", "Đợt", date(2023, 4, 28), 2013, 2022)
    )
    assert any(p.startswith("Huyện Ngọc Lâm: không còn là đơn vị đề nghị") for p in view.problems)


QUOTAS = [
    Quota("district", ("collective", "model"), 1, "1 tập thể"),
    Quota("district", ("individual",), 1, "1 cá nhân"),
    Quota("province", ("individual",), 5, "5 cá nhân"),
]


def nominations(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["level", "nominator_code", "kind", "received_on"])


def test_quotas_exactly_over_missing_and_late() -> None:
    frame = nominations(
        [
            ("district", "990", "model", "2023-04-28"),  # on the deadline day: late, "trước ngày 28/4" ends on the 27th
            ("district", "990", "individual", "2023-04-20"),
            ("district", "991", "individual", "2023-04-20"),
            ("district", "991", "individual", "2023-04-29"),  # over, and late
            *[("province", f"so_{i}", "individual", "2023-04-01") for i in range(4)],
        ]
    )
    checks = check_quotas(frame, QUOTAS, {"990": "TP", "991": "TX"}, date(2023, 4, 27))  # the last day on time
    got = [(c.nominator, c.quota.label, c.count, c.state, c.late) for c in checks]
    assert got == [
        ("TP", "1 tập thể", 1, "ok", 1),
        ("TX", "1 tập thể", 0, "missing", 0),
        ("TP", "1 cá nhân", 1, "ok", 0),
        ("TX", "1 cá nhân", 2, "over", 1),
        ("Các sở, ngành cấp tỉnh", "5 cá nhân", 4, "missing", 0),
    ]


def test_a_nomination_keeps_its_report_file_with_its_version(store: Path) -> None:
    fields = {
        "round_code": "tong_ket_10_nam",
        "level": "district",
        "nominator_code": "993",
        "kind": "individual",
        "name": "Người minh họa",
        "position": "Giáo viên",
        "field": "education",
        "achievement": "Thành tích",
        "indicators": None,
        "status": "proposed",
        "received_on": date(2023, 4, 20),
    }
    nid = save_nomination(store, fields, "lan", attachment=("bao_cao.docx", b"PK-report"))
    save_nomination(store, {**fields, "status": "accepted", "file_name": "bao_cao.docx"}, "lan", nid)
    current = query(store, "current_nominations")
    assert current[["version", "status", "file_name", "has_file", "file_version"]].values.tolist() == [
        [2, "accepted", "bao_cao.docx", True, 1]  # the edit keeps the report attached to version 1
    ]
    con = open_reader(store)
    try:
        files = con.execute("SELECT nomination_id, version, content FROM nomination_files").fetchall()
    finally:
        con.close()
    assert [(a, b, bytes(c)) for a, b, c in files] == [(nid, 1, b"PK-report")]


def test_the_demo_register_tells_its_story(demo_store: Path) -> None:
    from page_models.review import build_register, commendation_quotas
    from page_models.submissions import ended_before, rounds_from

    units = query(demo_store, "units")
    round_ = rounds_from(query(demo_store, "rounds"))[0]
    # Ngọc Lâm merged into Sơn Cao in 2020: no quota of its own in the 2023 round.
    holders = {
        str(r["code"]): str(r["name"])
        for r in units[units["parent_code"].notna()].to_dict("records")
        if not ended_before(r["valid_to"], round_)
    }
    assert "997" not in holders and len(holders) == 9
    view = build_register(query(demo_store, "current_nominations"), commendation_quotas(), holders, round_)
    assert not any("Ngọc Lâm" in p for p in view.problems) and "Huyện Ngọc Lâm" not in set(view.quotas["Đơn vị"])
    assert "Huyện Mường Khoa: thiếu (0/1 — 1 cá nhân)" in view.problems
    assert "Huyện Hòa Phong: vượt (2/1 — 1 cá nhân)" in view.problems
    assert "Các sở, ngành cấp tỉnh: thiếu (2/3 — 3 tập thể hoặc mô hình)" in view.problems
    assert (view.quotas["Tình trạng"] == "Vượt").sum() == 1


def test_events_appear_on_the_trend_chart_of_the_indicators_they_affect(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.test_pages import chart_specs, open_page

    cqg = json.dumps(
        chart_specs(open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="th_tl_cqg")), ensure_ascii=False
    )
    pupils = json.dumps(
        chart_specs(open_page(demo_store, monkeypatch, "pages/xu_huong.py", chi_tieu="th_hs")), ensure_ascii=False
    )
    assert "Tiêu chuẩn trường chuẩn quốc gia mới" in cqg and "NQ 29-NQ/TW" in cqg
    assert "Tiêu chuẩn trường chuẩn quốc gia mới" not in pupils and "KL 51-KL/TW" in pupils


def test_the_commendation_list_has_one_row_per_nomination_and_safe_cells(demo_store: Path) -> None:
    import io

    import docx
    from openpyxl import load_workbook

    from report.commendations import ListHeading, list_docx, list_xlsx

    nominations = query(demo_store, "current_nominations")
    nominations.loc[0, "name"] = '=HYPERLINK("http://x")'
    heading = ListHeading("Tỉnh Sơn Hà", "Tổng kết 10 năm NQ 29", date(2023, 5, 20), True)
    document = docx.Document(io.BytesIO(list_docx(nominations, heading)))
    collectives, individuals = document.tables
    is_individual = nominations["kind"] == "individual"
    assert len(individuals.rows) == 1 + int(is_individual.sum())  # header + one row each
    assert len(collectives.rows) == 1 + int((~is_individual).sum())
    assert [c.text for c in individuals.rows[0].cells][:2] == ["STT", "Tên tập thể, cá nhân"]
    names = {row.cells[1].text for row in individuals.rows[1:]}
    assert set(nominations.loc[is_individual, "name"]) == names
    assert individuals.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on every page
    sheet = load_workbook(io.BytesIO(list_xlsx(nominations, heading))).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert any(str(c.value).endswith('HYPERLINK("http://x")') for c in cells)
