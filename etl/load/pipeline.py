"""Loading files: every file checked first (etl/load/check.py), then all the loadable ones written
in one write session — one batch per file (each can be rolled back alone), one snapshot of the
store and one refresh of its derived values for the whole command. A refused file loads nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import duckdb

from etl import settings
from etl.issues import make_issue
from etl.load.check import FileReport, Reader, check_content, check_failed, current_user, unchanged
from etl.load.recipes import Recipe, remembered, save_recipe
from etl.load.stored import issue_row, observation_row
from etl.questions import Answers, FileAnswers
from etl.reading.ingest import read_any
from etl.reading.read_ahead import read_ahead
from etl.reading.worker import shared_worker
from etl.reference.model import Reference
from store import StoreBusyError, fetch_rows, open_reader, write_session
from store.batches import NewBatch, active_batch_for, answers_key, record_batch
from store.connection import snapshot_id
from vocab.display import format_plain

__all__ = ["FileReport", "FileToLoad", "check_content", "check_failed", "current_user", "load_content", "load_files"]

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FileToLoad:
    """One file of a command, with what the analyst said about it."""

    content: bytes
    file_label: str
    answers: FileAnswers = field(default_factory=FileAnswers)
    sender_code: str | None = None  # who sent it (default: the file's district, or known by its layout)
    received_on: date | None = None  # default: today
    recipes: bool = True  # read it with the answers remembered for its sender and layout
    remember: bool = False  # save the answers it used as its sender's recipe for its layout
    source_kind: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def check(self, con: duckdb.DuckDBPyConnection, reader: Reader, ref: Reference | None = None) -> FileReport:
        return check_content(
            self.content,
            self.file_label,
            con,
            reader,
            self.answers,
            sender_code=self.sender_code,
            recipes=self.recipes,
            ref=ref,
        )


def load_files(
    files: Sequence[FileToLoad],
    db_path: Path,
    *,
    dry_run: bool = False,
    actor: str | None = None,
    note: str | None = None,
    reader: Reader = read_any,
    max_bytes: int | None = None,
    progress: Progress = lambda done, total, name: None,
) -> list[FileReport]:
    """Check every file against one snapshot of the store, then (unless dry-run) write all the
    loadable ones in one write session, one batch each. The original bytes are archived with each
    batch, with the answers used and the recipe version read with. The same bytes with the same
    answers load once, in a command or across commands. Should another load land between the
    checks and the write, every file is checked again inside the write, against it. If the
    combined write fails, each file is written in its own session, so that a fault met on one
    file does not stop the others.
    """
    checked_snapshot = snapshot_id(db_path) if db_path.exists() else None
    isolated = reader is read_any and bool(settings.get("reading_worker"))
    if isolated:
        shared_worker().start()  # its imports overlap opening the store
    con = open_reader(db_path)
    try:
        senders = {str(row[0]) for row in fetch_rows(con, "sender_codes")}
        ref = Reference.from_store(con)  # once for the command: every file is checked against one snapshot
        reports = []
        with _reading_ahead(files, ref, isolated, max_bytes):
            for n, item in enumerate(files):
                progress(n, len(files), item.file_label)
                reports.append(_first_check(item, con, reader, ref, senders, max_bytes))
    finally:
        con.close()
    todo = [n for n, report in enumerate(reports) if report.status == "validated"]
    if dry_run or not todo:
        return reports
    actor = actor or current_user()
    try:
        written = _write(db_path, [(n, files[n], reports[n]) for n in todo], checked_snapshot, actor, note, reader)
    except StoreBusyError:
        for n in todo:
            reports[n] = _busy(files[n].file_label)
        return reports
    except Exception:  # a fault met on one file: each is written alone, below
        written = {}
        for n in todo:
            try:
                written |= _write(db_path, [(n, files[n], reports[n])], checked_snapshot, actor, note, reader)
            except StoreBusyError:
                written[n] = _busy(files[n].file_label)
            except Exception as exc:  # reported with the file, the others go on
                written[n] = check_failed(files[n].file_label, exc)
    for n, report in written.items():
        reports[n] = report
    return reports


def _reading_ahead(
    files: Sequence[FileToLoad], ref: Reference, isolated: bool, max_bytes: int | None
) -> AbstractContextManager[None]:
    """The worker reads file n + 1 while this process checks file n (etl/reading/read_ahead.py)."""
    if not isolated or len(files) < 2:
        return nullcontext()
    fits = [f for f in files if not _too_large(f, max_bytes)]
    return read_ahead([(f.content, f.file_label, ref, f.answers) for f in fits])


def _too_large(item: FileToLoad, max_bytes: int | None) -> bool:
    return max_bytes is not None and len(item.content) > max_bytes


def _busy(label: str) -> FileReport:
    return FileReport(label, "rejected", issues=[make_issue("store-busy", file=label)])


def _first_check(
    item: FileToLoad,
    con: duckdb.DuckDBPyConnection,
    reader: Reader,
    ref: Reference,
    senders: set[str],
    max_bytes: int | None,
) -> FileReport:
    label = item.file_label
    if _too_large(item, max_bytes):
        assert max_bytes is not None
        size = f"{format_plain(len(item.content) / 1e6, 1)} MB > {format_plain(max_bytes / 1e6, 1)} MB"
        return FileReport(label, "rejected", issues=[make_issue("file-too-large", file=label, detail=size)])
    try:
        report = item.check(con, reader, ref)
        previous = active_batch_for(con, item.sha256, answers_key(report.answers_used))
    except Exception as exc:  # a bug met on this file: reported, and the other files go on
        return check_failed(label, exc)
    if previous is not None:
        return unchanged(report, previous)
    if item.sender_code is not None and item.sender_code not in senders:
        report.issues.insert(0, make_issue("unknown-sender", file=label, detail=item.sender_code))
        report.status = "rejected"
    return report


def _write(
    db_path: Path,
    todo: Sequence[tuple[int, FileToLoad, FileReport]],
    checked_snapshot: tuple[int, int] | None,
    actor: str,
    note: str | None,
    reader: Reader,
) -> dict[int, FileReport]:
    """One write session for these files: a batch for each that is still loadable. Returns each
    file's final report (the reports given are not changed: a failed session changes nothing)."""
    out: dict[int, FileReport] = {}
    with write_session(db_path) as wcon:
        recheck = snapshot_id(db_path) != checked_snapshot  # another load landed since the checks
        for n, item, checked in todo:
            report = item.check(wcon, reader) if recheck else checked
            previous = active_batch_for(wcon, item.sha256, answers_key(report.answers_used))  # under the lock
            if previous is not None:
                out[n] = unchanged(report, previous)
                continue
            if not report.ok:
                out[n] = report
                continue
            recipe = _remember(wcon, report, item.answers, actor) if item.remember else report.recipe
            batch = NewBatch(
                Path(item.file_label).name,
                item.sha256,
                item.source_kind or report.source_kind or "unknown",
                report.unit_code,
                actor,
                note,
                report.sender_code,
                item.received_on,
                tuple(report.answers_used),
                (recipe.recipe_id, recipe.version) if recipe else None,
            )
            batch_id = record_batch(
                wcon,
                batch,
                [observation_row(v) for v in report.values],
                [issue_row(i) for i in report.issues],
                item.content,
            )
            out[n] = _loaded(report, batch_id, recipe)
    return out


def _loaded(report: FileReport, batch_id: int, recipe: Recipe | None) -> FileReport:
    return replace(report, status="loaded", batch_id=batch_id, recipe=recipe)


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
    """Check one file and, unless dry-run or invalid, load it as one batch (:func:`load_files`)."""
    item = FileToLoad(
        content,
        file_label,
        answers if answers is not None else FileAnswers(),
        sender_code,
        received_on,
        recipes,
        remember,
        source_kind,
    )
    [report] = load_files([item], db_path, dry_run=dry_run, actor=actor, note=note, reader=reader, max_bytes=max_bytes)
    return report


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
    """The files of a command, in one :func:`load_files`: one bad file does not stop the others.
    ``answers`` (the ``--answers`` file) give each file the answers meant for it."""
    answers = answers or Answers()
    reports: dict[int, FileReport] = {}
    items: dict[int, FileToLoad] = {}
    for n, path in enumerate(paths):
        try:
            content = path.read_bytes()
        except OSError as exc:
            issue = make_issue("file-unreadable", file=path.name, detail=exc.strerror or str(exc))
            reports[n] = FileReport(path.name, "rejected", issues=[issue])
            continue
        items[n] = FileToLoad(
            content, path.name, answers.for_file(path.name), sender_code, received_on, recipes, remember
        )
    loaded = load_files(list(items.values()), db_path, dry_run=dry_run, actor=actor, note=note) if items else []
    reports |= dict(zip(items, loaded, strict=True))
    return [reports[n] for n in range(len(paths))]
