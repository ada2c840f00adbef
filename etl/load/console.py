"""Readable Vietnamese reports of file checks and loads (command line)."""

from __future__ import annotations

from collections.abc import Sequence

from etl.issues import SEVERITY_VI, count_by_code
from etl.load.pipeline import FileReport

STATUS_VI = {
    "rejected": "KHÔNG NẠP (có lỗi)",
    "validated": "HỢP LỆ (chạy thử, chưa nạp)",
    "loaded": "ĐÃ NẠP",
    "unchanged": "KHÔNG THAY ĐỔI (đã nạp trước đó)",
}


def render_report(report: FileReport, max_issues: int = 200) -> str:
    lines = [f"Tệp {report.file}: {STATUS_VI[report.status]}"]
    if report.batch_id is not None and report.status == "loaded":
        lines[0] += f" — lô số {report.batch_id}"
    if report.values:
        lines.append(f"  {len(report.values)} giá trị đọc được")
    counts = count_by_code(report.issues)
    for (severity, code), n in sorted(counts.items()):
        lines.append(f"  {n} {SEVERITY_VI[severity]} [{code}]")
    for issue in report.issues[:max_issues]:
        where = ", ".join(
            p for p in (f"trang '{issue.sheet}'" if issue.sheet else "", f"ô {issue.cell}" if issue.cell else "") if p
        )
        lines.append(f"    - {SEVERITY_VI[issue.severity]}{' ' + where if where else ''}: {issue.message}")
        if issue.hint and issue.severity == "error":
            lines.append(f"      Cách sửa: {issue.hint}")
    if len(report.issues) > max_issues:
        lines.append(f"    … và {len(report.issues) - max_issues} vấn đề khác")
    return "\n".join(lines)


def render_summary(reports: Sequence[FileReport]) -> str:
    loaded = sum(r.status == "loaded" for r in reports)
    rejected = sum(r.status == "rejected" for r in reports)
    return (
        f"Tổng cộng {len(reports)} tệp: {loaded} tệp đã nạp, {rejected} tệp bị từ chối, "
        f"{len(reports) - loaded - rejected} tệp khác (chạy thử hoặc không thay đổi)."
    )
