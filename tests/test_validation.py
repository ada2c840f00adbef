"""One fixture per problem: each check reports its code at the right sheet and cell,
and a file with any error loads nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.load.pipeline import load_content, load_paths
from etl.reference import template_layout as layout
from store import open_reader
from tests.conftest import cell_of, current_values, set_cell

EDU = layout.DATA_SHEETS[0].name
BASE = {("th_truong", 2015): 20, ("th_truong_cqg", 2015): 10, ("th_hs", 2015): 9000, ("th_hs", 2016): 9100}


def issues_of(db: Path, path: Path) -> list[tuple[str | None, str | None, str, str]]:
    [report] = load_paths([path], db, dry_run=True)
    return [(i.sheet, i.cell, i.code, i.severity) for i in report.issues]


def store_counts(db: Path) -> tuple[int, int]:
    con = open_reader(db)
    try:
        row = con.execute("SELECT (SELECT count(*) FROM batches), (SELECT count(*) FROM observations)").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


@pytest.mark.parametrize(
    ("indicator", "year", "raw", "code"),
    [
        ("th_hs", 2017, "nhiều", "non-numeric-value"),
        ("th_hs", 2017, "1,234", "non-numeric-value"),  # ambiguous separator: never guessed
        ("th_hs", 2017, -5, "negative-count"),
        ("th_tl_hoanthanh", 2017, 120, "rate-out-of-range"),
        ("pc_th_muc", 2017, 4, "value-out-of-range"),
        ("th_truong_cqg", 2015, 25, "numerator-above-denominator"),  # 25 national-standard of 20 schools
    ],
)
def test_bad_value_is_an_error_at_its_cell(
    store: Path, write_template: Callable[..., Path], indicator: str, year: int, raw: object, code: str
) -> None:
    path = write_template("993", BASE)
    cell = set_cell(path, indicator, year, raw)
    assert (EDU, cell, code, "error") in issues_of(store, path)


def test_vietnamese_number_text_is_read(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    set_cell(path, "th_hs", 2017, "9.250")
    set_cell(path, "th_tl_hoanthanh", 2017, "98,5")
    [report] = load_paths([path], store, actor="test")
    assert report.status == "loaded"
    stored = current_values(store, "993")
    assert stored[("993", "th_hs", 2017)] == 9250 and stored[("993", "th_tl_hoanthanh", 2017)] == 98.5


def test_percent_formatted_fraction_is_scaled_with_a_note(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    sheet, cell = cell_of(path, "th_tl_hoanthanh", 2018)
    wb = load_workbook(path)
    wb[sheet][cell] = 0.985
    wb[sheet][cell].number_format = "0.0%"
    wb.save(path)
    assert (sheet, cell, "percent-fraction-scaled", "warning") in issues_of(store, path)
    load_paths([path], store, actor="test")
    assert current_values(store, "993")[("993", "th_tl_hoanthanh", 2018)] == pytest.approx(98.5)


def test_unknown_indicator_code_is_an_error_on_its_row(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    sheet, cell = cell_of(path, "th_hs", 2015)
    wb = load_workbook(path)
    ws = wb[sheet]
    row = ws[cell].row
    ws.protection.sheet = False
    ws.cell(row, 1).value = "th_hocsinh"
    wb.save(path)
    assert (sheet, f"A{row}", "unknown-indicator", "error") in issues_of(store, path)


def test_unknown_unit_is_an_error_at_the_unit_cell(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    wb = load_workbook(path)
    wb[EDU][layout.UNIT_CODE_CELL] = "Huyện Không Có"
    wb.save(path)
    assert (EDU, layout.UNIT_CODE_CELL, "unknown-unit", "error") in issues_of(store, path)


def test_unit_given_by_name_in_another_spelling_is_found(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    wb = load_workbook(path)
    for sheet in layout.DATA_SHEETS:
        wb[sheet.name][layout.UNIT_CODE_CELL] = "H. Hoà  Phong"  # old tone placement, double space
    wb.save(path)
    [report] = load_paths([path], store, actor="test")
    assert report.status == "loaded" and report.unit_code == "993"


def test_history_loads_with_a_note_and_only_impossible_years_are_errors(
    store: Path, write_template: Callable[..., Path]
) -> None:
    """Issue 13, item 9: 2011 is before every round's window but loads (an info issue); 2090 is an error."""
    path = write_template("993", {**BASE, ("th_hs", 2013): 8900})
    wb = load_workbook(path)
    wb[EDU].cell(layout.HEADER_ROW, 4).value = "2011-2012"
    wb.save(path)
    assert (None, None, "year-outside-review", "info") in issues_of(store, path)
    [report] = load_paths([path], store, dry_run=True)
    assert report.status == "validated" and ("993", "th_hs", 2011) in {
        (v.unit_code, v.indicator_code, v.year) for v in report.values
    }
    wb[EDU].cell(layout.HEADER_ROW, 4).value = "2090-2091"  # after next year: an impossible year
    wb.save(path)
    assert (EDU, "D6", "year-out-of-range", "error") in issues_of(store, path)


def test_duplicate_value_is_an_error(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    sheet, _ = cell_of(path, "th_hs", 2015)
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.protection.sheet = False
    row = ws.max_row + 1
    ws.cell(row, 1).value = "th_hs"
    ws.cell(row, 6).value = 9001  # column F = 2015-2016
    wb.save(path)
    assert (sheet, f"F{row}", "duplicate-cell", "error") in issues_of(store, path)


def test_jump_is_one_warning_and_the_file_still_loads(store: Path, write_template: Callable[..., Path]) -> None:
    values = {("th_hs", y): 9000 + 50 * (y - 2013) for y in range(2013, 2024)}
    values[("th_hs", 2018)] = 92500  # an extra zero
    path = write_template("993", values)
    sheet, cell = cell_of(path, "th_hs", 2018)
    assert issues_of(store, path) == [(sheet, cell, "yoy-jump", "warning")]
    [report] = load_paths([path], store, actor="test")
    assert report.status == "loaded"


def test_jump_across_a_definition_break_is_not_flagged(store: Path, write_template: Callable[..., Path]) -> None:
    values = {("th_gv", y): 500 for y in range(2018, 2022)}
    values |= {("th_gv_datchuan", 2018): 495, ("th_gv_datchuan", 2019): 497}
    values |= {("th_gv_datchuan", 2020): 330, ("th_gv_datchuan", 2021): 360}  # new standard from 2020
    assert issues_of(store, write_template("993", values)) == []


def test_jump_against_a_stored_year_is_found(store: Path, write_template: Callable[..., Path]) -> None:
    load_paths([write_template("993", {("th_hs", 2019): 9000}, "first.xlsx")], store, actor="test")
    path = write_template("993", {("th_hs", 2020): 4000}, "second.xlsx")
    assert [c for _, _, c, _ in issues_of(store, path)] == ["yoy-jump"]


def test_reported_rate_disagreeing_with_its_components_warns(store: Path, write_template: Callable[..., Path]) -> None:
    values = {("thpt_ts_duthi", 2019): 1000, ("thpt_ts_totnghiep", 2019): 950, ("thpt_tl_totnghiep", 2019): 98.0}
    path = write_template("993", values)
    sheet, cell = cell_of(path, "thpt_tl_totnghiep", 2019)
    assert issues_of(store, path) == [(sheet, cell, "reported-rate-mismatch", "warning")]


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bao_cao.xlsx", b"PK\x03\x04 not really a zip", "file-unreadable"),
        ("bao_cao.xls", b"\xd0\xcf\x11\xe0 legacy", "not-a-spreadsheet"),
        ("bao_cao.xlsx", b"", "file-empty"),
    ],
)
def test_unreadable_files_are_rejected(store: Path, name: str, content: bytes, code: str) -> None:
    report = load_content(content, name, store, actor="test")
    assert report.status == "rejected" and [i.code for i in report.issues] == [code]
    assert "không" in report.issues[0].message.lower()


def test_free_layout_header_without_values_is_rejected(store: Path, tmp_path: Path) -> None:
    """Not our template: read as a free layout (etl/reading/ingest.py), which finds a table but no values."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["STT", "Nội dung", "2013"])
    path = tmp_path / "tu_do.xlsx"
    wb.save(path)
    assert [c for _, _, c, _ in issues_of(store, path)] == ["no-values", "layout-detected"]


def test_empty_template_has_no_values(store: Path, write_template: Callable[..., Path]) -> None:
    assert [c for _, _, c, _ in issues_of(store, write_template("993", {}))] == ["no-values"]


def test_a_bad_file_loads_nothing(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", {**BASE, ("th_hs", 2019): 9300})
    set_cell(path, "th_hs", 2020, "x?y")  # one error among many good values
    before = store_counts(store)
    [report] = load_paths([path], store, actor="test")
    assert report.status == "rejected"
    assert store_counts(store) == before == (0, 0)


def test_issue_messages_name_the_file_and_are_vietnamese(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE, "Bao_cao_Hoa_Phong.xlsx")
    cell = set_cell(path, "th_truong", 2017, -3)
    [report] = load_paths([path], store, dry_run=True)
    [issue] = [i for i in report.issues if i.code == "negative-count"]
    assert issue.file == "Bao_cao_Hoa_Phong.xlsx" and issue.cell == cell and issue.raw_value == "-3"
    assert issue.message == "Số lượng không được âm: -3."
    assert "Bao_cao_Hoa_Phong.xlsx" in issue.location and cell in issue.location
