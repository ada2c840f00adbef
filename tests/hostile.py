"""A generator of hostile and broken files, each with the outcome the loader must give it.

``corpus()`` returns at least 40 ``Case``s: the kinds issue 18 found killing or fooling the
loader (a far cell, zip bombs, a long CSV field, impossible counts, Markdown in names, UTF-16
exports, NaN in the XML) and the kinds it already refused (corrupt zips, renamed PDFs, XXE,
entity expansion, negative counts, rates over 100 %, duplicates, formulas without values).
Workbooks are written as raw XML parts, so that every byte is what the case says. The expected
outcomes are written here by hand from what each file is, never from running the loader.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from tests.hostile_parts import patch_sizes, plain_zip, rewrite, rows, xlsx

UNIT = "UBND HUYỆN HOÀ PHONG"  # district 993 of the demo registry
MARKDOWN_NAME = "[Bấm vào đây](http://example.invalid/x) ![x](http://example.invalid/x.png)"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[], bytes]
    status: str  # rejected | loaded (dry run: validated) | nothing
    code: str | None  # an issue code the report must hold (None: none in particular)
    why: str


def district_table(values: list[list[object]], unit: str = UNIT, label: str = "Chỉ tiêu") -> list[list[object]]:
    """Indicator rows x two school years, for one district: the shape every case varies."""
    return [[unit], [label, "2013-2014", "2014-2015"], *values]


GOOD = [["Số trường tiểu học", 12, 13], ["Số học sinh tiểu học", 1200, 1300]]


def good_workbook(shift: int = 0) -> bytes:
    values = [[name, a + shift, b + shift] for name, a, b in GOOD]  # type: ignore[operator]
    return xlsx({"Sheet": rows(district_table(values))})


def _with(extra: str, sheet: str = "Sheet") -> bytes:
    return xlsx({sheet: rows(district_table(GOOD)) + extra})


def far_cell(ref: str = "XFD1048576") -> bytes:
    digits = "".join(ch for ch in ref if ch.isdigit())
    return _with(f'<row r="{digits}"><c r="{ref}"><v>1</v></c></row>')


def dimension_only() -> bytes:
    content = good_workbook()
    return rewrite(content, lambda xml: xml.replace(b"<sheetData>", b'<dimension ref="A1:XFD1048576"/><sheetData>'))


def formatted_far_cell() -> bytes:
    return _with('<row r="1048576"><c r="XFD1048576" s="0"/></row>')


def zip_bomb(megabytes: int = 40) -> bytes:
    """One sheet of a single repeated filled row: tiny on disk, ``megabytes`` inflated."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    body = row * (megabytes * 1_000_000 // len(row))
    return rewrite(good_workbook(), lambda xml: xml.replace(b"</sheetData>", body + b"</sheetData>"))


def declared_size_bomb() -> bytes:
    """A sheet part whose zip header claims 3 GB uncompressed (nothing that large is inside)."""
    return patch_sizes(good_workbook(), "xl/worksheets/sheet1.xml", 3_000_000_000)


def lying_zip_size() -> bytes:
    """A sheet part whose header claims fewer bytes than it inflates to (a bomb that hides its size)."""
    return patch_sizes(good_workbook(), "xl/worksheets/sheet1.xml", 100)


def corrupt_zip() -> bytes:
    return good_workbook()[:700]


def nan_cells() -> bytes:
    return xlsx(
        {
            "Sheet": rows(
                district_table([["Số trường tiểu học", 12, "<v>NaN</v>"], ["Số học sinh tiểu học", 1200, "<v>INF</v>"]])
            )
        }
    )


def xxe() -> bytes:
    prolog = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    table = district_table([["Số trường tiểu học", 12, 13], ["&xxe;", 1, 2]])
    body = rows(table).replace("&amp;xxe;", "&xxe;")
    return xlsx({"Sheet": body}, prolog=prolog)


def entity_expansion() -> bytes:
    lol = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    prolog = f'<!DOCTYPE worksheet [<!ENTITY l0 "lol">{lol}]>'
    body = rows(district_table([["Số trường tiểu học", 12, 13], ["&l9;", 1, 2]])).replace("&amp;l9;", "&l9;")
    return xlsx({"Sheet": body}, prolog=prolog)


def values_case(values: list[list[object]], unit: str = UNIT) -> Callable[[], bytes]:
    return lambda: xlsx({"Sheet": rows(district_table(values, unit))})


def formula_without_value() -> bytes:
    return xlsx({"Sheet": rows(district_table([["Số trường tiểu học", 12, "<f>B3+1</f>"], GOOD[1]]))})


def template_far_cell() -> bytes:
    table: list[list[object]] = [
        ["Mã đơn vị:", "993"],
        ["Mã chỉ tiêu", "Chỉ tiêu", "ĐVT", "2013-2014"],
        ["th_truong", "Số trường", "trường", 12],
    ]
    return xlsx({"Mầm non": rows(table) + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'})


# --- text files --------------------------------------------------------------------------------


def csv_text(values: list[list[object]], sep: str = ",", unit: str = UNIT) -> str:
    lines: list[list[object]] = [[unit], ["Chỉ tiêu", "2013-2014", "2014-2015"], *values]
    return "\n".join(sep.join(_csv_field(v, sep) for v in line) for line in lines) + "\n"


def _csv_field(value: object, sep: str) -> str:
    text = str(value)
    return f'"{text.replace(chr(34), chr(34) * 2)}"' if sep in text or '"' in text or "\n" in text else text


def plain_csv(rows: int = 2) -> bytes:
    values = [[f"Số trường tiểu học {i}" if i else "Số trường tiểu học", 12, 13] for i in range(rows)]
    return csv_text(values).encode("utf-8")


def long_csv_field() -> bytes:
    return csv_text([GOOD[0], ["x" * 140_000, 1, 2]]).encode("utf-8")


def unicode_text(bom: bool = True) -> bytes:
    text = csv_text(GOOD, sep="\t")
    return text.encode("utf-16") if bom else text.encode("utf-16-le")


def wide_csv() -> bytes:
    return (",".join(["Chỉ tiêu", *(str(2013 + i % 10) for i in range(3000))]) + "\nSố trường tiểu học,1\n").encode()


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _encrypted() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 600


def _broken_xls() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le") + b"\x00" * 600


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + zlib.compress(b"\x00" * 100)


def _hidden_sheet() -> bytes:
    return xlsx({"Sheet": rows(district_table(GOOD)), "An": rows(district_table(GOOD))}, hidden=("An",))


def _shared_string_bomb() -> bytes:
    """A 1 MB label in one cell beside readable values."""
    return xlsx({"Sheet": rows(district_table([*GOOD, ["y" * 1_000_000, 1, 2]]))})


def _deep_xml() -> bytes:
    return rewrite(
        good_workbook(), lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b"<x>" * 50_000 + b"</x>" * 50_000)
    )


def _many_sheets() -> bytes:
    return xlsx({f"T{i}": rows(district_table(GOOD)) for i in range(200)})


def corpus() -> list[Case]:
    c = Case
    n_pupils = "Số học sinh tiểu học"
    per_class = "Số học sinh bình quân một lớp tiểu học"
    return [
        c("xa_XFD1048576.xlsx", far_cell, "rejected", "sheet-rows-over-limit", "one cell at the last cell of a sheet"),
        c("xa_XFD1.xlsx", lambda: far_cell("XFD1"), "rejected", "sheet-columns-over-limit", "the last column"),
        c("xa_A1048576.xlsx", lambda: far_cell("A1048576"), "rejected", "sheet-rows-over-limit", "the last row"),
        c(
            "xa_ZZ150000.xlsx",
            lambda: far_cell("ZZ150000"),
            "rejected",
            "workbook-cells-over-limit",
            "a wide tall area",
        ),
        c("mau_xa.xlsx", template_far_cell, "rejected", "sheet-rows-over-limit", "our template with a far cell"),
        c("dimension_gia.xlsx", dimension_only, "loaded", None, "only the <dimension> claims XFD1048576"),
        c("o_trong_xa.xlsx", formatted_far_cell, "loaded", None, "a formatted empty cell far away"),
        c("bom_nen.xlsx", zip_bomb, "rejected", "zip-ratio-over-limit", "40 MB of XML in a few hundred KB"),
        c("bom_khai_3GB.xlsx", declared_size_bomb, "rejected", "zip-member-over-limit", "a header claiming 3 GB"),
        c("bom_giau_kich_thuoc.xlsx", lying_zip_size, "rejected", "file-unreadable", "a header hiding the size"),
        c("zip_hong.xlsx", corrupt_zip, "rejected", "file-unreadable", "a truncated zip"),
        c("pdf_doi_ten.xlsx", _pdf, "rejected", "not-a-spreadsheet", "a PDF renamed .xlsx"),
        c("anh_doi_ten.xls", _png, "rejected", "not-a-spreadsheet", "a PNG renamed .xls"),
        c("word_doi_ten.xlsx", _docx, "rejected", "not-a-spreadsheet", "a Word document renamed"),
        c(
            "html_doi_ten.xls",
            lambda: b"<html><body><table><tr><td>1</td></tr></table></body></html>",
            "rejected",
            "not-a-spreadsheet",
            "an HTML page saved as .xls",
        ),
        c("rong.xlsx", lambda: b"", "rejected", "file-empty", "zero bytes"),
        c("mat_khau.xlsx", _encrypted, "rejected", "file-encrypted", "a password-protected workbook"),
        c("xls_hong.xls", _broken_xls, "rejected", "file-unreadable", "an OLE2 file with a broken Workbook stream"),
        c("nhi_phan.csv", lambda: bytes(range(256)) * 20, "rejected", "not-a-spreadsheet", "binary bytes"),
        c("xlsb.xlsx", lambda: plain_zip({"xl/workbook.bin": b"\x00"}), "rejected", "not-a-spreadsheet", "an .xlsb"),
        c("zip_khong_bang.xlsx", lambda: plain_zip({"a.txt": b"x"}), "rejected", "not-a-spreadsheet", "a zip of text"),
        c("khong_o_nao.xlsx", lambda: xlsx({"Sheet": ""}), "rejected", "workbook-empty", "no cell at all"),
        c("xxe.xlsx", xxe, "rejected", None, "an external entity naming /etc/passwd"),
        c("entity_bomb.xlsx", entity_expansion, "rejected", None, "a billion laughs in the sheet"),
        c(
            "so_am.xlsx",
            values_case([["Số trường tiểu học", -12, 13], GOOD[1]]),
            "rejected",
            "negative-count",
            "a negative count",
        ),
        c(
            "ty_le_135.xlsx",
            values_case([["Tỷ lệ trường tiểu học đạt chuẩn quốc gia", 135, 50]]),
            "rejected",
            "rate-out-of-range",
            "a rate over 100 %",
        ),
        c(
            "trung_lap.xlsx",
            values_case([GOOD[0], ["Số trường tiểu học", 14, 13], GOOD[1]]),
            "rejected",
            "duplicate-cell",
            "two numbers for one value",
        ),
        c("cong_thuc.xlsx", formula_without_value, "loaded", "formula-without-value", "a formula without its result"),
        c("nan_inf.xlsx", nan_cells, "loaded", "value-not-finite", "NaN and INF in the sheet XML"),
        c(
            "1e308_hoc_sinh.xlsx",
            values_case([[n_pupils, 1e308, 1300]]),
            "rejected",
            "value-implausible",
            "1e308 pupils",
        ),
        c(
            "hoc_sinh_1e9.xlsx",
            values_case([[n_pupils, 1_000_000_000, 1300]]),
            "rejected",
            "value-implausible",
            "a billion pupils in a district",
        ),
        c(
            "22_chu_so.csv",
            lambda: csv_text([[n_pupils, "1234567890123456789012", 1300]]).encode(),
            "rejected",
            "value-implausible",
            "a 22-digit count as text",
        ),
        c(
            "22_chu_so_ty_so.csv",
            lambda: csv_text([[per_class, "1234567890123456789012", 30]]).encode(),
            "rejected",
            "value-not-exact",
            "a 22-digit ratio (no bound): its digits would change",
        ),
        c(
            "2_mu_53.xlsx",
            values_case([[per_class, 2**53 + 2, 30]]),
            "rejected",
            "value-not-exact",
            "a ratio beyond 2^53",
        ),
        c("o_dai_140k.csv", long_csv_field, "rejected", "field-too-long", "a field over 131,072 characters"),
        c("qua_nhieu_dong.csv", lambda: plain_csv(rows=200_005), "rejected", "sheet-rows-over-limit", "200,005 rows"),
        c("qua_nhieu_cot.csv", wide_csv, "rejected", "sheet-columns-over-limit", "3,000 columns"),
        c("unicode_text.txt", unicode_text, "loaded", None, "Excel's Unicode Text: UTF-16 with BOM, tabs"),
        c("utf16_khong_bom.txt", lambda: unicode_text(bom=False), "loaded", None, "UTF-16LE without BOM"),
        c(
            "markdown_ten.csv",
            lambda: csv_text(GOOD, unit=MARKDOWN_NAME).encode(),
            "nothing",
            None,
            "a unit name with a Markdown link and image",
        ),
        c(
            "markdown_chi_tieu.xlsx",
            values_case([GOOD[0], [MARKDOWN_NAME, 1, 2]]),
            "loaded",
            "indicator-not-matched",
            "an indicator label with a Markdown link",
        ),
        c(
            "hai_kieu_so.csv",
            lambda: csv_text([[n_pupils, "1.234,5", "1,234.5"]]).encode(),
            "rejected",
            "number-convention-conflict",
            "two decimal conventions",
        ),
        c("trang_an.xlsx", _hidden_sheet, "loaded", "hidden-sheet-skipped", "a hidden sheet with numbers"),
        c("chuoi_1MB.xlsx", _shared_string_bomb, "loaded", None, "a 1 MB label beside good values"),
        c("xml_long_sau.xlsx", _deep_xml, "loaded", None, "50,000 nested elements in the sheet"),
        c("200_trang.xlsx", _many_sheets, "loaded", "duplicate-same-value", "200 sheets repeating one table"),
    ]
