"""Bản đồ: one indicator by district on a map (boundaries supplied by the province, else tiles)."""

import streamlit as st

from page_models.map import build_map
from page_models.tables import formatted
from ui import auth, geo, inputs
from ui.boundaries import changes_note, current_values
from ui.charts import chart
from ui.components import page_header
from ui.downloads import source_for
from vocab.display import year_label

auth.require("viewer")

f = page_header("Bản đồ", "Một chỉ tiêu theo huyện, thị xã, thành phố trên bản đồ của tỉnh.")
if f is None:
    st.stop()

ref = inputs.reference()
period = ref["catalogue"].set_index("code").loc[f.indicator_code, "period_type"]
year = st.select_slider(
    "Năm", options=list(f.years), value=f.last_year, format_func=lambda y: year_label(y, period), key="ban_do_nam"
)
both = st.toggle(f"Đặt cạnh năm đầu giai đoạn ({year_label(f.first_year, period)})", key="ban_do_hai_nam")
shapes, problem = geo.boundaries()
if problem:
    st.warning(problem)
view = build_map(
    current_values(f),
    ref["catalogue"],
    ref["units"],
    f,
    year,
    with_first_year=both,
    geojson=shapes,
    code_property=geo.code_property(),
)
st.subheader(view.title)
chart(view.figure, title=f"{view.title} – bản đồ", unit=view.unit, source=source_for([f.indicator_code]), key="map")
if shapes is None:
    st.caption("Bản đồ ô vuông: mỗi ô là một huyện, thị xã, thành phố, đặt gần đúng vị trí trên bản đồ của tỉnh.")
if view.missing_shapes:
    st.warning("Tệp ranh giới thiếu: " + ", ".join(view.missing_shapes) + ".")
note = changes_note(f)
st.caption(
    "Theo địa giới hiện nay: số liệu của đơn vị đã sáp nhập được cộng vào đơn vị hiện nay; tỷ lệ tính lại từ "
    "tổng tử số và tổng mẫu số. Màu xám: không có số liệu." + (f" {note}" if note else "")
)
st.dataframe(formatted(view.table, view.unit, view.states), width="stretch")
