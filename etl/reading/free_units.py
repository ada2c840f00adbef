"""The unit of every row of a table whose rows are units, decided with the sibling rows.

* A registry unit by code, name or alias (etl/reference/model.py, ``unit_candidates``).
* A bare name shared by two units ("Hà Tĩnh": the province and its city; "Kỳ Anh": a huyện
  and a thị xã) is the district-level unit among other districts of the province and the
  province alone or among provinces; otherwise one question for the file (``unit``).
* A total row ("TỔNG SỐ", "Toàn tỉnh") is the containing unit's own figure when the rows list
  every unit of it, a subtotal (not loaded) when it is the sum of the rows listed, and a
  question (``total-row``) otherwise. A total between unit rows is a section subtotal.
* National and regional rows ("Cả nước", "Red River Delta", "Khu vực miền núi") and rows of
  provinces outside the registry (a national table) are skipped and counted, never asked about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from etl.issues import make_issue
from etl.questions import SKIP, FileAnswers, Option, Question
from etl.reading.free_context import Context
from etl.reading.free_layout import Column, Table
from etl.reading.grid import Grid, cell_name
from etl.reference.model import Reference
from etl.resolve.keywords import vocabulary
from etl.resolve.names import NameMatch, match_unit, strip_numbering
from etl.resolve.years import read_year_label
from vocab.numbers import parse_number
from vocab.text import fold_key, unit_key

UNIT_LIKE = {"unit", "ambiguous", "unmatched", "outside"}


@dataclass
class UnitRow:
    row: int
    text: str  # the label without its numbering ("1. TP. Quảng Ngãi" -> "TP. Quảng Ngãi")
    cell: str
    numbers: list[float | None]  # the row's values, for the subtotal check
    loadable: int = 0  # values in columns that name a catalogue indicator (what an answer would load)
    kind: str = "unmatched"  # unit | total | aggregate | outside | ambiguous | unmatched | answered-skip
    code: str | None = None
    match: NameMatch | None = None
    scope: str = "any"  # of a total row: any | province | district

    @property
    def n_values(self) -> int:
        return sum(v is not None for v in self.numbers)


def decide_unit_rows(
    rows: Sequence[UnitRow],
    ref: Reference,
    years: set[int],
    context_unit: str | None,
    answers: FileAnswers,
    at: dict[str, Any],
    out: Any,
) -> None:
    """Sets kind and code of every row; adds questions and issues to ``out`` (a SheetResult).
    ``context_unit`` (the sheet's own unit, if its title names one) owns a total row that no
    listed unit explains."""
    for row in rows:
        _classify(row, ref, answers)
    resolved = [r.code for r in rows if r.kind == "unit" and r.code]
    parents = {ref.units[c].parent_code for c in resolved}
    national = any(r.kind == "outside" for r in rows) or (bool(resolved) and parents == {None})
    parent = next(iter(parents)) if len(parents) == 1 else None
    for row in rows:
        if row.kind == "ambiguous":
            _decide_shared_name(row, ref, parent, national, answers, at, out)
    listed = {r.code for r in rows if r.kind == "unit" and r.code}
    unit_like = [i for i, r in enumerate(rows) if r.kind == "unit" or (r.kind in UNIT_LIKE and r.n_values)]
    for i, row in enumerate(rows):
        if row.kind != "total":
            continue
        between = bool(unit_like) and unit_like[0] < i < unit_like[-1]
        if between or national:
            row.kind = "subtotal" if between else "aggregate"
            continue
        owner = parent or context_unit or (_top_unit(ref) if not listed else None)
        _decide_total(row, rows, owner, context_unit if not listed else None, listed, years, ref, answers, at, out)


def _classify(row: UnitRow, ref: Reference, answers: FileAnswers) -> None:
    vocab = vocabulary()
    answer = answers.get("unit", row.text)
    if answer == SKIP:
        row.kind = "answered-skip"
        return
    if answer in ref.units:
        row.kind, row.code = "unit", answer
        return
    if vocab.label_kind(row.text) in ("national", "regional"):
        row.kind = "aggregate"
        return
    if vocab.label_kind(row.text) == "band":
        row.kind = "band"
        return
    row.match = match_unit(row.text, ref)
    if row.match.code:
        row.kind, row.code = "unit", row.match.code
    elif row.match.ambiguous:
        row.kind = "ambiguous"
    elif fold_key(row.text) in vocab.total_scopes:
        row.kind, row.scope = "total", vocab.total_scopes[fold_key(row.text)]
    elif vocab.provinces.get(unit_key(row.text)) not in (None, *ref.units):
        row.kind = "outside"


def _decide_shared_name(
    row: UnitRow,
    ref: Reference,
    parent: str | None,
    national: bool,
    answers: FileAnswers,
    at: dict[str, Any],
    out: Any,
) -> None:
    assert row.match is not None
    candidates = row.match.ambiguous
    if parent is not None and not national:
        chosen = [c for c in candidates if ref.units[c].parent_code == parent]
    else:
        chosen = [c for c in candidates if ref.units[c].parent_code is None]
    if len(chosen) == 1:
        row.kind, row.code = "unit", chosen[0]
        return
    options = tuple(Option(c, f"{ref.units[c].name} (mã {c})", row.loadable) for c in candidates)
    out.questions.append(
        Question(
            "unit",
            row.text,
            f'Tên "{row.text}" (ô {row.cell}) có thể là {len(candidates)} đơn vị; đó là đơn vị nào?',
            (*options, Option(SKIP, "Không nạp dòng này", 0)),
            chosen[0] if chosen else candidates[0],
            at["file"],
            at["sheet"],
            row.cell,
        )
    )


def _decide_total(
    row: UnitRow,
    rows: Sequence[UnitRow],
    owner: str | None,
    context: str | None,
    listed: set[str],
    years: set[int],
    ref: Reference,
    answers: FileAnswers,
    at: dict[str, Any],
    out: Any,
) -> None:
    answer = answers.get("total-row", row.text)
    if answer == SKIP or owner is None:
        row.kind = "subtotal"
        return
    expected = {
        c for c, u in ref.units.items() if u.parent_code == owner and (not years or any(u.active_in(y) for y in years))
    }
    if answer == owner or row.scope == "province" or (expected and expected <= listed) or owner == context:
        row.kind, row.code = "unit", owner
        out.issues.append(
            make_issue("total-row-loaded", raw_value=row.text, cell=row.cell, unit=ref.units[owner].name, **at)
        )
        return
    if _is_sum_of(row, [r for r in rows if r.kind in UNIT_LIKE and r.n_values]):
        row.kind = "subtotal"
        return
    row.kind = "pending-total"
    name = ref.units[owner].name
    why = (
        f"bảng không liệt kê đơn vị nào của {name}"
        if not listed
        else f"không bằng tổng {len(listed)} trên {len(expected)} đơn vị của {name} được liệt kê"
    )
    out.questions.append(
        Question(
            "total-row",
            row.text,
            f'Dòng "{row.text}" (ô {row.cell}): {why}; đó có phải số liệu của {name}?',
            (Option(owner, f"Có: số liệu của {ref.units[owner].name}", row.loadable), Option(SKIP, "Không nạp", 0)),
            owner,
            at["file"],
            at["sheet"],
            row.cell,
        )
    )


def _is_sum_of(total: UnitRow, rows: Sequence[UnitRow]) -> bool:
    compared = False
    for i, value in enumerate(total.numbers):
        parts = [r.numbers[i] for r in rows if i < len(r.numbers) and r.numbers[i] is not None]
        if value is None or not parts:
            continue
        compared = True
        if abs(sum(p for p in parts if p is not None) - value) > max(1.0, abs(value) * 0.001):
            return False
    return compared


def _top_unit(ref: Reference) -> str | None:
    tops = [c for c, u in ref.units.items() if u.parent_code is None]
    return tops[0] if len(tops) == 1 else None


def unit_rows(
    grid: Grid,
    table: Table,
    col: Column,
    labels: dict[int, str],
    loadable: set[int],
    ctx: Context,
    ref: Reference,
    answers: FileAnswers,
    at: dict[str, Any],
    out: Any,
) -> dict[int, UnitRow]:
    """The decided unit rows of a table, by row index (``labels``: the unit column's text per row;
    ``loadable``: the value columns that name a catalogue indicator)."""
    rows = []
    for r, label in labels.items():
        text = strip_numbering(label)
        if not text or vocabulary().label_kind(text) in ("band", "index"):
            continue
        numbers = [parse_number(v).value if (v := grid.value(r, c.index)) is not None else None for c in table.values]
        n = sum(v is not None for c, v in zip(table.values, numbers, strict=True) if c.index in loadable)
        rows.append(UnitRow(r, text, cell_name(r, col.index), numbers, n))
    years = {y for c in table.values if (y := read_year_label(c.year_label).year) is not None}
    if ctx.year_label is not None and (y := read_year_label(ctx.year_label).year) is not None:
        years.add(y)
    decide_unit_rows(rows, ref, years, ctx.unit, answers, at, out)
    return {row.row: row for row in rows}
