"""The province's standard template: one definition shared by writer and reader."""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_VERSION = "1"
INSTRUCTIONS_SHEET = "Hướng dẫn"
META_SHEET = "_meta"
TITLE = "BIỂU SỐ LIỆU TỔNG KẾT 10 NĂM THỰC HIỆN NGHỊ QUYẾT 29-NQ/TW (2013–2023)"
UNIT_NAME_LABEL = "Đơn vị báo cáo:"
UNIT_CODE_LABEL = "Mã đơn vị:"
CODE_HEADER = "Mã chỉ tiêu"
NAME_HEADER = "Chỉ tiêu"
UNIT_HEADER = "Đơn vị tính"
NOTE_HEADER = "Ghi chú"
NOTICE_ROW = 5
HEADER_ROW = 6
FIRST_YEAR_COLUMN = 4  # D
UNIT_CODE_CELL = "B3"


@dataclass(frozen=True)
class DataSheet:
    name: str
    period_type: str
    period_note: str


DATA_SHEETS = (
    DataSheet(
        "Giáo dục (năm học)",
        "school_year",
        "Số liệu theo năm học: quy mô, đội ngũ, cơ sở vật chất tính tại thời điểm 30/9; "
        "tỷ lệ hoàn thành, tốt nghiệp, bỏ học tính đến cuối năm học.",
    ),
    DataSheet(
        "GDNN - Lao động - Ngân sách",
        "calendar_year",
        "Số liệu theo năm dương lịch (giáo dục nghề nghiệp, lao động, ngân sách).",
    ),
)


def year_label(year: int, period_type: str) -> str:
    """Column label: "2013-2014" for school years, "2013" for calendar years."""
    return f"{year}-{year + 1}" if period_type == "school_year" else str(year)
