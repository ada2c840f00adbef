"""Readable Vietnamese reports of file checks and loads (command line)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from etl.issues import SEVERITY_VI, count_by_code
from etl.load.outcome import best_answer, reason_label
from etl.load.pipeline import FileReport
from etl.load.recipes import used_text
from etl.questions import Question
from vocab.labels import QUESTION_KINDS_VI

STATUS_VI = {
    "rejected": "KHÔNG NẠP (có lỗi)",
    "validated": "HỢP LỆ (chạy thử, chưa nạp)",
    "loaded": "ĐÃ NẠP",
    "unchanged": "KHÔNG THAY ĐỔI (đã nạp trước đó)",
    "nothing": "KHÔNG CÓ GIÁ TRỊ NÀO NẠP ĐƯỢC (xem lý do và câu hỏi)",
}


def render_report(report: FileReport, max_issues: int = 200) -> str:
    lines = [f"Tệp {report.file}: {STATUS_VI[report.status]}"]
    if report.batch_id is not None and report.status == "loaded":
        lines[0] += f" — lô số {report.batch_id}"
    if report.recipe is not None:
        lines.append(f"  {used_text(report.recipe, report.sender_source)}")
    if report.recipe_ignored is not None:
        lines.append(f"  Không dùng bộ câu trả lời đã lưu số {report.recipe_ignored.recipe_id} (--no-recipes).")
    if report.values:
        lines.append(f"  {len(report.values)} giá trị đọc được")
    counts = count_by_code(report.issues)
    for (severity, code), n in sorted(counts.items()):
        lines.append(f"  {n} {SEVERITY_VI[severity]} [{code}]")
    for issue in report.issues[:max_issues]:
        if issue.code == "question-open":
            continue  # listed with its options below
        where = ", ".join(
            p for p in (f"trang '{issue.sheet}'" if issue.sheet else "", f"ô {issue.cell}" if issue.cell else "") if p
        )
        lines.append(f"    - {SEVERITY_VI[issue.severity]}{' ' + where if where else ''}: {issue.message}")
        if issue.hint and issue.severity == "error":
            lines.append(f"      Cách sửa: {issue.hint}")
    if len(report.issues) > max_issues:
        lines.append(f"    … và {len(report.issues) - max_issues} vấn đề khác")
    if report.answers_used:
        lines.append("  Câu trả lời đã dùng:")
        lines += [
            f"    - {QUESTION_KINDS_VI.get(k, k)}{f' «{key}»' if key else ''}: {a}" for k, key, a in report.answers_used
        ]
    if report.open_questions:
        lines.append(f"  Câu hỏi cần trả lời ({len(report.open_questions)}):")
        for q in report.open_questions:
            lines += _question_lines(q, report.file)
        sender = "" if report.sender_code else " --sender MÃ_BÊN_GỬI"
        lines.append(
            f"  Để các tệp sau của bên gửi này, cùng bố cục, không hỏi lại: nạp với --answers TỆP --remember{sender}."
        )
    return "\n".join(lines)


def _question_lines(q: Question, file: str) -> list[str]:
    where = ", ".join(p for p in (f"trang '{q.sheet}'" if q.sheet else "", f"ô {q.cell}" if q.cell else "") if p)
    lines = [
        f"    ? [{q.kind}] {QUESTION_KINDS_VI.get(q.kind, q.kind)}{' (' + where + ')' if where else ''}: {q.prompt_vi}"
    ]
    for o in q.options:
        mark = "  ← gợi ý" if o.value == q.best_guess else ""
        lines.append(f"        {o.value}: {o.label_vi} → nạp {o.n_values} giá trị{mark}")
    answer = q.best_guess or "<mã>"
    lines.append(
        f"      Trả lời trong tệp --answers (CSV file,kind,key,answer): {_csv(file)},{q.kind},{_csv(q.key)},{answer}"
    )
    return lines


def _csv(text: str) -> str:
    return f'"{text}"' if any(ch in text for ch in ',"\n') else text


def render_summary(reports: Sequence[FileReport]) -> str:
    loaded = sum(r.status == "loaded" for r in reports)
    rejected = sum(r.status == "rejected" for r in reports)
    lines = [
        f"Tổng cộng {len(reports)} tệp: {loaded} tệp đã nạp, {rejected} tệp bị từ chối, "
        f"{len(reports) - loaded - rejected} tệp khác (chạy thử, không thay đổi hoặc không có giá trị nào nạp được)."
    ]
    for report in reports:
        if not report.skip_counts and not report.open_questions:
            continue
        lines.append(
            f"- {report.file}: {len(report.values)} giá trị nạp được; chưa nạp: {_reasons(report.skip_counts)}."
        )
        best = best_answer(report.questions)
        if best is not None and best.best_option is not None:
            lines.append(
                f"  Câu trả lời nạp thêm nhiều nhất: [{best.kind}]{f' «{best.key}»' if best.key else ''} = "
                f"{best.best_guess} ({best.best_option.label_vi}) → thêm {best.gain} giá trị."
            )
    return "\n".join(lines)


def _reasons(counts: Counter[str]) -> str:
    if not counts:
        return "không có"
    return "; ".join(f"{n} giá trị {reason_label(code)}" for code, n in counts.most_common())
