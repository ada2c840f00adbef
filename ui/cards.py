"""The overview's cards and lists (drawing only; content comes from page_models.assessment)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from page_models.findings import Finding
from page_models.tables import display_name, goal_text, source_text, verdict_label
from vocab.display import format_change, format_value, year_label
from vocab.labels import NO_TARGET, trend_label_vi

DELTA_COLOR = {"up": "normal", "down": "inverse", "neutral": "off"}
# Blue for met, red for missed: apart for a red-green colour-blind reader (and the icon and the word differ too).
VERDICT_ICON = {
    "exceeded": ":blue[:material/check_circle:]",
    "met": ":blue[:material/check_circle:]",
    "met_late": ":orange[:material/schedule:]",
    "not_met": ":red[:material/cancel:]",
}


def headline_card(row: pd.Series, rule: str = "ending") -> None:
    """One key indicator: latest usable value, change since the baseline (within its definition
    version), target verdict with its source, and why a later figure is not used."""
    unit, period = row["unit"], row["period_type"]
    with st.container(border=True):
        # The key message first (the verdict, or the trend without a target), then what it is about.
        st.markdown(f"{verdict_head(row)} · **{display_name(row)}**")
        st.metric(
            label=str(row["name_vi"]),
            label_visibility="collapsed",
            value=format_value(row["latest_value"], unit),
            delta=f"{format_change(row['abs_change'], unit)} từ {_year(row['base_year'], period)}",
            delta_color=DELTA_COLOR.get(row["direction"], "off"),  # type: ignore[arg-type]
            help=f"{_year(row['base_year'], period)}: {format_value(row['base_value'], unit)}; "
            f"{_year(row['latest_year'], period)}: {format_value(row['latest_value'], unit)}",
        )
        st.caption(f"Số liệu {_year(row['latest_year'], period)}. {verdict_text(row, rule)}")
        if isinstance(row.get("latest_note"), str) and row["latest_note"]:
            st.caption(f":orange[:material/info:] {row['latest_note'][:1].upper()}{row['latest_note'][1:]}.")


def verdict_head(row: pd.Series) -> str:
    """ ":blue[✓] **Đạt**", ":red[✗] **Chưa đạt**", or the trend's word when there is no target ("**Cải thiện**")."""
    verdict = None if pd.isna(row["verdict"]) else str(row["verdict"])
    if verdict is None and pd.isna(row["target_value"]):
        return f"**{trend_label_vi(row['trend'])}**"
    icon = VERDICT_ICON.get(verdict or "", "") if bool(row.get("target_due", True)) else ""
    return f"{icon} **{verdict_label(row)}**".strip()


def verdict_text(row: pd.Series, rule: str = "ending") -> str:
    """What the verdict at the card's head was judged against: the target, its deadline and source."""
    verdict = None if pd.isna(row["verdict"]) else str(row["verdict"])
    if verdict is None and pd.isna(row["target_value"]):
        return f"{NO_TARGET}."
    target = {k: row.get(f"target_{k}") for k in ("value", "value_max", "comparator", "scope", "year")}
    goal = goal_text(target, row["unit"], row["period_type"], rule)
    source = source_text(row["target_source"], row.get("target_verification"))
    return f"{goal}; {source}".strip()


def finding_list(items: Sequence[Finding], tasks: Mapping[int, str] | None = None) -> None:
    """Findings in the report's words (page_models.findings), each with its task and the analysts' notes."""
    if not items:
        st.caption("Không có.")
        return
    for item in items:
        task = f" *(Nhiệm vụ {item.task}: {tasks[item.task]})*" if tasks and item.task in tasks else ""
        notes = "".join(f"\n    - *{note}*" for note in item.notes)
        st.markdown(f"- {item.text}{task}{notes}")


def _year(value: object, period_type: str) -> str:
    return "—" if value is None or pd.isna(value) else year_label(int(value), period_type)  # type: ignore[call-overload]
