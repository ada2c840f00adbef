"""Tải dữ liệu lên: dry run (validation report + diff), the file's questions, then confirmed loads.

Plain Python: the page only draws what these functions return. Every check and load goes
through ``load_content(..., answers=...)``, the one path of ``python -m etl load --answers``;
a file of a known sender and layout is read with its recipe (etl/load/recipes.py).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from etl.issues import Issue
from etl.load.diff import CHANGE_LABELS_VI, diff_summary, diff_values
from etl.load.pipeline import FileReport, FileToLoad, Progress, check_failed, load_content, load_files
from etl.load.recipes import REMEMBERED_KINDS
from etl.load.stored import stored_values
from etl.questions import FileAnswers, Question
from etl.reference.model import Reference
from page_models.answers import AnswerPreview, ValueChanges, answers_table, preview_answers, value_changes, value_map
from store import open_reader
from store.connection import snapshot_id
from vocab.labels import ISSUE_HEADERS

SEVERITY_LABELS_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
ACCEPTED_TYPES = ["xlsx", "xlsm", "xls", "csv", "txt", "tsv"]  # .txt: Excel's "Unicode Text"


Answers = Mapping[tuple[str, str], str]


@dataclass
class FileCheck:
    """The dry run of one uploaded file, with what the analyst chose for it."""

    name: str
    content: bytes
    report: FileReport
    diff: pd.DataFrame  # one row per value: unit, indicator, year, old, new, change
    summary: pd.DataFrame  # counts per unit and indicator
    answers: dict[tuple[str, str], str] = field(default_factory=dict)  # the analyst's own answers
    sender: str | None = None  # the sender the analyst chose (None: as the check found it)
    recipes: bool = True  # read with the recipe of its sender and layout
    questions: list[Question] = field(default_factory=list)  # asked of the file, answered as now
    changes: ValueChanges | None = None  # what this check loads against the check before it
    snapshot: tuple[int, int] | None = None  # the store it was checked against
    recipe_table: pd.DataFrame | None = None  # the recipe's answers as the analyst reads them

    @property
    def n_errors(self) -> int:
        return sum(1 for i in self.report.issues if i.severity == "error")

    @property
    def n_warnings(self) -> int:
        return sum(1 for i in self.report.issues if i.severity == "warning")

    @property
    def can_confirm(self) -> bool:
        return self.report.status == "validated" and self.n_errors == 0

    @property
    def change_counts(self) -> dict[str, int]:
        counts = self.diff["change"].value_counts() if not self.diff.empty else pd.Series(dtype=int)
        return {label: int(counts.get(label, 0)) for label in CHANGE_LABELS_VI.values()}

    @property
    def recipe_answers(self) -> dict[tuple[str, str], str]:
        """The answers of the recipe the file is read with (none when it has none or is read without)."""
        return self.report.recipe.answer_map if self.report.recipe and self.recipes else {}

    @property
    def all_answers(self) -> dict[tuple[str, str], str]:
        """Every answer the file is read with: the recipe's, under the analyst's own."""
        return {**self.recipe_answers, **self.answers}

    @property
    def sender_code(self) -> str | None:
        return self.sender or self.report.sender_code

    @property
    def can_remember(self) -> bool:
        """A load can teach the sender's recipe: the analyst answered, and the sender is known."""
        taught = any(kind in REMEMBERED_KINDS for kind, _ in self.answers)  # never "skip the error cells"
        return taught and self.sender_code is not None and self.report.layout_signature is not None


def check_upload(
    name: str,
    content: bytes,
    db_path: Path,
    max_bytes: int | None,
    *,
    answers: Answers | None = None,
    sender: str | None = None,
    recipes: bool = True,
    before: FileCheck | None = None,
) -> FileCheck:
    """Validate one file (with the analyst's answers, sender and the choice to use its recipe)
    and compare it with the current values and with the check ``before`` it; writes nothing."""
    snapshot = snapshot_id(db_path)
    given = dict(answers or {})
    try:
        report = load_content(
            content,
            name,
            db_path,
            dry_run=True,
            max_bytes=max_bytes,
            answers=FileAnswers(given),
            sender_code=sender,
            recipes=recipes,
        )
    except Exception as exc:  # a bug met on this file: the page says so and keeps serving
        report = check_failed(name, exc)
    with open_reader(db_path) as con:
        ref = Reference.from_store(con)
        stored = stored_values(con, {v.unit_code for v in report.values})
    diff = _named(diff_values(report.values, stored), ref)
    summary = _named(diff_summary(diff_values(report.values, stored)), ref)
    check = FileCheck(name, content, report, diff, summary, given, sender, recipes, snapshot=snapshot)
    check.questions = _asked(before.questions if before else [], report.questions, given, check.all_answers)
    if before is not None:
        check.changes = value_changes(value_map(before.report.values), value_map(report.values), ref)
    if report.recipe is not None:
        check.recipe_table = answers_table(report.recipe.answers, ref)
    return check


def _asked(before: Sequence[Question], now: Sequence[Question], given: Answers, answers: Answers) -> list[Question]:
    """The questions of this check, and those asked before that the analyst's answer now keeps
    the reader from asking again (a header row, once given), each with its answer now. One a
    recipe now answers is not asked again: the recipe's answers are shown with it."""
    found = {(q.kind, q.key): q for q in before if (q.kind, q.key) in given}
    found |= {(q.kind, q.key): q for q in now}
    return [replace(q, answer=answers.get((q.kind, q.key))) for q in found.values()]


def _named(frame: pd.DataFrame, ref: Reference) -> pd.DataFrame:
    """Adds the unit's and the indicator's names beside their codes."""
    out = frame.copy()
    out.insert(1, "unit_name", [ref.units[c].name if c in ref.units else c for c in out["unit_code"]])
    out.insert(
        3, "indicator_name", [ref.indicators[c].name_vi if c in ref.indicators else c for c in out["indicator_code"]]
    )
    if "change" in out:
        out["change"] = out["change"].map(CHANGE_LABELS_VI)
    return out


def issue_counts(issues: Sequence[Issue]) -> pd.DataFrame:
    """Issues counted by code, errors first."""
    if not issues:
        return pd.DataFrame(columns=["severity", "code", "count", "example"])
    frame = issues_frame(issues)
    grouped = frame.groupby(["severity", "code"], sort=False).agg(
        count=("message", "size"), example=("message", "first")
    )
    return grouped.reset_index()


def issues_frame(issues: Sequence[Issue]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "severity": SEVERITY_LABELS_VI[i.severity],
                "code": i.code,
                "sheet": i.sheet or "",  # blank, not "None", where an issue has no cell
                "cell": i.cell or "",
                "raw_value": i.raw_value or "",
                "message": i.message,
                "hint": i.hint,
            }
            for i in issues
        ],
        columns=["severity", "code", "sheet", "cell", "raw_value", "message", "hint"],
    )


def issues_workbook(check: FileCheck) -> bytes:
    """The validation report as an Excel file; text is never turned into formulas."""
    buffer = io.BytesIO()
    frame = issues_frame(check.report.issues).rename(columns=ISSUE_HEADERS)
    with pd.ExcelWriter(
        buffer, engine="xlsxwriter", engine_kwargs={"options": {"strings_to_formulas": False}}
    ) as writer:
        frame.to_excel(writer, sheet_name="Kiểm tra", index=False)
        writer.sheets["Kiểm tra"].set_column(0, 6, 22)
    return buffer.getvalue()


@dataclass(frozen=True)
class NameQuestion:
    """A name in a file that matched nothing exactly, with the catalogue's suggestions."""

    kind: str  # unit | indicator
    text: str
    suggestions: tuple[str, ...]
    where: str


_NAME_ISSUES = {"unit-not-matched": "unit", "indicator-not-matched": "indicator"}


def name_questions(checks: Sequence[FileCheck]) -> list[NameQuestion]:
    """Unmatched names across the files, each once, for the analyst to confirm as aliases."""
    seen: dict[tuple[str, str], NameQuestion] = {}
    for check in checks:
        for issue in check.report.issues:
            kind = _NAME_ISSUES.get(issue.code)
            if kind and issue.raw_value and (kind, issue.raw_value) not in seen:
                where = f"{check.name}, {issue.sheet or ''} {issue.cell or ''}".strip(", ")
                seen[(kind, issue.raw_value)] = NameQuestion(kind, issue.raw_value, issue.suggestions, where)
    return list(seen.values())


def confirm_uploads(
    checks: Sequence[FileCheck],
    db_path: Path,
    *,
    actor: str,
    note: str | None,
    remember: Mapping[str, bool],
    received_on: date,
    max_bytes: int | None,
    progress: Progress = lambda done, total, name: None,
) -> list[FileReport]:
    """Load every confirmable file in one write (one batch each, so each can be rolled back alone),
    with the answers, sender and recipe choice of its check; ``remember`` (file name → bool) saves
    a file's answers as its sender's recipe for its layout. The path of ``python -m etl load``."""
    files = [
        FileToLoad(
            check.content,
            check.name,
            FileAnswers(dict(check.answers)),
            check.sender_code,
            received_on,
            check.recipes,
            bool(remember.get(check.name)) and check.can_remember,
        )
        for check in checks
        if check.can_confirm
    ]
    reports = load_files(files, db_path, actor=actor, note=note or None, max_bytes=max_bytes, progress=progress)
    progress(len(files), len(files), "")
    return reports


def recheck(
    check: FileCheck,
    db_path: Path,
    max_bytes: int | None,
    *,
    answers: Answers | None = None,
    sender: str | None = None,
    recipes: bool | None = None,
) -> FileCheck:
    """The file checked again: with other answers, another sender, with or without its recipe,
    or against a store that changed (a recipe edited); it remembers what loaded before."""
    return check_upload(
        check.name,
        check.content,
        db_path,
        max_bytes,
        answers=check.answers if answers is None else answers,
        sender=sender or check.sender,
        recipes=check.recipes if recipes is None else recipes,
        before=check,
    )


def preview_check(check: FileCheck, selected: Answers, db_path: Path) -> list[AnswerPreview]:
    """What each answer chosen on the page (over the file's recipe) would load."""
    with open_reader(db_path) as con:
        ref = Reference.from_store(con)
    answers = {**check.recipe_answers, **selected}
    return preview_answers(check.name, check.content, db_path, check.questions, answers, ref)


def own_answers(check: FileCheck, selected: Answers) -> dict[tuple[str, str], str]:
    """The answers chosen on the page that the file's recipe does not already give."""
    return {k: a for k, a in selected.items() if check.recipe_answers.get(k) != a}


def load_results(reports: Sequence[FileReport]) -> list[tuple[bool, str]]:
    """(loaded, sentence) for each file the confirmation tried to load."""
    out = []
    for r in reports:
        if r.status != "loaded":
            out.append((False, f"Không nạp {r.file}: " + "; ".join(i.message for i in r.issues[:3])))
            continue
        kept = f" Bộ câu trả lời đã lưu: số {r.recipe.recipe_id}, phiên bản {r.recipe.version}." if r.recipe else ""
        out.append((True, f"Đã nạp {r.file}: lô số {r.batch_id}, {len(r.values)} giá trị.{kept}"))
    return out
