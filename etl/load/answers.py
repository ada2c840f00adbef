"""The answers file of ``python -m etl load --answers FILE`` (docs/free_layouts.md, Questions and answers).

A CSV file (UTF-8, with or without BOM) with the columns ``file,kind,key,answer``: ``file`` is
the file name as loaded (``*`` for every file), ``kind`` and ``key`` name the question as the
dry run prints it, ``answer`` is one of its options (a unit or indicator code, ``start``,
``skip``, ``yes``…). Other columns (``question``, ``options``, written by ``--write-answers``
for the analyst to read) are ignored. ``--write-answers FILE`` writes every open question of a
dry run with its best guess filled in, ready to check and pass back.

A recipe (answers remembered per sender and layout, etl/load/recipes.py) is exported in the
same format (``python -m etl recipe export``) with its layout in extra columns, and imported
from it (``python -m etl recipe import``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl.load.answer_meaning import answer_label, question_label
from etl.load.pipeline import FileReport
from etl.load.recipes import Recipe
from etl.load.surveys.check import SurveyReport
from etl.questions import ANY_FILE, KINDS, Answers
from etl.reference.model import Reference
from vocab.text import clean_text

COLUMNS = ("file", "kind", "key", "answer")
EXTRA = ("question", "options")
RECIPE_EXTRA = ("meaning", "sender", "layout", "layout_text")


class AnswersFileError(ValueError):
    """The answers file breaks its format; the message is Vietnamese and names the line."""


def read_answers(path: Path, skip_error_cells: bool = False) -> Answers:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(f"Không đọc được tệp trả lời {path}: {exc}") from exc
    given = {(row["file"] or ANY_FILE, kind, key): answer for row, kind, key, answer in _answer_rows(text, path.name)}
    return Answers(given, skip_error_cells)


def _answer_rows(text: str, name: str) -> Iterator[tuple[dict[str, str], str, str, str]]:
    """(row, kind, key, answer) of every answered row, each cell cleaned; raises AnswersFileError."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AnswersFileError(f"Tệp trả lời {name} thiếu cột: {', '.join(missing)} (cần {','.join(COLUMNS)}).")
    for line, raw in enumerate(reader, start=2):
        row = {k: clean_text(v or "") for k, v in raw.items() if k}
        row["layout_text"] = (raw.get("layout_text") or "").replace("\r\n", "\n").strip()  # one header row a line
        kind, answer = row["kind"], row["answer"]
        if not kind and not answer:
            continue
        if kind not in KINDS:
            raise AnswersFileError(
                f"{name}, dòng {line}: loại câu hỏi '{kind}' không có (cho phép: {', '.join(KINDS)})."
            )
        if answer:  # a question copied but not answered yet is skipped
            yield row, kind, row["key"], answer


@dataclass(frozen=True)
class RecipeFile:
    """An answers file read as a recipe: its answers, and the layout it names (if it names one)."""

    answers: dict[tuple[str, str], str]
    layout: str | None
    layout_text: str | None
    sender: str | None


def read_recipe_file(text: str, name: str) -> RecipeFile:
    """The answers of an answers file (``--answers`` format, or one written by
    :func:`recipe_csv`) as one recipe: every row, whatever its ``file``; two different answers
    to one question are refused."""
    answers: dict[tuple[str, str], str] = {}
    layouts, texts, senders = set(), set(), set()
    for row, kind, key, answer in _answer_rows(text, name):
        if answers.get((kind, key), answer) != answer:
            raise AnswersFileError(f"{name}: {question_label(kind, key)} có hai câu trả lời khác nhau.")
        answers[(kind, key)] = answer
        layouts |= {row["layout"]} if row.get("layout") else set()
        texts |= {row["layout_text"]} if row.get("layout_text") else set()
        senders |= {row["sender"]} if row.get("sender") else set()
    if len(layouts) > 1:
        raise AnswersFileError(f"{name}: tệp ghi nhiều bố cục ({', '.join(sorted(layouts))}); mỗi tệp chỉ một bố cục.")
    return RecipeFile(answers, next(iter(layouts), None), next(iter(texts), None), next(iter(senders), None))


def recipe_csv(recipe: Recipe, ref: Reference) -> bytes:
    """A recipe as an answers file (UTF-8 with BOM): ``--answers`` reads it as answers for every
    file (``*``), :func:`read_recipe_file` as a recipe again. The layout, its text, the sender and
    what each answer means are extra columns (the layout text on the first row only)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*COLUMNS, *RECIPE_EXTRA])
    for n, (kind, key, answer) in enumerate(recipe.answers):
        meaning = f"{question_label(kind, key)}: {answer_label(kind, answer, ref)}"
        text = recipe.layout_text if n == 0 else ""
        writer.writerow([ANY_FILE, kind, key, answer, meaning, recipe.sender_code, recipe.layout_signature, text])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_answers(path: Path, reports: Sequence[FileReport | SurveyReport]) -> int:
    """Every open question of the reports with its best guess as the answer; returns how many."""
    rows = []
    for report in reports:
        for q in report.open_questions:
            options = "; ".join(f"{o.value} = {o.label_vi} ({o.n_values} giá trị)" for o in q.options)
            rows.append([report.file, q.kind, q.key, q.best_guess or "", q.prompt_vi, options])
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, *EXTRA])
        writer.writerows(rows)
    return len(rows)
