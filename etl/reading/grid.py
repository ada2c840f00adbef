"""Sheets as plain grids of values, read fast with calamine (xlsx, xlsm, xls, ods) or csv.

calamine gives values and merged ranges but no number formats, shows an Excel
error or a formula without a saved result as an empty cell, and knows nothing of
fonts. For .xlsx those facts are read here from the sheet XML directly (a regex
scan, much faster than openpyxl): cells formatted as percentages, error cells,
formulas without a cached value and the font of text cells. For .xls they are
not available (see docs/free_layouts.md).
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from posixpath import join, normpath

import python_calamine as calamine

from etl.resolve.cells import has_percent_format

Pos = tuple[int, int]  # 0-based row, column

_BUILTIN_PERCENT = {9, 10}


@dataclass
class Grid:
    """One sheet: rows of values (str, float, int, bool, datetime or None) and what calamine hides."""

    name: str
    rows: list[list[object]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 inclusive
    percent: set[Pos] = field(default_factory=set)
    errors: dict[Pos, str] = field(default_factory=dict)
    formulas: dict[Pos, str] = field(default_factory=dict)  # formulas without a cached value
    fonts: dict[Pos, str] = field(default_factory=dict)  # font name of text cells (xlsx only)
    not_finite: set[Pos] = field(default_factory=set)  # NaN or infinity written in the sheet (in errors too)
    hidden: bool = False
    formats_known: bool = True  # False for .xls/.ods: calamine does not give number formats

    def value(self, r: int, c: int) -> object:
        if r < len(self.rows) and c < len(self.rows[r]):
            return self.rows[r][c]
        return None


def cell_name(r: int, c: int) -> str:
    return f"{column_letters(c)}{r + 1}"


@lru_cache(maxsize=4096)
def column_letters(c: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_workbook(content: bytes, kind: str) -> list[Grid]:
    """All sheets of a workbook; raises calamine errors for broken files."""
    workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
    grids = []
    for meta in workbook.sheets_metadata:
        if str(meta.typ) != "SheetTypeEnum.WorkSheet":
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        rows: list[list[object]] = [
            [None if v == "" else v for v in row] for row in sheet.to_python(skip_empty_area=False)
        ]
        merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
        hidden = str(meta.visible) != "SheetVisibleEnum.Visible"
        grid = Grid(meta.name, rows, merged, hidden=hidden, formats_known=kind == "xlsx")
        _mark_not_finite(grid)
        grids.append(grid)
    if kind == "xlsx":
        _add_xlsx_facts(content, grids)
    return grids


class GridLimitError(Exception):
    """A CSV file over a reading limit: ``what`` is "rows", "columns" or "field"; ``line`` is 1-based."""

    def __init__(self, what: str, line: int, column: int = 0) -> None:
        super().__init__(what, line, column)
        self.what, self.line, self.column = what, line, column


def _mark_not_finite(grid: Grid) -> None:
    """A NaN or an infinity in the sheet XML is no number and no blank: a cell the reader reports."""
    for r, row in enumerate(grid.rows):
        for c, v in enumerate(row):
            if isinstance(v, float) and not math.isfinite(v):
                grid.not_finite.add((r, c))
                grid.errors[(r, c)] = "NaN" if math.isnan(v) else ("-INF" if v < 0 else "INF")
                row[c] = None


def _delimiter(sample: str) -> str:
    """The separator that splits the most lines of the sample; csv.Sniffer's guess wins ties (it is
    misled by a title line above the table, as in Excel's "Unicode Text" exports)."""
    try:
        guess = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        guess = ","
    lines = sample.splitlines()[:50]

    def split_lines(sep: str) -> int:
        return sum(1 for row in csv.reader(lines, delimiter=sep) if len(row) > 1)

    best = max((",", ";", "\t"), key=lambda sep: (split_lines(sep), sep == guess))
    return guess if split_lines(guess) >= split_lines(best) else best


def read_csv(
    text: str, name: str, max_rows: int | None = None, max_columns: int | None = None, max_field: int | None = None
) -> list[Grid]:
    """One grid; with limits, the rows are counted as they are read and GridLimitError stops at the first over."""
    delimiter = _delimiter(text[:8192])
    if max_field is not None:
        csv.field_size_limit(max_field)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[object]] = []
    try:
        for row in reader:
            if max_columns is not None and len(row) > max_columns:
                raise GridLimitError("columns", reader.line_num, len(row))
            rows.append([v if v.strip() else None for v in row])
            if max_rows is not None and len(rows) > max_rows:
                raise GridLimitError("rows", reader.line_num)
    except csv.Error as exc:
        if max_field is not None and "field limit" in str(exc):
            raise GridLimitError("field", reader.line_num) from exc
        raise
    return [Grid(name, rows)]  # CSV has no formats: a fraction is a fraction


# --- xlsx facts from the XML ------------------------------------------------------------------

_SHEET_RE = re.compile(
    rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"|<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"'
)
_REL_RE = re.compile(rb"<Relationship\b[^>]*?>")
_ATTR_RE = re.compile(rb'(\w+(?::\w+)?)="([^"]*)"')
_CELL_RE = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_NUMFMT_RE = re.compile(rb'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_XF_RE = re.compile(rb"<xf\b([^>]*?)(?:/>|>)")
_FONT_RE = re.compile(rb"<font\b.*?</font>|<font\s*/>", re.S)
_FONT_NAME_RE = re.compile(rb'<name\b[^>]*?val="([^"]*)"')
_V_RE = re.compile(rb"<v>([^<]*)</v>")


def _attrs(blob: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR_RE.findall(blob))


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    for entity, ch in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, ch)
    return text


def _styles(archive: zipfile.ZipFile) -> tuple[set[int], dict[int, str]]:
    """(style indexes shown as percentages, style index -> font name)."""
    try:
        xml = archive.read("xl/styles.xml")
    except KeyError:
        return set(), {}
    custom = {int(i): _unescape(code) for i, code in _NUMFMT_RE.findall(xml)}
    fonts_xml = xml.split(b"<fonts", 1)[-1].split(b"</fonts>", 1)[0]
    fonts = []
    for font in _FONT_RE.findall(fonts_xml):
        m = _FONT_NAME_RE.search(font)
        fonts.append(_unescape(m.group(1)) if m else "")
    xfs_xml = xml.split(b"<cellXfs", 1)[-1].split(b"</cellXfs>", 1)[0]
    percent, font_of = set(), {}
    for index, xf in enumerate(_XF_RE.findall(xfs_xml)):
        a = _attrs(xf)
        fmt = int(a.get(b"numFmtId", b"0"))
        if fmt in _BUILTIN_PERCENT or has_percent_format(custom.get(fmt, "")):
            percent.add(index)
        font_id = int(a.get(b"fontId", b"0"))
        if font_id < len(fonts):
            font_of[index] = fonts[font_id]
    return percent, font_of


def sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = archive.read("xl/workbook.xml")
    rels = {}
    for rel in _REL_RE.findall(archive.read("xl/_rels/workbook.xml.rels")):
        a = _attrs(rel)
        target = a.get(b"Target", b"").decode()
        path = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
        rels[a.get(b"Id", b"").decode()] = path
    paths = {}
    for m in _SHEET_RE.finditer(workbook):
        name, rid = (m.group(1), m.group(2)) if m.group(1) is not None else (m.group(4), m.group(3))
        paths[_unescape(name)] = rels.get(rid.decode(), "")
    return paths


def _add_xlsx_facts(content: bytes, grids: list[Grid]) -> None:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        percent_styles, font_of = _styles(archive)
        paths = sheet_paths(archive)
        legacy_fonts = {i for i, f in font_of.items() if f.casefold().startswith((".vn", "vni"))}
        for grid in grids:
            path = paths.get(grid.name)
            if not path or path not in archive.namelist():
                continue
            _scan_sheet(archive.read(path), grid, percent_styles, legacy_fonts, font_of)


def _scan_sheet(xml: bytes, grid: Grid, percent_styles: set[int], legacy: set[int], font_of: dict[int, str]) -> None:
    for m in _CELL_RE.finditer(xml):
        a = _attrs(m.group(1))
        ref = a.get(b"r")
        if ref is None:
            continue
        letters = ref.rstrip(b"0123456789").decode()
        pos = (int(ref[len(letters) :]) - 1, col_index(letters))
        style = int(a.get(b"s", b"0"))
        body = m.group(2) or b""
        if style in percent_styles:
            grid.percent.add(pos)
        if style in legacy:
            grid.fonts[pos] = font_of[style]
        if a.get(b"t") == b"e":
            v = _V_RE.search(body)
            grid.errors[pos] = _unescape(v.group(1)) if v else "#N/A"
        elif b"<f" in body:
            v = _V_RE.search(body)
            if v is None or (not v.group(1) and a.get(b"t") != b"str"):
                f = re.search(rb"<f\b[^>]*>([^<]*)</f>", body)
                grid.formulas[pos] = "=" + _unescape(f.group(1)) if f else "=?"
