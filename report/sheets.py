"""Formula-safe spreadsheet exports: XLSX (xlsxwriter) and CSV (UTF-8 with BOM).

Safety: a text cell never starts a formula. Text beginning with = + - @ (or a
tab / carriage return, which some programs strip first) is neutralised: in
XLSX it is written explicitly as a string with Excel's "quote prefix" style
(shown unchanged, still text after editing); in CSV it gets a leading
apostrophe (the OWASP advice), since a CSV cell has no type.

Numbers stay numbers. XLSX number formats follow the dashboard's display rule
(ui.format.format_value): one decimal for "%" and non-integers, none for
whole numbers, thousands grouped. Excel shows the grouping and decimal marks
of the reader's locale, so a Vietnamese Excel shows "1.234,5".
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from vocab.display import excel_number_format

__all__ = [
    "DANGEROUS_PREFIXES",
    "Sheet",
    "csv_bytes",
    "file_stem",
    "is_dangerous",
    "neutralise",
    "number_format",
    "xlsx_bytes",
]

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET_NAME = 31  # Excel's limit
_BAD_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def is_dangerous(text: str) -> bool:
    """True when a spreadsheet program could read the text as a formula."""
    return text.startswith(DANGEROUS_PREFIXES)


def neutralise(text: str) -> str:
    """Text safe for a CSV cell: a leading apostrophe before a formula-like start."""
    return "'" + text if is_dangerous(text) else text


def number_format(value: float, unit: str = "") -> str:
    """Excel format code showing the number as vocab.display does for this unit.

    Without a unit (a generic table) whole numbers get no decimals and others one.
    """
    if unit:
        return excel_number_format(unit)
    return "#,##0" if float(value).is_integer() else "#,##0.0"


@dataclass
class Sheet:
    """One worksheet: a title, a table, and lines under it (unit, source...)."""

    name: str
    frame: pd.DataFrame
    title: str = ""
    notes_above: Sequence[str] = ()
    notes_below: Sequence[str] = ()
    units: str | Mapping[str, str] = ""  # one unit for every column, or per column
    index: bool = True
    column_widths: dict[int, float] = field(default_factory=dict)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


class _Writer:
    """Writes typed cells with a small cache of formats."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self._formats: dict[tuple[tuple[str, Any], ...], Any] = {}

    def fmt(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format({"font_name": "Times New Roman", "font_size": 12, **props})
        return self._formats[key]

    def cell(self, ws: Worksheet, row: int, col: int, value: Any, unit: str = "", **style: Any) -> None:
        if _is_missing(value):
            ws.write_blank(row, col, None, self.fmt(**style))
        elif isinstance(value, bool):
            ws.write_string(row, col, "Có" if value else "Không", self.fmt(**style))
        elif isinstance(value, int | float) and math.isfinite(float(value)):
            ws.write_number(row, col, float(value), self.fmt(num_format=number_format(value, unit), **style))
        else:
            text = str(value)
            props = {"quote_prefix": True} if is_dangerous(text) else {}
            ws.write_string(row, col, text, self.fmt(**style, **props))


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else value


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, no []:*?/\\)."""
    base = name.translate(_BAD_SHEET_CHARS).strip().strip("'") or "Bang"
    base = base[:MAX_SHEET_NAME]
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate, n = base[: MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def write_sheet(writer: _Writer, ws: Worksheet, sheet: Sheet) -> None:
    frame = sheet.frame.reset_index() if sheet.index else sheet.frame
    row = 0
    if sheet.title:
        writer.cell(ws, row, 0, sheet.title, bold=True, font_size=13)
        row += 1
    for note in sheet.notes_above:
        writer.cell(ws, row, 0, note, italic=True)
        row += 1
    if row:
        row += 1
    header_row = row
    for col, name in enumerate(frame.columns):
        writer.cell(ws, row, col, str(name), bold=True, border=1, text_wrap=True, align="center", valign="vcenter")
    for values in frame.itertuples(index=False):
        row += 1
        for col, (name, value) in enumerate(zip(frame.columns, values, strict=True)):
            unit = sheet.units if isinstance(sheet.units, str) else sheet.units.get(str(name), "")
            writer.cell(ws, row, col, _plain(value), unit, border=1)
    row += 2
    for note in sheet.notes_below:
        writer.cell(ws, row, 0, note, italic=True)
        row += 1
    widths = {0: 34.0, **{c: 12.0 for c in range(1, len(frame.columns))}, **sheet.column_widths}
    for col, width in widths.items():
        ws.set_column(col, col, width)
    ws.freeze_panes(header_row + 1, 1)
    ws.repeat_rows(header_row)


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook with one worksheet per Sheet (names made valid and unique)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    writer, taken = _Writer(book), set[str]()
    for sheet in sheets or [Sheet("Bang", pd.DataFrame())]:
        ws = book.add_worksheet(sheet_name(sheet.name, taken))
        write_sheet(writer, ws, sheet)
    book.close()
    return buffer.getvalue()


def csv_bytes(frame: pd.DataFrame, index: bool = True) -> bytes:
    """CSV in UTF-8 with a BOM (Excel then reads Vietnamese correctly); formula-like text neutralised.

    Numbers are written plainly ("1234.5"): CSV is for exchanging data; the
    XLSX export is the one formatted for reading.
    """
    data = frame.reset_index() if index else frame.copy()
    data.columns = [neutralise(str(c)) for c in data.columns]
    for col in data.columns:
        if data[col].dtype == object or pd.api.types.is_string_dtype(data[col]):
            data[col] = [v if _is_missing(v) or not isinstance(v, str) else neutralise(v) for v in data[col]]
    return data.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def file_stem(title: str, limit: int = 60) -> str:
    """An ASCII file name stem from a Vietnamese title: 'Tỷ lệ đạt chuẩn (%)' -> 'ty_le_dat_chuan'."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
    stem = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return stem[:limit].rstrip("_") or "bang"
