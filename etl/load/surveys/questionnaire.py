"""The questionnaire as data (data/reference/survey_questions.csv): each question's code, the
resolution's task it asks about (1-9, data/reference/survey_tasks.csv), the indicators it
explains, the respondent groups it is for, its kind, scale and options.

An export's column is matched to a question by its header: the question text itself, a
header starting with it (a tool may add "(chọn tối đa 3)"), or the row statement of a grid
question ("Question [Statement]", as Google Forms heads a grid row). Microsoft Forms heads a
Likert row by its statement alone, which is why statements are unique in the questionnaire.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vocab.text import fold_key

REFERENCE = Path(__file__).resolve().parents[3] / "data" / "reference"
QUESTIONS_PATH = REFERENCE / "survey_questions.csv"
TASKS_PATH = REFERENCE / "survey_tasks.csv"
_GRID_RE = re.compile(r"^(.*)\[([^\]]+)\]\s*$")
_NOTE_RE = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class QuestionDef:
    survey: str
    code: str
    task: int | None
    indicators: tuple[str, ...]
    groups: tuple[str, ...]  # ("*",) = everyone
    kind: str  # likert | choice | checkbox | text | district
    scale: str | None
    options: tuple[str, ...]
    text_vi: str


@dataclass(frozen=True)
class Questionnaire:
    questions: tuple[QuestionDef, ...]

    def match(self, header: str) -> QuestionDef | None:
        """The question a column header asks, if the questionnaire has it."""
        grid = _GRID_RE.match(header)
        candidates = [header, _NOTE_RE.sub("", header)] + ([grid.group(2)] if grid else [])
        keys = [fold_key(c) for c in candidates if c.strip()]
        for q in self.questions:
            text = fold_key(q.text_vi)
            if any(k == text for k in keys) or (len(text) > 12 and keys and keys[0].startswith(text)):
                return q
        return None


def read_questionnaire(path: Path = QUESTIONS_PATH) -> Questionnaire:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return Questionnaire(
        tuple(
            QuestionDef(
                row["survey"],
                row["code"],
                int(row["task"]) if row["task"] else None,
                tuple(c for c in row["indicators"].split(";") if c),
                tuple(g for g in row["groups"].split(";") if g),
                row["kind"],
                row["scale"] or None,
                tuple(o for o in row["options"].split("|") if o),
                row["text_vi"],
            )
            for row in rows
        )
    )


@cache
def shipped_questionnaire() -> Questionnaire:
    return read_questionnaire()


@cache
def task_names() -> dict[int, str]:
    with TASKS_PATH.open(encoding="utf-8", newline="") as handle:
        return {int(row["task"]): row["name_vi"] for row in csv.DictReader(handle)}
