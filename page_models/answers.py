"""The reader's questions on the pages: what each chosen answer would load, and what a re-check
of a file loads now against before (after other answers, or after a recipe was edited).

Plain Python: every check goes through ``check_content(..., answers=...)``, the one path of the
command line's ``--answers FILE``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.load.answer_meaning import answer_label, question_label
from etl.load.diff import same_value
from etl.load.pipeline import FileReport, check_content
from etl.questions import FileAnswers, Question
from etl.records import Value
from etl.reference.model import Reference
from etl.resolve.validate import Key
from store import open_reader
from vocab.display import format_with_unit, year_label

Answers = Mapping[tuple[str, str], str]
SAMPLE_ROWS = 6
CHANGE_VI = {"added": "Thêm", "removed": "Bớt", "changed": "Thay đổi"}
CHANGE_COLUMNS = ["Thay đổi", "Địa bàn", "Chỉ tiêu", "Năm", "Trước", "Bây giờ"]


@dataclass(frozen=True)
class ValueChanges:
    """What one reading of a file loads against another: counts, and the values that differ."""

    before: int
    after: int
    added: int
    removed: int
    changed: int
    table: pd.DataFrame  # CHANGE_COLUMNS, texts as the page shows them

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class AnswerPreview:
    """The chosen answer to one question: what the file loads with every chosen answer, and
    what this one adds, removes or changes against leaving the question open."""

    question: Question
    answer: str
    n_loaded: int
    changes: ValueChanges


def value_map(values: Sequence[Value]) -> dict[Key, float]:
    return {(v.unit_code, v.indicator_code, v.year): v.value for v in values}


def value_changes(before: Mapping[Key, float], after: Mapping[Key, float], ref: Reference) -> ValueChanges:
    """Every value that one reading adds, removes or changes against the other (changed first)."""
    rows = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and same_value(old, new):
            continue
        change = "added" if old is None else "removed" if new is None else "changed"
        rows.append((change, key, old, new))
    rows.sort(key=lambda r: ("changed", "added", "removed").index(r[0]))
    counts = {c: sum(1 for r in rows if r[0] == c) for c in CHANGE_VI}
    table = pd.DataFrame([_row(change, key, old, new, ref) for change, key, old, new in rows], columns=CHANGE_COLUMNS)
    return ValueChanges(len(before), len(after), counts["added"], counts["removed"], counts["changed"], table)


def _row(change: str, key: Key, old: float | None, new: float | None, ref: Reference) -> list[str]:
    unit, code, year = key
    indicator = ref.indicators.get(code)
    measure = indicator.unit if indicator else ""
    return [
        CHANGE_VI[change],
        ref.units[unit].name if unit in ref.units else unit,
        indicator.name_vi if indicator else code,
        year_label(year, indicator.period_type if indicator else "calendar_year"),
        "" if old is None else format_with_unit(old, measure),
        "" if new is None else format_with_unit(new, measure),
    ]


def answers_table(answers: Sequence[tuple[str, str, str]], ref: Reference) -> pd.DataFrame:
    """Answers (kind, key, answer) as the analyst reads them: the question and what the answer means."""
    rows = [(question_label(k, q), answer_label(k, a, ref)) for k, q, a in answers]
    return pd.DataFrame(rows, columns=["Câu hỏi", "Câu trả lời"])


def dry_run(name: str, content: bytes, db_path: Path, answers: Answers) -> FileReport:
    """The file checked with exactly these answers (no recipe added), whether or not it was
    loaded before with them: the values it would load, not "already loaded"."""
    with open_reader(db_path) as con:
        return check_content(content, name, con, answers=FileAnswers(dict(answers)), recipes=False)


def preview_answers(
    name: str, content: bytes, db_path: Path, questions: Sequence[Question], answers: Answers, ref: Reference
) -> list[AnswerPreview]:
    """For each answered question, what its answer loads: one dry run with every answer (the
    analyst's chosen ones over a recipe's) and one without each. A file has a few questions and
    a dry run of a real table takes a fraction of a second."""
    full = dry_run(name, content, db_path, answers)
    loaded = value_map(full.values)
    previews = []
    for q in questions:
        answer = answers.get((q.kind, q.key))
        if answer is None:
            continue
        others = {k: a for k, a in answers.items() if k != (q.kind, q.key)}
        without = value_map(dry_run(name, content, db_path, others).values)
        previews.append(AnswerPreview(q, answer, len(full.values), value_changes(without, loaded, ref)))
    return previews


def sample(changes: ValueChanges, n: int = SAMPLE_ROWS) -> pd.DataFrame:
    """A few of the values that differ, for a preview (the page shows the whole table on a re-check)."""
    return changes.table.head(n)
