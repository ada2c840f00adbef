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
from etl.resolve.years import read_year_label, split_year_prefix
from vocab.numbers import parse_number
from vocab.text import clean_text, fold_key

KEY_ROLES = {"unit_name", "unit_code", "indicator_name", "indicator_code", "year", "measure"}
IGNORED_ROLES = {"stt", "note"}
_SEARCH_ROWS = 40
_NUMBERING_CELL_RE = re.compile(r"^\(?[A-Za-z0-9]{1,3}\)?$")
_SCHOOL_BANDS = {"namhoc", "schoolyear"}  # a plain year under these is a school year


@dataclass
class Column:
    index: int
    role: str | None = None  # a key role, an ignored role, "value", or None (empty header)
    year_label: object = None
    year_cell: str | None = None
    texts: list[str] = field(default_factory=list)  # header words naming an indicator
    header_cell: str = ""
    measure: str | None = None  # "(nghìn học sinh)" after the indicator name in the header
    year_band: bool = False  # a "Năm học" band over the column: its plain year is a school year


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
    return read_year_label(value).ok or split_year_prefix(value) is not None


def is_number_like(value: object) -> bool:
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return True
    if not isinstance(value, str):
        return False
    parsed = parse_number(value)
    return parsed.status == "ok" or parsed.note == "ambiguous-separator"  # "7091.0", "1,234": a number either way


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
    if len(labelled) >= 2 or (labelled and years >= 2) or (years >= 2 and not numbers):
        return len(labelled) + years
    named = {roles[fold_key(v)] for v in labelled} & {"indicator_name", "unit_name", "unit_code", "year", "stt"}
    # "Tỉnh, thành phố | Số trường": a key column and one value column is a header too
    needed = 2 if named & {"indicator_name", "unit_name", "unit_code"} else 3
    if named and sum(isinstance(v, str) for v in row) >= needed:
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
        top = _bands_above(grid, start, top, merges)
        return Table(top, bottom, _columns(grid, top, bottom, merges))
    return _header_above_numbers(grid, start, merges)


def header_at(grid: Grid, top: int, merges: dict[tuple[int, int], tuple[int, int]]) -> Table:
    """The table whose header is the row an analyst named (the ``header-row`` answer)."""
    bottom = top
    for below in range(top + 1, min(top + 3, len(grid.rows))):
        if _row_numbers(grid.rows[below]) or not _continues_header(
            _filled_row(grid, below, merges), grid.rows[below], _open_columns(grid, top, below, merges)
        ):
            break
        bottom = below
    return Table(top, bottom, _columns(grid, top, bottom, merges))


def _bands_above(grid: Grid, start: int, top: int, merges: dict[tuple[int, int], tuple[int, int]]) -> int:
    """Band rows right above a header ("Năm học - School year" over the years, "Tổng số | Chia ra")
    belong to it; a title (one text in the first column) does not."""
    while top - 1 >= start:
        raw = [(c, v) for c, v in enumerate(grid.rows[top - 1]) if v is not None]
        if not raw or _row_numbers(grid.rows[top - 1]) or not all(isinstance(v, str) for _c, v in raw):
            break
        if (len(raw) == 1 and raw[0][0] == 0) or any(_is_title_marker(str(v)) for _c, v in raw):
            break
        if len(raw) == 1 and not _wide(grid, top - 1, raw[0][0]) and not _is_header_word(str(raw[0][1])):
            break  # one narrow cell ("%" at the right): a unit line of the title
        top -= 1
    return top


@lru_cache(maxsize=4096)
def corner_role(text: str) -> str | None:
    """The role of a split (diagonal) corner cell, "NĂM HỌC / CHỈ TIÊU" or "Chỉ tiêu⏎Năm học": two
    header labels in one cell, one naming the columns and one the rows. The rows' label is the
    one that is not the year (the years are the columns); of two others, the second (bottom-left)."""
    roles = vocabulary().header_roles
    words = re.sub(r"[/\\]", " ", text).split()
    for i in range(1, len(words)):
        first, second = roles.get(fold_key(" ".join(words[:i]))), roles.get(fold_key(" ".join(words[i:])))
        if first and second and first != second:
            return first if second == "year" else second
    return None


def _is_header_word(text: str) -> bool:
    vocab = vocabulary()
    return fold_key(text) in vocab.header_roles or vocab.label_kind(text) == "band"


def _is_title_marker(text: str) -> bool:
    """ "ĐVT: Lớp", "(Đơn vị tính: trường)": a title-block line, not a header band."""
    label = fold_key(text.partition(":")[0])
    vocab = vocabulary()
    return ":" in text and (label in vocab.measure_labels or label in vocab.unit_labels)


def _row_numbers(row: list[object]) -> int:
    return sum(is_number_like(v) and not is_year_like(v) for v in row)


def _header_above_numbers(grid: Grid, start: int, merges: dict[tuple[int, int], tuple[int, int]]) -> Table | None:
    """No known labels ("Huyện/TX/TP | Trường | Lớp"): the text row right above the first row of
    numbers is the header, with the band rows above it. Its columns still have to name known
    indicators and units to load."""
    for r in range(start, min(len(grid.rows), start + _SEARCH_ROWS)):
        if _row_numbers(grid.rows[r]) < 2:
            continue
        skip = 1 if r - 1 >= start and _is_numbering_row(grid.rows[r - 1]) else 0  # "(1) (2) (3)" under a header
        for top in (r - 1 - skip, r - 2 - skip):
            above = _filled_row(grid, top, merges) if top >= start else []
            texts = [v for v in above if isinstance(v, str)]
            if len(texts) >= 2 and not any(is_number_like(v) and not is_year_like(v) for v in above):
                bottom = r - 1 - skip
                if top < bottom and not _continues_header(grid.rows[bottom], grid.rows[bottom], set(range(99))):
                    continue
                top = _bands_above(grid, start, top, merges)
                return Table(top, bottom, _columns(grid, top, bottom, merges))
        return None
    return None


def _open_columns(grid: Grid, top: int, below: int, merges: dict[tuple[int, int], tuple[int, int]]) -> set[int]:
    """Columns whose header above ``below`` is empty, or spans several columns in the row right
    above it ("Năm học 2019-2020" over "Tổng số | Chia ra"): room for a sub-header."""
    width = max((len(grid.rows[r]) for r in range(top, below)), default=0)
    spans = {c for (r, c), (r0, c0) in merges.items() if r == below - 1 and (c != c0 or _wide(grid, r0, c0))}
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
    vocab = vocabulary()
    roles = vocab.header_roles
    rows = [_filled_row(grid, r, merges) for r in range(top, bottom + 1)]
    width = max(len(r) for r in rows)
    columns = []
    for c in range(width):
        col = Column(c, header_cell=cell_name(bottom, c))
        role, school_band = None, False
        for r, row in zip(range(top, bottom + 1), rows, strict=True):
            v = row[c] if c < len(row) else None
            if v is None:
                continue
            split = split_year_prefix(v) if isinstance(v, str) else None
            if split is not None:  # "2002 Primary": a year and a name in one header cell
                v = split[1]
                col.year_label, col.year_cell = split[0], cell_name(r, c)
            if is_year_like(v):
                col.year_label, col.year_cell = v, cell_name(r, c)
            elif isinstance(v, str) and (fold_key(v) in roles or corner_role(v)):
                role = roles.get(fold_key(v)) or corner_role(v)
                school_band = school_band or fold_key(v) in _SCHOOL_BANDS
            elif isinstance(v, str) and vocab.label_kind(v) == "band":
                continue  # "Chia ra", "Trong đó" over the split columns
            elif clean_text(str(v)) and clean_text(str(v)) not in col.texts:
                col.texts.append(clean_text(str(v)))
        col.year_band = school_band
        if role in KEY_ROLES | IGNORED_ROLES and not (role == "year" and col.year_label is not None):
            col.role = role
        elif col.year_label is not None or col.texts or role == "value":
            col.role = "value"
        columns.append(col)
    return columns
