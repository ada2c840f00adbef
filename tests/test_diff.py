"""What a file would change, and the upload dry run end to end on a store (no Streamlit)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from etl.load.diff import diff_summary, diff_values
from etl.records import Value
from page_models.upload import check_upload, confirm_uploads, issues_workbook
from store import open_reader
from tests.conftest import set_cell


def value(unit: str, code: str, year: int, v: float) -> Value:
    return Value(unit, code, year, v, str(v), "S", "C1")


def test_diff_sorts_values_into_new_changed_and_unchanged() -> None:
    stored = {("990", "a", 2013): 10.0, ("990", "a", 2014): 12.0}
    diff = diff_values(
        [value("990", "a", 2013, 10.0), value("990", "a", 2014, 13.0), value("990", "a", 2015, 14.0)], stored
    )
    assert list(diff["change"]) == ["unchanged", "changed", "new"]
    assert list(diff["old"].fillna(-1)) == [10.0, 12.0, -1]
    summary = diff_summary(diff)
    assert summary[["new", "changed", "unchanged"]].values.tolist() == [[1, 1, 1]]


def test_tiny_float_noise_is_not_a_change() -> None:
    diff = diff_values([value("990", "a", 2013, 0.1 + 0.2)], {("990", "a", 2013): 0.3})
    assert list(diff["change"]) == ["unchanged"]


def test_dry_run_writes_nothing_and_confirm_loads_with_sender_and_archive(
    store: Path, write_template: Callable[..., Path], tmp_path: Path
) -> None:
    first = write_template("993", {("mn_truong", 2013): 20, ("mn_truong", 2014): 21})
    confirm_uploads(
        [check_upload(first.name, first.read_bytes(), store, None)],
        store,
        actor="lan",
        note=None,
        remember={},
        received_on=date(2023, 4, 20),
        max_bytes=None,
    )
    second = write_template("993", {("mn_truong", 2013): 20, ("mn_truong", 2014): 22, ("mn_truong", 2015): 23})
    before = store.read_bytes()
    check = check_upload("lan_2.xlsx", second.read_bytes(), store, None, sender="993")
    assert store.read_bytes() == before  # the dry run changed nothing
    assert check.can_confirm and check.change_counts == {"Mới": 1, "Thay đổi": 1, "Không đổi": 1}
    changed = check.diff[check.diff["change"] == "Thay đổi"].iloc[0]
    assert (changed["unit_name"], changed["year"], changed["old"], changed["new"]) == ("Huyện Hòa Phong", 2014, 21, 22)
    progress: list[tuple[int, int]] = []
    reports = confirm_uploads(
        [check],
        store,
        actor="lan",
        note="bổ sung 2015",
        remember={},
        received_on=date(2023, 5, 2),
        max_bytes=None,
        progress=lambda done, total, name: progress.append((done, total)),
    )
    assert [r.status for r in reports] == ["loaded"] and progress == [(0, 1), (1, 1)]
    con = open_reader(store)
    try:
        row = con.execute(
            "SELECT b.loaded_by, b.note, s.sender_code, s.received_on, f.content FROM batches b "
            "JOIN batch_sources s USING (batch_id) JOIN batch_files f USING (batch_id) WHERE batch_id = ?",
            [reports[0].batch_id],
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    assert row[:4] == ("lan", "bổ sung 2015", "993", date(2023, 5, 2))
    assert bytes(row[4]) == second.read_bytes()  # the original file, byte for byte


def test_files_with_errors_cannot_be_confirmed_and_the_report_downloads(
    store: Path, write_template: Callable[..., Path]
) -> None:
    path = write_template("993", {("mn_truong", 2013): 20, ("mn_truong", 2014): 21})
    bad_cell = set_cell(path, "mn_truong", 2013, "=cmd|' /C calc'!A0")
    check = check_upload(path.name, path.read_bytes(), store, None)
    assert not check.can_confirm and check.n_errors >= 1
    assert (
        confirm_uploads([check], store, actor="x", note=None, remember={}, received_on=date.today(), max_bytes=None)
        == []
    )
    sheet = load_workbook(io.BytesIO(issues_workbook(check))).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["Mức độ", "Mã lỗi", "Trang", "Ô"]
    assert any(row[3] == bad_cell and row[0] == "Lỗi" for row in rows[1:])
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # text never becomes a formula


def test_an_oversized_file_is_refused_before_reading(store: Path) -> None:
    check = check_upload("big.xlsx", b"x" * 2_000, store, max_bytes=1_000)
    assert not check.can_confirm and [i.code for i in check.report.issues] == ["file-too-large"]


def test_an_unknown_sender_is_refused(store: Path, write_template: Callable[..., Path]) -> None:
    from etl.load.pipeline import load_content

    path = write_template("993", {("mn_truong", 2013): 20})
    report = load_content(path.read_bytes(), path.name, store, sender_code="so_khong_co")
    assert report.status == "rejected" and report.issues[0].code == "unknown-sender"
    con = open_reader(store)
    try:
        assert con.execute("SELECT count(*) FROM batches").fetchone() == (0,)
    finally:
        con.close()
