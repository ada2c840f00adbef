"""What the reader cannot decide, as data: questions with options, and the analyst's answers.

A question names what it is about (``kind`` and ``key``: the name, label or sheet as the
file writes it), offers options with the number of values each would load, and marks the
reader's best guess. Answers are plain data too: the command line reads them from a CSV file
(``--answers``, etl/load/answers.py) and the upload page will build them from its widgets;
both hand them to the same ``check_content``/``load_content`` (etl/load/pipeline.py), which
gives each file its own :class:`FileAnswers`.

Kinds (docs/free_layouts.md, "Questions and answers"):

* ``header-row``: which row of a sheet is the table's header (answer: the row number);
* ``title-measure``: what the table counts when only its rows/columns name the school level
  (answer: a measure such as "Số trường");
* ``reporting-unit``: whose figures a file without any unit holds (answer: a unit code);
* ``unit``: which unit a name is (answer: a unit code, or ``skip``);
* ``total-row``: whether a total row is the containing unit's own figure (answer: the code, or ``skip``);
* ``indicator``: which indicator a label is (answer: an indicator code, or ``skip``);
* ``year-convention``: what a plain year means for end-of-year outcomes (``start``: 2015 is
  2015-2016; ``end``: 2015 is 2014-2015; ``skip``);
* ``skip-error-cells``: load the file without the cells that have errors (``yes`` / ``no``);
* ``survey-column``: what a column of a survey export is (``district``, ``group``,
  ``question``, ``pii``, ``skip``; docs/surveys.md);
* ``respondent-group``: which respondent group an answer of the group column names (a group
  code of etl/config/survey_groups.csv, or ``skip``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

SKIP = "skip"
YES = "yes"
KINDS = (
    "header-row",
    "title-measure",
    "reporting-unit",
    "unit",
    "total-row",
    "indicator",
    "year-convention",
    "skip-error-cells",
    "survey-column",
    "respondent-group",
)
ANY_FILE = "*"


@dataclass(frozen=True)
class Option:
    value: str  # what the answers file says ("40", "start", "skip")
    label_vi: str  # how the analyst reads it ("Tỉnh Nghệ An (mã 40)")
    n_values: int = 0  # values this answer would load


@dataclass(frozen=True)
class Question:
    kind: str
    key: str  # the name, label or sheet as written; "" for a question about the whole file
    prompt_vi: str
    options: tuple[Option, ...]
    best_guess: str | None
    file: str
    sheet: str | None = None
    cell: str | None = None
    answer: str | None = None  # the answer given, if any

    @property
    def best_option(self) -> Option | None:
        return next((o for o in self.options if o.value == self.best_guess), None)

    @property
    def gain(self) -> int:
        """Values the best guess would load if the analyst accepted it (0 once answered)."""
        option = self.best_option
        return 0 if self.answer is not None or option is None else option.n_values


@dataclass
class FileAnswers:
    """The answers that apply to one file: (kind, key) -> answer. Every answer the reader
    looks up and finds is remembered in ``used``, so the batch records what shaped it."""

    given: Mapping[tuple[str, str], str] = field(default_factory=dict)
    used: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)

    def get(self, kind: str, key: str = "") -> str | None:
        answer = self.given.get((kind, key))
        if answer is not None:
            self.used[(kind, key)] = answer
        return answer

    def used_items(self) -> list[tuple[str, str, str]]:
        return sorted((kind, key, answer) for (kind, key), answer in self.used.items())

    @property
    def skip_error_cells(self) -> bool:
        return self.get("skip-error-cells") == YES


NO_ANSWERS = FileAnswers()


@dataclass(frozen=True)
class Answers:
    """Answers for a batch of files: (file name or "*", kind, key) -> answer."""

    given: Mapping[tuple[str, str, str], str] = field(default_factory=dict)
    skip_error_cells: bool = False  # the command line's --skip-error-cells, for every file

    def for_file(self, file_name: str) -> FileAnswers:
        found = {(k, key): a for (f, k, key), a in self.given.items() if f == ANY_FILE}
        found |= {(k, key): a for (f, k, key), a in self.given.items() if f == file_name}
        if self.skip_error_cells:
            found[("skip-error-cells", "")] = YES
        return FileAnswers(found)


def answered(questions: Iterable[Question], answers: FileAnswers) -> list[Question]:
    """The questions with the answer given to each (None when unanswered), each (kind, key) once."""
    out: dict[tuple[str, str], Question] = {}
    for q in questions:
        if (q.kind, q.key) in out:
            continue
        out[(q.kind, q.key)] = replace(q, answer=answers.given.get((q.kind, q.key)))
    return list(out.values())
