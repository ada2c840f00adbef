"""Demo free-layout files in legacy encodings: Windows-1258 CSV, TCVN3 and VNI workbooks."""

from __future__ import annotations

import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Font

from etl.demo.free_file import FreeFile, xlsx_bytes
from etl.reading.legacy_text import encode_tcvn3, encode_vni


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Excel writes it: base letters precomposed, tone marks combining."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(p for p in parts if p in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in tones))
            out += base.encode("cp1258") + tones.encode("cp1258")
    return out


def wide_csv_cp1258() -> FreeFile:
    """Layout 3: one row per unit and year, indicator columns; Windows-1258, semicolons."""
    lines = [
        "Đơn vị;Năm học;Số trường tiểu học;Số học sinh tiểu học",
        "Huyện Vĩnh Khánh;2013-2014;16;7.250",
        "Huyện Vĩnh Khánh;2014-2015;16;7.310",
        "Huyện Sơn Cao;2013-2014;13;5.100",
        "H. Sơn Cao;2014-2015;13;5.150",
    ]
    expected = {
        ("995", "th_truong", 2013): 16.0, ("995", "th_hs", 2013): 7250.0,
        ("995", "th_truong", 2014): 16.0, ("995", "th_hs", 2014): 7310.0,
        ("998", "th_truong", 2013): 13.0, ("998", "th_hs", 2013): 5100.0,
        ("998", "th_truong", 2014): 13.0, ("998", "th_hs", 2014): 5150.0,
    }  # fmt: skip
    return FreeFile("thong_ke_1258.csv", cp1258_bytes("\r\n".join(lines) + "\r\n"), expected)


def tcvn3_indicator_rows() -> FreeFile:
    """Layout 1 typed in TCVN3 with .VnTime / .VnTimeH fonts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Bieu 1"
    ws["A1"] = encode_tcvn3("ubnd huyện mường khoa")
    ws["A1"].font = Font(name=".VnTimeH")
    ws.append([])
    ws.append([encode_tcvn3(h) for h in ("STT", "Chỉ tiêu", "Đơn vị tính")] + ["2013-2014", "2014-2015"])
    ws.append(["I", encode_tcvn3("Giáo dục mầm non")])
    ws.append([1, encode_tcvn3("Số trường"), encode_tcvn3("Trường"), 8, 8])
    ws.append([2, encode_tcvn3("Số trẻ"), encode_tcvn3("Trẻ"), 1200, 1250])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.font = Font(name=".VnTime")
    expected = {
        ("999", "mn_truong", 2013): 8.0, ("999", "mn_truong", 2014): 8.0,
        ("999", "mn_hs", 2013): 1200.0, ("999", "mn_hs", 2014): 1250.0,
    }  # fmt: skip
    return FreeFile("BaoCao_MuongKhoa_TCVN3.xlsx", xlsx_bytes(wb), expected, codes={"legacy-encoding-converted"})


def vni_unit_rows() -> FreeFile:
    """Layout 2 typed in VNI: the year in the title, short names under a "MẦM NON" title."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append([encode_vni("SỐ LIỆU GIÁO DỤC MẦM NON NĂM HỌC 2017-2018")])
    ws.append([])
    ws.append([encode_vni(h) for h in ("STT", "Đơn vị", "Trường", "Lớp", "Trẻ")])
    ws.append([1, encode_vni("Huyện Tân Điền"), 14, 150, 3900])
    ws.append([2, encode_vni("Huyện Vĩnh Khánh"), 16, 170, 4300])
    expected = {
        ("994", "mn_truong", 2017): 14.0, ("994", "mn_lop", 2017): 150.0, ("994", "mn_hs", 2017): 3900.0,
        ("995", "mn_truong", 2017): 16.0, ("995", "mn_lop", 2017): 170.0, ("995", "mn_hs", 2017): 4300.0,
    }  # fmt: skip
    return FreeFile("PhuLuc_MamNon_VNI.xlsx", xlsx_bytes(wb), expected, codes={"legacy-encoding-converted"})
