"""File-level refusals by content, not by name: nothing is written for such files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from etl.load.pipeline import load_content
from etl.reading.ingest import read_any
from etl.reading.sniff import sniff

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in names.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file-empty"),
        (b"  \r\n ", "file-empty"),
        (OLE + b"\x00" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100, "file-encrypted"),
        (OLE + b"\x00" * 500 + "WordDocument".encode("utf-16-le"), "not-a-spreadsheet"),
        (b"%PDF-1.7\n...", "not-a-spreadsheet"),
        (b"\x89PNG\r\n\x1a\n....", "not-a-spreadsheet"),
        (_zip({"word/document.xml": b"<w/>"}), "not-a-spreadsheet"),
        (b"PK\x03\x04 broken zip", "file-unreadable"),
        ("<!DOCTYPE html><html><body>Lỗi</body></html>".encode(), "not-a-spreadsheet"),
        ("Báo cáo tổng kết năm học".encode(), "not-a-spreadsheet"),
    ],
)
def test_refused_by_content(store: Path, content: bytes, code: str) -> None:
    extracted = read_any(content, "bao_cao.xlsx")
    assert [i.code for i in extracted.issues] == [code]
    assert extracted.issues[0].severity == "error"
    report = load_content(content, "bao_cao.xlsx", store)
    assert report.status == "rejected" and report.batch_id is None


def test_xls_ole_container_is_a_workbook() -> None:
    assert sniff(OLE + b"\x00" * 500 + "Workbook".encode("utf-16-le")).kind == "xls"


def test_csv_encodings() -> None:
    text = "Đơn vị;Năm học;Số trường tiểu học\nHuyện Hòa Phong;2013-2014;12\n"
    for data in (text.encode("utf-8"), "\ufeff".encode() + text.encode("utf-8")):
        sniffed = sniff(data)
        assert sniffed.kind == "csv" and sniffed.text is not None and sniffed.text.lstrip("\ufeff") == text
    from etl.demo.legacy_files import cp1258_bytes

    sniffed = sniff(cp1258_bytes(text))
    assert sniffed.kind == "csv" and sniffed.encoding == "cp1258" and sniffed.text == text


def test_workbook_without_any_cell_is_refused() -> None:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    assert [i.code for i in read_any(out.getvalue(), "trong.xlsx").issues] == ["workbook-empty"]


def test_xlsx_named_csv_is_read_as_a_workbook() -> None:
    from etl.demo.free_files import year_rows

    f = year_rows()
    extracted = read_any(f.content, "so_lieu.csv")
    assert extracted.source_kind.startswith("free-layout") and len(extracted.cells) == len(f.expected)
