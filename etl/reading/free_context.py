"""What a sheet says about itself outside its table: unit, year, indicator and school level.

Sources, most explicit first: a "Đơn vị: …" cell, the title block above the
table ("UBND HUYỆN HÒA PHONG", "NĂM HỌC 2015-2016", "TIỂU HỌC"), the sheet
name and the file name. Two different units or years at the same level of
evidence make the context unknown: nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from etl.reading.grid import Grid, cell_name
from etl.reference.model import Reference
from etl.resolve.keywords import fold_words, vocabulary
from etl.resolve.names import find_units_in_text, match_indicator, match_unit
from vocab.numbers import parse_year_label
from vocab.text import clean_text, fold_key

# A year written in a title after "năm học", "năm", "NH" or "sơ bộ" (folded text).
_TITLE_YEAR_RE = re.compile(r"(?:so bo |sb )?(?:nam hoc|nam|nh) (?:so bo )?(\d{4}(?: \d{2,4})?)(?: so bo)?")
_DATE_LINE_RE = re.compile(r" ngay .* thang ")


@dataclass
class Context:
    unit: str | None = None
    unit_cell: str | None = None
    unit_conflict: tuple[str, ...] = ()
    year_label: object = None
    year_cell: str | None = None
    indicator: str | None = None
    measure: str | None = None
    levels: set[str] = field(default_factory=set)


def sheet_context(grid: Grid, title_end: int, file_label: str, ref: Reference) -> Context:
    """Context from rows above ``title_end`` (the table header), the sheet name and the file name."""
    ctx = Context()
    vocab = vocabulary()
    titles: list[tuple[str, str]] = []  # (text, cell)
    labelled_units: set[str] = set()
    for r in range(min(title_end, len(grid.rows))):
        for c, v in enumerate(grid.rows[r]):
            if not isinstance(v, str) or not v.strip():
                continue
            titles.append((v, cell_name(r, c)))
            label, _, rest = v.partition(":")
            if fold_key(label) in vocab.unit_labels:
                text = rest.strip() or _right_of(grid, r, c)
                found = match_unit(text, ref).code if text else None
                if found:
                    labelled_units.add(found)
                    ctx.unit_cell = cell_name(r, c)
            if fold_key(label) in vocab.measure_labels and rest.strip():
                ctx.measure = clean_text(rest)
    _set_unit(ctx, labelled_units, titles, grid.name, file_label, ref)
    _set_year(ctx, titles, grid.name)
    for text, _cell in titles:
        ctx.levels |= vocab.level_in(text)
        match = match_indicator(text, set(), ref)
        if match.code and ctx.indicator is None:
            ctx.indicator = match.code
    ctx.levels |= vocab.level_in(grid.name)
    if len(ctx.levels) > 1:
        ctx.levels = set()  # "TIỂU HỌC VÀ THCS": no single level
    return ctx


def _right_of(grid: Grid, r: int, c: int) -> str:
    for v in grid.rows[r][c + 1 :]:
        if isinstance(v, str) and v.strip():
            return v
    return ""


def _set_unit(
    ctx: Context, labelled: set[str], titles: list[tuple[str, str]], sheet: str, file_label: str, ref: Reference
) -> None:
    in_titles: set[str] = set()
    for text, cell in titles:
        found = find_units_in_text(text, ref)
        in_titles |= found
        if found and ctx.unit_cell is None:
            ctx.unit_cell = cell
    sheet_unit = match_unit(sheet, ref).code
    stem = fold_key(Path(file_label).stem)
    in_name = {
        code for key, entries in ref.unit_aliases.items() for code, _f, _t in entries if len(key) >= 6 and key in stem
    }
    sheet_units = {sheet_unit} if sheet_unit else set()
    for candidates in (labelled, _specific(in_titles, ref), sheet_units, in_name):
        if len(candidates) == 1:
            ctx.unit = next(iter(candidates))
            return
        if len(candidates) > 1:
            ctx.unit_conflict = tuple(sorted(c for c in candidates if c))
            return


def _specific(codes: set[str], ref: Reference) -> set[str]:
    """Districts over the province: "UBND TỈNH SƠN HÀ / PHÒNG GD HUYỆN HÒA PHONG" is the district."""
    lower = {c for c in codes if ref.units[c].parent_code is not None}
    return lower or codes


def _set_year(ctx: Context, titles: list[tuple[str, str]], sheet: str) -> None:
    if parse_year_label(sheet).status == "ok":
        ctx.year_label = sheet
        return
    found: dict[tuple[int | None, bool], tuple[str, str]] = {}
    for text, cell in titles:
        words = fold_words(text)
        if _DATE_LINE_RE.search(words):
            continue
        for m in _TITLE_YEAR_RE.finditer(words):
            label = m.group(0).strip()
            parsed = parse_year_label(label.replace(m.group(1), m.group(1).replace(" ", "-")))
            if parsed.status == "ok":
                found[(parsed.year, parsed.school_year)] = (
                    label.replace(m.group(1), m.group(1).replace(" ", "-")),
                    cell,
                )
    if len(found) == 1:
        ctx.year_label, ctx.year_cell = next(iter(found.values()))
