"""Formula-safe XLSX and CSV exports: round trips, number formats, neutralised text."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from report.sheets import Sheet, csv_bytes, file_stem, neutralise, number_format, xlsx_bytes

DANGEROUS = ["=1+2", "+84 912", "-3,2 điểm %", "@SUM(A1)", '=HYPERLINK("http://x")', "\t=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_neutralised_for_csv(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Huyện Hòa Phong", "85,5%", "", "2013-2014", "a=b"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


def test_number_formats_follow_the_dashboard_rule() -> None:
    assert number_format(1234, "học sinh") == "#,##0"
    assert number_format(30.8, "học sinh/lớp") == "#,##0.0"
    assert number_format(100, "%") == "#,##0.0"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"2013-2014": [52.697, 63.2, None], "Ghi chú": ["=1+2", "Tốt", "@x"]},
        index=pd.Index(["Tỉnh Sơn Hà", "-Huyện lạ", "Huyện Mường Khoa"], name="Địa bàn"),
    )


def test_xlsx_round_trips_with_numbers_as_numbers_and_no_formula() -> None:
    sheet = Sheet(
        "Bảng 2",
        _frame(),
        title="Bảng 2. Tỷ lệ (%)",
        notes_above=["Đơn vị tính: %"],
        notes_below=["Nguồn: X"],
        units="%",
    )
    wb = load_workbook(io.BytesIO(xlsx_bytes([sheet])))
    ws = wb["Bảng 2"]
    assert ws["A1"].value == "Bảng 2. Tỷ lệ (%)"
    assert ws["A2"].value == "Đơn vị tính: %"
    header = [c.value for c in ws[4]]
    assert header == ["Địa bàn", "2013-2014", "Ghi chú"]
    assert ws["A5"].value == "Tỉnh Sơn Hà"
    assert ws["B5"].value == pytest.approx(52.697) and ws["B5"].data_type == "n"
    assert ws["B5"].number_format == "#,##0.0"
    assert ws["B7"].value is None  # a gap stays empty, never 0
    assert ws["C5"].value == "=1+2" and ws["C5"].data_type == "s" and ws["C5"].quotePrefix
    assert ws["A6"].value == "-Huyện lạ" and ws["A6"].quotePrefix
    assert ws["C6"].value == "Tốt" and not ws["C6"].quotePrefix
    assert ws["A9"].value == "Nguồn: X"
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)
    assert ws.print_title_rows == "$4:$4"  # the header row repeats on printed pages


def test_sheet_names_are_made_valid_and_unique() -> None:
    frame = pd.DataFrame({"a": [1]})
    long = "Tỷ lệ học sinh: tốt nghiệp/THPT [toàn tỉnh] rất dài dài dài"
    wb = load_workbook(io.BytesIO(xlsx_bytes([Sheet(long, frame), Sheet(long, frame)])))
    assert len(wb.sheetnames) == 2 and all(len(n) <= 31 for n in wb.sheetnames)
    assert wb.sheetnames[0] != wb.sheetnames[1]
    assert not any(c in n for n in wb.sheetnames for c in "[]:*?/\\")


def test_csv_has_a_bom_vietnamese_text_and_neutralised_cells() -> None:
    data = csv_bytes(_frame())
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Địa bàn,2013-2014,Ghi chú"
    assert lines[1] == "Tỉnh Sơn Hà,52.697,'=1+2"
    assert lines[2].startswith("'-Huyện lạ,63.2,")
    assert lines[3] == "Huyện Mường Khoa,,'@x"


def test_file_stems_are_ascii() -> None:
    assert file_stem("Tỷ lệ trường đạt chuẩn quốc gia (%)") == "ty_le_truong_dat_chuan_quoc_gia"
    assert file_stem("Đội ngũ – Bảng 2") == "doi_ngu_bang_2"
    assert file_stem("!!!") == "bang"
