"""Vietnamese display of tables: numbers formatted '1.234,5', gaps as '—'."""

from __future__ import annotations

import pandas as pd

from vocab.display import deadline_text, format_change, format_value, target_text
from vocab.labels import ASSESSMENT_COLUMNS, trend_label_vi, verdict_label_vi


def formatted(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Every numeric cell as Vietnamese text in the indicator's unit (for display only)."""
    return frame.apply(lambda col: [format_value(v, unit) for v in col]) if not frame.empty else frame


def assessment_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The assessment as Vietnamese text columns, one row per indicator."""

    def target_of(row: pd.Series) -> str:
        if pd.isna(row["target_value"]):
            return ""
        target = {"value": row["target_value"], "comparator": row["target_comparator"]}
        when = deadline_text(row["target_year"])
        return f"{target_text(target, row['unit'])} ({when})"

    return pd.DataFrame(
        {
            "name_vi": frame["name_vi"],
            "base": [format_value(v, u) for v, u in zip(frame["base_value"], frame["unit"], strict=True)],
            "latest": [format_value(v, u) for v, u in zip(frame["latest_value"], frame["unit"], strict=True)],
            "change": [format_change(v, u) for v, u in zip(frame["abs_change"], frame["unit"], strict=True)],
            "trend": [
                trend_label_vi(t) + (" (đổi cách tính)" if b else "")
                for t, b in zip(frame["trend"], frame["crosses_break"], strict=True)
            ],
            "target": [target_of(row) for _, row in frame.iterrows()],
            "verdict": [
                verdict_label_vi(None if pd.isna(v) else v) if isinstance(v, str) or pd.isna(v) else ""
                for v in frame["verdict"]
            ],
            "source": frame["target_source"].fillna(""),
            "lagging": [", ".join(x) if isinstance(x, list) else "" for x in frame["lagging"]],
            "link": frame["link"],
        }
    )


def verdict_short(row: pd.Series) -> str:
    """'Vượt', 'Đạt', 'Chưa đạt'; 'Chưa đến hạn' before a deadline; '' without a target."""
    if pd.isna(row["target_value"]):
        return ""
    verdict = None if pd.isna(row["verdict"]) else str(row["verdict"])
    if not bool(row.get("target_due", True)):
        return "Đạt trước hạn" if verdict in ("met", "exceeded") else "Chưa đến hạn"
    return verdict_label_vi(verdict)


__all__ = ["ASSESSMENT_COLUMNS", "assessment_rows", "formatted", "verdict_short"]
