"""Nguyên nhân & sự kiện: analysts' notes on causes, and policy events drawn on trend charts."""

import streamlit as st

from page_models.common import with_dashes
from page_models.review import notes_table
from ui import auth, data
from ui.components import page_header
from ui.review import event_editor, note_editor

auth.require("viewer")

f = page_header(
    "Nguyên nhân và sự kiện",
    "Ghi chú của chuyên viên về nguyên nhân kết quả, hạn chế; các sự kiện chính sách đánh dấu trên biểu đồ xu hướng.",
    needs_values=False,
)
if f is None:
    st.stop()
editable = auth.can("analyst")
notes_tab, events_tab = st.tabs(["Nguyên nhân, ghi chú", "Sự kiện chính sách"])
with notes_tab:
    notes = data.query("current_notes")
    only_this = st.toggle("Chỉ chỉ tiêu đang chọn ở thanh bên", value=False, key="notes_only_selected")
    shown = notes[notes["indicator_code"] == f.indicator_code] if only_this else notes
    if shown.empty:
        st.info("Chưa có ghi chú nào." + (" Thêm ghi chú ở mục dưới." if editable else ""))
    else:
        st.dataframe(notes_table(shown), hide_index=True, width="stretch")
    if editable:
        note_editor(notes, f.indicator_code)
with events_tab:
    events = data.query("current_policy_events")
    st.dataframe(
        with_dashes(events[["year", "last_year", "title", "description", "indicators"]]),
        column_config={
            "year": "Năm",
            "last_year": "Đến năm",
            "title": "Sự kiện",
            "description": "Nội dung",
            "indicators": "Chỉ tiêu chịu ảnh hưởng",
        },
        hide_index=True,
        width="stretch",
    )
    st.caption("'*': mọi chỉ tiêu; 'group:mã': cả nhóm chỉ tiêu; hoặc mã chỉ tiêu, cách nhau bởi ';'.")
    if editable:
        event_editor(events)
