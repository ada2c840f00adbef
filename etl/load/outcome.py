"""What a file check found, put for the report: skipped cells as warnings, open questions as
issues, the values not loaded counted by reason, and the reason when nothing loads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from etl.issues import Issue, make_issue
from etl.questions import Question

# In a free-layout file a cell that cannot be placed or read with certainty is skipped and
# reported as a warning; in our template the same problems are errors (the file is rejected).
SKIPPED_IN_FREE_LAYOUTS = frozenset(
    {
        "unknown-unit",
        "unknown-indicator",
        "derived-indicator-reported",
        "year-label-invalid",
        "period-type-mismatch",
        "unit-not-active",
        "non-numeric-value",
        "unit-label-mismatch",
        "percent-sign-not-allowed",
        "not-whole-number",
        "formula-without-value",
        "merged-value-cell",
        "percent-format-unknown",
        "value-not-finite",
    }
)

# Why values were not loaded, in a few words after "N giá trị …" (the summary and "nothing-loaded").
REASONS_VI = {
    "question-open": "chờ câu trả lời",
    "ownership-skipped": "theo loại hình (công lập, ngoài công lập) không có trong danh mục",
    "multilevel-skipped": "của trường nhiều cấp học",
    "index-block-skipped": "là chỉ số phát triển, không phải số liệu",
    "levels-total-skipped": "là tổng của nhiều cấp học",
    "aggregate-rows-skipped": "của cả nước, vùng, khu vực",
    "outside-registry-rows": "của đơn vị ngoài danh mục",
    "measure-scale-inconsistent": "có đơn vị tính không khớp tiêu đề cột",
    "unit-not-found": "không rõ đơn vị báo cáo",
    "unit-context-conflict": "có nhiều đơn vị báo cáo",
    "year-not-found": "không rõ năm",
    "indicator-not-matched": "có tên chỉ tiêu không khớp danh mục",
    "indicator-ambiguous": "có tên chỉ tiêu ứng với nhiều chỉ tiêu",
    "unit-not-matched": "có tên đơn vị không khớp danh mục",
    "no-measure": "chỉ ghi cấp học, không rõ là số gì",
    "unknown-heading": "thuộc một dòng tiêu đề không có trong danh mục",
    "level-not-in-catalogue": "của cấp học không có chỉ tiêu này trong danh mục",
    "answered-skip": "bị bỏ qua theo câu trả lời",
    "period-type-mismatch": "có năm không đúng kiểu (năm học / năm dương lịch)",
    "non-numeric-value": "không phải là số",
    "value-not-finite": "ghi NaN hoặc vô cực",
}
# Warnings about a value that is loaded all the same: never counted as "not loaded".
VALUE_KEPT = frozenset({"reported-rate-mismatch", "yoy-jump", "percent-fraction-scaled", "rate-looks-like-fraction"})
# Reader counts an open question already covers (its count is the same values).
_COVERED = {"reporting-unit": ("unit-not-found", "unit-context-conflict"), "title-measure": ("no-measure",)}


def reason_label(code: str) -> str:
    return REASONS_VI.get(code, f"bị bỏ qua [{code}]")


def as_skipped(issue: Issue) -> Issue:
    if issue.code not in SKIPPED_IN_FREE_LAYOUTS or issue.severity != "error":
        return issue
    return replace(issue, severity="warning", message=f"{issue.message} Giá trị này không được nạp.")


def open_question(q: Question) -> Issue:
    gain = max((o.n_values for o in q.options), default=0)
    return make_issue(
        "question-open", file=q.file, sheet=q.sheet, cell=q.cell, detail=q.prompt_vi, n=gain, skipped=gain
    )


def skip_counts(read: Counter[str], issues: Sequence[Issue], questions: Sequence[Question]) -> Counter[str]:
    """Values not loaded, by reason: the reader's counts, the open questions' and one per skipped cell."""
    counts = Counter(read)
    for q in questions:
        if q.answer is None:
            for code in _COVERED.get(q.kind, ()):
                counts.pop(code, None)
    for i in issues:
        if i.code in read:
            continue
        if i.skipped:
            counts[i.code] += i.skipped
        elif i.severity == "warning" and i.cell and i.code not in VALUE_KEPT:
            counts[i.code] += 1
    return Counter({k: n for k, n in counts.items() if n})


def nothing_loaded(
    issues: list[Issue], counts: Counter[str], questions: Sequence[Question], file_label: str
) -> tuple[str, list[Issue]]:
    """No value to load: "no-values" for an empty table, else the reasons (never "fill the blanks")."""
    if not counts and not any(q.answer is None for q in questions):
        return "rejected", [*issues, make_issue("no-values", file=file_label)]
    detail = "; ".join(f"{n} giá trị {reason_label(code)}" for code, n in counts.most_common(4))
    return "nothing", [*issues, make_issue("nothing-loaded", file=file_label, detail=detail or "xem các câu hỏi")]


def best_answer(questions: Sequence[Question]) -> Question | None:
    """The open question whose best guess would load the most values."""
    open_ = [q for q in questions if q.answer is None and q.gain]
    return max(open_, key=lambda q: q.gain, default=None)


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def issue_order(i: Issue) -> tuple[int, str, str]:
    return (_SEVERITY_ORDER[i.severity], i.sheet or "", _cell_sort_key(i.cell))


def _cell_sort_key(cell: str | None) -> str:
    if not cell:
        return ""
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    return f"{int(digits or 0):08d}{len(letters)}{letters}"
