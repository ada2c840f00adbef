"""Danh mục chỉ tiêu: definitions, units, formulas, directions, sources, targets."""

import streamlit as st

from page_models.catalogue import build_catalogue, targets_table
from page_models.common import with_dashes
from ui import auth, data, inputs
from ui.components import page_header
from ui.downloads import table_downloads

auth.require("viewer")

f = page_header(
    "Danh mục chỉ tiêu", "Định nghĩa, đơn vị tính, công thức, chiều đánh giá, nguồn và mục tiêu.", needs_values=False
)
if f is None:
    st.stop()

text = st.text_input("Tìm chỉ tiêu (gõ có dấu hoặc không dấu, ví dụ “ty le chuan”)", key="tim_chi_tieu")
catalogue = inputs.catalogue()
found = build_catalogue(catalogue, data.query("targets"), text)
st.caption(f"{len(found)} chỉ tiêu")
COLUMNS = {
    "code": "Mã",
    "name_vi": "Chỉ tiêu",
    "group_name": "Nhóm",
    "unit": "Đơn vị tính",
    "formula": "Công thức",
    "direction_vi": "Chiều đánh giá",
    "period_vi": "Kỳ số liệu",
    "source_dept": "Nguồn",
    "targets_vi": "Mục tiêu",
    "definition": "Định nghĩa",
    "break_note": "Thay đổi cách tính",
    "aliases": "Tên gọi khác",
}
st.dataframe(with_dashes(found[list(COLUMNS)]), column_config=COLUMNS, hide_index=True, width="stretch")
table_downloads(found[list(COLUMNS)].rename(columns=COLUMNS), title="Danh mục chỉ tiêu", key="catalogue", index=False)

st.subheader("Mục tiêu và định mức")
st.caption(
    "Mỗi mục tiêu kèm văn bản, ngày ban hành, điều khoản và mức độ đã kiểm chứng với văn bản. Mục tiêu ban hành sau "
    "ngày chốt số liệu của một đợt chỉ để tham khảo trong đợt đó; mục tiêu khoảng (ví dụ 35–40%) được đánh giá theo "
    "cận dưới với chỉ tiêu càng cao càng tốt, cận trên với chỉ tiêu càng thấp càng tốt."
)
table = targets_table(data.query("targets"), catalogue)
st.dataframe(with_dashes(table), hide_index=True, width="stretch")
table_downloads(table, title="Mục tiêu và định mức", key="targets", index=False)
