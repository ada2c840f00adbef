"""The commendation list for the Standing Committee's decision, as DOCX and XLSX.

Administrative layout as in the report pack (Decree 30/2020: A4, Times New Roman,
margins), landscape for the wide table, header row repeated on every page; the
spreadsheet is formula-safe (report.sheets).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from analysis.commendations import FIELD_LABELS_VI, KIND_LABELS_VI, STATUS_LABELS_VI
from report import docx_layout as layout
from report.docx_layout import bordered_table
from report.sheets import Sheet, xlsx_bytes

HEADER = ["STT", "Tên tập thể, cá nhân", "Chức vụ, địa chỉ", "Đơn vị đề nghị", "Lĩnh vực", "Tóm tắt thành tích"]
WIDTHS_CM = [1.2, 5.0, 4.5, 4.0, 2.8, 7.2]
SECTIONS = (("I. TẬP THỂ, MÔ HÌNH, ĐIỂN HÌNH TIÊN TIẾN", ("collective", "model")), ("II. CÁ NHÂN", ("individual",)))


@dataclass(frozen=True)
class ListHeading:
    province_name: str  # "Tỉnh Sơn Hà"
    round_name: str
    as_of: date
    illustrative: bool = False


def nomination_rows(nominations: pd.DataFrame, kinds: tuple[str, ...]) -> list[list[str]]:
    part = nominations[nominations["kind"].isin(kinds)]
    return [
        [
            str(n),
            str(r["name"]) + (f" ({KIND_LABELS_VI['model'].lower()})" if r["kind"] == "model" else ""),
            str(r["position"] or ""),
            str(r["nominator_name"]),
            FIELD_LABELS_VI.get(str(r["field"]), str(r["field"])),
            str(r["achievement"]),
        ]
        for n, r in enumerate(part.to_dict("records"), start=1)
    ]


def list_docx(nominations: pd.DataFrame, heading: ListHeading) -> bytes:
    doc = Document()
    layout.setup_document(doc)
    layout.page(doc.sections[0], landscape=True)
    layout.centred(doc, f"UBND {heading.province_name.upper()}", bold=True)
    layout.centred(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    layout.centred(doc, "Độc lập – Tự do – Hạnh phúc", bold=True)
    layout.centred(doc, "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", bold=True)
    layout.centred(
        doc,
        "tập thể, cá nhân có thành tích xuất sắc trong 10 năm thực hiện Nghị quyết số 29-NQ/TW "
        "về đổi mới căn bản, toàn diện giáo dục và đào tạo",
        bold=True,
    )
    layout.centred(doc, f"({heading.round_name}; danh sách lập ngày {heading.as_of:%d/%m/%Y})", italic=True)
    if heading.illustrative:
        layout.centred(doc, "(Dữ liệu minh họa: mọi tên trong danh sách là giả định.)", italic=True)
    for title, kinds in SECTIONS:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        run = paragraph.add_run(title)
        run.bold = True
        rows = nomination_rows(nominations, kinds)
        if rows:
            bordered_table(doc, HEADER, rows, WIDTHS_CM, ["center", "left", "left", "left", "left", "left"])
        else:
            layout.body(doc, "Không có đề nghị.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def list_xlsx(nominations: pd.DataFrame, heading: ListHeading) -> bytes:
    frame = pd.DataFrame(
        {
            "Loại": nominations["kind"].map(KIND_LABELS_VI),
            "Tên tập thể, cá nhân": nominations["name"],
            "Chức vụ, địa chỉ": nominations["position"],
            "Đơn vị đề nghị": nominations["nominator_name"],
            "Lĩnh vực": nominations["field"].map(FIELD_LABELS_VI),
            "Tóm tắt thành tích": nominations["achievement"],
            "Tình trạng": nominations["status"].map(STATUS_LABELS_VI),
            "Ngày nhận hồ sơ": pd.to_datetime(nominations["received_on"]).dt.strftime("%d/%m/%Y"),
        }
    )
    title = f"Danh sách đề nghị khen thưởng — {heading.round_name} ({heading.province_name})"
    return xlsx_bytes([Sheet("Danh sách", frame, title=title, index=False)])


def commendation_heading(round_name: str, summary: pd.Series) -> ListHeading:
    """The list's heading from the store summary (province name, illustrative or not), dated today."""
    return ListHeading(str(summary["province_name"]), round_name, date.today(), bool(summary["illustrative"]))
