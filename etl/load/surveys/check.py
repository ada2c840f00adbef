"""Checking one form export: every column planned, every cell read, personal data dropped or
masked, nothing written (the dry run's report and the load's input)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

from etl.issues import Issue, make_issue
from etl.load.recipes import Recipe
from etl.load.surveys.answers import parse_timestamps, split_choices
from etl.load.surveys.columns import ColumnPlan, plan_columns
from etl.load.surveys.export import Export, ExportError, read_export
from etl.load.surveys.kept import kept_file
from etl.load.surveys.privacy import mask_text
from etl.load.surveys.questionnaire import Questionnaire
from etl.load.surveys.roles import scale_label
from etl.load.surveys.who import WhoResolver
from etl.questions import FileAnswers, Question, answered
from etl.reading.grid import cell_name
from etl.reference.model import Reference
from vocab.text import fold_key

OTHER = "Khác"


@dataclass(frozen=True)
class Response:
    response_no: int  # the row of the export (2 = the first respondent)
    submitted_at: datetime | None
    unit_code: str | None
    group_code: str | None


@dataclass(frozen=True)
class Answer:
    response_no: int
    question_code: str
    choice: str | None
    text: str | None
    scale_order: int | None = None
    side: str | None = None


@dataclass
class SurveyReport:
    """status ∈ rejected | validated | loaded | unchanged (as for indicator files)."""

    file: str
    status: str
    tool: str = "unknown"
    plans: list[ColumnPlan] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    kept: bytes = b""
    layout_signature: str | None = None
    layout_text: str | None = None
    answers_used: list[tuple[str, str, str]] = field(default_factory=list)
    batch_id: int | None = None
    sender_code: str | None = None
    recipe: Recipe | None = None  # the remembered answers the file was read with
    survey_code: str = ""
    round_label: str = ""

    @property
    def ok(self) -> bool:
        return self.status in {"validated", "loaded", "unchanged"}

    @property
    def dropped(self) -> list[ColumnPlan]:
        return [p for p in self.plans if p.role == "pii"]

    @property
    def question_plans(self) -> list[ColumnPlan]:
        return [p for p in self.plans if p.role == "question"]

    @property
    def open_questions(self) -> list[Question]:
        return [q for q in self.questions if q.answer is None]


def check_survey(
    content: bytes, file_label: str, ref: Reference, questionnaire: Questionnaire, answers: FileAnswers
) -> SurveyReport:
    try:
        export = read_export(content)
    except ExportError as exc:
        code = exc.code if exc.code.startswith("survey-") or exc.code.startswith("file-") else "survey-format"
        detail = exc.detail or {"not-a-spreadsheet": "không phải bảng tính"}.get(exc.code, exc.code)
        return SurveyReport(file_label, "rejected", issues=[make_issue(code, file=file_label, detail=detail)])
    plans, asked = plan_columns(export, ref, questionnaire, answers, file_label)
    report = SurveyReport(file_label, "validated", export.tool, plans)
    report.layout_text = "\n".join(["Khảo sát (" + export.tool + ")", *(h for h in export.headers)])
    report.layout_signature = (
        "survey:" + hashlib.sha1("|".join(fold_key(h) for h in export.headers).encode()).hexdigest()[:16]
    )
    for plan in report.dropped:
        report.issues.append(
            make_issue(
                "survey-personal-column",
                file=file_label,
                cell=cell_name(0, plan.position),
                raw_value=plan.header,
                detail=plan.why,
            )
        )
    if not report.question_plans:
        report.issues.insert(0, make_issue("survey-no-questions", file=file_label))
        report.status = "rejected"
        return report
    if not any(p.role == "district" for p in plans):
        report.issues.append(make_issue("survey-no-district", file=file_label))
    who = WhoResolver(ref, answers, file_label)
    _read_rows(export, report, who)
    report.questions = answered(asked + who.questions(), answers)
    report.answers_used = answers.used_items()
    report.kept = kept_file(export, plans)
    return report


def _read_rows(export: Export, report: SurveyReport, who: WhoResolver) -> None:
    by_role = {p.role: p for p in reversed(report.plans)}
    stamp, district, group = by_role.get("timestamp"), by_role.get("district"), by_role.get("group")
    stamps = parse_timestamps([r[stamp.position] for r in export.rows]) if stamp else []
    for n, row in enumerate(export.rows):
        when = stamps[n] if stamps else None
        if stamp is not None and when is None and row[stamp.position]:
            report.issues.append(_cell_issue("survey-bad-timestamp", report, stamp, n, row))
        unit = group_code = None
        if district is not None:
            unit, unknown = who.district(row[district.position], cell_name(n + 1, district.position))
            if unknown:
                report.issues.append(_cell_issue("survey-unknown-district", report, district, n, row))
        if group is not None:
            group_code, unknown = who.group(row[group.position], cell_name(n + 1, group.position))
            if unknown:
                report.issues.append(_cell_issue("survey-unknown-group", report, group, n, row))
        report.responses.append(Response(n + 2, when, unit, group_code))
        for plan in report.question_plans:
            _read_answer(row[plan.position], n + 2, n, plan, report, export)


def _read_answer(value: str, row_no: int, n: int, plan: ColumnPlan, report: SurveyReport, export: Export) -> None:
    if not value:
        return
    masked, found = mask_text(value)
    if found:
        what = ", ".join(f"{found.count(w)} {w}" for w in dict.fromkeys(found))
        report.issues.append(
            make_issue("survey-text-masked", file=report.file, cell=cell_name(n + 1, plan.position), detail=what)
        )
    code = plan.code
    if plan.kind == "likert":
        label = scale_label(plan.scale or "", value)
        if label is None:
            report.issues.append(
                make_issue(
                    "survey-not-on-scale", file=report.file, cell=cell_name(n + 1, plan.position), raw_value=masked
                )
            )
            report.answers.append(Answer(row_no, code, None, masked))
        else:
            report.answers.append(Answer(row_no, code, label.label, None, label.order, label.side))
    elif plan.kind == "checkbox":
        chosen, other = split_choices(value, plan.options, export.checkbox_separators)
        report.answers.extend(Answer(row_no, code, c, None) for c in chosen if c != OTHER)
        report.answers.extend(Answer(row_no, code, OTHER, mask_text(o)[0]) for o in other)
        if OTHER in chosen and not other:
            report.answers.append(Answer(row_no, code, OTHER, None))
    elif plan.kind == "choice":
        known = next((o for o in plan.options if fold_key(o) == fold_key(value)), None)
        report.answers.append(
            Answer(
                row_no,
                code,
                known or (masked if not plan.options else OTHER),
                None if known or not plan.options else masked,
            )
        )
    else:
        report.answers.append(Answer(row_no, code, None, masked))


def _cell_issue(code: str, report: SurveyReport, plan: ColumnPlan, n: int, row: tuple[str, ...]) -> Issue:
    return make_issue(
        code, file=report.file, cell=cell_name(n + 1, plan.position), raw_value=mask_text(row[plan.position])[0]
    )
