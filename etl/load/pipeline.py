"""Checking and loading files: read → resolve → validate → store, all or nothing per file."""

from __future__ import annotations

import getpass
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import duckdb

from etl.issues import Issue, make_issue
from etl.load.outcome import as_skipped, issue_order, nothing_loaded, open_question, skip_counts
from etl.load.recipes import Recipe, recipe_for, remembered, save_recipe, with_recipe
from etl.load.rule import apply_rule
from etl.load.stored import issue_row, observation_row, stored_values
from etl.questions import Answers, FileAnswers, Question, answered
from etl.reading.ingest import read_any
from etl.reading.worker import read_isolated
from etl.records import Extracted, Value
from etl.reference.model import Reference
from etl.resolve.cells import resolve_all
from store import StoreBusyError, fetch_rows, open_reader, write_session
from store.batches import NewBatch, active_batch_for, answers_key, record_batch
from store.connection import snapshot_id
from vocab.display import format_plain

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
) -> FileReport:
    """Validate one file against the store's reference data and current values.

    The default reader recognises our template and the free layouts (etl/reading/ingest.py).
    ``answers`` are the analyst's answers to this file's questions: the command line reads them
    from ``--answers FILE``, the upload page from its widgets; both come here. Unless ``recipes``
    is False, the answers remembered for the file's sender and layout (etl/load/recipes.py) are
    used under them; the report says which recipe version, and who the sender is.
    """
    answers = answers if answers is not None else FileAnswers()
    report = _check(content, file_label, con, reader, answers)
    match = recipe_for(con, report.layout_signature, sender_code, report.unit_code)
    if match.recipe is not None and recipes:
        report = _check(content, file_label, con, reader, with_recipe(answers, match.recipe))
        report.recipe = match.recipe
    elif match.recipe is not None:
        report.recipe_ignored = match.recipe
        match = replace(match, sender_code=None, source=None) if match.source == "layout" else match
    report.sender_code, report.sender_source = match.sender_code, match.source
    return report


def _check(
    content: bytes, file_label: str, con: duckdb.DuckDBPyConnection, reader: Reader, answers: FileAnswers
) -> FileReport:
    ref = Reference.from_store(con)
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


def load_content(
    content: bytes,
    file_label: str,
    db_path: Path,
    *,
    dry_run: bool = False,
    actor: str | None = None,
    note: str | None = None,
    source_kind: str | None = None,
    reader: Reader = read_any,
    sender_code: str | None = None,
    received_on: date | None = None,
    max_bytes: int | None = None,
    answers: FileAnswers | None = None,
    recipes: bool = True,
    remember: bool = False,
) -> FileReport:
    """Check a file and, unless dry-run or invalid, load it as one batch.

    The original bytes are archived with the batch, with the answers used and the recipe
    version read with; the sender defaults to the file's district (or the only sender with a
    recipe for its layout) and the date received to today. ``remember`` saves the analyst's
    answers the file used as the sender's recipe for its layout (a new version), in the same
    transaction. The same bytes with the same answers load once; new answers may load more of
    an already loaded file.
    """
    answers = answers if answers is not None else FileAnswers()
    if max_bytes is not None and len(content) > max_bytes:
        issue = make_issue(
            "file-too-large",
            file=file_label,
            detail=f"{format_plain(len(content) / 1e6, 1)} MB > {format_plain(max_bytes / 1e6, 1)} MB",
        )
        return FileReport(file_label, "rejected", issues=[issue])
    sha = hashlib.sha256(content).hexdigest()
    checked_snapshot = snapshot_id(db_path) if db_path.exists() else None

    def check(con: duckdb.DuckDBPyConnection) -> FileReport:
        return check_content(content, file_label, con, reader, answers, sender_code=sender_code, recipes=recipes)

    con = open_reader(db_path)
    try:
        report = check(con)
        previous = active_batch_for(con, sha, answers_key(report.answers_used))
        if previous is not None:
            return _unchanged(report, previous)
        senders = {str(row[0]) for row in fetch_rows(con, "sender_codes")}
    finally:
        con.close()
    if sender_code is not None and sender_code not in senders:
        report.issues.insert(0, make_issue("unknown-sender", file=file_label, detail=sender_code))
        report.status = "rejected"
    if dry_run or not report.ok:
        return report
    try:
        with write_session(db_path) as wcon:
            previous = active_batch_for(wcon, sha, answers_key(report.answers_used))  # under the writer lock
            if previous is not None:
                return _unchanged(report, previous)
            if snapshot_id(db_path) != checked_snapshot:
                # Another load landed between the check and the lock: check again against it.
                report = check(wcon)
                if not report.ok:
                    raise _Rejected
            if remember:
                report.recipe = _remember(wcon, report, answers, actor or current_user())
            batch = NewBatch(
                Path(file_label).name,
                sha,
                source_kind or report.source_kind or "unknown",
                report.unit_code,
                actor or current_user(),
                note,
                report.sender_code,
                received_on,
                tuple(report.answers_used),
                (report.recipe.recipe_id, report.recipe.version) if report.recipe else None,
            )
            report.batch_id = record_batch(
                wcon,
                batch,
                [observation_row(v) for v in report.values],
                [issue_row(i) for i in report.issues],
                content,
            )
    except _Rejected:
        return report
    report.status = "loaded"
    return report


def _remember(con: duckdb.DuckDBPyConnection, report: FileReport, answers: FileAnswers, actor: str) -> Recipe | None:
    """The recipe version this load leaves: the analyst's answers it used saved over the recipe's."""
    if report.sender_code is None or report.layout_signature is None:
        return report.recipe
    learned = remembered(report.answers_used, answers.given, report.recipe)
    saved = save_recipe(
        con,
        report.sender_code,
        report.layout_signature,
        report.layout_text or "",
        learned,
        actor,
        origin="load",
        source_file=Path(report.file).name,
    )
    return saved or report.recipe


class _Rejected(Exception):
    """Aborts a write session without changing the store."""


def load_paths(
    paths: Sequence[Path],
    db_path: Path,
    *,
    dry_run: bool = False,
    actor: str | None = None,
    note: str | None = None,
    sender_code: str | None = None,
    received_on: date | None = None,
    answers: Answers | None = None,
    recipes: bool = True,
    remember: bool = False,
) -> list[FileReport]:
    """Each file checked and loaded on its own: one bad file does not stop the others.
    ``answers`` (the ``--answers`` file) give each file the answers meant for it; ``recipes``
    and ``remember`` are those of :func:`load_content`."""
    answers = answers or Answers()
    reports = []
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError as exc:
            issue = make_issue("file-unreadable", file=path.name, detail=exc.strerror or str(exc))
            reports.append(FileReport(path.name, "rejected", issues=[issue]))
            continue
        try:
            reports.append(
                load_content(
                    content,
                    path.name,
                    db_path,
                    dry_run=dry_run,
                    actor=actor,
                    note=note,
                    sender_code=sender_code,
                    received_on=received_on,
                    answers=answers.for_file(path.name),
                    recipes=recipes,
                    remember=remember,
                )
            )
        except StoreBusyError:
            reports.append(FileReport(path.name, "rejected", issues=[make_issue("store-busy", file=path.name)]))
        except Exception as exc:  # a bug met on this file: reported, and the other files go on
            reports.append(check_failed(path.name, exc))
    return reports


def check_failed(file_label: str, exc: Exception) -> FileReport:
    """The report of a file whose check raised: refused with the error's name, nothing written."""
    detail = f"{type(exc).__name__}: {exc}"[:300]
    return FileReport(file_label, "rejected", issues=[make_issue("check-failed", file=file_label, detail=detail)])


def _unchanged(report: FileReport, batch_id: int) -> FileReport:
    """Nothing to load: these bytes were loaded with these answers as ``batch_id``. The report
    still says how the file was read (its layout, sender and recipe version)."""
    issue = make_issue("already-loaded", file=report.file, batch_id=batch_id)
    return replace(
        report, status="unchanged", values=[], issues=[issue], questions=[], skip_counts=Counter(), batch_id=batch_id
    )
