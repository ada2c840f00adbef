"""Xu hướng: one indicator over 2013–2023 for the chosen districts and the province."""

import streamlit as st

from page_models.review import notes_table
from page_models.tables import formatted
from page_models.trend import build_trend
from ui import auth, data, inputs
from ui.boundaries import boundary_values
from ui.components import page_header
from ui.downloads import chart_downloads, source_for, table_downloads
from ui.history import value_history

auth.require("viewer")

f = page_header("Xu hướng theo thời gian", "Một chỉ tiêu qua các năm: các địa bàn đã chọn và toàn tỉnh.")
if f is None:
    st.stop()

shown = boundary_values(f, key="xu_huong_dia_gioi")
view = build_trend(shown.values, **inputs.reference(), sel=f, events=[*inputs.event_markers(f), *shown.events])
st.subheader(view.title)
if view.note:
    st.info(view.note)
if shown.note:
    st.caption(shown.note)
st.plotly_chart(view.figure, key="trend_chart")
source = source_for([f.indicator_code])
chart_downloads(view.figure, title=view.title, unit=view.unit, source=source, key="trend_chart")
notes = [text for text in (view.target_text, view.break_text) if text]
for text in notes:
    st.caption(text)
st.markdown(f"**Định nghĩa.** {view.definition}")
table = view.table.rename_axis("Địa bàn")
st.dataframe(formatted(table, view.unit), width="stretch")
table_downloads(table, title=view.title, unit=view.unit, source=source, key="trend_table")
st.caption(
    "“—”: không có số liệu (không phải số 0). Giá trị toàn tỉnh chỉ hiển thị khi đủ các huyện báo cáo "
    "hoặc do tỉnh báo cáo; tỷ lệ toàn tỉnh = tổng tử số / tổng mẫu số."
)
causes = inputs.notes(f, [f.indicator_code], list(f.unit_codes) or None)
if not causes.empty:
    st.markdown("**Nguyên nhân, ghi chú của chuyên viên**")
    st.dataframe(notes_table(causes).drop(columns=["Chỉ tiêu"]), hide_index=True, width="stretch")
units = data.query("units")
value_history(f.indicator_code, units, [f.province_code, *(f.unit_codes or units["code"][1:])], list(f.years))
