"""So sánh địa bàn: ranked bars, heatmap, rank change and disparity for one indicator."""

import streamlit as st

from page_models.compare import build_compare, years_with_data
from ui import auth, inputs
from ui.boundaries import boundary_values
from ui.charts import chart
from ui.components import page_header
from ui.downloads import source_for
from vocab.display import year_label

auth.require("viewer")

f = page_header("So sánh địa bàn", "Các huyện, thị xã, thành phố cạnh nhau cho một chỉ tiêu.")
if f is None:
    st.stop()

ref = inputs.reference()
period = ref["catalogue"].set_index("code").loc[f.indicator_code, "period_type"]
shown = boundary_values(f, key="so_sanh_dia_gioi")
year = st.select_slider(
    "Năm so sánh",
    options=list(f.years),
    value=years_with_data(shown.values, f)[-1],
    format_func=lambda y: year_label(y, period),
    key="so_sanh_nam",
)
view = build_compare(shown.values, ref["catalogue"], ref["units"], f, year, shown.events)
st.subheader(view.title)
if shown.note:
    st.caption(shown.note)
unit = str(ref["catalogue"].set_index("code").loc[f.indicator_code, "unit"])
source = source_for([f.indicator_code])
if not view.has_data:
    st.info(f"Chưa có số liệu của chỉ tiêu này cho năm {view.year_text}.")
left, right = st.columns(2)
with left:
    st.markdown(f"**Xếp hạng năm {view.year_text}** (đường đứt: toàn tỉnh)")
    chart(
        view.ranked_bar, title=f"{view.title} – xếp hạng {view.year_text}", unit=unit, source=source, key="ranked_bar"
    )
with right:
    st.markdown(
        "**Thay đổi thứ hạng** trong giai đoạn"
        + (" (các địa bàn thay đổi nhiều nhất)" if len(view.rank_table) > 30 else "")
    )
    chart(view.rank_change, title=f"{view.title} – thay đổi thứ hạng", unit="hạng", source=source, key="rank_change")
st.markdown("**Bản đồ nhiệt địa bàn × năm**")
chart(view.heatmap, title=f"{view.title} – địa bàn × năm", unit=unit, source=source, key="heatmap")
st.markdown("**Mức chênh lệch giữa các địa bàn qua các năm**")
chart(view.disparity, title=f"{view.title} – mức chênh lệch", unit="", source=source, key="disparity")
