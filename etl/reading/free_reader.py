"""Raw cells from free-layout tables: each value gets its unit, indicator and year
from its row, its column or the sheet's context, or it is skipped with an issue.

The layout follows from where the dimensions come from: indicator rows × year
columns for one unit ("indicator-rows", layout 1), unit rows × indicator
columns ("unit-rows", layout 2), key columns with one value per row or per
indicator column ("long", layout 3). No layout has its own code path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from etl.issues import Issue, make_issue
from etl.reading.free_context import Context, sheet_context
from etl.reading.free_layout import Column, Table, find_header, header_score, is_number_like, merge_map
from etl.reading.grid import Grid, cell_name
from etl.reading.sections import Sections, is_level_heading, names_something
from etl.records import RawCell
from etl.reference.model import Reference
from etl.resolve.cells import UNKNOWN_FORMAT
from etl.resolve.keywords import measure_factor, vocabulary
from etl.resolve.names import NameMatch, match_indicator, match_unit, strip_numbering
from vocab.text import clean_text, fold_key


@dataclass
class SheetResult:
    cells: list[RawCell] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)


@dataclass
class _Row:
    unit: str | None = None
    unit_cell: str | None = None
    indicator: str | None = None
    indicator_cell: str | None = None
    year_label: object = None
    year_cell: str | None = None
    measure: str | None = None


def read_sheet(grid: Grid, file_label: str, ref: Reference) -> SheetResult:
    out = SheetResult()
    merges = merge_map(grid)
    start = 0
    while True:
        table = find_header(grid, start, merges)
        if table is None:
            break
        ctx = sheet_context(grid, table.top, file_label, ref)
        end = _table_end(grid, table)
        _infer_label_columns(grid, table, end, ctx, ref)
        _read_table(grid, table, end, ctx, file_label, ref, merges, out)
        start = end
    if not out.layouts:
        out.issues.append(make_issue("no-table-in-sheet", file=file_label, sheet=grid.name))
    unique: dict[tuple[str, str | None], Issue] = {}
    for issue in out.issues:
        unique.setdefault((issue.code, issue.cell), issue)
    out.issues = list(unique.values())
    return out


def _infer_label_columns(grid: Grid, table: Table, end: int, ctx: Context, ref: Reference) -> None:
    """A column without a known header label whose cells are mostly unit (or indicator) names
    becomes the unit (or indicator) column: "STT | (blank) | Trường | Lớp"."""
    if table.key("unit_name") or table.key("unit_code") or table.key("indicator_name") or table.key("indicator_code"):
        return
    for col in table.columns:
        if col.role not in (None, "value") or col.year_label is not None:
            continue
        texts = [
            v
            for r in range(table.bottom + 1, min(end, table.bottom + 60))
            if isinstance(v := grid.value(r, col.index), str)
        ]
        if len(texts) < 1 or any(is_number_like(t) for t in texts):
            continue
        units = sum(match_unit(strip_numbering(t), ref).code is not None for t in texts)
        indicators = sum(match_indicator(t, ctx.levels, ref).code is not None for t in texts)
        if max(units, indicators) * 2 >= len(texts):
            col.role, col.texts = ("unit_name" if units >= indicators else "indicator_name"), []
            return


def _table_end(grid: Grid, table: Table) -> int:
    """The next header row below (several tables on one sheet), or the end of the sheet."""
    for r in range(table.bottom + 1, len(grid.rows)):
        if header_score(grid.rows[r]) >= 3:
            return r
    return len(grid.rows)


def layout_name(table: Table, ctx: Context) -> str:
    if table.key("indicator_name") or table.key("indicator_code"):
        return "long" if table.key("unit_name") or table.key("unit_code") else "indicator-rows"
    if table.key("year") and (table.key("unit_name") or table.key("unit_code")):
        return "long"
    if table.key("unit_name") or table.key("unit_code"):
        return "unit-rows"
    return "year-rows" if table.key("year") else "other"


def _read_table(
    grid: Grid,
    table: Table,
    end: int,
    ctx: Context,
    file_label: str,
    ref: Reference,
    merges: dict[tuple[int, int], tuple[int, int]],
    out: SheetResult,
) -> None:
    layout = layout_name(table, ctx)
    rows_text = f"{table.top + 1}" if table.top == table.bottom else f"{table.top + 1}–{table.bottom + 1}"
    out.layouts.append(layout)
    out.issues.append(make_issue("layout-detected", file=file_label, sheet=grid.name, layout=layout, rows=rows_text))
    at: dict[str, Any] = {"file": file_label, "sheet": grid.name}
    sections = Sections(ctx.levels)
    parent: str | None = None
    columns = {c.index: _column_indicator(c, ctx.levels, ref, at, out) for c in table.values}
    reported_missing: set[str] = set()
    for r in range(table.bottom + 1, end):
        values = [(c, grid.value(r, c.index)) for c in table.values]
        filled = [
            (c, v) for c, v in values if v is not None or (r, c.index) in grid.errors or (r, c.index) in grid.formulas
        ]
        label = _key_text(grid, r, table, ("indicator_name", "unit_name"), merges)
        if label and table.key("indicator_name") and (not filled or is_level_heading(label, sections.levels, ref)):
            # a section row: "I. GIÁO DỤC MẦM NON", "1. Số học sinh"
            sections.enter(_key_text(grid, r, table, ("stt",), merges), label)
            parent = match_indicator(label, sections.levels, ref).code
        if not filled:
            continue
        levels = sections.levels
        if not any(_has_digits(v) or (r, c.index) in grid.errors or (r, c.index) in grid.formulas for c, v in filled):
            keys = label or _key_text(grid, r, table, ("indicator_code", "unit_code"), merges)
            if not names_something(keys, levels, ref):
                continue  # footnotes, signatures: nothing like a number and no known name
        row = _resolve_row(grid, r, table, levels, parent, ref, at, merges, out)
        if row is None:
            continue
        for col, value in filled:
            if col.texts and columns[col.index] is None:
                continue  # a column whose header names no known indicator ("Kế hoạch", "Tăng/giảm")
            indicator = columns[col.index] or row.indicator or ctx.indicator
            unit, year_label = row.unit or ctx.unit, col.year_label or row.year_label or ctx.year_label
            missing = _missing(unit, indicator, year_label, col, ctx)
            if missing:
                if missing not in reported_missing:
                    reported_missing.add(missing)
                    out.issues.append(_missing_issue(missing, ctx, at))
                continue
            assert unit is not None and indicator is not None
            cell = _raw_cell(grid, r, col, value, unit, indicator, year_label, row, ctx, merges, at, ref, out)
            if cell is not None:
                out.cells.append(cell)


def _has_digits(value: object) -> bool:
    return is_number_like(value) or (isinstance(value, str) and any(ch.isdigit() for ch in value))


def _missing(unit: str | None, indicator: str | None, year: object, col: Column, ctx: Context) -> str | None:
    if indicator is None:
        return "indicator" if not col.texts else "column"
    if unit is None:
        return "unit"
    if year is None:
        return "year"
    return None


def _missing_issue(missing: str, ctx: Context, at: dict[str, Any]) -> Issue:
    if missing == "unit" and ctx.unit_conflict:
        return make_issue("unit-context-conflict", candidates=", ".join(ctx.unit_conflict), **at)
    code = {"unit": "unit-not-found", "year": "year-not-found"}.get(missing, "indicator-not-matched")
    if code == "indicator-not-matched":
        return make_issue(code, raw_value="(không có tên chỉ tiêu)", suggestion_text="", **at)
    return make_issue(code, **at)


def _column_indicator(
    col: Column, levels: set[str], ref: Reference, at: dict[str, Any], out: SheetResult
) -> str | None:
    if not col.texts:
        return None
    header_levels = set().union(*(vocabulary().level_in(t) for t in col.texts))
    use = header_levels if len(header_levels) == 1 else levels
    for text in (" ".join(col.texts), col.texts[-1]):
        match = match_indicator(text, use, ref)
        if match.code:
            col.measure = match.measure
            return match.code
    _not_matched("indicator", " ".join(col.texts), match, {**at, "cell": col.header_cell}, ref, out)
    return None


def _key_text(
    grid: Grid, r: int, table: Table, roles: tuple[str, ...], merges: dict[tuple[int, int], tuple[int, int]]
) -> str:
    for role in roles:
        col = table.key(role)
        if col is not None:
            v = grid.value(r, col.index)
            if v is None and (r, col.index) in merges:
                v = grid.value(*merges[(r, col.index)])
            if v is not None:
                return clean_text(str(v))
    return ""


def _resolve_row(
    grid: Grid,
    r: int,
    table: Table,
    levels: set[str],
    parent: str | None,
    ref: Reference,
    at: dict[str, Any],
    merges: dict[tuple[int, int], tuple[int, int]],
    out: SheetResult,
) -> _Row | None:
    row = _Row()
    vocab = vocabulary()
    unit_text = _key_text(grid, r, table, ("unit_code", "unit_name"), merges)
    if unit_text:
        col = table.key("unit_code") or table.key("unit_name")
        assert col is not None
        row.unit_cell = cell_name(r, col.index)
        match = match_unit(strip_numbering(unit_text), ref)
        if match.code is None and fold_key(strip_numbering(unit_text)) in vocab.totals:
            # "Tổng số", "Cộng": a sum of the rows above, not a unit. ("Toàn tỉnh" is the province
            # when the registry lists it as the province's alias, as the demo's does.)
            out.issues.append(make_issue("total-row-skipped", raw_value=unit_text, cell=row.unit_cell, **at))
            return None
        if match.code is None:
            _not_matched("unit", unit_text, match, {**at, "cell": row.unit_cell}, ref, out)
            return None
        row.unit = match.code
    ind_text = _key_text(grid, r, table, ("indicator_code", "indicator_name"), merges)
    if ind_text:
        col = table.key("indicator_code") or table.key("indicator_name")
        assert col is not None
        row.indicator_cell = cell_name(r, col.index)
        if fold_key(strip_numbering(ind_text)) in vocab.totals and parent:
            row.indicator = parent  # "- Tổng số" under "1. Số học sinh tiểu học"
        else:
            found = match_indicator(ind_text, levels, ref)
            if found.code is None:
                _not_matched("indicator", ind_text, found, {**at, "cell": row.indicator_cell}, ref, out)
                return None
            row.indicator, row.measure = found.code, found.measure
    year_col = table.key("year")
    if year_col is not None:
        row.year_label, row.year_cell = grid.value(r, year_col.index), cell_name(r, year_col.index)
    measure_col = table.key("measure")
    if measure_col is not None and grid.value(r, measure_col.index) is not None:
        row.measure = clean_text(str(grid.value(r, measure_col.index)))
    return row


def _not_matched(kind: str, text: str, match: NameMatch, at: dict[str, Any], ref: Reference, out: SheetResult) -> None:
    if match.ambiguous:
        listed = ", ".join(f"{c} ({ref.indicators[c].name_vi})" for c in match.ambiguous)
        out.issues.append(make_issue("indicator-ambiguous", raw_value=text, candidates=listed, **at))
        return None
    names = [ref.indicators[c].name_vi if kind == "indicator" else ref.units[c].name for c in match.suggestions]
    hint = " Có thể là: " + "; ".join(f"{n} (mã {c})" for n, c in zip(names, match.suggestions, strict=True)) + "."
    code = f"{kind}-not-matched"
    out.issues.append(
        make_issue(code, raw_value=text, suggestions=match.suggestions, suggestion_text=hint if names else "", **at)
    )
    return None


def _raw_cell(
    grid: Grid,
    r: int,
    col: Column,
    value: object,
    unit: str,
    indicator: str,
    year_label: object,
    row: _Row,
    ctx: Context,
    merges: dict[tuple[int, int], tuple[int, int]],
    at: dict[str, Any],
    ref: Reference,
    out: SheetResult,
) -> RawCell | None:
    pos = (r, col.index)
    where = {**at, "cell": cell_name(r, col.index)}
    if pos in grid.formulas:
        out.issues.append(make_issue("formula-without-value", raw_value=grid.formulas[pos], **where))
        return None
    if pos in merges:
        out.issues.append(make_issue("merged-value-cell", raw_value=value, **where))
        return None
    raw = grid.errors.get(pos, value)
    measure = row.measure or col.measure or ctx.measure
    scale, unit_label, flags = 1.0, None, cast(tuple[str, ...], ())
    if measure:
        factor = measure_factor(measure, ref.indicators[indicator].unit)
        if factor is None:
            unit_label = measure  # resolve reports the mismatch and skips the value
        elif factor != 1:
            scale, flags = factor, (f"scaled-x{factor:g}",)
            out.issues.append(
                make_issue(
                    "measure-scaled",
                    raw_value=measure,
                    expected=ref.indicators[indicator].unit,
                    factor=f"{factor:g}",
                    **{**at, "cell": row.indicator_cell or col.header_cell},
                )
            )
    return RawCell(
        grid.name,
        where["cell"],
        unit,
        indicator,
        year_label,
        raw,
        "0%" if pos in grid.percent else ("General" if grid.formats_known else UNKNOWN_FORMAT),
        row.unit_cell or ctx.unit_cell,
        row.indicator_cell or col.header_cell,
        col.year_cell or row.year_cell or ctx.year_cell,
        unit_label,
        scale,
        "vi",
        flags,
    )
