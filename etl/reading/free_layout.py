"""Finding tables in free-layout sheets: the header rows and what each column holds.

A header row is recognised by its labels (etl/config/layout_headers.csv) and by
year labels; one or two rows below it may continue the header (merged "Năm học"
over "2013-2014"…, an indicator over its years). Each column then has a role:
a key column (unit, indicator, year, unit of measure), an ignored column (STT,
Ghi chú) or a value column carrying a year and/or an indicator name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from etl.reading.grid import Grid, cell_name
from etl.resolve.keywords import vocabulary
from vocab.numbers import parse_number, parse_year_label
from vocab.text import clean_text, fold_key

KEY_ROLES = {"unit_name", "unit_code", "indicator_name", "indicator_code", "year", "measure"}
IGNORED_ROLES = {"stt", "note"}
_SEARCH_ROWS = 40
_NUMBERING_CELL_RE = re.compile(r"^\(?[A-Za-z0-9]{1,3}\)?$")


@dataclass
class Column:
    index: int
    role: str | None = None  # a key role, an ignored role, "value", or None (empty header)
    year_label: object = None
    year_cell: str | None = None
    texts: list[str] = field(default_factory=list)  # header words naming an indicator
    header_cell: str = ""
    measure: str | None = None  # "(nghìn học sinh)" after the indicator name in the header


@dataclass
class Table:
    top: int
    bottom: int  # last header row
    columns: list[Column]

    def key(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    @property
    def values(self) -> list[Column]:
        return [c for c in self.columns if c.role == "value"]


def merge_map(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """Every covered cell of a merged range -> the range's top-left cell."""
    out = {}
    for r1, c1, r2, c2 in grid.merged:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                out[(r, c)] = (r1, c1)
    return out


def is_year_like(value: object) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value).is_integer() and 1990 <= value <= 2100
    if isinstance(value, str):
        return _is_year_text(value)
    return False


@lru_cache(maxsize=16384)
def _is_year_text(value: str) -> bool:
    return parse_year_label(value).status == "ok"


def is_number_like(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and parse_number(value).status == "ok"


def header_score(row: list[object]) -> int:
    """How much a row looks like a table header (0 = not at all)."""
    if any(isinstance(v, (int, float)) and not is_year_like(v) for v in row):
        return 0  # a header has no numbers other than years
    roles = vocabulary().header_roles
    labelled = [v for v in row if isinstance(v, str) and fold_key(v) in roles]
    years = sum(is_year_like(v) for v in row)
    others = [v for v in row if v is not None and not is_year_like(v)]
    numbers = sum(is_number_like(v) for v in others)
    if numbers > len(labelled):
        return 0
    if len(labelled) >= 2 or (labelled and years >= 2):
        return len(labelled) + years
    named = {roles[fold_key(v)] for v in labelled} & {"indicator_name", "unit_name", "unit_code", "year", "stt"}
    if named and sum(isinstance(v, str) for v in row) >= 3:
        return len(labelled) + years
    return 0


def _is_numbering_row(row: list[object]) -> bool:
    cells = [v for v in row if v is not None]
    return len(cells) >= 3 and all(
        (isinstance(v, (int, float)) and float(v).is_integer() and 0 < v < 100)
        or (isinstance(v, str) and _NUMBERING_CELL_RE.match(v.strip()))
        for v in cells
    )


def find_header(grid: Grid, start: int, merges: dict[tuple[int, int], tuple[int, int]]) -> Table | None:
    """The first table whose header begins at or after ``start``."""
    for top in range(start, min(len(grid.rows), start + _SEARCH_ROWS)):
        if header_score(_filled_row(grid, top, merges)) == 0:
            continue
        bottom = top
        for below in range(top + 1, min(top + 3, len(grid.rows))):
            row = _filled_row(grid, below, merges)
            open_cols = _open_columns(grid, top, below, merges)
            if _is_numbering_row(row) or not _continues_header(row, grid.rows[below], open_cols):
                break
            bottom = below
        return Table(top, bottom, _columns(grid, top, bottom, merges))
    return _header_above_numbers(grid, start, merges)


def _header_above_numbers(grid: Grid, start: int, merges: dict[tuple[int, int], tuple[int, int]]) -> Table | None:
    """No known labels ("Huyện/TX/TP | Trường | Lớp"): the text row right above the first row of
    numbers is the header. Its columns still have to name known indicators and units to load."""
    for r in range(start, min(len(grid.rows), start + _SEARCH_ROWS)):
        row = grid.rows[r]
        if sum(is_number_like(v) and not is_year_like(v) for v in row) < 2:
            continue
        for top in (r - 1, r - 2):
            above = _filled_row(grid, top, merges) if top >= start else []
            texts = [v for v in above if isinstance(v, str)]
            if len(texts) >= 2 and not any(is_number_like(v) and not is_year_like(v) for v in above):
                bottom = r - 1
                if top < bottom and not _continues_header(grid.rows[bottom], grid.rows[bottom], set(range(99))):
                    continue
                return Table(top, bottom, _columns(grid, top, bottom, merges))
        return None
    return None


def _open_columns(grid: Grid, top: int, below: int, merges: dict[tuple[int, int], tuple[int, int]]) -> set[int]:
    """Columns whose header above ``below`` is empty or spans several columns: room for a sub-header."""
    width = max((len(grid.rows[r]) for r in range(top, below)), default=0)
    spans = {c for (r, c), (r0, c0) in merges.items() if top <= r < below and (c != c0 or _wide(grid, r0, c0))}
    empty = {
        c for c in range(width) if all(grid.value(r, c) is None and (r, c) not in merges for r in range(top, below))
    }
    return spans | empty


def _wide(grid: Grid, r: int, c: int) -> bool:
    return any(r1 == r and c1 == c and c2 > c1 for r1, c1, _r2, c2 in grid.merged)


def _continues_header(filled: list[object], raw: list[object], open_cols: set[int]) -> bool:
    present = [(c, v) for c, v in enumerate(raw) if v is not None]
    if not present:
        return False
    if any(is_number_like(v) and not is_year_like(v) for _c, v in present):
        return False
    if any(is_year_like(v) for _c, v in present):
        return True
    return all(isinstance(v, str) and c in open_cols for c, v in present)


def _filled_row(grid: Grid, r: int, merges: dict[tuple[int, int], tuple[int, int]]) -> list[object]:
    row = list(grid.rows[r]) if r < len(grid.rows) else []
    for c in range(len(row)):
        if row[c] is None and (r, c) in merges:
            row[c] = grid.value(*merges[(r, c)])
    return row


def _columns(grid: Grid, top: int, bottom: int, merges: dict[tuple[int, int], tuple[int, int]]) -> list[Column]:
    roles = vocabulary().header_roles
    rows = [_filled_row(grid, r, merges) for r in range(top, bottom + 1)]
    width = max(len(r) for r in rows)
    columns = []
    for c in range(width):
        col = Column(c, header_cell=cell_name(bottom, c))
        role = None
        for r, row in zip(range(top, bottom + 1), rows, strict=True):
            v = row[c] if c < len(row) else None
            if v is None:
                continue
            if is_year_like(v):
                col.year_label, col.year_cell = v, cell_name(r, c)
            elif isinstance(v, str) and fold_key(v) in roles:
                role = roles[fold_key(v)]
            elif clean_text(str(v)) and clean_text(str(v)) not in col.texts:
                col.texts.append(clean_text(str(v)))
        if role in KEY_ROLES | IGNORED_ROLES and not (role == "year" and col.year_label is not None):
            col.role = role
        elif col.year_label is not None or col.texts or role == "value":
            col.role = "value"
        columns.append(col)
    return columns
