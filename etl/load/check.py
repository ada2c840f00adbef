"""Checking one file against the store: read → resolve → validate, nothing written."""

from __future__ import annotations

import getpass
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import duckdb

from etl.issues import Issue, make_issue
from etl.load.outcome import as_skipped, issue_order, nothing_loaded, open_question, skip_counts
from etl.load.recipes import Recipe, recipe_for, with_recipe
from etl.load.rule import apply_rule
from etl.load.stored import stored_values
from etl.questions import FileAnswers, Question, answered
from etl.reading.ingest import read_any
from etl.reading.worker import read_isolated
from etl.records import Extracted, Value
from etl.reference.model import Reference
from etl.resolve.cells import resolve_all

Reader = Callable[[bytes, str], Extracted]


@dataclass
class FileReport:
    """The outcome for one file: status ∈ rejected | validated | loaded | unchanged | nothing
    (read, but no value could be loaded: the issues and questions say why)."""

    file: str
    status: str
    values: list[Value] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    batch_id: int | None = None
    unit_code: str | None = None
    source_kind: str | None = None  # "template", "free-layout:<layouts>", "csv:<layouts>"
    questions: list[Question] = field(default_factory=list)  # answered ones carry their answer
    skip_counts: Counter[str] = field(default_factory=Counter)  # values not loaded, by reason (issue code)
    answers_used: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, key, answer)
    layout_signature: str | None = None
    layout_text: str | None = None
    sender_code: str | None = None  # who sent the file: given, the file's unit, or known by its layout
    sender_source: str | None = None  # how the sender is known (etl.load.recipes.SENDER_SOURCES_VI)
    recipe: Recipe | None = None  # the remembered answers (recipe version) the file was read with
    recipe_ignored: Recipe | None = None  # the recipe it was not read with (``recipes=False``)

    @property
    def ok(self) -> bool:
        return self.status in {"validated", "loaded", "unchanged"}

    @property
    def open_questions(self) -> list[Question]:
        return [q for q in self.questions if q.answer is None]


def current_user() -> str:
    try:
        return os.environ.get("NQ29_USER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def check_content(
    content: bytes,
    file_label: str,
    con: duckdb.DuckDBPyConnection,
    reader: Reader = read_any,
    answers: FileAnswers | None = None,
    *,
    sender_code: str | None = None,
    recipes: bool = True,
    ref: Reference | None = None,
) -> FileReport:
    """Validate one file against the store's reference data and current values.

    The default reader recognises our template and the free layouts (etl/reading/ingest.py).
    ``answers`` are the analyst's answers to this file's questions: the command line reads them
    from ``--answers FILE``, the upload page from its widgets; both come here. Unless ``recipes``
    is False, the answers remembered for the file's sender and layout (etl/load/recipes.py) are
    used under them; the report says which recipe version, and who the sender is. ``ref`` is the
    store's reference data when the caller has read it already (a command reads it once).
    """
    answers = answers if answers is not None else FileAnswers()
    ref = ref if ref is not None else Reference.from_store(con)
    report = _check(content, file_label, con, reader, answers, ref)
    match = recipe_for(con, report.layout_signature, sender_code, report.unit_code)
    if match.recipe is not None and recipes:
        report = _check(content, file_label, con, reader, with_recipe(answers, match.recipe), ref)
        report.recipe = match.recipe
    elif match.recipe is not None:
        report.recipe_ignored = match.recipe
        match = replace(match, sender_code=None, source=None) if match.source == "layout" else match
    report.sender_code, report.sender_source = match.sender_code, match.source
    return report


def _check(
    content: bytes,
    file_label: str,
    con: duckdb.DuckDBPyConnection,
    reader: Reader,
    answers: FileAnswers,
    ref: Reference,
) -> FileReport:
    extracted = read_isolated(content, file_label, ref, answers) if reader is read_any else reader(content, file_label)
    free = extracted.source_kind != "template"
    resolved = resolve_all(
        extracted.cells, ref, file_label, evidence=extracted.year_evidence, answers=answers, strict=not free
    )
    issues = extracted.issues + resolved.issues
    if free:
        issues = [as_skipped(i) for i in issues]
    questions = answered(extracted.questions + resolved.questions, answers)
    stored = stored_values(con, {v.unit_code for v in resolved.values})
    outcome = apply_rule(resolved.values, issues, ref, stored, file_label, answers)
    if outcome.question is not None:
        questions.append(replace(outcome.question, answer=answers.given.get(("skip-error-cells", ""))))
    issues = outcome.issues + [open_question(q) for q in questions if q.answer is None and q.kind != "skip-error-cells"]
    counts = skip_counts(extracted.skip_counts, issues, questions)
    status = outcome.status
    if status == "validated" and not outcome.values:
        status, issues = nothing_loaded(issues, counts, questions, file_label)
    units = {v.unit_code for v in outcome.values}
    declared = ref.find_unit(extracted.declared_unit) if extracted.declared_unit else None
    report = FileReport(
        file_label,
        status,
        outcome.values,
        issues,
        unit_code=declared or (units.pop() if len(units) == 1 else None),
        source_kind=extracted.source_kind,
        questions=questions,
        skip_counts=counts,
        answers_used=answers.used_items(),
        layout_signature=extracted.layout_signature,
        layout_text=extracted.layout_text,
    )
    report.issues.sort(key=issue_order)
    return report


def check_failed(file_label: str, exc: Exception) -> FileReport:
    """The report of a file whose check raised: refused with the error's name, nothing written."""
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return FileReport(file_label, "rejected", issues=[make_issue("check-failed", file=file_label, detail=detail)])


def unchanged(report: FileReport, batch_id: int) -> FileReport:
    """Nothing to load: these bytes were loaded with these answers as ``batch_id``. The report
    still says how the file was read (its layout, sender and recipe version)."""
    issue = make_issue("already-loaded", file=report.file, batch_id=batch_id)
    return replace(
        report, status="unchanged", values=[], issues=[issue], questions=[], skip_counts=Counter(), batch_id=batch_id
    )
