"""Xu hướng: one indicator over 2013–2023 for the chosen districts and the province."""

import streamlit as st

from page_models.common import phone_columns
from page_models.review import notes_table
from page_models.tables import exported, formatted
from page_models.trend import build_trend
from ui import auth, data, inputs
from ui.boundaries import boundary_values
from ui.charts import chart, desk_and_phone
from ui.components import page_header
from ui.downloads import source_for, table_downloads
from ui.history import value_history
from ui.opinions import related_opinions
from vocab.labels import FLAG_NOTE, PARTIAL_NOTE

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
source = source_for([f.indicator_code])
chart(view.figure, title=view.title, unit=view.unit, source=source, key="trend_chart", subtitle=view.period_text)
if view.change_text:
    st.markdown(view.change_text)
for text in view.verdict_texts:
    st.markdown(f"- {text}")
for text in (view.gap_text, view.break_text, *view.reference_texts):
    if text:
        st.caption(text)
st.markdown(f"**Định nghĩa.** {view.definition}")
table = view.table.rename_axis("Địa bàn")
marks = set(view.states.to_numpy().ravel().tolist())
wide = (
    {c: st.column_config.TextColumn(c, width="medium") for c in table.columns}
    if any(str(m).startswith("partial") for m in marks)
    else None
)  # "chưa đủ số liệu (9/10 huyện)" fits its cell
shown_table = formatted(table, view.unit, view.states)
desk, phone = desk_and_phone("trend_table")
desk.dataframe(shown_table, column_config=wide, width="stretch")
phone.dataframe(phone_columns(shown_table), width="stretch")  # first and last years: the change at a glance
table_downloads(
    exported(table, view.unit, view.states), title=view.title, unit=view.unit, source=source, key="trend_table"
)
st.caption(
    "“—”: không có số liệu (không phải số 0). Giá trị toàn tỉnh là số tỉnh báo cáo, hoặc tổng hợp khi đủ các "
    "huyện báo cáo; tỷ lệ toàn tỉnh = tổng tử số / tổng mẫu số."
    + (f" {PARTIAL_NOTE}" if any(str(m).startswith("partial") for m in marks) else "")
    + (f" {FLAG_NOTE}" if "flagged" in marks else "")
)
related_opinions(f.indicator_code)
causes = inputs.notes(f, [f.indicator_code], list(f.unit_codes) or None)
if not causes.empty:
    st.markdown("**Nguyên nhân, ghi chú của chuyên viên**")
    st.dataframe(notes_table(causes).drop(columns=["Chỉ tiêu"]), hide_index=True, width="stretch")
units = data.query("units")
value_history(f.indicator_code, units, [f.province_code, *(f.unit_codes or units["code"][1:])], list(f.years))
