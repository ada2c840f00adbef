"""Limits checked before a file is read (docs/limits.md).

A 5 KB workbook with one cell at XFD1048576 makes calamine allocate the whole grid
(~512 GB) and abort the process; a 1 MB zip can inflate to gigabytes. So before any
reader sees a workbook, its parts are checked here with bounded memory:

* every zip member's declared uncompressed size and compression ratio (the declared size is
  then enforced: zipfile stops at it and checks the CRC, so a lying header is a broken file);
* every sheet's XML is streamed in chunks to find its last filled row and column (the
  ``<dimension>`` element is not trusted: nothing is sized from it), and the used areas of all
  sheets are summed, because the readers allocate rows x columns from A1.

Each limit is a setting (etl/settings.py); a file over one is refused with one issue that names
the file, the sheet and, where there is one, the cell. Nothing here allocates in proportion to
a number written in the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from etl import settings
from etl.issues import Issue, make_issue
from etl.reading.grid import Grid, GridLimitError, cell_name, col_index, read_csv, sheet_paths
from etl.reading.sniff import Sniffed
from etl.records import Extracted
from vocab.display import format_count, format_plain

_ZIPPED = ("xlsx", "ods")
_CHUNK = 1 << 20
_RATIO_FLOOR = 16 * 1_000_000  # small parts may compress as well as they like
_R_RE = re.compile(rb'\br="([A-Z]{1,4})([0-9]{1,9})"')
_ROW_R_RE = re.compile(rb'\br="([0-9]{1,9})"')
# <row …> (group 1: its attributes) or <c …> (group 2: attributes, group 3: "/" when empty);
# some writers put a namespace prefix on every tag (<x:c …>).
_TAG_RE = re.compile(rb"<(?:\w+:)?row\b([^>]*)>|<(?:\w+:)?c\b([^>]*?)(/?)>")


def check_archive(content: bytes, file_label: str, kind: str) -> Issue | None:
    """The first limit an .xlsx/.ods file breaks, or None.

    Every part is inflated once, in chunks (the sheets while their extent is read): a part that
    inflates to more or less than its header says, or fails its checksum, makes the file broken
    here, before a reader that trusts the header sees it."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = _sheet_names(archive) if kind == "xlsx" else {}
            issue = _check_members(archive, file_label, names)
            if issue is None and kind == "xlsx":
                issue = _check_sheets(archive, file_label, names)
            if issue is None:
                for info in archive.infolist():
                    if info.filename not in names:
                        for _chunk in _chunks(archive, info.filename):
                            pass
            return issue
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        detail = f"phần nén bị hỏng hoặc khai sai kích thước ({type(exc).__name__})"
        return make_issue("file-unreadable", file=file_label, detail=detail)


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Member path -> sheet name."""
    try:
        return {path: name for name, path in sheet_paths(archive).items() if path}
    except (KeyError, zipfile.BadZipFile):
        return {}


def _check_members(archive: zipfile.ZipFile, file_label: str, names: dict[str, str]) -> Issue | None:
    max_bytes = settings.get("max_member_mb") * 1_000_000
    max_ratio = settings.get("max_compression_ratio")
    for info in archive.infolist():
        sheet = names.get(info.filename)
        where: dict[str, Any] = {
            "file": file_label,
            "sheet": sheet,
            "member": info.filename,
            "sheet_part": f" (trang {sheet})" if sheet else "",
        }
        if info.file_size > max_bytes:
            return make_issue(
                "zip-member-over-limit",
                size=format_plain(info.file_size / 1e6, 1),
                limit=format_plain(max_bytes / 1e6, 1),
                **where,
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > max_ratio:
            return make_issue("zip-ratio-over-limit", ratio=format_count(ratio), limit=format_count(max_ratio), **where)
    return None


def _check_sheets(archive: zipfile.ZipFile, file_label: str, names: dict[str, str]) -> Issue | None:
    max_rows, max_cols = int(settings.get("max_sheet_rows")), int(settings.get("max_sheet_columns"))
    max_cells = int(settings.get("max_workbook_cells"))
    total = 0
    members = set(archive.namelist())
    for path, sheet in names.items():
        if path not in members:
            continue
        extent = sheet_extent(_chunks(archive, path))
        at: dict[str, Any] = {"file": file_label, "sheet": sheet}
        if extent.rows > max_rows:
            return make_issue(
                "sheet-rows-over-limit",
                cell=extent.lowest,
                where=f" (ô {extent.lowest})",
                n=format_count(extent.rows),
                limit=format_count(max_rows),
                **at,
            )
        if extent.columns > max_cols:
            return make_issue(
                "sheet-columns-over-limit",
                cell=extent.rightmost,
                where=f" (ô {extent.rightmost})",
                n=format_count(extent.columns),
                limit=format_count(max_cols),
                **at,
            )
        total += extent.rows * extent.columns
        if total > max_cells:
            return make_issue(
                "workbook-cells-over-limit",
                cell=extent.corner,
                where=f" (đến ô {extent.corner})",
                n=format_count(total),
                limit=format_count(max_cells),
                **at,
            )
    return None


def _chunks(archive: zipfile.ZipFile, path: str) -> Iterator[bytes]:
    with archive.open(path) as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


@dataclass(frozen=True)
class Extent:
    """The used area of a sheet from A1: its last filled row and column (1-based), with a cell on each."""

    rows: int = 0
    columns: int = 0
    lowest: str | None = None  # a filled cell in the last row
    rightmost: str | None = None  # a filled cell in the last column

    @property
    def corner(self) -> str | None:
        return cell_name(self.rows - 1, self.columns - 1) if self.rows and self.columns else None


def sheet_extent(chunks: Iterable[bytes]) -> Extent:
    """The used area of a sheet's XML, read chunk by chunk.

    Only cells with content count (``<c …/>`` is a formatted empty cell: no reader keeps it). A
    row or cell without an ``r`` attribute follows the previous one, as the format says.
    """
    extent = Extent()
    row = col = 0
    tail = b""
    for chunk in chunks:
        data = tail + chunk
        cut = data.rfind(b"<")
        data, tail = (data[:cut], data[cut:]) if cut >= 0 else (data, b"")
        for m in _TAG_RE.finditer(data):
            if m.group(1) is not None:
                r = _ROW_R_RE.search(m.group(1))
                row, col = (int(r.group(1)) if r else row + 1), 0
                continue
            ref = _R_RE.search(m.group(2))
            if ref:
                col, row = col_index(ref.group(1).decode()) + 1, int(ref.group(2))
            else:
                col += 1
            if m.group(3):  # self-closing: no content
                continue
            if row > extent.rows:
                extent = replace(extent, rows=row, lowest=cell_name(row - 1, col - 1))
            if col > extent.columns:
                extent = replace(extent, columns=col, rightmost=cell_name(row - 1, col - 1))
    return extent


def read_csv_within_limits(text: str, name: str, file_label: str) -> list[Grid] | Issue:
    """The CSV file's grid, or the issue of the first limit it breaks (rows, columns, a field's length)."""
    limits = {
        "rows": int(settings.get("max_sheet_rows")),
        "columns": int(settings.get("max_sheet_columns")),
        "field": int(settings.get("max_field_chars")),
    }
    try:
        return read_csv(text, name, limits["rows"], limits["columns"], limits["field"])
    except GridLimitError as exc:
        code = {"rows": "sheet-rows-over-limit", "columns": "sheet-columns-over-limit", "field": "field-too-long"}
        return make_issue(
            code[exc.what],
            file=file_label,
            sheet=name,
            n=format_count(exc.column or exc.line),
            where=f" (dòng {format_count(exc.line)} của tệp)",
            limit=format_count(limits[exc.what]),
        )


def refuse_over_limits(content: bytes, sniffed: Sniffed, file_label: str) -> Extracted | list[Grid]:
    """Before reading: a refusal (an Extracted with one file issue) when a limit is broken; for a CSV
    file, its grid read within the limits; otherwise an empty list (read the workbook)."""
    if sniffed.kind == "csv":
        grids = read_csv_within_limits(sniffed.text or "", Path(file_label).stem, file_label)
        issue = grids if isinstance(grids, Issue) else None
    else:
        grids, issue = [], check_archive(content, file_label, sniffed.kind or "") if sniffed.kind in _ZIPPED else None
    if issue is None:
        return cast(list[Grid], grids)
    return Extracted("unknown", issues=[issue])
