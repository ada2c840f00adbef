"""The dry run and load report of a survey export, in Vietnamese, for the command line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from etl.load.surveys.check import SurveyReport
from etl.load.surveys.columns import ROLES_VI
from etl.load.surveys.questionnaire import task_names

STATUS_VI = {
    "rejected": "KHÔNG NẠP",
    "validated": "hợp lệ (chưa ghi: chạy thử)",
    "loaded": "đã nạp",
    "unchanged": "không đổi",
}
KIND_VI = {"likert": "thang đo", "choice": "một lựa chọn", "checkbox": "nhiều lựa chọn", "text": "trả lời tự do"}


def render_survey_report(report: SurveyReport, max_issues: int = 100) -> str:
    lines = [f"== {report.file}: {STATUS_VI.get(report.status, report.status)}"]
    if report.batch_id is not None:
        lines.append(f"   Lô số {report.batch_id}.")
    if report.plans:
        lines.append(
            f"   Công cụ: {report.tool}; khảo sát {report.survey_code}, đợt {report.round_label}; "
            f"{len(report.responses)} người trả lời, {len(report.question_plans)} câu hỏi."
        )
    if report.dropped:
        lines.append("   Cột dữ liệu cá nhân bỏ khi nạp (không lưu, kể cả trong tệp lưu kèm lô):")
        lines += [f"     - {p.header} (theo {p.why})" for p in report.dropped]
    for plan in report.plans:
        if plan.role == "question":
            task = f"; nhiệm vụ {plan.task}: {task_names().get(plan.task, '')}" if plan.task else ""
            scale = f" «{plan.scale}»" if plan.scale else ""
            lines.append(f"   Câu {plan.code}: {KIND_VI.get(plan.kind, plan.kind)}{scale}{task} — {plan.header}")
        elif plan.role in {"district", "group"}:
            lines.append(f"   {ROLES_VI[plan.role].capitalize()}: {plan.header}")
    counts = Counter((i.severity, i.code) for i in report.issues)
    if counts:
        lines.append(
            "   Vấn đề: " + ", ".join(f"{code} ({severity}) × {n}" for (severity, code), n in sorted(counts.items()))
        )
    for issue in report.issues[:max_issues]:
        lines.append(f"   [{issue.severity}] {issue.location}: {issue.message}")
    for q in report.open_questions:
        options = "; ".join(f"{o.value} = {o.label_vi}" for o in q.options[:8])
        lines.append(f"   ? {q.kind},{q.key}: {q.prompt_vi} (gợi ý: {q.best_guess or '—'}; {options})")
    return "\n".join(lines)


def render_survey_summary(reports: Sequence[SurveyReport]) -> str:
    loaded = sum(1 for r in reports if r.status == "loaded")
    refused = sum(1 for r in reports if r.status == "rejected")
    people = sum(len(r.responses) for r in reports if r.ok)
    return f"Tổng: {len(reports)} tệp khảo sát, {loaded} đã nạp, {refused} không nạp; {people} người trả lời."
