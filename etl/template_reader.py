"""Reading a filled standard template into raw cells."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from etl import template_layout as layout
from etl.issues import make_issue
from etl.records import Extracted, RawCell
from etl.text import clean_text, fold_key

SOURCE_KIND = "template"
_SEARCH_ROWS = 20
_SKIP_SHEETS = {fold_key(layout.INSTRUCTIONS_SHEET), fold_key(layout.META_SHEET)}


def read_template(content: bytes, file_label: str) -> Extracted:
    """Raw cells of every data sheet; problems of layout become issues."""
    out = Extracted(SOURCE_KIND)
    try:
        wb = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as exc:  # openpyxl raises many types for broken files
        out.issues.append(make_issue("file-unreadable", file=file_label, detail=_describe(exc, file_label)))
        return out
    data_sheets = [ws for ws in wb.worksheets if fold_key(ws.title) not in _SKIP_SHEETS]
    found_any = False
    for ws in data_sheets:
        header_row = _find_header_row(ws)
        if header_row is None:
            continue
        found_any = True
        _read_sheet(ws, header_row, file_label, out)
    if not found_any:
        first = data_sheets[0].title if data_sheets else None
        out.issues.append(make_issue("template-not-recognised", file=file_label, sheet=first))
    return out


def _describe(exc: Exception, file_label: str) -> str:
    if Path(file_label).suffix.lower() not in {".xlsx", ".xlsm"}:
        return "biểu mẫu chuẩn phải là tệp Excel .xlsx"
    return "tệp không phải Excel .xlsx hợp lệ, bị hỏng hoặc có mật khẩu"


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


def _read_sheet(ws: Worksheet, header_row: int, file_label: str, out: Extracted) -> None:
    unit = _find_unit_ref(ws, header_row)
    if unit is None:
        out.issues.append(make_issue("missing-unit-code", file=file_label, sheet=ws.title))
        return
    unit_ref, unit_cell = unit
    out.declared_unit = out.declared_unit or unit_ref
    year_columns = _year_columns(ws, header_row)
    for row in ws.iter_rows(min_row=header_row + 1):
        code_cell = row[0]
        if code_cell.value in (None, ""):
            continue  # section heading or blank row
        for col, label, label_cell in year_columns:
            cell = row[col - 1] if col - 1 < len(row) else ws.cell(code_cell.row, col)
            if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
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
                )
            )


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
