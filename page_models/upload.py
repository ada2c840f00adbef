"""Tải dữ liệu lên: dry run (validation report + diff), then confirmed loads.

Plain Python: the page only draws what these functions return.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from etl.issues import Issue
from etl.load.diff import CHANGE_LABELS_VI, diff_summary, diff_values
from etl.load.pipeline import FileReport, check_failed, load_content, stored_values
from etl.reference.model import Reference
from store import open_reader
from vocab.labels import ISSUE_HEADERS

SEVERITY_LABELS_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
ACCEPTED_TYPES = ["xlsx", "xlsm", "xls", "csv", "txt", "tsv"]  # .txt: Excel's "Unicode Text"


@dataclass
class FileCheck:
    """The dry run of one uploaded file."""

    name: str
    content: bytes
    report: FileReport
    diff: pd.DataFrame  # one row per value: unit, indicator, year, old, new, change
    summary: pd.DataFrame  # counts per unit and indicator

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


def check_upload(name: str, content: bytes, db_path: Path, max_bytes: int | None) -> FileCheck:
    """Validate one file and compare it with the current values; writes nothing."""
    try:
        report = load_content(content, name, db_path, dry_run=True, max_bytes=max_bytes)
    except Exception as exc:  # a bug met on this file: the page says so and keeps serving
        report = check_failed(name, exc)
    con = open_reader(db_path)
    try:
        ref = Reference.from_store(con)
        stored = stored_values(con, {v.unit_code for v in report.values})
    finally:
        con.close()
    diff = _named(diff_values(report.values, stored), ref)
    summary = _named(diff_summary(diff_values(report.values, stored)), ref)
    return FileCheck(name, content, report, diff, summary)


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
                "sheet": i.sheet,
                "cell": i.cell,
                "raw_value": i.raw_value,
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


Progress = Callable[[int, int, str], None]


def confirm_uploads(
    checks: Sequence[FileCheck],
    db_path: Path,
    *,
    actor: str,
    note: str | None,
    senders: dict[str, str | None],
    received_on: date,
    max_bytes: int | None,
    progress: Progress = lambda done, total, name: None,
) -> list[FileReport]:
    """Load every confirmable file, each in its own transaction; `senders` maps file name → sender code."""
    reports = []
    todo = [c for c in checks if c.can_confirm]
    for n, check in enumerate(todo):
        progress(n, len(todo), check.name)
        reports.append(
            load_content(
                check.content,
                check.name,
                db_path,
                actor=actor,
                note=note or None,
                sender_code=senders.get(check.name),
                received_on=received_on,
                max_bytes=max_bytes,
            )
        )
    progress(len(todo), len(todo), "")
    return reports
