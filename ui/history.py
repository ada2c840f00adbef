"""A value's history: every batch that reported one (unit, indicator, year), newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from ui import data

HISTORY_COLUMNS: dict[str, Any] = {
    "batch_id": st.column_config.NumberColumn("Lô", format="%d"),
    "status": "Trạng thái",
    "value": st.column_config.NumberColumn("Giá trị", format="localized"),
    "raw_value": "Ghi trong tệp",
    "file_name": "Tệp",
    "sheet": "Trang",
    "cell": "Ô",
    "loaded_by": "Người nạp",
    "loaded_at": st.column_config.DatetimeColumn("Thời điểm nạp", format="DD/MM/YYYY HH:mm"),
}


def history_status(rows: pd.DataFrame) -> list[str]:
    """'Đang dùng' for the newest active batch, 'Đã thay thế' for older active ones, else 'Đã hoàn tác'."""
    labels, current_seen = [], False
    for rolled_back in rows["rolled_back"]:
        if rolled_back:
            labels.append("Đã hoàn tác")
        elif not current_seen:
            labels.append("Đang dùng")
            current_seen = True
        else:
            labels.append("Đã thay thế")
    return labels


def value_history(indicator_code: str, units: pd.DataFrame, unit_codes: Sequence[str], years: Sequence[int]) -> None:
    """An expander to pick a unit and a year and see every value ever loaded for it."""
    with st.expander("Lịch sử một giá trị (mọi lần nạp)", icon=":material/history:"):
        names = dict(zip(units["code"], units["name"], strict=True))
        options = [c for c in unit_codes if c in names]
        col_unit, col_year = st.columns(2)
        unit = col_unit.selectbox("Địa bàn", options, format_func=names.__getitem__, key="history_unit")
        year = col_year.selectbox("Năm", list(years), index=len(years) - 1, key="history_year")
        if unit is None or year is None:
            return
        rows = data.query("value_history", unit_code=unit, indicator_code=indicator_code, year=int(year))
        if rows.empty:
            st.write("Chưa có lần nạp nào cho giá trị này (giá trị toàn tỉnh có thể được tổng hợp từ các huyện).")
            return
        rows = rows.assign(status=history_status(rows))
        st.dataframe(rows[list(HISTORY_COLUMNS)], column_config=HISTORY_COLUMNS, hide_index=True, width="stretch")
