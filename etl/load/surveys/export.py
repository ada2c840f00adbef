"""An export of Google Forms or Microsoft Forms as a plain table: headers and rows of text.

Both tools write one row per respondent and one column per question under a single header
row: Google Forms starts with the submission time ("Dấu thời gian" / "Timestamp"), Microsoft
Forms with ``ID, Start time, Completion time, Email, Name``. CSV files are decoded as the
indicator reader does (UTF-8 with or without BOM, else Windows-1258); of a workbook the first
sheet is read. Cells are kept as text (dates as ISO text) so the checks see what was written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

import openpyxl

from etl.reading.sniff import sniff
from vocab.text import clean_text, fold_key


class ExportError(ValueError):
    """The file cannot be read as a form export: (catalogue code, detail)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class Export:
    kind: str  # "csv" or "xlsx"
    sheet: str | None
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # every row as long as the headers; "" is a blank

    @property
    def tool(self) -> str:
        """ "microsoft" (ID, Start time… first), "google" (a timestamp first) or "unknown"."""
        keys = [fold_key(h) for h in self.headers[:3]]
        if keys[:1] == ["id"] and len(keys) > 2 and keys[1] in {"starttime", "thoigianbatdau"}:
            return "microsoft"
        if keys[:1] and keys[0] in {"dauthoigian", "timestamp"}:
            return "google"
        return "unknown"

    @property
    def checkbox_separators(self) -> tuple[str, ...]:
        """How the tool joins the options of a checkbox answer (the first is tried first)."""
        return (";", ", ") if self.tool == "microsoft" else (", ", ";")


def read_export(content: bytes) -> Export:
    sniffed = sniff(content)
    if sniffed.problem is not None or sniffed.kind is None:
        raise ExportError(sniffed.problem or "not-a-spreadsheet", sniffed.detail)
    if sniffed.kind == "csv":
        text = sniffed.text or ""
        dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        grid = [list(r) for r in csv.reader(io.StringIO(text), delimiter=dialect)]
        return _as_export("csv", None, grid)
    if sniffed.kind != "xlsx":
        raise ExportError("survey-format", "chỉ đọc tệp .xlsx hoặc .csv tải từ Google Forms / Microsoft Forms")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # a damaged workbook: openpyxl raises many kinds
        raise ExportError("file-unreadable", str(exc)) from exc
    sheet = workbook.worksheets[0]
    grid = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return _as_export("xlsx", sheet.title, grid)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_export(kind: str, sheet: str | None, grid: list[list[str]]) -> Export:
    grid = [row for row in grid if any(str(c).strip() for c in row)]
    if len(grid) < 2:
        raise ExportError("survey-no-responses")
    width = max(len(r) for r in grid)
    headers = [clean_text(h) for h in grid[0]] + [""] * (width - len(grid[0]))
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    rows = tuple(tuple(_keep_lines(c) for c in (r + [""] * width)[:width]) for r in grid[1:])
    return Export(kind, sheet, tuple(headers), rows)


def _keep_lines(value: str) -> str:
    """A cell trimmed, its line breaks kept (paragraph answers), other spacing cleaned."""
    return "\n".join(clean_text(line) for line in str(value).replace("\r\n", "\n").split("\n")).strip()
