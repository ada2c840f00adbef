"""Page set-up and paragraph helpers for administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

A4 paper; margins top and bottom 2 cm, left 3 cm, right 2 cm; Times New Roman,
body text 14 pt, first line indented 1 cm, paragraphs 6 pt apart, single line
spacing; page numbers centred at the top from the second page on. Table cells
use 12 pt (a district × year table has 12 columns); tables sit in landscape
sections and repeat their header row on every page.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
A4 = (Cm(21.0), Cm(29.7))
MARGINS = {"top": Cm(2.0), "bottom": Cm(2.0), "left": Cm(3.0), "right": Cm(2.0)}
LANDSCAPE_TEXT_CM = 29.7 - 3.0 - 2.0
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
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win
        fonts.attrib.pop(qn(theme), None)


def setup_document(doc: DocumentObject) -> None:
    """Styles and the first section's page."""
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
    page(doc.sections[0], landscape=False)
    page_numbers(doc.sections[0])


def page(section: Section, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side, size in MARGINS.items():
        setattr(section, f"{side}_margin", size)
    section.header_distance = Cm(1.0)


def new_section(doc: DocumentObject, landscape: bool) -> Section:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    page(section, landscape)
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
