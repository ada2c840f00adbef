"""Raw cells from the tables of a free-layout sheet, and what could not be placed.

Tables are found one after another (etl/reading/free_layout.py); each takes its context
from the rows between the table above and its header, the sheet name and the file name
(etl/reading/free_context.py), and is read by etl/reading/free_table.py. Values whose unit,
indicator or year is nowhere are counted here: one warning per sheet and reason, and a
question when an answer would place them (``reporting-unit``, ``title-measure``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from etl.issues import Issue, make_issue
from etl.questions import NO_ANSWERS, SKIP, FileAnswers, Option, Question
from etl.reading.free_context import Context, sheet_context
from etl.reading.free_layout import Table, find_header, header_at, header_score, is_number_like, merge_map
from etl.reading.free_table import TableReader
from etl.reading.grid import Grid
from etl.reference.model import Reference
from etl.resolve.names import NameMatch, strip_numbering
from vocab.numbers import parse_number

_HEADER_CANDIDATES = 4  # text rows above the first numbers tried as the header


@dataclass
class SheetResult:
    cells: list[Any] = field(default_factory=list)  # RawCell
    issues: list[Issue] = field(default_factory=list)
    layouts: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    missing_counts: Counter[str] = field(default_factory=Counter)  # values without unit / indicator / year
    missing_issues: dict[str, Issue] = field(default_factory=dict)
    no_measure: Counter[str] = field(default_factory=Counter)  # level -> values with a level but no measure
    skip_counts: Counter[str] = field(default_factory=Counter)  # values skipped, by issue code
    unit_conflict: tuple[str, ...] = ()
    outside_unit: str | None = None  # the file names a province outside the registry

    def missing(self, what: str, ctx: Context, at: dict[str, Any], is_value: bool) -> None:
        """A value whose unit, indicator or year is nowhere: one warning per sheet and reason."""
        self.missing_counts[what] += is_value
        if what == "unit" and ctx.unit_conflict:
            self.unit_conflict = ctx.unit_conflict
        if what == "unit" and ctx.outside_unit:
            self.outside_unit = ctx.outside_unit
        if what not in self.missing_issues:
            self.missing_issues[what] = _missing_issue(what, ctx, at)
        self.skip_counts[self.missing_issues[what].code] += is_value

    def not_matched(
        self, kind: str, text: str, match: NameMatch, at: dict[str, Any], ref: Reference, n_values: int = 0
    ) -> None:
        """A warning for a name that matched nothing exactly, and a question when there are candidates."""
        ambiguous = bool(match.ambiguous) and kind == "indicator"
        self.skip_counts[f"{kind}-{'ambiguous' if ambiguous else 'not-matched'}"] += n_values
        names = {c: (ref.indicators[c].name_vi if kind == "indicator" else ref.units[c].name) for c in ref_codes(match)}
        if ambiguous:
            listed = ", ".join(f"{c} ({n})" for c, n in names.items())
            self.issues.append(make_issue("indicator-ambiguous", raw_value=text, candidates=listed, **at))
        else:
            hint = " Có thể là: " + "; ".join(f"{n} (mã {c})" for c, n in names.items()) + "."
            self.issues.append(
                make_issue(
                    f"{kind}-not-matched",
                    raw_value=text,
                    suggestions=match.suggestions,
                    suggestion_text=hint if names else "",
                    **at,
                )
            )
        if names and n_values:
            key = strip_numbering(text)
            what = "chỉ tiêu" if kind == "indicator" else "đơn vị"
            self.questions.append(
                Question(
                    kind,
                    key,
                    f'Tên "{key}" (ô {at.get("cell") or "?"}) không khớp chính xác {what} nào; đó là {what} nào?',
                    (
                        *(Option(c, f"{n} (mã {c})", n_values) for c, n in names.items()),
                        Option(SKIP, "Không nạp", 0),
                    ),
                    next(iter(names)),
                    at["file"],
                    at["sheet"],
                    at.get("cell"),
                )
            )


def ref_codes(match: NameMatch) -> tuple[str, ...]:
    return match.ambiguous or match.suggestions


def read_sheet(grid: Grid, file_label: str, ref: Reference, answers: FileAnswers = NO_ANSWERS) -> SheetResult:
    out = SheetResult()
    merges = merge_map(grid)
    at: dict[str, Any] = {"file": file_label, "sheet": grid.name}
    start = context_start = 0
    forced = answers.get("header-row", grid.name)
    while True:
        table: Table | None
        if forced and forced.isdigit() and start == 0 and 0 < int(forced) <= len(grid.rows):
            table = header_at(grid, int(forced) - 1, merges)
        else:
            table = find_header(grid, start, merges)
        if table is None:
            break
        ctx = sheet_context(grid, table.top, file_label, ref, answers, _title_start(grid, table.top, context_start))
        end, last_data = _table_end(grid, table)
        TableReader(grid, table, end, ctx, ref, merges, answers, at, out).read()
        start, context_start = end, last_data + 1
    if not out.cells and not forced:
        question = _header_question(grid, file_label, ref, answers, merges)
        if question is not None:
            out.questions.append(question)
    if not out.layouts:
        out.issues.append(make_issue("no-table-in-sheet", **at))
    for what, issue in out.missing_issues.items():
        out.issues.append(replace(issue, skipped=out.missing_counts[what]))
    unique: dict[tuple[str, str | None], Issue] = {}
    for issue in out.issues:  # one conversion note per unit of measure, not one per column
        unique.setdefault((issue.code, issue.raw_value if issue.code == "measure-scaled" else issue.cell), issue)
    out.issues = list(unique.values())
    return out


def _header_question(
    grid: Grid, file_label: str, ref: Reference, answers: FileAnswers, merges: dict[tuple[int, int], tuple[int, int]]
) -> Question | None:
    """A sheet with numbers of which nothing was read: which row is the header? Each text row
    above the first numbers is tried as the header; the options say how many values each gives."""
    first = next((r for r, row in enumerate(grid.rows) if sum(is_number_like(v) for v in row) >= 2), None)
    if first is None:
        return None
    options = []
    for top in range(max(0, first - _HEADER_CANDIDATES), first):
        texts = [str(v) for v in grid.rows[top] if isinstance(v, str) and v.strip()]
        if len(texts) < 2:
            continue
        trial = SheetResult()
        table = header_at(grid, top, merges)
        ctx = sheet_context(grid, table.top, file_label, ref, answers)
        at = {"file": file_label, "sheet": grid.name}
        TableReader(grid, table, _table_end(grid, table)[0], ctx, ref, merges, answers, at, trial).read()
        if trial.cells:
            preview = " | ".join(texts[:4])[:60]
            options.append(Option(str(top + 1), f"Dòng {top + 1}: {preview}", len(trial.cells)))
    if not options:
        return None
    best = max(options, key=lambda o: o.n_values)
    return Question(
        "header-row",
        grid.name,
        f"Không tìm được dòng tiêu đề của bảng trong trang {grid.name}; dòng nào là dòng tiêu đề?",
        (*options, Option(SKIP, "Không nạp trang này", 0)),
        best.value,
        file_label,
        grid.name,
    )


def _table_end(grid: Grid, table: Any) -> tuple[int, int]:
    """(the first row of the next table's header, the last row of this table with numbers).

    The next table begins at a header row, or — when its header has no known labels — at the
    first row after the data with words over two value columns of this table ("Tổng số |
    Chia ra") that is followed by numbers. Rows without numbers in between (a unit without
    data, the next table's title) stay with this table: a unit listed there still counts.
    """
    value_cols = {c.index for c in table.values}
    last_data, header_like = table.bottom, None
    for r in range(table.bottom + 1, len(grid.rows)):
        row = grid.rows[r]
        if r > table.bottom + 1 and header_score(row) >= 3:
            return r, last_data
        if any(is_number_like(v) for v in row):
            if header_like is not None:
                return header_like, last_data
            last_data = r
            continue
        words = sum(c in value_cols and _is_word(v) for c, v in enumerate(row))
        if header_like is None and words >= 2 and last_data > table.bottom:
            header_like = r
    return len(grid.rows), last_data


def _title_start(grid: Grid, top: int, floor: int) -> int:
    """The first row of the title block above a table below another one: the rows right above
    its header (after any empty rows), up to the next empty row — not the rows of the table above."""
    if floor == 0:
        return 0
    r = top - 1
    while r >= floor and not any(v is not None for v in grid.rows[r]):
        r -= 1
    while r >= floor and any(v is not None for v in grid.rows[r]):
        r -= 1
    return r + 1


def _is_word(value: object) -> bool:
    return isinstance(value, str) and any(ch.isalpha() for ch in value) and parse_number(value).status != "missing"


def _missing_issue(missing: str, ctx: Context, at: dict[str, Any]) -> Issue:
    if missing == "unit" and ctx.outside_unit:
        return make_issue("unit-outside-registry", raw_value=ctx.outside_unit, **at)
    if missing == "unit" and ctx.unit_conflict:
        return make_issue("unit-context-conflict", candidates=", ".join(ctx.unit_conflict), **at)
    code = {"unit": "unit-not-found", "year": "year-not-found"}.get(missing, "indicator-not-matched")
    if code == "indicator-not-matched":
        return make_issue(code, raw_value="(không có tên chỉ tiêu)", suggestion_text="", **at)
    return make_issue(code, **at)
