"""Page set-up and paragraph helpers for the report's documents.

A4 paper; the issuing body's margins (report.letterhead; by default Nghị định 30/2020/NĐ-CP's
top and bottom 2 cm, left 3 cm, right 2 cm); Times New Roman,
body text 14 pt, first line indented 1 cm, paragraphs 6 pt apart, single line
spacing; page numbers centred at the top from the second page on. Table cells
use 12 pt (a district × year table has 12 columns); tables sit in landscape
sections and repeat their header row on every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
A4 = (Cm(21.0), Cm(29.7))
MARGINS_MM = {"top": 20.0, "bottom": 20.0, "left": 30.0, "right": 20.0}
LANDSCAPE_TEXT_CM = 29.7 - 3.0 - 2.0  # also with the Party format's 35 + 15 mm
TABLE_STYLE_ID = "BangSoLieu"  # paragraph style of table cells: 12 pt, no indent, tight spacing


def set_font(style_or_run: object, size: float | None = None, bold: bool | None = None) -> None:
    """Times New Roman for every script (Latin, East Asian, complex), which Vietnamese needs in Word."""
    font = style_or_run.font  # type: ignore[attr-defined]
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = style_or_run.element if hasattr(style_or_run, "element") else style_or_run._element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    _times(fonts)


def _times(fonts: object) -> None:
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win
        fonts.attrib.pop(qn(theme), None)  # type: ignore[attr-defined]


def setup_document(doc: DocumentObject, margins_mm: Mapping[str, float] | None = None) -> None:
    """Styles and the first section's page. Every style of the template (and its defaults) is set
    to Times New Roman, so that no paragraph an editor restyles falls back to another font."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        _times(fonts)
    normal = doc.styles["Normal"]
    set_font(normal, BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(6), Pt(0), 1.0
    for name, size in (("Heading 1", BODY_PT), ("Heading 2", BODY_PT), ("Caption", BODY_PT - 1)):
        style = doc.styles[name]
        set_font(style, size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = False
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(12), Pt(6)
    cells = doc.styles.add_style(TABLE_STYLE_ID, WD_STYLE_TYPE.PARAGRAPH)
    cells.base_style = normal
    set_font(cells, TABLE_PT)
    cell_fmt = cells.paragraph_format
    cell_fmt.space_before, cell_fmt.space_after, cell_fmt.first_line_indent = Pt(1), Pt(1), Cm(0)
    page(doc.sections[0], landscape=False, margins_mm=margins_mm)
    page_numbers(doc.sections[0])


def page(section: Section, landscape: bool, margins_mm: Mapping[str, float] | None = None) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, size in (margins_mm or MARGINS_MM).items():
        setattr(section, f"{side}_margin", Cm(size / 10))
    section.header_distance = Cm(1.0)


def new_section(doc: DocumentObject, landscape: bool, margins_mm: Mapping[str, float] | None = None) -> Section:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page(section, landscape, margins_mm)
    return section


def page_numbers(section: Section) -> None:
    """PAGE field centred in the header, none on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    set_font(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def body(doc: DocumentObject, text: str, indent: bool = True, italic: bool = False) -> Paragraph:
    paragraph = doc.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.0)
    if italic:
        for run in paragraph.runs:
            run.italic = True
    return paragraph


def centred(
    doc: DocumentObject, text: str, bold: bool = False, italic: bool = False, size: float = BODY_PT
) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    set_font(run, size)
    return paragraph


def caption(doc: DocumentObject, text: str) -> Paragraph:
    """A numbered caption ("Biểu đồ 1. …", "Bảng 1. …"), centred, in the Caption style."""
    paragraph = doc.add_paragraph(text, style="Caption")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def source(doc: DocumentObject, text: str) -> Paragraph:
    """The source line under a figure or table: italic, 12 pt, right after it."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(3)
    run = paragraph.add_run(text)
    run.italic = True
    set_font(run, TABLE_PT)
    return paragraph


def _cell_xml(text: str, width: int, bold: bool, align: str, size_pt: float = TABLE_PT) -> str:
    run_pr = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{round(size_pt * 2)}"/>' if size_pt != TABLE_PT else "")
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{TABLE_STYLE_ID}"/><w:jc w:val="{align}"/></w:pPr>'
        f'<w:r><w:rPr>{run_pr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
    )


def bordered_table(
    doc: DocumentObject,
    header: list[str],
    rows: list[list[str]],
    widths_cm: list[float],
    aligns: list[str],
    size_pt: float = TABLE_PT,
) -> None:
    """A bordered table, header row repeated on every page, built as one XML fragment.

    (python-docx's cell-by-cell API takes ~0.2 s per 12 × 12 table; the pack has a hundred.)
    """
    twips = [round(w * 567) for w in widths_cm]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    head = "".join(_cell_xml(t, w, True, "center") for t, w in zip(header, twips, strict=True))
    body_rows = "".join(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + "".join(_cell_xml(t, w, False, align, size_pt) for t, w, align in zip(row, twips, aligns, strict=True))
        + "</w:tr>"
        for row in rows
    )
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>{body_rows}</w:tbl>"
    )
    table, body = parse_xml(xml), doc.element.body
    last = body.find(qn("w:sectPr"))  # the last section's properties stay the body's last child
    if last is not None:
        last.addprevious(table)
    else:
        body.append(table)
