"""Writing the standard template for one unit (python -m etl template)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from etl.reference import template_layout as layout
from etl.reference.model import Indicator, Unit

NUMBER_FORMATS = {"count": "#,##0", "amount": "#,##0", "rate": "0.0", "ratio": "0.0", "level": "0", "status": "0"}
INPUT_FILL = PatternFill("solid", fgColor="FFF7E0")
HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
SECTION_FONT = Font(bold=True, color="1F3864")
NOTICE_FONT = Font(bold=True, color="C00000")

INSTRUCTIONS = (
    "HƯỚNG DẪN ĐIỀN BIỂU MẪU",
    "1. Mỗi đơn vị (huyện, thị xã, thành phố hoặc sở, ngành) điền một tệp; không đổi tên trang, "
    "không xóa hoặc chèn dòng, cột.",
    '2. Chỉ nhập số vào các ô màu vàng nhạt. Cột "Mã chỉ tiêu" và các tiêu đề đã được khóa.',
    "3. Số lượng nhập số nguyên không âm; tỷ lệ nhập theo phần trăm, ví dụ 85,5 (không nhập 0,855); "
    "mức phổ cập nhập 0, 1, 2 hoặc 3 (0 = chưa đạt); chỉ tiêu đạt/chưa đạt nhập 1 (đạt) hoặc 0 (chưa đạt).",
    "4. Ô không có số liệu thì để trống (không ghi 0). Số 0 chỉ dùng khi giá trị thực sự bằng 0.",
    "5. Các tỷ lệ như tỷ lệ trường đạt chuẩn quốc gia, số học sinh/lớp được tính tự động từ các "
    "chỉ tiêu thành phần, không cần nhập.",
    '6. Trang "Giáo dục (năm học)": cột 2013-2014 là năm học 2013-2014 (số liệu tại 30/9/2013; tỷ lệ bỏ học, '
    'hoàn thành, tốt nghiệp tính đến cuối năm học). Trang "GDNN - Lao động - Ngân sách": số liệu theo năm '
    "dương lịch; chi ngân sách theo số quyết toán. Số liệu chưa có tại ngày gửi (ví dụ tỷ lệ bỏ học của năm học "
    "chưa kết thúc) thì để trống.",
    "7. Gửi tệp cho Sở GD&ĐT trước hạn nộp báo cáo. Khi nạp, hệ thống kiểm tra từng ô và báo lỗi kèm "
    "tên trang và địa chỉ ô; tệp có lỗi sẽ không được nạp.",
    "Dữ liệu dùng cho tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW ngày 04/11/2013.",
)


def build_template(
    unit: Unit,
    indicators: Iterable[Indicator],
    group_names: Mapping[str, str],
    years: range,
    values: Mapping[tuple[str, int], float] | None = None,
    notice: str | None = None,
) -> Workbook:
    """The template workbook for one unit, optionally pre-filled with values
    keyed by (indicator_code, year); `notice` (e.g. "illustrative data") is
    printed in red above the table of every sheet."""
    reported = [i for i in indicators if i.input == "reported"]
    wb = Workbook()
    _write_instructions(wb.active, unit)
    for sheet in layout.DATA_SHEETS:
        rows = [i for i in reported if i.period_type == sheet.period_type]
        ws = wb.create_sheet(sheet.name)
        _write_data_sheet(ws, sheet, unit, rows, group_names, years, values or {})
        if notice:
            ws.cell(layout.NOTICE_ROW, 1, notice).font = NOTICE_FONT
    if notice:
        wb[layout.INSTRUCTIONS_SHEET].insert_rows(1)
        wb[layout.INSTRUCTIONS_SHEET]["A1"] = notice
        wb[layout.INSTRUCTIONS_SHEET]["A1"].font = NOTICE_FONT
    meta = wb.create_sheet(layout.META_SHEET)
    for key, value in (
        ("template_version", layout.TEMPLATE_VERSION),
        ("unit_code", unit.code),
        ("generated_at", datetime.now().isoformat(timespec="seconds")),
    ):
        meta.append([key, value])
    meta.sheet_state = "hidden"
    return wb


def _write_instructions(ws: Worksheet, unit: Unit) -> None:
    ws.title = layout.INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 120
    for line in (*INSTRUCTIONS, "", f"Đơn vị: {unit.name} (mã {unit.code})"):
        ws.append([line])
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=14)


def _write_data_sheet(
    ws: Worksheet,
    sheet: layout.DataSheet,
    unit: Unit,
    indicators: list[Indicator],
    group_names: Mapping[str, str],
    years: range,
    values: Mapping[tuple[str, int], float],
) -> None:
    last_col = layout.FIRST_YEAR_COLUMN + len(years)
    ws["A1"] = layout.TITLE
    ws["A1"].font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    ws["A2"], ws["B2"] = layout.UNIT_NAME_LABEL, unit.name
    ws["A3"], ws[layout.UNIT_CODE_CELL] = layout.UNIT_CODE_LABEL, unit.code
    ws["A4"] = sheet.period_note
    headers = [
        layout.CODE_HEADER,
        layout.NAME_HEADER,
        layout.UNIT_HEADER,
        *(layout.year_label(y, sheet.period_type) for y in years),
        layout.NOTE_HEADER,
    ]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(layout.HEADER_ROW, col, text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = layout.HEADER_ROW + 1
    current_group = None
    for ind in indicators:
        group = ind.group_code
        if group != current_group:
            ws.cell(row, 2, group_names.get(group, group)).font = SECTION_FONT
            current_group, row = group, row + 1
        _write_indicator_row(ws, row, ind, years, values)
        row += 1
    _finish_sheet(ws, last_col)


def _write_indicator_row(
    ws: Worksheet, row: int, ind: Indicator, years: range, values: Mapping[tuple[str, int], float]
) -> None:
    ws.cell(row, 1, ind.code)
    ws.cell(row, 2, ind.name_vi)
    ws.cell(row, 3, ind.unit)
    first = layout.FIRST_YEAR_COLUMN
    for offset, year in enumerate(years):
        cell = ws.cell(row, first + offset, values.get((ind.code, year)))
        cell.number_format = NUMBER_FORMATS[ind.kind]
        cell.fill = INPUT_FILL
        cell.protection = Protection(locked=False)
    ws.cell(row, first + len(years)).protection = Protection(locked=False)
    span = f"{get_column_letter(first)}{row}:{get_column_letter(first + len(years) - 1)}{row}"
    ws.add_data_validation(_validation_for(ind, span))


def _validation_for(ind: Indicator, span: str) -> DataValidation:
    low = 0 if ind.min_value is None else ind.min_value
    kind = "whole" if ind.kind in ("level", "status") else "decimal"
    if ind.max_value is None:
        dv = DataValidation(type=kind, operator="greaterThanOrEqual", formula1=f"{low:g}", allow_blank=True)
        rule = f"một số không nhỏ hơn {low:g}"
    else:
        dv = DataValidation(
            type=kind, operator="between", formula1=f"{low:g}", formula2=f"{ind.max_value:g}", allow_blank=True
        )
        rule = f"một số từ {low:g} đến {ind.max_value:g}"
    dv.error = f"{ind.name_vi} ({ind.unit}): nhập {rule}, hoặc để trống nếu không có số liệu."
    dv.errorTitle = "Giá trị không hợp lệ"
    dv.showErrorMessage = True
    dv.add(span)
    return dv


def _finish_sheet(ws: Worksheet, last_col: int) -> None:
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 58
    ws.column_dimensions["C"].width = 14
    for col in range(layout.FIRST_YEAR_COLUMN, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11
    ws.freeze_panes = ws.cell(layout.HEADER_ROW + 1, layout.FIRST_YEAR_COLUMN)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
