"""The DOCX data appendix: figures, then the summary and district × year tables (landscape).

The findings are in the report's draft (report.draft_docx), which this appendix accompanies;
it follows the draft's issuing body's page format (report.letterhead).

Numbers in tables are text formatted like the dashboard's (ui.format.format_value:
"1.234", "85,5%", "—" for a gap). Images are the PNGs rendered for the pack.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from page_models.tables import assessment_rows, formatted, verdict_label
from report import docx_layout as layout
from report.content import ReportContent, TableItem
from vocab.display import years_label
from vocab.labels import ASSESSMENT_COLUMNS, FLAG_NOTE, PARTIAL_NOTE

__all__ = ["FIGURE_WIDTH_CM", "HEADINGS", "docx_bytes"]

FIGURE_WIDTH_CM = 16.0  # the text width of a portrait A4 page with Decree 30 margins
HEADINGS = {"figures": "I. BIỂU ĐỒ", "tables": "II. BẢNG SỐ LIỆU"}
SUMMARY_COLUMNS = ["name_vi", "base", "latest", "change", "target", "verdict", "lagging"]
SUMMARY_WIDTHS_CM = [5.6, 2.6, 2.6, 3.0, 3.6, 2.4, 4.9]  # sums to the landscape text width, 24,7 cm
DISTRICT_COLUMN_CM = 5.0


def _title(doc: DocumentObject, content: ReportContent, attached_to: str | None) -> None:
    layout.centred(doc, "PHỤ LỤC", bold=True)
    layout.centred(
        doc,
        "SỐ LIỆU TỔNG KẾT 10 NĂM THỰC HIỆN NGHỊ QUYẾT SỐ 29-NQ/TW NGÀY 04/11/2013 CỦA BAN CHẤP HÀNH TRUNG ƯƠNG "
        "VỀ ĐỔI MỚI CĂN BẢN, TOÀN DIỆN GIÁO DỤC VÀ ĐÀO TẠO",
        bold=True,
    )
    school = years_label(content.first_year, content.last_year, "school_year")
    calendar = years_label(content.first_year, content.last_year, "calendar_year")
    layout.centred(doc, f"{content.province_name}: {school}; {calendar}", italic=True)
    if attached_to:
        layout.centred(doc, f"(Kèm theo {attached_to})", italic=True)
    if content.round is not None:
        layout.centred(
            doc,
            f"(Số liệu và mục tiêu tính đến ngày {content.round.known_on:%d/%m/%Y}, {content.round.name})",
            italic=True,
        )
    if content.illustrative:
        layout.centred(
            doc, "(Dữ liệu minh họa: tỉnh và mọi số liệu là giả định, chỉ dùng để trình diễn công cụ.)", italic=True
        )


def district_table(doc: DocumentObject, item: TableItem) -> None:
    layout.caption(doc, item.caption)
    frame = item.frame
    header = [str(frame.index.name or "Địa bàn"), *[str(c) for c in frame.columns]]
    cells = formatted(frame, item.unit, item.states, withhold=True)
    rows = [[str(name), *values] for name, values in zip(frame.index, cells.to_numpy().tolist(), strict=True)]
    years = len(header) - 1
    widths = [DISTRICT_COLUMN_CM] + [(layout.LANDSCAPE_TEXT_CM - DISTRICT_COLUMN_CM) / max(1, years)] * years
    layout.bordered_table(doc, header, rows, widths, ["left"] + ["right"] * years, _numbers_pt(rows))
    layout.source(doc, item.source)
    for note in table_notes(item):
        layout.source(doc, note)


def table_notes(item: TableItem) -> list[str]:
    """What the marks in a table mean, when it has any (DOCX and XLSX)."""
    marks = set() if item.states is None else {str(v) for v in item.states.to_numpy().ravel().tolist()}
    notes = [PARTIAL_NOTE] if any(m.startswith("partial") for m in marks) else []
    return notes + ([f"{FLAG_NOTE} Những giá trị này chưa đưa vào bảng."] if "flagged" in marks else [])


def _numbers_pt(rows: list[list[str]]) -> float:
    """12 pt, or smaller so that the widest number ("19.900.000") fits its year column on one line
    (words such as "chưa đủ số liệu (9/10 huyện)" wrap instead)."""
    widest = max((len(t) for row in rows for t in row[1:] if not any(c.isalpha() for c in t)), default=0)
    return 12 if widest <= 7 else 11 if widest <= 9 else 10


def summary_table(doc: DocumentObject, content: ReportContent) -> None:
    item = content.summary
    layout.caption(doc, item.caption)
    rule = content.round.school_year_deadline if content.round else "ending"
    text = assessment_rows(content.assessment.assign(link=""), rule)
    header = [ASSESSMENT_COLUMNS[c] for c in SUMMARY_COLUMNS]
    text["verdict"] = [verdict_label(row) for _, row in content.assessment.iterrows()]  # "" without a target
    rows = [[str(v) if not pd.isna(v) else "" for v in r] for r in text[SUMMARY_COLUMNS].to_numpy().tolist()]
    layout.bordered_table(
        doc, header, rows, SUMMARY_WIDTHS_CM, ["left", "right", "right", "right", "left", "left", "left"]
    )
    layout.source(doc, item.source)


def docx_bytes(
    content: ReportContent,
    pngs: Mapping[str, bytes],
    margins_mm: Mapping[str, float] | None = None,
    attached_to: str | None = None,
) -> bytes:
    """The appendix as a .docx file, in the page format of the report it accompanies (``attached_to``:
    "Báo cáo số …-BC/BCSĐ … của …")."""
    doc = Document()
    layout.setup_document(doc, margins_mm)
    _title(doc, content, attached_to)
    if content.figures:
        doc.add_heading(HEADINGS["figures"], level=1)
        for n, group in enumerate((g for g in content.groups if g.figures), start=1):
            doc.add_heading(f"{n}. {group.name}", level=2)
            for figure in group.figures:
                picture = doc.add_paragraph()
                picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
                picture.paragraph_format.keep_with_next = True
                picture.add_run().add_picture(io.BytesIO(pngs[figure.file_name]), width=Cm(FIGURE_WIDTH_CM))
                layout.caption(doc, figure.caption)
                layout.source(doc, figure.source)
    layout.new_section(doc, landscape=True, margins_mm=margins_mm)
    doc.add_heading(HEADINGS["tables"], level=1)
    summary_table(doc, content)
    for n, group in enumerate((g for g in content.groups if g.tables), start=1):
        doc.add_heading(f"{n}. {group.name}", level=2)
        for table in group.tables:
            district_table(doc, table)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
