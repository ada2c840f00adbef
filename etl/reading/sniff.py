"""What kind of file this is, from its bytes (not its name), and file-level refusals.

An encrypted .xlsx is not a zip but an OLE2 (Compound File) container with an
"EncryptionInfo" stream; an old .xls is OLE2 with a "Workbook" stream. Text files
are CSV when they decode as UTF-8 (with or without BOM) or Windows-1258.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Literal

FileKind = Literal["xlsx", "xls", "ods", "csv"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names are stored in UTF-16LE in the OLE2 directory.
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"{\\rtf", b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf")


@dataclass(frozen=True)
class Sniffed:
    """The detected kind, or the catalogue issue code that refuses the file (with a detail)."""

    kind: FileKind | None
    problem: str | None = None
    detail: str = ""
    text: str | None = None  # decoded CSV text
    encoding: str | None = None


def sniff(content: bytes) -> Sniffed:
    if not content.strip():
        return Sniffed(None, "file-empty")
    if content.startswith(_ZIP_MAGIC):
        return _sniff_zip(content)
    if content.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in content:
            return Sniffed(None, "file-encrypted")
        if any(name in content for name in _XLS_STREAMS):
            return Sniffed("xls")
        return Sniffed(None, "not-a-spreadsheet", "tệp Office nhưng không phải bảng tính Excel")
    if content.startswith(_BINARY_MAGIC):
        return Sniffed(None, "not-a-spreadsheet", "tệp không phải bảng tính (PDF, ảnh hoặc tệp nén)")
    return _sniff_text(content)


def _sniff_zip(content: bytes) -> Sniffed:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                if "xl/workbook.bin" in names:
                    return Sniffed(
                        None, "not-a-spreadsheet", "tệp Excel nhị phân .xlsb chưa được hỗ trợ; lưu lại dạng .xlsx"
                    )
                return Sniffed("xlsx")
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return Sniffed(None, "file-unreadable", "tệp nén (zip) bị hỏng hoặc không đầy đủ")
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return Sniffed("ods")
    if "word/document.xml" in names:
        return Sniffed(None, "not-a-spreadsheet", "tệp Word, không phải bảng tính")
    return Sniffed(None, "not-a-spreadsheet", "tệp nén không chứa bảng tính")


def _sniff_text(content: bytes) -> Sniffed:
    utf16 = _utf16(content)
    if utf16 is not None:
        return _sniff_utf16(content, utf16)
    if b"\x00" in content[:4096]:
        return Sniffed(None, "not-a-spreadsheet", "tệp nhị phân không rõ định dạng")
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_table(text):
            # Windows-1258 stores tone marks as combining characters: compose them.
            return Sniffed("csv", text=unicodedata.normalize("NFC", text), encoding=encoding)
        break
    return Sniffed(None, "not-a-spreadsheet", "tệp văn bản không có dạng bảng (CSV)")


def _utf16(content: bytes) -> str | None:
    """Excel's "Unicode Text" export is UTF-16 (little-endian, with a byte-order mark); without
    the mark, text whose every other byte is zero is UTF-16 too."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = content[: 4096 - 4096 % 2]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    for order, low, high in (("utf-16-le", head[0::2], head[1::2]), ("utf-16-be", head[1::2], head[0::2])):
        # Latin letters, digits and separators have a zero high byte; Vietnamese letters do not.
        if high.count(0) > 0.4 * pairs and low.count(0) == 0:
            return order
    return None


def _sniff_utf16(content: bytes, encoding: str) -> Sniffed:
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError:
        return Sniffed(None, "not-a-spreadsheet", "tệp văn bản UTF-16 bị hỏng")
    if _looks_like_table(text):
        return Sniffed("csv", text=unicodedata.normalize("NFC", text), encoding="utf-16")
    return Sniffed(None, "not-a-spreadsheet", "tệp văn bản không có dạng bảng (CSV)")


def _looks_like_table(text: str) -> bool:
    head = text.lstrip()[:200].casefold()
    if head.startswith(("<!doctype", "<html", "<?xml")):
        return False
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    return any(sep in line for line in lines for sep in (",", ";", "\t"))
