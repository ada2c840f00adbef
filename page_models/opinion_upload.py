"""Loading a survey export from the page Ý kiến (analysts): the dry run as tables a reader can
check (the columns dropped as personal data, what each column is, the issues), the questions with
their options, and the load itself; the same load_survey as the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.load.surveys.check import SurveyReport
from etl.load.surveys.columns import ROLES_VI
from etl.load.surveys.console import KIND_VI
from etl.load.surveys.pipeline import load_survey
from etl.load.surveys.questionnaire import task_names
from etl.questions import FileAnswers
from etl.reading.grid import cell_name


@dataclass(frozen=True)
class SurveyCheck:
    report: SurveyReport
    columns: pd.DataFrame
    issues: pd.DataFrame

    @property
    def summary(self) -> str:
        r = self.report
        if r.status == "rejected":
            return f"Không nạp được tệp {r.file}: " + (r.issues[0].message if r.issues else "")
        if r.status == "unchanged":
            return f"{r.file}: đã nạp ở lô số {r.batch_id} (cùng nội dung, cùng câu trả lời); không nạp lại."
        return (
            f"{r.file}: {r.tool}, đợt {r.round_label}; {len(r.responses)} người trả lời, "
            f"{len(r.question_plans)} câu hỏi; bỏ {len(r.dropped)} cột dữ liệu cá nhân."
        )


def check_survey_upload(
    db_path: Path, content: bytes, name: str, answers: dict[tuple[str, str], str], round_label: str | None
) -> SurveyCheck:
    report = load_survey(content, name, db_path, dry_run=True, answers=FileAnswers(answers), round_label=round_label)
    return SurveyCheck(report, column_table(report), issue_table(report))


def confirm_survey_upload(
    db_path: Path,
    content: bytes,
    name: str,
    answers: dict[tuple[str, str], str],
    round_label: str | None,
    actor: str,
    note: str | None,
) -> SurveyReport:
    return load_survey(
        content, name, db_path, answers=FileAnswers(answers), round_label=round_label, actor=actor, note=note
    )


def column_table(report: SurveyReport) -> pd.DataFrame:
    rows = []
    for p in report.plans:
        if p.role == "question":
            what = KIND_VI.get(p.kind, p.kind) + (f" ({p.scale})" if p.scale else "")
        else:
            what = ROLES_VI.get(
                p.role, {"timestamp": "thời điểm gửi", "meta": "thông tin của biểu mẫu"}.get(p.role, p.role)
            )
        rows.append(
            {
                "Cột": cell_name(0, p.position)[:-1],
                "Tiêu đề": p.header,
                "Là": what,
                "Nhiệm vụ": f"{p.task}: {task_names().get(p.task, '')}" if p.task else "",
            }
        )
    return pd.DataFrame(rows, columns=["Cột", "Tiêu đề", "Là", "Nhiệm vụ"])


def issue_table(report: SurveyReport) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Ô": i.cell or "", "Mức": i.severity, "Mã": i.code, "Nội dung": i.message} for i in report.issues],
        columns=["Ô", "Mức", "Mã", "Nội dung"],
    )
