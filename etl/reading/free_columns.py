"""What a value column holds, from its header words and the table's title.

A header names an indicator ("Số trường THCS"), a school level under the title's measure
("Tiểu học" in "Số giáo viên phổ thông … phân theo huyện"), a measure under the title's level
("School" in a kindergarten table), the total of the title's indicator ("Tổng số" beside
"Công lập" / "Ngoài công lập"), or something that is not a catalogue indicator: an ownership
split, a multi-level school type ("Phổ thông cơ sở"), the total of several levels, or a name
the catalogue does not know (reported, with suggestions).
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.questions import SKIP, FileAnswers
from etl.reading.free_context import Context
from etl.reading.free_layout import Column
from etl.reading.free_rows import level_only, needs_level
from etl.reference.model import Reference
from etl.resolve.keywords import vocabulary
from etl.resolve.names import NameMatch, match_indicator, strip_numbering
from vocab.text import fold_key


@dataclass
class ColumnPlan:
    indicator: str | None = None
    level: str | None = None  # a level-only header: the row or the title gives the measure
    skip: str | None = None  # ownership | multilevel | index | unmatched | answered-skip
    match: NameMatch | None = None  # the failed match, for the warning
    named: bool = False  # the header names something (a column without words takes the row's meaning)
    total: bool = False  # "Tổng số": the row's or the title's indicator, all levels and owners together
    measure: str | None = None  # a measure without a level ("Số trường"): the row's level completes it


def plan_column(col: Column, ctx: Context, ref: Reference, answers: FileAnswers) -> ColumnPlan:
    if not col.texts:
        return ColumnPlan()
    vocab = vocabulary()
    text = " ".join(col.texts)
    answer = answers.get("indicator", strip_numbering(text))
    if answer == SKIP:
        return ColumnPlan(skip="answered-skip", named=True)
    if answer in ref.indicators:
        return ColumnPlan(answer, named=True)
    kinds = {vocab.label_kind(t) for t in col.texts}
    for kind in ("index", "ownership", "multilevel"):
        if kind in kinds:
            return ColumnPlan(skip=kind, named=True)
    if any(fold_key(t) in vocab.total_scopes for t in col.texts):
        return ColumnPlan(total=True)
    header_levels = set().union(*(vocab.level_in(t) for t in col.texts))
    if len(header_levels) > 1:
        return ColumnPlan(skip="multilevel", named=True)
    use = header_levels if len(header_levels) == 1 else ctx.levels
    match = NameMatch(None)
    for name in (text, col.texts[-1]):
        match = match_indicator(name, use, ref)
        if match.code:
            col.measure = match.measure
            return ColumnPlan(match.code, named=True)
    level = level_only(text)
    if level is not None:
        if ctx.measure_name:
            found = match_indicator(ctx.measure_name, {level}, ref)
            if found.code:
                return ColumnPlan(found.code, level, named=True)
        return ColumnPlan(level=level, named=True)
    if needs_level(text, ref) and not match.ambiguous:
        return ColumnPlan(measure=text, named=True)
    return ColumnPlan(skip="unmatched", match=match, named=True)
