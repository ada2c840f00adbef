"""The draft report as a .docx file: letterhead, title, the outline's rows, signature, appendix.

What the data can say is written; what only people can write is a prompt — italic, in square
brackets, highlighted — so that nobody signs a paragraph nobody wrote. Paragraph styles name
what each paragraph is, so an editor can restyle them at once and tests can read them:
"NhanDinh" a finding, "NguyenNhan" a cause or a note under it, "SoLieu" a statement of
resources, "MucNhanDinh" the "a) Kết quả đạt được" labels, "GoiY" a prompt.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from page_models.findings import Finding
from report import docx_layout as layout
from report.docx_letterhead import centred, letterhead, signature
from report.draft import Draft
from report.letterhead import DocumentFormat, Style
from report.opinions import add_opinion_section
from report.outline import OutlineRow

__all__ = ["STYLES", "draft_bytes", "heading_text"]

STYLES = {
    "finding": "NhanDinh",
    "note": "NguyenNhan",
    "fact": "SoLieu",
    "label": "MucNhanDinh",
    "prompt": "GoiY",
}
SUBJECT = (
    "tổng kết 10 năm thực hiện Nghị quyết số 29-NQ/TW ngày 04/11/2013 của Ban Chấp hành Trung ương Đảng "
    "(khóa XI) về đổi mới căn bản, toàn diện giáo dục và đào tạo"
)
_HEADING_STYLES = {1: "heading_1", 2: "heading_2", 3: "heading_3"}
_OTHER_WIDTHS_CM = [1.3, 3.9, 2.0, 8.8]


def _title(doc: DocumentObject, draft: Draft) -> None:
    fmt = draft.format
    centred(doc, "", fmt["body"])
    centred(doc, fmt["doc_type"].value, fmt["doc_type"])
    where = "" if draft.variant != "district" else f" trên địa bàn {draft.unit_name[:1].lower()}{draft.unit_name[1:]}"
    if draft.variant == "hdnd":
        subject = "kết quả lãnh đạo phân bổ nguồn lực và ban hành cơ chế, chính sách cho giáo dục và đào tạo qua "
        subject += SUBJECT.removeprefix("tổng kết ")
    else:
        subject = SUBJECT + where
    summary = centred(doc, f"{subject[:1].upper()}{subject[1:]}", fmt["summary"])
    summary.paragraph_format.space_after = Pt(0)
    centred(doc, "-----", fmt["body"]).paragraph_format.space_before = Pt(0)
    if draft.illustrative:
        note = "(Dự thảo từ dữ liệu minh họa: tỉnh và mọi số liệu là giả định, chỉ dùng để trình diễn công cụ.)"
        centred(doc, note, Style(size_pt=12, italic=True))


def _styles(doc: DocumentObject, fmt: DocumentFormat) -> None:
    for level, element in ((1, "part"), (2, "heading_1"), (3, "heading_2"), (4, "heading_3")):
        style, rule = doc.styles[f"Heading {level}"], fmt[element]
        layout.set_font(style, rule.size_pt, bold=rule.bold)
        style.font.italic = rule.italic
        style.paragraph_format.first_line_indent = Cm(0) if level == 1 else Cm(fmt.mm("indent_mm") / 10)
        style.paragraph_format.keep_with_next = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12 if level < 3 else 6), Pt(6)
    for key, (italic, bold) in {
        "finding": (False, False),
        "note": (True, False),
        "fact": (False, False),
        "label": (True, True),
        "prompt": (True, False),
    }.items():
        style = doc.styles.add_style(STYLES[key], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.font.italic, style.font.bold = italic, bold
        style.paragraph_format.first_line_indent = Cm(fmt.mm("indent_mm") / 10)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _paragraph(doc: DocumentObject, kind: str, text: str) -> Paragraph:
    paragraph = doc.add_paragraph(style=STYLES[kind])
    run = paragraph.add_run(text)
    if kind == "prompt":
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return paragraph


def prompt(doc: DocumentObject, text: str) -> None:
    if text:
        _paragraph(doc, "prompt", f"[Phần do cơ quan soạn thảo viết: {text}]")


def heading_text(row: OutlineRow, fmt: DocumentFormat, task_title: str = "") -> str | None:
    """What a row's heading reads: "Phần thứ nhất\\nKẾT QUẢ …", "I. CÔNG TÁC …", "1. Tăng cường …"; None without one."""
    title = row.title or task_title
    if not title and not row.number:
        return None
    if row.depth == 0:
        upper = fmt["part_title"].text(title)
        return f"{row.number}\n{upper}" if row.number else upper
    style = fmt[_HEADING_STYLES.get(row.depth, "heading_3")]
    return f"{row.number} {style.text(title)}".strip()


def _heading(doc: DocumentObject, row: OutlineRow, draft: Draft) -> None:
    title = draft.findings.task(row.tasks[0]).title if row.fill == "task" else ""
    text = heading_text(row, draft.format, title)
    if text is None:
        return
    if row.fill == "appendix":
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    paragraph = doc.add_heading(text, level=min(row.depth + 1, 4))
    if row.depth == 0:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _findings(doc: DocumentObject, label: str, items: list[Finding]) -> None:
    if not items:
        return
    _paragraph(doc, "label", label)
    for item in items:
        _paragraph(doc, "finding", f"- {item.text}")
        for note in item.notes:
            _paragraph(doc, "note", note)


def _fill(doc: DocumentObject, row: OutlineRow, draft: Draft) -> None:
    found = draft.findings
    if row.fill != "causes":
        prompt(doc, row.prompt.replace("[tên cơ quan]", draft.issuer.body))
    if row.fill == "task":
        part = found.task(row.tasks[0])
        _findings(doc, "a) Kết quả đạt được", part.results)
        _findings(doc, "b) Hạn chế, yếu kém" if part.results else "a) Hạn chế, yếu kém", part.weaknesses)
        if part.more:
            layout.body(doc, "Các kết quả, hạn chế khác của nhiệm vụ này được liệt kê tại Phụ lục số liệu, mục 2.")
    elif row.fill in ("results", "weaknesses"):
        side = "result" if row.fill == "results" else "weakness"
        label = "Những kết quả nổi bật:" if side == "result" else "Những hạn chế, yếu kém chủ yếu:"
        _findings(doc, label, found.top(side, row.tasks))
    elif row.fill == "causes":
        prompt(doc, row.prompt.replace("[tên cơ quan]", draft.issuer.body))
        for kind, label in (
            ("result_cause", "a) Nguyên nhân của kết quả"),
            ("weakness_cause", "b) Nguyên nhân của hạn chế"),
        ):
            causes = [c for c in found.causes if c.kind == kind and (not row.tasks or c.task in row.tasks)]
            if causes:
                _paragraph(doc, "label", label)
                for cause in causes:
                    _paragraph(doc, "note", f"- {cause.text}")
    elif row.fill == "facts":
        for sentence in draft.facts.get(row.id, []):
            _paragraph(doc, "fact", f"- {sentence.text}")
    elif row.fill == "data_files":
        layout.body(
            doc,
            "Kèm theo báo cáo này: Phụ lục biểu đồ và bảng số liệu theo địa bàn (tệp phu_luc_so_lieu.docx) và "
            "bảng tính các bảng số liệu (tệp bang_so_lieu.xlsx), tạo cùng bộ báo cáo từ cơ sở dữ liệu tổng kết.",
        )
    elif row.fill == "survey":
        add_opinion_section(
            doc, draft.survey_answers, draft.survey_quotes, draft.units, lambda text: _paragraph(doc, "label", text)
        )
    elif row.fill == "other_findings":
        _other_findings(doc, draft)
    elif row.fill == "sources":
        _sources(doc, draft)


def _other_findings(doc: DocumentObject, draft: Draft) -> None:
    rows = [
        [str(i), f"{t.number}. {t.short_title}", "Kết quả" if f.side == "result" else "Hạn chế", f.text]
        for i, (t, f) in enumerate(((t, f) for t in draft.findings.tasks for f in t.more), start=1)
    ]
    if not rows:
        layout.body(doc, "Không có: mọi nhận định đã nêu trong báo cáo.")
        return
    header = ["STT", "Nhiệm vụ, giải pháp", "Loại", "Nội dung"]
    layout.bordered_table(doc, header, rows, _OTHER_WIDTHS_CM, ["center", "left", "left", "left"])


def _sources(doc: DocumentObject, draft: Draft) -> None:
    layout.body(doc, f"- Số liệu: {draft.data_line.removeprefix('Nguồn: ')}")
    for source in draft.findings.sources:
        checked = f"; {source.checked}" if source.checked else ""
        layout.body(doc, f"- {source.short}: {source.full}{checked}.")
    for caveat in draft.caveats:
        layout.body(doc, f"- Lưu ý về số liệu: {caveat}")


def draft_bytes(draft: Draft) -> bytes:
    """The draft report as a .docx file."""
    doc = Document()
    margins = {side: draft.format.mm(f"margin_{side}") for side in ("top", "bottom", "left", "right")}
    layout.setup_document(doc, margins)
    _styles(doc, draft.format)
    letterhead(doc, draft)
    _title(doc, draft)
    signed = False
    for row in draft.outline:
        if row.fill == "appendix" and not signed:
            signature(doc, draft)
            signed = True
        _heading(doc, row, draft)
        _fill(doc, row, draft)
    if not signed:
        signature(doc, draft)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
