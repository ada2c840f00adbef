"""The overview's cards and lists (drawing only; content comes from page_models.assessment)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from page_models.tables import verdict_short
from vocab.display import deadline_text, format_change, format_value, target_text
from vocab.labels import trend_label_vi

DELTA_COLOR = {"up": "normal", "down": "inverse", "neutral": "off"}
VERDICT_ICON = {
    "exceeded": ":green[:material/check_circle:]",
    "met": ":green[:material/check_circle:]",
    "not_met": ":red[:material/cancel:]",
}


def headline_card(row: pd.Series) -> None:
    """One key indicator: latest value, change since the baseline, target verdict and its source."""
    unit = row["unit"]
    with st.container(border=True):
        st.markdown(f"**{row['name_vi']}**")
        st.metric(
            label=row["name_vi"],
            label_visibility="collapsed",
            value=format_value(row["latest_value"], unit),
            delta=f"{format_change(row['abs_change'], unit)} từ {_year(row['base_year'])}",
            delta_color=DELTA_COLOR.get(row["direction"], "off"),  # type: ignore[arg-type]
            help=f"{_year(row['base_year'])}: {format_value(row['base_value'], unit)}; "
            f"{_year(row['latest_year'])}: {format_value(row['latest_value'], unit)}",
        )
        st.caption(verdict_text(row))


def verdict_text(row: pd.Series) -> str:
    verdict = None if pd.isna(row["verdict"]) else str(row["verdict"])
    if verdict is None and pd.isna(row["target_value"]):
        return f"{trend_label_vi(row['trend'])}; chưa có mục tiêu."
    target = target_text({"value": row["target_value"], "comparator": row["target_comparator"]}, row["unit"])
    when = deadline_text(row["target_year"])
    label = verdict_short(row)
    icon = VERDICT_ICON.get(verdict or "", "") if bool(row.get("target_due", True)) else ""
    return f"{icon} **{label}** — {target} ({when}; {row['target_source']})".strip()


def standing_list(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.caption("Không có.")
        return
    for _, row in frame.iterrows():
        unit = row["unit"]
        lagging = row["lagging"] if isinstance(row["lagging"], list) else []
        st.markdown(
            f"- **{row['name_vi']}**: {format_value(row['base_value'], unit)} ({_year(row['base_year'])}) → "
            f"{format_value(row['latest_value'], unit)} ({_year(row['latest_year'])}), "
            f"{format_change(row['abs_change'], unit)}. {verdict_text(row)}"
            + (f" Địa bàn thấp hơn toàn tỉnh: {', '.join(lagging)}." if lagging else "")
        )


def _year(value: object) -> str:
    return "—" if value is None or pd.isna(value) else str(int(value))  # type: ignore[call-overload]
