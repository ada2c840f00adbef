"""Vietnamese labels shown beside the numbers: verdict and trend words, column headers."""

from __future__ import annotations

__all__ = ["ASSESSMENT_COLUMNS", "ISSUE_HEADERS", "NO_DATA", "trend_label_vi", "verdict_label_vi"]

# Said of a district or a chart with no value at all (a single missing value shows "—").
NO_DATA = "không có số liệu"

_VERDICT_LABELS_VI: dict[str | None, str] = {
    "met": "Đạt",
    "exceeded": "Vượt",
    "not_met": "Chưa đạt",
    None: "Chưa có số liệu",
}
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


def verdict_label_vi(verdict: str | None) -> str:
    """Vietnamese label for a target verdict ("met", "exceeded", "not_met", None)."""
    if verdict not in _VERDICT_LABELS_VI:
        raise ValueError(f"unknown verdict {verdict!r}")
    return _VERDICT_LABELS_VI[verdict]


def trend_label_vi(trend: str) -> str:
    """Vietnamese label for a trend class ("improving", "worsening", "flat", "rising", "falling", "unknown")."""
    if trend not in _TREND_LABELS_VI:
        raise ValueError(f"unknown trend {trend!r}")
    return _TREND_LABELS_VI[trend]
