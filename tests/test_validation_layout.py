"""Layout and meaning problems found in review: each is reported at its cell, never
loaded as a wrong number and never silently dropped."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.load.pipeline import load_paths
from etl.reference import template_layout as layout
from etl.reference.model import Reference
from tests.conftest import cell_of, current_values, set_cell

EDU, OTHER = (s.name for s in layout.DATA_SHEETS)
BASE = {("th_truong", 2015): 20, ("th_hs", 2015): 9000, ("th_hs", 2016): 9100, ("gdnn_coso", 2015): 2}


def codes_at(db: Path, path: Path) -> list[tuple[str | None, str | None, str, str]]:
    [report] = load_paths([path], db, dry_run=True)
    return [(i.sheet, i.cell, i.code, i.severity) for i in report.issues]


def edit(path: Path, sheet: str, changes: dict[str, object], unprotect: bool = True) -> None:
    wb = load_workbook(path)
    ws = wb[sheet]
    if unprotect:
        ws.protection.sheet = False
    for cell, value in changes.items():
        ws[cell] = value
    wb.save(path)


def test_plain_year_header_on_the_school_year_sheet_is_refused(
    store: Path, write_template: Callable[..., Path]
) -> None:
    path = write_template("993", BASE)
    edit(path, EDU, {"F6": "2016"})  # "2016" = the school year ending 2016? or starting? never guess
    assert (EDU, "F6", "period-type-mismatch", "error") in codes_at(store, path)


def test_changed_unit_label_is_refused(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    _, cell = cell_of(path, "th_hs", 2015)
    row = cell[1:]
    edit(path, EDU, {f"C{row}": "nghìn học sinh"})
    assert (EDU, f"C{row}", "unit-label-mismatch", "error") in codes_at(store, path)


def test_formula_without_a_saved_result_is_an_error(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    sheet, cell = cell_of(path, "th_hs", 2017)
    edit(path, sheet, {cell: "=F10+1"})
    assert (sheet, cell, "formula-without-value", "error") in codes_at(store, path)


def test_value_in_a_row_without_code_is_an_error(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    edit(path, EDU, {"E7": 55})  # row 7 is the first group heading
    assert (EDU, "E7", "value-without-indicator", "error") in codes_at(store, path)


def test_merged_value_cells_are_an_error(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    sheet, cell = cell_of(path, "th_hs", 2013)
    wb = load_workbook(path)
    ws = wb[sheet]
    ws.protection.sheet = False
    ws[cell] = 8900
    ws.merge_cells(f"{cell}:F{cell[1:]}")
    wb.save(path)
    assert (sheet, cell, "merged-value-cell", "error") in codes_at(store, path)


def test_damaged_header_on_one_sheet_blocks_the_file(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    edit(path, OTHER, {"A6": "Mã"})
    assert (OTHER, None, "template-not-recognised", "error") in codes_at(store, path)


def test_extra_sheet_with_numbers_is_reported_and_not_read(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    wb = load_workbook(path)
    extra = wb.create_sheet("Nháp")
    extra["B3"], extra["D8"] = "994", 123
    wb.save(path)
    [report] = load_paths([path], store, actor="test")
    assert report.status == "loaded" and ("Nháp", None, "unexpected-sheet", "warning") in [
        (i.sheet, i.cell, i.code, i.severity) for i in report.issues
    ]
    assert {u for u, _, _ in current_values(store)} == {"993"}


def test_sheets_naming_different_units_are_refused(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    edit(path, OTHER, {layout.UNIT_CODE_CELL: "994"})
    assert (OTHER, layout.UNIT_CODE_CELL, "unit-differs-between-sheets", "error") in codes_at(store, path)


@pytest.mark.parametrize(
    ("indicator", "raw", "code"),
    [
        ("th_truong", 12.5, "not-whole-number"),
        ("pc_th_muc", 2.5, "not-whole-number"),
        ("th_truong", "13%", "percent-sign-not-allowed"),
    ],
)
def test_counts_and_levels_must_be_whole_numbers_without_percent(
    store: Path, write_template: Callable[..., Path], indicator: str, raw: object, code: str
) -> None:
    path = write_template("993", BASE)
    cell = set_cell(path, indicator, 2018, raw)
    assert (EDU, cell, code, "error") in codes_at(store, path)


def test_zero_denominator_with_a_positive_numerator_is_an_error(
    store: Path, write_template: Callable[..., Path]
) -> None:
    path = write_template("993", {("th_hs", 2016): 1000, ("th_lop", 2016): 0})
    sheet, cell = cell_of(path, "th_hs", 2016)
    assert (sheet, cell, "zero-denominator", "error") in codes_at(store, path)


def test_literal_percent_in_the_format_is_not_scaled(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", BASE)
    sheet, cell = cell_of(path, "th_tl_hoanthanh", 2018)
    wb = load_workbook(path)
    wb[sheet][cell] = 98.5
    wb[sheet][cell].number_format = '0.0"%"'
    wb.save(path)
    load_paths([path], store, actor="test")
    assert current_values(store, "993")[("993", "th_tl_hoanthanh", 2018)] == 98.5


def test_a_rate_row_typed_as_fractions_warns(store: Path, write_template: Callable[..., Path]) -> None:
    path = write_template("993", {("th_tl_hoanthanh", 2018): 0.98, ("th_tl_hoanthanh", 2019): 0.985})
    codes = [(c, s) for _, _, c, s in codes_at(store, path)]
    assert codes == [("rate-looks-like-fraction", "warning")]


def test_written_prefix_must_match_the_unit_kind(reference: Reference) -> None:
    assert reference.find_unit("Huyện Hòa Phong") == "993"
    assert reference.find_unit("Tỉnh Hòa Phong") is None
    assert reference.find_unit("Thành phố Tân Điền") is None
    assert reference.find_unit("Tỉnh Sơn Hà") == "99" and reference.find_unit("TP. Sơn Hà") == "990"
    assert reference.find_unit("Sơn Hà") is None  # province or city: ambiguous without a prefix
