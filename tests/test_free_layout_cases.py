"""Small generated free-layout sheets, one quirk each; expected values typed from the sheet."""

from __future__ import annotations

import io

from openpyxl import Workbook

from etl.reading.ingest import _default_reference, read_any
from etl.resolve.cells import resolve_cells


def _xlsx(rows: list[list[object]], title: str = "Sheet1") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _read(content: bytes, name: str = "f.xlsx") -> tuple[dict[tuple[str, str, int], float], set[str]]:
    ref = _default_reference()
    extracted = read_any(content, name, ref)
    values, issues = resolve_cells(extracted.cells, ref, name)
    return {(v.unit_code, v.indicator_code, v.year): v.value for v in values}, {
        i.code for i in extracted.issues + issues
    }


def test_calendar_years_and_billions() -> None:
    got, codes = _read(
        _xlsx(
            [
                ["UBND HUYỆN SƠN CAO"],
                ["TT", "Nội dung", "Đơn vị tính", 2013, 2014],
                [1, "Chi ngân sách nhà nước cho giáo dục – đào tạo", "Tỷ đồng", "45,5", 47.2],
            ]
        )
    )
    assert got == {("998", "ns_chi_gd", 2013): 45500.0, ("998", "ns_chi_gd", 2014): 47200.0}
    assert "measure-scaled" in codes


def test_abbreviated_title_prefix_and_level_abbreviation_in_a_name() -> None:
    got, _ = _read(
        _xlsx(
            [
                ["UBND TX. BÌNH GIANG"],
                ["TT", "Nội dung", "ĐVT", "Năm học 2013-2014"],
                [1, "Số HS THCS", "HS", 3200],
                [2, "Số lớp học THCS", "Lớp", 80],
            ]
        )
    )
    assert got == {("991", "thcs_hs", 2013): 3200.0, ("991", "thcs_lop", 2013): 80.0}


def test_codes_in_an_english_csv() -> None:
    content = b'unit_code,indicator_code,year,value\n993,th_hs,2013-2014,9000\n994,th_hs,2013-2014,"8,000"\n'
    content += b"993,th_tl_hoanthanh,2013-2014,99.5\n"
    got, codes = _read(content, "x.csv")
    assert got == {
        ("993", "th_hs", 2013): 9000.0,
        ("994", "th_hs", 2013): 8000.0,
        ("993", "th_tl_hoanthanh", 2013): 99.5,
    }
    assert "number-convention-decided" in codes


def test_unit_column_without_a_header_is_recognised_by_its_names() -> None:
    got, codes = _read(
        _xlsx([["GIÁO DỤC TIỂU HỌC NĂM HỌC 2016-2017"], ["STT", None, "Trường", "Lớp"], [1, "Huyện Hòa Phong", 5, 60]])
    )
    assert got == {("993", "th_truong", 2016): 5.0, ("993", "th_lop", 2016): 60.0}
    assert "unit-not-matched" not in codes


def test_two_units_in_the_title_load_nothing() -> None:
    got, codes = _read(
        _xlsx(
            [
                ["UBND HUYỆN HÒA PHONG"],
                ["Đối chiếu: Huyện Tân Điền"],
                ["STT", "Chỉ tiêu", "2013-2014"],
                [1, "Số trường tiểu học", 9],
            ]
        )
    )
    assert got == {} and "unit-context-conflict" in codes


def test_ambiguous_lone_thousands_token_refuses_the_file() -> None:
    rows: list[list[object]] = [["UBND HUYỆN HÒA PHONG"], ["STT", "Chỉ tiêu", "2013-2014"]]
    content = _xlsx([*rows, [1, "Tỷ lệ huy động trẻ mẫu giáo", "1.234"]])  # 1,234% or 1234%?
    issues = read_any(content, "f.xlsx", _default_reference()).issues
    assert [i.severity for i in issues if i.code == "number-convention-undecidable"] == ["error"]


def test_thousands_in_a_count_are_evidence() -> None:
    """1,234 pupils is impossible, so "1.234" in a count row can only be one thousand two hundred."""
    rows: list[list[object]] = [["UBND HUYỆN HÒA PHONG"], ["STT", "Chỉ tiêu", "2013-2014"]]
    got, codes = _read(
        _xlsx([*rows, [1, "Số học sinh tiểu học", "1.234"], [2, "Tỷ lệ huy động trẻ mẫu giáo", "1.234"]])
    )
    # The file is Vietnamese, so "1.234" is 1234 in the rate row too; validation then refuses
    # that rate (rate-out-of-range), which is the analyst's cue, rather than a silent 1,234%.
    assert got == {("993", "th_hs", 2013): 1234.0, ("993", "mn_tl_huydong_mg", 2013): 1234.0}
    assert "number-convention-decided" in codes


def test_total_column_and_plan_column_are_not_loaded() -> None:
    got, codes = _read(
        _xlsx(
            [
                ["UBND HUYỆN NGỌC LÂM"],
                ["STT", "Chỉ tiêu", "2013-2014", "2014-2015", "Tăng/giảm (%)", "KH 2025"],
                [1, "Số trường tiểu học", 10, 11, 10.0, 12],
            ]
        )
    )
    assert got == {("997", "th_truong", 2013): 10.0, ("997", "th_truong", 2014): 11.0}
    assert "indicator-not-matched" in codes  # the two unknown columns are reported


def test_year_in_sheet_name_wins_over_nothing_and_dates_are_not_years() -> None:
    got, _ = _read(
        _xlsx(
            [
                ["Kèm theo Báo cáo số 12/BC-UBND ngày 15 tháng 3 năm 2024"],
                ["STT", "Đơn vị", "Số trường mầm non"],
                [1, "Huyện Ngọc Lâm", 12],
            ],
            title="2018-2019",
        )
    )
    assert got == {("997", "mn_truong", 2018): 12.0}


def test_a_date_line_is_not_a_year() -> None:
    got, codes = _read(
        _xlsx(
            [
                ["Kèm theo Báo cáo số 12/BC-UBND ngày 15 tháng 3 năm 2024"],
                ["STT", "Đơn vị", "Số trường mầm non"],
                [1, "Huyện Ngọc Lâm", 12],
            ]
        )
    )
    assert got == {} and "year-not-found" in codes


def test_header_without_known_labels() -> None:
    """No STT, no known column label: the text row above the numbers is the header."""
    got, _codes = _read(
        _xlsx(
            [
                ["QUY MÔ TRƯỜNG LỚP TIỂU HỌC NĂM HỌC 2017-2018"],
                ["Địa bàn hành chính", "Trường", "Lớp"],
                ["Huyện Tân Điền", 15, 290],
                ["Huyện Sơn Cao", 13, 240],
            ]
        )
    )
    expected = {("994", "th_truong", 2017): 15.0, ("994", "th_lop", 2017): 290.0}
    assert got == expected | {("998", "th_truong", 2017): 13.0, ("998", "th_lop", 2017): 240.0}
