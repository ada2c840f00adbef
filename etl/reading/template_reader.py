"""Reading a filled standard template into raw cells.

Only the template's own data sheets are read, by name; anything the reader
cannot place (a value with no indicator code, a merged value cell, a formula
without a saved result, a sheet for another unit) is reported, never dropped.
"""

from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from etl.issues import Issue, make_issue
from etl.reading.grid import Grid
from etl.records import Extracted, RawCell
from etl.reference import template_layout as layout
from vocab.text import clean_text, fold_key

SOURCE_KIND = "template"
_SEARCH_ROWS = 20
_DATA_SHEETS = {fold_key(s.name) for s in layout.DATA_SHEETS}
_OTHER_SHEETS = {fold_key(layout.INSTRUCTIONS_SHEET), fold_key(layout.META_SHEET)}


def read_template(content: bytes, file_label: str, grids: list[Grid] | None = None) -> Extracted:
    """Raw cells of every data sheet; problems of layout become issues.

    ``grids`` are the file's sheets as etl/reading/grid.py read them, when the caller has them:
    their scan of the sheet XML says whether any formula lacks a saved result. Only then is the
    workbook opened a second time for its formulas (half of the reading time of a template).
    """
    out = Extracted(SOURCE_KIND)
    try:
        values_wb = load_workbook(io.BytesIO(content), data_only=True)
        formulas_wb = _formulas_workbook(content, grids)
    except Exception as exc:  # openpyxl raises many types for broken files
        out.issues.append(make_issue("file-unreadable", file=file_label, detail=_describe(exc, file_label)))
        return out
    data_sheets = [ws for ws in values_wb.worksheets if fold_key(ws.title) in _DATA_SHEETS]
    for ws in values_wb.worksheets:
        if fold_key(ws.title) not in _DATA_SHEETS | _OTHER_SHEETS and _has_numbers(ws):
            out.issues.append(make_issue("unexpected-sheet", file=file_label, sheet=ws.title))
    if not data_sheets:
        first = values_wb.worksheets[0].title if values_wb.worksheets else None
        out.issues.append(make_issue("template-not-recognised", file=file_label, sheet=first))
    for ws in data_sheets:
        header_row = _find_header_row(ws)
        if header_row is None:
            out.issues.append(make_issue("template-not-recognised", file=file_label, sheet=ws.title))
            continue
        _read_sheet(ws, formulas_wb, header_row, file_label, out)
    return out


def _formulas_workbook(content: bytes, grids: list[Grid] | None) -> Workbook | None:
    """The workbook with its formulas, unless the grids show no formula without a saved result."""
    if grids is not None and not any(g.formulas for g in grids):
        return None
    return load_workbook(io.BytesIO(content), data_only=False)


def _describe(exc: Exception, file_label: str) -> str:
    if Path(file_label).suffix.lower() not in {".xlsx", ".xlsm"}:
        return "biểu mẫu chuẩn phải là tệp Excel .xlsx"
    return "tệp không phải Excel .xlsx hợp lệ, bị hỏng hoặc có mật khẩu"


def _has_numbers(ws: Worksheet) -> bool:
    return any(isinstance(v, (int, float)) for row in ws.iter_rows(values_only=True) for v in row)


def _find_header_row(ws: Worksheet) -> int | None:
    target = fold_key(layout.CODE_HEADER)
    for row in range(1, min(ws.max_row, _SEARCH_ROWS) + 1):
        value = ws.cell(row, 1).value
        if isinstance(value, str) and fold_key(value) == target:
            return row
    return None


def _find_unit_ref(ws: Worksheet, header_row: int) -> tuple[str, str] | None:
    """(unit text, cell) from the cell right of the "Mã đơn vị:" label."""
    target = fold_key(layout.UNIT_CODE_LABEL)
    for row in ws.iter_rows(min_row=1, max_row=header_row - 1):
        for cell in row:
            if isinstance(cell.value, str) and fold_key(cell.value) == target:
                right = ws.cell(cell.row, cell.column + 1)
                if right.value not in (None, ""):
                    return clean_text(str(right.value)), right.coordinate
    return None


def _read_sheet(ws: Worksheet, formulas_wb: Workbook | None, header_row: int, file_label: str, out: Extracted) -> None:
    unit = _find_unit_ref(ws, header_row)
    if unit is None:
        out.issues.append(make_issue("missing-unit-code", file=file_label, sheet=ws.title))
        return
    unit_ref, unit_cell = unit
    if out.declared_unit is not None and fold_key(out.declared_unit) != fold_key(unit_ref):
        out.issues.append(
            make_issue(
                "unit-differs-between-sheets",
                file=file_label,
                sheet=ws.title,
                cell=unit_cell,
                raw_value=unit_ref,
                first_unit=out.declared_unit,
            )
        )
        return
    out.declared_unit = unit_ref
    year_columns = _year_columns(ws, header_row)
    formulas = formulas_wb[ws.title] if formulas_wb is not None else None
    merged = {c for r in ws.merged_cells.ranges if r.min_row > header_row for c in _cells_of(r)}
    for row in ws.iter_rows(min_row=header_row + 1):
        code_cell = row[0]
        unit_label = row[2].value if len(row) > 2 else None
        for col, label, label_cell in year_columns:
            cell = row[col - 1] if col - 1 < len(row) else ws.cell(code_cell.row, col)
            problem = _cell_problem(
                cell.coordinate,
                cell.value,
                formulas[cell.coordinate].value if formulas is not None else None,
                merged,
                code_cell.value,
                ws.title,
                file_label,
            )
            if problem is not None:
                out.issues.append(problem)
                continue
            if _is_blank(cell.value):
                continue
            out.cells.append(
                RawCell(
                    ws.title,
                    cell.coordinate,
                    unit_ref,
                    clean_text(str(code_cell.value)),
                    label,
                    cell.value,
                    cell.number_format or "General",
                    unit_cell,
                    code_cell.coordinate,
                    label_cell,
                    None if _is_blank(unit_label) else clean_text(str(unit_label)),
                )
            )


def _cell_problem(
    coordinate: str, value: object, formula: object, merged: set[str], code: object, sheet: str, file_label: str
) -> Issue | None:
    where: dict[str, Any] = {"file": file_label, "sheet": sheet, "cell": coordinate}
    if isinstance(formula, str) and formula.startswith("=") and value is None:
        return make_issue("formula-without-value", raw_value=formula, **where)
    if isinstance(value, float) and not math.isfinite(value):
        return make_issue("value-not-finite", raw_value=value, **where)
    if coordinate in merged:
        return make_issue("merged-value-cell", raw_value=value, **where) if not _is_blank(value) else None
    if not _is_blank(value) and _is_blank(code):
        return make_issue("value-without-indicator", raw_value=value, **where)
    return None


def _cells_of(r: CellRange) -> list[str]:
    return [
        f"{get_column_letter(c)}{row}"
        for row in range(r.min_row, r.max_row + 1)
        for c in range(r.min_col, r.max_col + 1)
    ]


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _year_columns(ws: Worksheet, header_row: int) -> list[tuple[int, object, str]]:
    """(column, header label, header cell) of the value columns: after "Đơn vị tính", before "Ghi chú"."""
    note = fold_key(layout.NOTE_HEADER)
    columns = []
    for col in range(layout.FIRST_YEAR_COLUMN, ws.max_column + 1):
        label = ws.cell(header_row, col).value
        if label is None:
            continue
        if isinstance(label, str) and fold_key(label) == note:
            break
        columns.append((col, label, ws.cell(header_row, col).coordinate))
    return columns
