"""Real-shaped free-layout files for the demo province, with their expected contents.

Each builder returns the file bytes, the values a careful reader must load (typed
here by hand from the file's content, not computed by the reader) and the values
that must NOT be loaded because something about them is uncertain. Used by the
tests, the bench and as examples in docs/free_layouts.md.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl import Workbook

from etl.demo.free_file import NBSP, FreeFile, Key, xlsx_bytes
from etl.demo.legacy_files import tcvn3_indicator_rows, vni_unit_rows, wide_csv_cp1258


def indicator_rows() -> FreeFile:
    """Layout 1: title block, merged two-row header, sections, ĐVT scale, quirks in cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Phụ lục 1"
    ws["A1"], ws["A2"] = "UBND HUYỆN HOÀ PHONG", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    ws["A3"] = "BIỂU 01: SỐ LIỆU GIÁO DỤC GIAI ĐOẠN 2013-2023"
    ws.append([])
    ws.append(["STT", "Chỉ tiêu", "ĐVT", "Năm học", None, None, None, "Ghi chú"])
    ws.append([None, None, None, "2013-2014", "2014 - 2015", "NH 2015–2016", "Sơ bộ 2016-2017", None])
    for rng in ("A5:A6", "B5:B6", "C5:C6", "D5:G5", "H5:H6"):
        ws.merge_cells(rng)
    rows = [
        ["I", "GIÁO DỤC MẦM NON"],
        [1, "Số trường", "Trường", 20, 21, 21, 22],
        [2, "Số trẻ", "Trẻ", 3500, "3.610", f"3{NBSP}720", ".."],
        [3, "Tỷ lệ huy động trẻ mẫu giáo", "%", 0.955, "96,1%", 96.5, "-"],
        ["II", "GIÁO DỤC TIỂU HỌC"],
        [1, "Số trường", "Trường", 18, 18, 17, 17],
        [2, "Số học sinh", "Nghìn học sinh", "12,5", "12,8", 13.1, 13.4],
        ["-", "Trong đó: nữ", "Học sinh", 6000, 6100, 6200, 6300],
        [3, "Số giáo viên", "Người", 610, "#DIV/0!", "=SUM(D15:E15)", 640],
        [4, "Số lớp", "Lớp", 400, 410, "x", 420],
        [5, "Số trường đạt chuẩn quốc gia", "Trường", 10, 11, 12, 12],
        [None, "Ghi chú: số liệu năm học 2016-2017 là số liệu sơ bộ."],
        [],
        [None, "Người lập biểu", None, None, None, "Trưởng phòng"],
    ]
    for row in rows:
        ws.append(row)
    ws["D10"].number_format = "0.0%"
    u = "993"
    expected: dict[Key, float] = {}
    for code, values in {
        "mn_truong": (20, 21, 21, 22),
        "mn_hs": (3500, 3610, 3720, None),
        "mn_tl_huydong_mg": (95.5, 96.1, 96.5, None),
        "th_truong": (18, 18, 17, 17),
        "th_hs": (12500, 12800, 13100, 13400),
        "th_gv": (610, None, None, 640),
        "th_lop": (400, 410, None, 420),
        "th_truong_cqg": (10, 11, 12, 12),
    }.items():
        expected |= {(u, code, 2013 + i): float(v) for i, v in enumerate(values) if v is not None}
    return FreeFile(
        "PGD_HoaPhong_phu_luc.xlsx",
        xlsx_bytes(wb),
        expected,
        uncertain={(u, "th_gv", 2014), (u, "th_gv", 2015)},
        codes={
            "measure-scaled",
            "percent-fraction-scaled",
            "indicator-not-matched",
            "non-numeric-value",
            "formula-without-value",
            "number-convention-decided",
        },
        flags={(u, "mn_truong", 2016): "preliminary", (u, "th_hs", 2013): "scaled-x1000"},
    )


def unit_rows_by_year() -> FreeFile:
    """Layout 2: districts × short indicator names under a "TIỂU HỌC" title, one sheet per year."""
    wb = Workbook()
    wb.remove(wb.active)
    data = {
        2018: [
            ("TP. Sơn Hà", 12, 300, "10.500", 420),
            ("Thị xã Bình Giang", 8, 160, "5.600", 230),
            ("H. Hoà Phong", 17, 350, "11.200", 480),
            ("Huyện Tân Điền", 15, 280, "8.400", 390),
            ("Thị xã Hòa Phong", 1, 2, 3, 4),
            ("Huyện Mường Khoa", 9, 120, f"3{NBSP}150", 200),
        ],
        2019: [
            ("TP. Sơn Hà", 12, 305, "10.650", 425),
            ("Thị xã Bình Giang", 8, 162, "5.640", 232),
            ("H. Hoà Phong", 17, 352, "11.300", 482),
            ("Huyện Tân Điền", 15, 281, "8.450", 391),
            ("Thị xã Hòa Phong", 1, 2, 3, 4),
            ("Huyện Mường Khoa", 9, 121, f"3{NBSP}180", 201),
        ],
    }
    codes = {
        "TP. Sơn Hà": "990",
        "Thị xã Bình Giang": "991",
        "H. Hoà Phong": "993",
        "Huyện Tân Điền": "994",
        "Huyện Mường Khoa": "999",
    }
    expected: dict[Key, float] = {}
    for year, rows in data.items():
        ws = wb.create_sheet(f"{year}-{year + 1}")
        ws.append(["SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH SƠN HÀ"])
        ws.append(["QUY MÔ GIÁO DỤC TIỂU HỌC"])
        ws.append([])
        ws.append(["STT", "Đơn vị", "Trường", "Lớp", "Học sinh", "Giáo viên"])
        for i, row in enumerate(rows, start=1):
            ws.append([i, *row])
        ws.append([None, "Tổng số", 61, 1212, 38853, 1724])
        for name, *vals in rows:
            if name not in codes:
                continue  # "Thị xã Hòa Phong" does not exist: its row must not land on Huyện Hòa Phong
            keys = [(codes[name], ind, year) for ind in ("th_truong", "th_lop", "th_hs", "th_gv")]
            for key, v in zip(keys, vals, strict=True):
                expected[key] = float(str(v).replace(".", "").replace(NBSP, ""))
    return FreeFile(
        "PhuLuc_TieuHoc_theo_huyen.xlsx",
        xlsx_bytes(wb),
        expected,
        codes={"unit-not-matched", "total-row-skipped", "number-convention-decided"},
    )


def unit_rows_indicator_years() -> FreeFile:
    """Layout 2: districts × indicators with the years beneath in a second merged header row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "THCS"
    ws.append(["BIỂU TỔNG HỢP SỐ LIỆU TRUNG HỌC CƠ SỞ"])
    ws.append([])
    ws.append(["Đơn vị", "Số trường THCS", None, "Số học sinh THCS", None])
    ws.append([None, "2013-2014", "2014-2015", "2013-2014", "2014-2015"])
    for rng in ("A3:A4", "B3:C3", "D3:E3"):
        ws.merge_cells(rng)
    ws.append(["Huyện Tân Điền", 7, 7, 4120, 4185])
    ws.append(["Huyện Vĩnh Khánh", 9, 9, 5230, 5302])
    ws.append(["Cộng", 16, 16, 9350, 9487])
    expected = {
        ("994", "thcs_truong", 2013): 7.0, ("994", "thcs_truong", 2014): 7.0,
        ("994", "thcs_hs", 2013): 4120.0, ("994", "thcs_hs", 2014): 4185.0,
        ("995", "thcs_truong", 2013): 9.0, ("995", "thcs_truong", 2014): 9.0,
        ("995", "thcs_hs", 2013): 5230.0, ("995", "thcs_hs", 2014): 5302.0,
    }  # fmt: skip
    return FreeFile("Bieu_THCS_theo_huyen.xlsx", xlsx_bytes(wb), expected, codes={"total-row-skipped"})


def year_rows() -> FreeFile:
    """A sheet titled "Tiểu học" for one unit: years down, Trường/Lớp/Học sinh/Giáo viên across."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tiểu học"
    ws.append(["UBND THỊ XÃ AN LẠC"])
    ws.append([])
    ws.append(["Năm học", "Trường", "Lớp", "Học sinh", "Giáo viên"])
    rows = [("2013-2014", 9, 180, 5400, 260), ("2014-2015", 9, 182, 5460, 262), ("2015-2016", 9, 185, 5530, 265)]
    for row in rows:
        ws.append(list(row))
    expected = {
        ("992", ind, 2013 + i): float(v)
        for i, row in enumerate(rows)
        for ind, v in zip(("th_truong", "th_lop", "th_hs", "th_gv"), row[1:], strict=True)
    }
    return FreeFile("AnLac_TieuHoc.xlsx", xlsx_bytes(wb), expected)


def long_csv() -> FreeFile:
    """Layout 3: one row per unit, indicator, year and value; UTF-8 with BOM."""
    lines = [
        "Mã đơn vị,Tên đơn vị,Năm học,Chỉ tiêu,Giá trị",
        "996,Huyện Thủy Tiên,2013-2014,Số trường mầm non,14",
        "996,Huyện Thủy Tiên,2014-2015,Số trường mầm non,15",
        '996,Huyện Thủy Tiên,2013-2014,Tỷ lệ huy động trẻ mẫu giáo,"92,5"',
        "997,Huyện Ngọc Lâm,2013-2014,Số trường MN,11",
        "997,Huyện Ngọc Lâm,2015,Số trường MN,12",
        "998,Huyện Sơn Cao,2013-2014,Số trường mầm non,..",
    ]
    expected = {
        ("996", "mn_truong", 2013): 14.0,
        ("996", "mn_truong", 2014): 15.0,
        ("996", "mn_tl_huydong_mg", 2013): 92.5,
        ("997", "mn_truong", 2013): 11.0,
    }
    content = "\ufeff" + "\r\n".join(lines) + "\r\n"
    return FreeFile(
        "nien_giam_dai.csv",
        content.encode("utf-8"),
        expected,
        uncertain={("997", "mn_truong", 2015)},
        codes={"period-type-mismatch"},
    )


def sections_and_plans() -> FreeFile:
    """Layout 1 traps: a section with no single school level, a plan column, "Tổng số" under a heading."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 2"
    ws.append(["UBND HUYỆN VĨNH KHÁNH"])
    ws.append(["Đơn vị tính: như cột ĐVT"])
    ws.append(["STT", "Nội dung", "ĐVT", "2019-2020", "2020-2021", "Kế hoạch 2025", "Ghi chú"])
    ws.append(["I", "GIÁO DỤC MẦM NON"])
    ws.append([1, "Số trường", "Trường", 11, 11, 12])
    ws.append(["II", "GIÁO DỤC PHỔ THÔNG"])
    ws.append([1, "Số trường", "Trường", 30, 30, 31])
    ws.append([2, "Số học sinh tiểu học"])
    ws.append(["-", "Tổng số", "Học sinh", 6000, 6050, 6500])
    ws.append(["-", "Trong đó: nữ", "Học sinh", 2900, 2950, None, "ước"])
    u = "995"
    expected = {(u, "mn_truong", 2019): 11.0, (u, "mn_truong", 2020): 11.0}
    expected |= {(u, "th_hs", 2019): 6000.0, (u, "th_hs", 2020): 6050.0}
    uncertain = {(u, code, y) for code in ("th_truong", "thcs_truong", "thpt_truong") for y in (2019, 2020)}
    return FreeFile("VinhKhanh_bieu2.xlsx", xlsx_bytes(wb), expected, uncertain, codes={"indicator-not-matched"})


BUILDERS: tuple[Callable[[], FreeFile], ...] = (
    indicator_rows,
    unit_rows_by_year,
    unit_rows_indicator_years,
    year_rows,
    long_csv,
    wide_csv_cp1258,
    tcvn3_indicator_rows,
    vni_unit_rows,
    sections_and_plans,
)


def all_files() -> list[FreeFile]:
    return [build() for build in BUILDERS]
