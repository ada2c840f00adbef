"""Reading one table of a free-layout sheet: each value gets its unit, indicator and year from its
column, its row or the sheet's context, or it is skipped and counted by the reason.

The layout follows from where the dimensions come from (``layout_name``): indicator rows ×
year columns for one unit, unit rows × indicator (or level) columns, year rows, long tables
with key columns. No layout has its own code path.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from etl.issues import make_issue
from etl.questions import FileAnswers
from etl.reading.free_cells import Place, drop_scale_outliers, raw_cell, share_indicator, year_text
from etl.reading.free_columns import ColumnPlan, plan_column
from etl.reading.free_context import Context
from etl.reading.free_labels import infer_label_column, measure_band
from etl.reading.free_layout import Column, Table, is_number_like
from etl.reading.free_rows import IndicatorRows, RowMeaning
from etl.reading.free_units import UnitRow, unit_rows
from etl.reading.grid import Grid, cell_name
from etl.reading.sections import Sections, is_level_heading, names_something
from etl.reference.model import Reference
from etl.resolve.keywords import vocabulary
from etl.resolve.names import NameMatch, match_indicator, strip_numbering
from vocab.numbers import parse_number
from vocab.text import clean_text, fold_key

Merges = dict[tuple[int, int], tuple[int, int]]
# Why a value was not read, with the info issue that reports it once per table.
NOTE_CODES = {
    "ownership": "ownership-skipped",
    "multilevel": "multilevel-skipped",
    "index": "index-block-skipped",
    "levels-total": "levels-total-skipped",
    "measure-total": "levels-total-skipped",
    "aggregate": "aggregate-rows-skipped",
    "outside": "outside-registry-rows",
}
# The issue code a skipped value is counted under (etl/load/outcome.py names each reason).
COUNT_CODES = {**NOTE_CODES, "unmatched": "indicator-not-matched", "no-measure": "no-measure"}


def layout_name(table: Table) -> str:
    if table.key("indicator_name") or table.key("indicator_code"):
        return "long" if table.key("unit_name") or table.key("unit_code") else "indicator-rows"
    if table.key("year") and (table.key("unit_name") or table.key("unit_code")):
        return "long"
    if table.key("unit_name") or table.key("unit_code"):
        return "unit-rows"
    return "year-rows" if table.key("year") else "other"


class TableReader:
    def __init__(
        self,
        grid: Grid,
        table: Table,
        end: int,
        ctx: Context,
        ref: Reference,
        merges: Merges,
        answers: FileAnswers,
        at: dict[str, Any],
        out: Any,
    ) -> None:
        self.grid, self.table, self.end, self.ctx, self.ref = grid, table, end, ctx, ref
        self.merges, self.answers, self.at, self.out = merges, answers, at, out
        self.skipped: Counter[str] = Counter()
        self.examples: dict[str, str] = {}
        self.headers: dict[str, str] = {}

    def read(self) -> None:
        grid, table = self.grid, self.table
        infer_label_column(self.grid, self.table, self.end, self.ctx, self.ref)
        layout = layout_name(table)
        rows_text = f"{table.top + 1}" if table.top == table.bottom else f"{table.top + 1}–{table.bottom + 1}"
        self.out.layouts.append(layout)
        self.out.issues.append(make_issue("layout-detected", layout=layout, rows=rows_text, **self.at))
        if self.ctx.measure_source == "file-name":
            self.out.issues.append(make_issue("measure-from-file-name", raw_value=self.ctx.measure_name, **self.at))
        plans = {c.index: plan_column(c, self.ctx, self.ref, self.answers) for c in table.values}
        for col in table.values:
            self._report_column(col, plans[col.index])
        units = self._unit_rows(plans)
        sections = Sections(self.ctx.levels)
        labels = IndicatorRows(sections, self.ctx.measure_name, self.ref, self.answers)
        parent: str | None = None
        first_cell = len(self.out.cells)
        index_from: int | None = None
        for r in range(table.bottom + 1, self.end):
            filled = self._filled(r)
            label = self._key_text(r, ("indicator_name", "unit_name"))
            if index_from is None and any(vocabulary().label_kind(t) == "index" for t in self._texts(r)):
                index_from = r
            if index_from is not None:
                self._skip("index", filled, f"dòng {index_from + 1}")
                continue
            band = measure_band(self._texts(r), filled, self.ref)
            if band:
                self.ctx.measure = band
                continue
            if (
                label
                and table.key("indicator_name")
                and (not filled or is_level_heading(label, sections.levels, self.ref))
            ):
                sections.enter(self._key_text(r, ("stt",)), label)  # a section row: "I. GIÁO DỤC MẦM NON"
                parent = match_indicator(label, sections.levels, self.ref).code
            if not filled:
                continue
            if not any(
                _has_digits(v) or (r, c.index) in grid.errors or (r, c.index) in grid.formulas for c, v in filled
            ):
                keys = label or self._key_text(r, ("indicator_code", "unit_code"))
                if not names_something(keys, sections.levels, self.ref):
                    continue  # footnotes, signatures: nothing like a number and no known name
            self._read_row(r, filled, label, units, labels, parent, plans)
        cells = self.out.cells[first_cell:]
        del self.out.cells[first_cell:]
        self.out.issues += drop_scale_outliers(cells, self.headers, self.at)
        self.out.cells += cells
        self._notes()

    # --- rows -----------------------------------------------------------------------------

    def _read_row(
        self,
        r: int,
        filled: list[tuple[Column, object]],
        label: str,
        units: dict[int, UnitRow],
        labels: IndicatorRows,
        parent: str | None,
        plans: dict[int, ColumnPlan],
    ) -> None:
        unit, unit_cell = self.ctx.unit, self.ctx.unit_cell
        unit_row = units.get(r)
        if unit_row is not None:
            if unit_row.kind != "unit":
                self._skip_unit_row(unit_row, filled)
                return
            unit, unit_cell = unit_row.code, unit_row.cell
        elif self._key_text(r, ("unit_code", "unit_name")):
            return  # a unit row the pre-pass did not keep (no label text after cleaning)
        meaning, indicator_cell = RowMeaning(), None
        ind_text = self._key_text(r, ("indicator_code", "indicator_name"))
        if ind_text:
            col = self.table.key("indicator_code") or self.table.key("indicator_name")
            assert col is not None
            indicator_cell = cell_name(r, col.index)
            if fold_key(strip_numbering(ind_text)) in vocabulary().total_scopes and parent:
                meaning = RowMeaning(parent)  # "- Tổng số" under "1. Số học sinh tiểu học"
            else:
                meaning = labels.meaning(ind_text, parent)
            if meaning.skip == "unmatched":
                self._not_matched("indicator", ind_text, meaning.match, indicator_cell, _values(filled))
                return
        row_year, year_cell = None, None
        year_col = self.table.key("year")
        if year_col is not None:
            row_year = year_text(self.grid.value(r, year_col.index), year_col.year_band)
            year_cell = cell_name(r, year_col.index)
        measure = meaning.measure
        measure_col = self.table.key("measure")
        if measure_col is not None and self.grid.value(r, measure_col.index) is not None:
            measure = clean_text(str(self.grid.value(r, measure_col.index)))
        for col, value in filled:
            indicator, reason = self._indicator(plans[col.index], meaning, labels)
            if indicator is None:
                if reason == "no-measure":
                    level = plans[col.index].level or meaning.level
                    self.out.no_measure[level or ""] += _is_value(value)
                if reason:
                    self._skip(reason, [(col, value)], " ".join(col.texts) or label)
                else:
                    self.out.missing("indicator", self.ctx, self.at, _is_value(value))
                continue
            year_label = year_text(col.year_label, col.year_band) if col.year_label is not None else None
            year_label = year_label or row_year or self.ctx.year_label
            missing = "unit" if unit is None else "year" if year_label is None else None
            if missing:
                self.out.missing(missing, self.ctx, self.at, _is_value(value))
                continue
            assert unit is not None
            unit_measure = measure or col.measure or self.ctx.measure
            place = Place(
                unit,
                share_indicator(indicator, unit_measure, self.ref),
                year_label,
                unit_cell,
                indicator_cell or col.header_cell,
                col.year_cell or year_cell or self.ctx.year_cell,
                unit_measure,
            )
            if (r, col.index) in self.merges:
                self.out.issues.append(
                    make_issue("merged-value-cell", raw_value=value, **{**self.at, "cell": cell_name(r, col.index)})
                )
                continue
            cell = raw_cell(self.grid, r, col, value, place, self.ref, self.at, self.out)
            if cell is not None:
                self.headers[cell.cell] = col.header_cell
                self.out.cells.append(cell)

    def _indicator(self, plan: ColumnPlan, meaning: RowMeaning, labels: IndicatorRows) -> tuple[str | None, str | None]:
        """The indicator of a value from its column and its row, or why there is none."""
        if plan.skip:
            return None, plan.skip
        if meaning.skip:
            return None, meaning.skip
        indicator = plan.indicator or meaning.indicator
        if indicator is None and plan.measure and meaning.level:
            indicator = match_indicator(plan.measure, {meaning.level}, self.ref).code
        if indicator is None and plan.level and labels.block_measure:
            indicator = match_indicator(labels.block_measure, {plan.level}, self.ref).code
        if indicator is None and (not plan.named or plan.total):
            indicator = self.ctx.indicator
        if indicator is not None:
            return indicator, None
        if plan.total and self.ctx.measure_name:
            return None, "levels-total"
        if plan.level or plan.measure or meaning.level:
            return None, "no-measure"
        return None, None

    def _skip_unit_row(self, row: UnitRow, filled: list[tuple[Column, object]]) -> None:
        if row.kind in ("aggregate", "outside"):
            self._skip(row.kind, filled, row.text)
        elif row.kind == "subtotal":
            self.out.issues.append(make_issue("total-row-skipped", raw_value=row.text, cell=row.cell, **self.at))
        elif row.kind in ("unmatched",) and row.match is not None:
            self._not_matched("unit", row.text, row.match, row.cell, _values(filled))

    # --- unit rows --------------------------------------------------------------------------

    def _unit_rows(self, plans: dict[int, ColumnPlan]) -> dict[int, UnitRow]:
        col = self.table.key("unit_name") or self.table.key("unit_code")
        if col is None:
            return {}
        labels = {r: self._key_text(r, ("unit_code", "unit_name")) for r in range(self.table.bottom + 1, self.end)}
        loadable = {i for i, p in plans.items() if not p.skip and (self.ctx.indicator or not p.total)}
        return unit_rows(
            self.grid, self.table, col, labels, loadable, self.ctx, self.ref, self.answers, self.at, self.out
        )

    # --- helpers ------------------------------------------------------------------------------

    def _filled(self, r: int) -> list[tuple[Column, object]]:
        grid = self.grid
        return [
            (c, v)
            for c in self.table.values
            if (v := grid.value(r, c.index)) is not None or (r, c.index) in grid.errors or (r, c.index) in grid.formulas
        ]

    def _texts(self, r: int) -> list[str]:
        return [v for v in (self.grid.rows[r] if r < len(self.grid.rows) else []) if isinstance(v, str) and v.strip()]

    def _key_text(self, r: int, roles: tuple[str, ...]) -> str:
        for role in roles:
            col = self.table.key(role)
            if col is not None:
                v = self.grid.value(r, col.index)
                if v is None and (r, col.index) in self.merges:
                    v = self.grid.value(*self.merges[(r, col.index)])
                if v is not None:
                    return clean_text(str(v))
        return ""

    def _skip(self, reason: str, filled: list[tuple[Column, object]], example: str) -> None:
        n = sum(_is_value(v) for _c, v in filled)
        self.skipped[reason] += n
        self.out.skip_counts[COUNT_CODES.get(reason, reason)] += n
        self.examples.setdefault(reason, example)

    def _notes(self) -> None:
        for reason, n in self.skipped.items():
            code = NOTE_CODES.get(reason)
            if code and n:
                self.out.issues.append(make_issue(code, raw_value=self.examples[reason], skipped=n, n=n, **self.at))

    def _report_column(self, col: Column, plan: ColumnPlan) -> None:
        if plan.skip == "unmatched":
            self._not_matched("indicator", " ".join(col.texts), plan.match, col.header_cell)

    def _not_matched(self, kind: str, text: str, match: NameMatch | None, cell: str | None, n: int = 0) -> None:
        self.out.not_matched(kind, text, match or NameMatch(None), {**self.at, "cell": cell}, self.ref, n)


def _has_digits(value: object) -> bool:
    return is_number_like(value) or (isinstance(value, str) and any(ch.isdigit() for ch in value))


def _number(value: object) -> float | None:
    return parse_number(value).value if value is not None else None


def _values(filled: list[tuple[Column, object]]) -> int:
    return sum(_is_value(v) for _c, v in filled)


def _is_value(value: object) -> bool:
    return value is not None and parse_number(value).status != "missing"
