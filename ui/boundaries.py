"""The "as reported" / "on current boundaries" choice of the trend and comparison pages."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.boundaries import CHANGE_LABELS, change_events, harmonise
from page_models.common import Selection
from ui import data, inputs

REPORTED, CURRENT = "reported", "current"
LABELS = {REPORTED: "Như đã báo cáo", CURRENT: "Theo địa giới hiện nay"}
STATE_KEY = "nq29_boundaries"  # the last choice, so the other page opens with it
HELP = (
    "Như đã báo cáo: mỗi số liệu thuộc đơn vị đã báo cáo trong năm đó. Theo địa giới hiện nay: số liệu "
    "của các huyện đã sáp nhập được cộng vào đơn vị hiện nay (tỷ lệ tính lại từ tổng tử số và tổng mẫu "
    "số); trước năm chia tách không có số liệu so sánh được."
)


@dataclass(frozen=True)
class BoundaryValues:
    values: pd.DataFrame  # rows of values_for_indicators for the chosen indicator
    events: list[tuple[int, str]]  # (year, label) of the changes, for chart markers
    note: str | None  # the changes in words
    current: bool


def boundary_values(f: Selection, key: str) -> BoundaryValues:
    """Draw the choice (only when the registry records changes) and return the values to show."""
    changes = data.query("unit_changes")
    if changes.empty:
        return BoundaryValues(inputs.values([f.indicator_code], f), [], None, False)
    choice = st.segmented_control(
        "Địa giới hành chính",
        list(LABELS),
        format_func=lambda c: LABELS[c],
        default=st.session_state.get(STATE_KEY, REPORTED),
        key=key,
        help=HELP,
    )
    current = (choice or REPORTED) == CURRENT
    st.session_state[STATE_KEY] = CURRENT if current else REPORTED
    in_period = changes[changes["year"].between(f.first_year + 1, f.last_year)]
    events = change_events(in_period, list(f.unit_codes) or None)
    note = changes_note(f)
    if not current:
        return BoundaryValues(inputs.values([f.indicator_code], f), events, note, False)
    return BoundaryValues(current_values(f, changes), events, note, True)


def current_values(f: Selection, changes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The chosen indicator on current boundaries (as reported when nothing changed)."""
    changes = data.query("unit_changes") if changes is None else changes
    if changes.empty:
        return inputs.values([f.indicator_code], f)
    ref = inputs.reference()
    meta = ref["catalogue"].set_index("code").loc[f.indicator_code]
    codes = [f.indicator_code, *[c for c in (meta["numerator"], meta["denominator"]) if isinstance(c, str)]]
    result = harmonise(
        inputs.values(codes, f), ref["catalogue"], ref["units"], changes, f.indicator_code, f.province_code
    )
    return result.values


def changes_note(f: Selection) -> str | None:
    """The changes within the period in words, None when there are none."""
    changes = data.query("unit_changes")
    in_period = changes[changes["year"].between(f.first_year + 1, f.last_year)]
    if in_period.empty:
        return None
    return "Thay đổi địa giới: " + "; ".join(_describe(r) for r in in_period.to_dict("records")) + "."


def _describe(change: dict) -> str:
    if change.get("note"):
        return f"{change['year']} – {change['note']}"
    label = CHANGE_LABELS.get(str(change["change"]), str(change["change"]))
    return f"{change['year']} – {label}: {change['from_name']} → {change['to_name']}"
