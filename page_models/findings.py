"""The prioritised findings of a unit, by the resolution's tasks: one function for the pages and the report.

``build_findings`` places every assessed row by analysis.materiality, writes its sentence
(page_models.sentences), merges rows that differ only by school level (page_models.merge),
puts the analysts' causes under the finding they explain, and keeps at most ``limit``
results and ``limit`` weaknesses per task (the rest go to the report's appendix table). The
overview (Tổng quan, and the report's "Đánh giá chung") takes the most important findings of
all tasks, at most ``per_task`` from one task while others wait. Tổng quan, Đánh giá and the
report show these objects' text, so they read the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from analysis.materiality import (
    Placement,
    Threshold,
    numerator_codes,
    place,
    read_thresholds,
    size_of,
    sort_key,
    too_few,
)
from page_models.finding_notes import Cause, Note, causes_of, place_notes
from page_models.merge import merge_key, merged_sentence
from page_models.sentences import Context, Sentence, Source, below_sentence, finding_sentence

__all__ = [
    "LIMIT",
    "Finding",
    "FindingSet",
    "TaskFindings",
    "build_findings",
    "value_map",
]

LIMIT = 8  # findings per heading; the rest go to the appendix table
PER_TASK = 3  # at most this many of one task in the overview while other tasks wait


@dataclass(frozen=True)
class Finding:
    keys: tuple[str, ...]  # the assessment rows it states (several when merged)
    indicator_codes: tuple[str, ...]
    task: int
    side: str  # "result" | "weakness"
    reason: str
    text: str
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    order: tuple[Any, ...] = field(default=(), compare=False)


@dataclass
class TaskFindings:
    number: int
    title: str
    short_title: str
    results: list[Finding] = field(default_factory=list)  # at most LIMIT, most important first
    weaknesses: list[Finding] = field(default_factory=list)
    more: list[Finding] = field(default_factory=list)  # beyond LIMIT: the appendix table

    def __bool__(self) -> bool:
        return bool(self.results or self.weaknesses)


@dataclass
class FindingSet:
    tasks: list[TaskFindings]  # every task of the resolution, in order (some without findings)
    causes: list[Cause]  # the analysts' causes of results and of weaknesses
    sources: list[Source]  # the documents the sentences cite, in order of first citation (shared with facts)
    limit: int = LIMIT
    per_task: int = PER_TASK

    @property
    def every(self) -> list[Finding]:
        return sorted((f for t in self.tasks for f in (*t.results, *t.weaknesses, *t.more)), key=lambda f: f.order)

    @property
    def results(self) -> list[Finding]:
        """The overview's results (Tổng quan; the report's "Kết quả đạt được" of its general assessment)."""
        return self.top("result")

    @property
    def weaknesses(self) -> list[Finding]:
        return self.top("weakness")

    def top(self, side: str, tasks: Sequence[int] = ()) -> list[Finding]:
        """The most important findings of a side (of the given tasks; empty: all), at most ``per_task``
        of one task before the others have had their turn, at most ``limit`` in all."""
        found = [f for f in self.every if f.side == side and (not tasks or f.task in tasks)]
        return _overview(found, self.limit, self.per_task)

    def task(self, number: int) -> TaskFindings:
        return next(t for t in self.tasks if t.number == number)


def value_map(values: pd.DataFrame, unit_code: str) -> dict[tuple[str, int], float]:
    """(indicator, year) → value of one unit, from usable values (page_models.common.usable_only)."""
    own = values[(values["unit_code"].astype(str) == str(unit_code)) & values["value"].notna()]
    return {
        (str(c), int(y)): float(v) for c, y, v in zip(own["indicator_code"], own["year"], own["value"], strict=True)
    }


def build_findings(
    table: pd.DataFrame,
    catalogue: pd.DataFrame,
    tasks: pd.DataFrame,
    context: Context,
    notes: Sequence[Note] = (),
    *,
    limit: int = LIMIT,
    per_task: int = PER_TASK,
    thresholds: Sequence[Threshold] | None = None,
) -> FindingSet:
    """The findings of the unit whose assessment is ``table`` (page_models.assessment, every group).

    ``context`` holds the unit's values and, in a district's report, the province's
    (``context.compare``): a district's rate worse than the province's by the lagging margin
    is then a weakness of its own ("below_province").
    """
    rules = list(thresholds) if thresholds is not None else read_thresholds()
    numerators = numerator_codes(catalogue)
    position = {str(c): i for i, c in enumerate(catalogue["code"])}
    task_of = dict(zip(catalogue["code"].astype(str), catalogue["task"], strict=True))
    placed: list[tuple[dict[str, Any], Placement]] = []
    denominators = dict(zip(catalogue["code"].astype(str), catalogue["denominator"], strict=True))
    for record in table.to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        den = denominators.get(str(row["indicator_code"]))
        if isinstance(den, str) and not pd.isna(row["latest_year"]):
            row["denominator_value"] = context.values.get((den, int(row["latest_year"])))
        placement = place(row, rules, numerators)
        if placement is not None:
            placed.append(({**row, "_weight": placement.weight}, placement))
        current = int(row.get("version", 0)) == int(row.get("n_versions", 1)) - 1
        if context.compare is not None and current and (placement is None or placement.side == "result"):
            below = _below(row, context, rules)
            if below is not None:
                placed.append((row, below))
    groups: dict[Any, list[tuple[dict[str, Any], Placement]]] = {}
    for i, (row, placement) in enumerate(placed):
        groups.setdefault(merge_key(row, placement) or i, []).append((row, placement))
    made = [_finding([r for r, _ in group], group[0][1], context, position, task_of) for group in groups.values()]
    findings = sorted((f for f in made if f is not None), key=lambda f: f.order)
    placed_notes = place_notes([(f.side, f.indicator_codes, f.keys[0]) for f in findings], table, notes)
    findings = [replace(f, notes=lines) for f, lines in zip(findings, placed_notes, strict=True)]
    causes = causes_of(notes, table, task_of)
    by_task = [_task_findings(t, [f for f in findings if f.task == t["number"]], limit) for t in _tasks(tasks)]
    return FindingSet(by_task, causes, context.sources, limit, per_task)


def _below(row: Mapping[str, Any], ctx: Context, rules: Sequence[Threshold]) -> Placement | None:
    """A district's rate, ratio or level worse than the province's by more than the lagging margin."""
    if row["kind"] not in ("rate", "ratio", "level") or row["direction"] not in ("up", "down") or too_few(row, rules):
        return None
    code, year = str(row["indicator_code"]), row["latest_year"]
    own, other = ctx.values.get((code, int(year))), (ctx.compare or {}).get((code, int(year)))
    if own is None or other is None:
        return None
    worse = (other - own) if row["direction"] == "up" else (own - other)
    points, share = ctx.lag_margins
    beyond = worse > points if row["unit"] == "%" else other != 0 and worse / abs(other) > share
    if not beyond:
        return None
    return Placement("weakness", "below_province", size_of(worse, other, str(row["kind"]), rules))


def _finding(
    rows: list[dict[str, Any]],
    placement: Placement,
    ctx: Context,
    position: Mapping[str, int],
    task_of: Mapping[str, Any],
) -> Finding | None:
    """One finding from one row, or from rows that differ only by school level (page_models.merge)."""
    row = rows[0]
    if len(rows) > 1:
        sentence: Sentence | None = merged_sentence(rows, placement, ctx)
    elif placement.reason == "below_province":
        sentence = below_sentence(row, ctx)
    else:
        sentence = finding_sentence(row, placement, ctx)
    if sentence is None:
        return None
    codes = tuple(str(r["indicator_code"]) for r in rows)
    historical = all(int(r.get("version", 0)) < int(r.get("n_versions", 1)) - 1 for r in rows)
    weight = Placement(placement.side, placement.reason, max(float(r.get("_weight", placement.weight)) for r in rows))
    return Finding(
        keys=tuple(str(r["key"]) for r in rows),
        indicator_codes=codes,
        task=int(task_of.get(codes[0].split(".")[0], 0) or 0),
        side=placement.side,
        reason=placement.reason,
        text=sentence.text,
        sources=sentence.sources,
        order=sort_key(weight, historical, min(position.get(c, len(position)) for c in codes)),
    )


def _tasks(tasks: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in tasks.sort_values("number").to_dict("records")]


def _task_findings(task: Mapping[str, Any], findings: list[Finding], limit: int) -> TaskFindings:
    results = [f for f in findings if f.side == "result"]
    weaknesses = [f for f in findings if f.side == "weakness"]
    return TaskFindings(
        int(task["number"]),
        str(task["title"]),
        str(task["short_title"]),
        results[:limit],
        weaknesses[:limit],
        results[limit:] + weaknesses[limit:],
    )


def _overview(findings: list[Finding], limit: int, per_task: int) -> list[Finding]:
    """The most important findings, at most ``per_task`` of one task before the others have had their turn."""
    chosen: list[Finding] = []
    waiting: list[Finding] = []
    for finding in findings:
        if len(chosen) == limit:
            break
        if sum(1 for f in chosen if f.task == finding.task) < per_task:
            chosen.append(finding)
        else:
            waiting.append(finding)
    chosen += waiting[: limit - len(chosen)]
    return sorted(chosen, key=lambda f: f.order)
