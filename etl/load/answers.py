"""The answers file of ``python -m etl load --answers FILE`` (docs/free_layouts.md, Questions and answers).

A CSV file (UTF-8, with or without BOM) with the columns ``file,kind,key,answer``: ``file`` is
the file name as loaded (``*`` for every file), ``kind`` and ``key`` name the question as the
dry run prints it, ``answer`` is one of its options (a unit or indicator code, ``start``,
``skip``, ``yes``…). Other columns (``question``, ``options``, written by ``--write-answers``
for the analyst to read) are ignored. ``--write-answers FILE`` writes every open question of a
dry run with its best guess filled in, ready to check and pass back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from etl.load.pipeline import FileReport
from etl.questions import ANY_FILE, KINDS, Answers
from vocab.text import clean_text

COLUMNS = ("file", "kind", "key", "answer")
EXTRA = ("question", "options")


class AnswersFileError(ValueError):
    """The answers file breaks its format; the message is Vietnamese and names the line."""


def read_answers(path: Path, skip_error_cells: bool = False) -> Answers:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnswersFileError(f"Không đọc được tệp trả lời {path}: {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AnswersFileError(f"Tệp trả lời {path.name} thiếu cột: {', '.join(missing)} (cần {','.join(COLUMNS)}).")
    given: dict[tuple[str, str, str], str] = {}
    for line, row in enumerate(reader, start=2):
        kind, answer = clean_text(row["kind"] or ""), clean_text(row["answer"] or "")
        if not kind and not answer:
            continue
        if kind not in KINDS:
            raise AnswersFileError(
                f"{path.name}, dòng {line}: loại câu hỏi '{kind}' không có (cho phép: {', '.join(KINDS)})."
            )
        if not answer:
            continue  # a question copied but not answered yet
        given[(clean_text(row["file"] or "") or ANY_FILE, kind, clean_text(row["key"] or ""))] = answer
    return Answers(given, skip_error_cells)


def write_answers(path: Path, reports: Sequence[FileReport]) -> int:
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
