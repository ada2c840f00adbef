"""The draft's letterhead and signature block, in the issuing body's format (report.letterhead):
Party documents (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW) or state documents (Nghị định
30/2020/NĐ-CP, Phụ lục I); docs/export.md, "Document format by issuing body"."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from report import docx_layout as layout
from report.draft import Draft
from report.letterhead import Style

__all__ = ["centred", "letterhead", "run_text", "signature"]


def run_text(paragraph: Paragraph | _Cell, text: str, style: Style) -> None:
    target = paragraph.paragraphs[-1] if isinstance(paragraph, _Cell) else paragraph
    run = target.add_run(style.text(text))
    run.bold, run.italic, run.underline = style.bold, style.italic, style.underline
    layout.set_font(run, style.size_pt)


def _line(cell: _Cell, text: str, style: Style, first: bool = False) -> Paragraph:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.1  # room for the marks of capitals ("ĐẢNG", "HỘI ĐỒNG")
    run_text(paragraph, text, style)
    return paragraph


def _rule(cell: _Cell, width_cm: float, share: float) -> None:
    """A solid rule, centred, ``share`` of the column's width (Nghị định 30: under the issuer, 1/3–1/2
    of the line above; under the motto, as long as the motto)."""
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.first_line_indent = Cm(0)
    inset = Cm(width_cm * (1 - share) / 2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = inset
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    later = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc", "w:rPr")
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *later)  # the schema's order


def _two_columns(doc: DocumentObject, widths_cm: tuple[float, float]) -> tuple[_Cell, _Cell]:
    """A borderless two-column table of fixed widths (letterhead, signature)."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))  # a signature block never splits across pages
    margins = OxmlElement("w:tblCellMar")  # no cell padding: the columns' widths are the text's
    for side in ("w:left", "w:right"):
        edge = OxmlElement(side)
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)
    left, right = table.rows[0].cells
    return left, right


def letterhead(doc: DocumentObject, draft: Draft) -> None:
    fmt, who = draft.format, draft.issuer
    text_cm = 21.0 - (fmt.mm("margin_left") + fmt.mm("margin_right")) / 10
    widths = (fmt.mm("left_column_mm") / 10, text_cm - fmt.mm("left_column_mm") / 10)
    left, right = _two_columns(doc, widths)
    first = True
    if who.superior:
        _line(left, who.superior, fmt["superior"], first)
        first = False
    for i, part in enumerate(who.name):
        _line(left, part, fmt["issuer"], first and i == 0)
    if fmt["mark"].value == "rule":
        _rule(left, widths[0], 0.4)
    else:
        _line(left, fmt["mark"].value, fmt["mark"])
    _line(left, fmt["number"].value.replace("{suffix}", who.number_suffix), fmt["number"])
    _line(right, fmt["national"].value, fmt["national"], True)
    if "motto" in fmt.styles:
        _line(right, fmt["motto"].value, fmt["motto"])
        _rule(right, widths[1], 0.6)
    year = draft.round.deadline.year if draft.round else draft.last_year + 1
    _line(right, "", fmt["place_date"])
    _line(right, fmt["place_date"].value.replace("{place}", who.place).replace("{year}", str(year)), fmt["place_date"])


def centred(doc: DocumentObject, text: str, style: Style) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Cm(0)
    run_text(paragraph, text, style)
    return paragraph


def signature(doc: DocumentObject, draft: Draft) -> None:
    fmt, who = draft.format, draft.issuer
    if doc.paragraphs:  # the block never stands alone on a page: it keeps the text before it
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.keep_with_next = True
    left, right = _two_columns(doc, (8.0, 8.0))
    label = left.paragraphs[0]
    run_text(label, fmt["recipients_label"].value, fmt["recipients_label"])
    for i, name in enumerate(who.recipients):
        end = "." if i == len(who.recipients) - 1 else ","
        run_text(left.add_paragraph(), f"- {name}{end}", fmt["recipients"])
    for i, line in enumerate(who.authority):
        _line(right, line, fmt["authority"], i == 0)
    _line(right, who.signer_title, fmt["signer_title"], not who.authority)
    for _ in range(3):
        right.add_paragraph()
    signer = _line(right, "[Họ và tên người ký]", fmt["signer_name"])
    for run in signer.runs:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
