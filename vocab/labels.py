"""Vietnamese labels shown beside the numbers: verdict and trend words, column headers."""

from __future__ import annotations

__all__ = [
    "ASSESSMENT_COLUMNS",
    "FLAG_NOTE",
    "ISSUE_HEADERS",
    "NO_DATA",
    "NO_TARGET",
    "PARTIAL_NOTE",
    "QUESTION_KINDS_VI",
    "REFERENCE_LABEL",
    "VERIFICATION_LABELS_VI",
    "trend_label_vi",
    "verdict_label_vi",
]

# What each kind of the reader's questions asks (etl/questions.py), in a few words.
QUESTION_KINDS_VI = {
    "header-row": "dòng tiêu đề của trang",
    "title-measure": "bảng đếm gì",
    "reporting-unit": "đơn vị báo cáo",
    "unit": "tên đơn vị",
    "total-row": "dòng tổng",
    "indicator": "tên chỉ tiêu",
    "year-convention": "năm học của năm ghi một số",
    "skip-error-cells": "nạp không kèm ô lỗi",
    "survey-column": "cột của tệp khảo sát",
    "respondent-group": "đối tượng trả lời",
}

# Said of a district or a chart with no value at all (a single missing value shows "—").
NO_DATA = "không có số liệu"
# An indicator with no target (or norm) for the round: not a gap in the data.
NO_TARGET = "Chưa có mục tiêu"

_VERDICT_LABELS_VI: dict[str | None, str] = {
    "met": "Đạt",
    "exceeded": "Vượt",
    "not_met": "Chưa đạt",
    "met_late": "Đạt muộn",
    None: "Chưa có số liệu",
}
# Against a norm of a regulation (pupils per class, teachers per class) the words are different:
# staying within it is compliance, not an achievement.
_NORM_LABELS_VI: dict[str | None, str] = {
    "met": "Trong định mức",
    "exceeded": "Trong định mức",
    "not_met": "Vượt định mức",
    "met_late": "Trong định mức",
    None: "Chưa có số liệu",
}
# A target issued after the round's as-of date: shown, never decides a verdict in that round.
REFERENCE_LABEL = "tham khảo"
# How a target row was checked against its legal text (targets.csv, column verification).
VERIFICATION_LABELS_VI = {
    "text": "đã đối chiếu văn bản",
    "secondary": "theo nguồn thứ cấp, chưa đối chiếu văn bản gốc",
    "unverified": "chưa đối chiếu được văn bản gốc",
    "illustrative": "dữ liệu minh họa",
}
PARTIAL_NOTE = (
    "“chưa đủ số liệu (n/m huyện)”: chỉ n trong m huyện, thị xã, thành phố đã báo cáo; tổng của một phần "
    "địa bàn không phải số liệu toàn tỉnh nên không được dùng."
)
FLAG_NOTE = (
    "(!): giá trị bị cảnh báo khi nạp (ví dụ thay đổi bất thường so với năm trước), chưa được chuyên viên "
    "xác nhận; số liệu toàn tỉnh tính từ giá trị đó cũng được đánh dấu."
)
_TREND_LABELS_VI = {
    "improving": "Cải thiện",
    "worsening": "Xấu đi",
    "flat": "Ổn định",
    "rising": "Tăng",
    "falling": "Giảm",
    "unknown": "Chưa đủ số liệu",
}

# Column headers of the assessment table (Đánh giá, Tổng quan, the Word appendix's Bảng 1).
ASSESSMENT_COLUMNS = {
    "name_vi": "Chỉ tiêu",
    "base": "Năm đầu",
    "latest": "Năm cuối",
    "change": "Thay đổi",
    "trend": "Xu hướng",
    "target": "Mục tiêu",
    "verdict": "Đánh giá",
    "source": "Nguồn mục tiêu",
    "lagging": "Địa bàn thấp hơn toàn tỉnh",
}

# Column headers of a file's validation issues (upload page and its Excel download).
ISSUE_HEADERS = {
    "severity": "Mức độ",
    "code": "Mã lỗi",
    "sheet": "Trang",
    "cell": "Ô",
    "raw_value": "Giá trị trong tệp",
    "message": "Nội dung",
    "hint": "Cách sửa",
}


def verdict_label_vi(verdict: str | None, scope: str | None = None) -> str:
    """Vietnamese label for a target verdict ("met", "exceeded", "not_met", "met_late", None);
    a norm (scope "norm") reads "Trong định mức" / "Vượt định mức"."""
    labels = _NORM_LABELS_VI if scope == "norm" else _VERDICT_LABELS_VI
    if verdict not in labels:
        raise ValueError(f"unknown verdict {verdict!r}")
    return labels[verdict]


def trend_label_vi(trend: str) -> str:
    """Vietnamese label for a trend class ("improving", "worsening", "flat", "rising", "falling", "unknown")."""
    if trend not in _TREND_LABELS_VI:
        raise ValueError(f"unknown trend {trend!r}")
    return _TREND_LABELS_VI[trend]
