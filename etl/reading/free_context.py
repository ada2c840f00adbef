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

from etl.questions import NO_ANSWERS, FileAnswers
from etl.reading.grid import Grid, cell_name
from etl.reference.model import Reference
from etl.resolve.keywords import fold_words, vocabulary
from etl.resolve.names import find_units_in_text, match_indicator, match_unit, strip_numbering
from vocab.numbers import parse_year_label
from vocab.text import clean_text, fold_key, unit_key

# A year written in a title after "năm học", "năm", "NH" or "sơ bộ" (folded text).
_TITLE_YEAR_RE = re.compile(r"(?:so bo |sb )?(?:nam hoc|nam|nh) (?:so bo )?(\d{4}(?: \d{2,4})?)(?: so bo)?")
_DATE_LINE_RE = re.compile(r" ngay .* thang ")
_PROSE_LENGTH = 200  # a longer text above a table is a paragraph, not a title


@dataclass
class Context:
    unit: str | None = None
    unit_cell: str | None = None
    unit_conflict: tuple[str, ...] = ()
    year_label: object = None
    year_cell: str | None = None
    indicator: str | None = None
    measure: str | None = None  # unit of measure: "ĐVT: Lớp", "(Đơn vị tính: trường)"
    levels: set[str] = field(default_factory=set)
    measure_name: str | None = None  # what the title counts without a level: "Số trường" ("Số trường phổ thông")
    measure_source: str | None = None  # "title", "file-name" or "answer"
    outside_unit: str | None = None  # a province outside the registry the title names ("UBND TỈNH HÀ TĨNH")


def sheet_context(
    grid: Grid, title_end: int, file_label: str, ref: Reference, answers: FileAnswers = NO_ANSWERS, start: int = 0
) -> Context:
    """Context from the rows between ``start`` (the end of the table above) and ``title_end`` (the
    table header), the sheet name and the file name. Prose (a paragraph restating the numbers)
    is no title."""
    ctx = Context()
    vocab = vocabulary()
    titles: list[tuple[str, str]] = []  # (text, cell)
    labelled_units: set[str] = set()
    for r in range(start, min(title_end, len(grid.rows))):
        for c, v in enumerate(grid.rows[r]):
            if not isinstance(v, str) or not v.strip() or len(v) > _PROSE_LENGTH:
                continue
            titles.append((v, cell_name(r, c)))
            label, _, rest = v.partition(":")
            if fold_key(label) in vocab.unit_labels:
                text = rest.strip() or _right_of(grid, r, c)
                found = match_unit(text, ref).code if text else None
                if found:
                    labelled_units.add(found)
                    ctx.unit_cell = cell_name(r, c)
            if fold_key(label) in vocab.measure_labels and rest.strip(" ()"):
                ctx.measure = clean_text(rest.strip(" ()"))
    _set_unit(ctx, labelled_units, titles, grid.name, file_label, ref)
    reporting = answers.get("reporting-unit")
    if ctx.unit is None and reporting in ref.units:
        ctx.unit, ctx.unit_conflict = reporting, ()
    if ctx.unit is None and not ctx.unit_conflict:
        ctx.outside_unit = _outside_province(titles, ref)
    _set_year(ctx, titles, grid.name)
    for text, _cell in titles:
        ctx.levels |= vocab.level_in(text)
    ctx.levels |= vocab.level_in(grid.name)
    if len(ctx.levels) > 1:
        ctx.levels = set()  # "TIỂU HỌC VÀ THCS": no single level
    for text, _cell in titles:
        indicator, measure = title_meaning(text, ctx.levels, ref)
        ctx.indicator = ctx.indicator or indicator
        if measure and ctx.measure_name is None:
            ctx.measure_name, ctx.measure_source = measure, "title"
    if answers.get("title-measure"):
        ctx.measure_name, ctx.measure_source = answers.get("title-measure"), "answer"
    elif ctx.indicator is None and ctx.measure_name is None:
        ctx.measure_name = measure_in_file_name(file_label, ref)
        ctx.measure_source = "file-name" if ctx.measure_name else None
    return ctx


def title_meaning(text: str, levels: set[str], ref: Reference) -> tuple[str | None, str | None]:
    """(indicator, measure) a title names: "211. Số lớp mầm non phân theo huyện" is mn_lop;
    "Số trường phổ thông năm học 2015-2016" counts schools ("Số trường") of several levels."""
    vocab = vocabulary()
    head = _title_head(strip_numbering(text).replace("(*)", " "), vocab.title_cuts)
    match = match_indicator(head, levels, ref)
    if match.code:
        return match.code, None
    words = fold_words(head)
    for keyword, _level in vocab.levels:  # longest first: "trung hoc pho thong" before "pho thong"
        words = words.replace(keyword, " ")
    for group in vocab.level_groups:
        words = words.replace(group, " ")
    return None, vocab.measure_name(words)


def _title_head(text: str, cuts: tuple[str, ...]) -> str:
    """The words of a title before the first "phân theo", "năm học", "by", "as of"…"""
    words = text.split()
    for i in range(1, len(words)):
        rest = fold_words(" ".join(words[i:]))
        if any(rest.startswith(cut) for cut in cuts):
            return " ".join(words[:i]).rstrip(",;:")
    return text


def measure_in_file_name(file_label: str, ref: Reference) -> str | None:
    """The measure a file name names and nothing else: "NGTK2016_QuangNgai_bieu216_so_lop_hoc_pho_thong"
    is "Số lớp" (numbers, unit names, levels and "phổ thông" aside); "ty_le_hoc_sinh_di_hoc" is no measure."""
    vocab = vocabulary()
    stem = re.sub(r"[_\-.]+", " ", Path(file_label).stem)
    units = {key for key in ref.unit_aliases if len(key) >= 4}
    words = [w for w in stem.split() if not any(ch.isdigit() for ch in w) and fold_key(w) not in units]
    text = fold_words(" ".join(words))
    for keyword, _level in vocab.levels:
        text = text.replace(keyword, " ")
    for group in vocab.level_groups:
        text = text.replace(group, " ")
    return vocab.measure_name(text)


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
    for candidates in (labelled, _specific(in_titles, ref), sheet_units, _alone(in_name, ref)):
        if len(candidates) == 1:
            ctx.unit = next(iter(candidates))
            return
        if len(candidates) > 1:
            ctx.unit_conflict = tuple(sorted(c for c in candidates if c))
            return


def _outside_province(titles: list[tuple[str, str]], ref: Reference) -> str | None:
    """A title naming a province that is not in the registry, with its prefix: the file's own unit
    is then outside the registry (an error for the whole file, never a guess)."""
    provinces = vocabulary().provinces
    for text, _cell in titles:
        folded = fold_key(text)
        for key, code in provinces.items():
            if code not in ref.units and len(key) >= 4 and any(p + key in folded for p in ("tinh", "thanhpho")):
                return clean_text(text)
    return None


def _alone(codes: set[str], ref: Reference) -> set[str]:
    """A bare name shared by a province and its city ("QuangNgai" in a file name) with nothing
    beside it is the province (docs/free_layouts.md, Names)."""
    provinces = {c for c in codes if ref.units[c].parent_code is None}
    if len(provinces) == 1 and len({unit_key(ref.units[c].name) for c in codes}) == 1:
        return provinces
    return codes


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
