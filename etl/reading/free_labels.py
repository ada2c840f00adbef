"""The label column of a table whose header does not name it, and band rows naming a unit of measure.

Yearbook tables leave the header of the label column empty (the corner under "Năm học");
the column is then the unit column when its cells are mostly units, totals or national and
regional rows, and the indicator column when they are indicators, levels or ownership splits —
or, left of the years, whatever they are (labels the catalogue does not know are reported).
"""

from __future__ import annotations

from collections.abc import Sequence

from etl.reading.free_context import Context
from etl.reading.free_layout import Table, is_number_like
from etl.reading.free_rows import level_only
from etl.reading.grid import Grid
from etl.reference.model import Reference
from etl.resolve.keywords import vocabulary
from etl.resolve.names import match_indicator, match_unit, strip_numbering
from vocab.text import clean_text, fold_key


def infer_label_column(grid: Grid, table: Table, end: int, ctx: Context, ref: Reference) -> None:
    """A column without a known header label whose cells are mostly unit (or indicator) names,
    totals, levels or ownership splits becomes the unit (or indicator) column."""
    if any(table.key(k) for k in ("unit_name", "unit_code", "indicator_name", "indicator_code")):
        return
    for col in table.columns:
        if col.role not in (None, "value") or col.year_label is not None:
            continue
        texts = [
            strip_numbering(v)
            for r in range(table.bottom + 1, min(end, table.bottom + 60))
            if isinstance(v := grid.value(r, col.index), str)
        ]
        if not texts or any(is_number_like(t) for t in texts):
            continue
        units = sum(_unit_like(t, ref) for t in texts)
        indicators = sum(_indicator_like(t, ctx, ref) for t in texts)
        if max(units, indicators) * 2 >= len(texts):
            col.role, col.texts = ("unit_name" if units >= indicators else "indicator_name"), []
            return
        if col.index < min((c.index for c in table.values if c.year_label is not None), default=-1):
            col.role, col.texts = "indicator_name", []  # labels left of the years: rows of indicators
            return


def _unit_like(text: str, ref: Reference) -> bool:
    vocab = vocabulary()
    m = match_unit(text, ref)
    kind = vocab.label_kind(text)
    return bool(m.code or m.ambiguous) or fold_key(text) in vocab.total_scopes or kind in ("national", "regional")


def _indicator_like(text: str, ctx: Context, ref: Reference) -> bool:
    kind = vocabulary().label_kind(text)
    return bool(match_indicator(text, ctx.levels, ref).code or level_only(text) or kind in ("ownership", "multilevel"))


def is_measure_word(text: str) -> bool:
    vocab = vocabulary()
    words = clean_text(text).split(" ")
    base = fold_key(" ".join(words[1:] if len(words) > 1 and fold_key(words[0]) in vocab.multipliers else words))
    return base in vocab.same_measure or base in set(vocab.same_measure.values())


def measure_band(texts: list[str], filled: Sequence[tuple[object, object]], ref: Reference) -> str | None:
    """The unit of measure a band row names ("Lớp - Class", "Người – Person"), if it is one."""
    if len(texts) != 1 or any(is_number_like(v) or any(ch.isdigit() for ch in str(v)) for _c, v in filled):
        return None
    text = texts[0]
    if match_indicator(text, set(), ref).code or level_only(text) or not is_measure_word(text):
        return None
    return text
