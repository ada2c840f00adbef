"""Lịch sử nạp (analysts): every batch, its original file, rollback with confirmation."""

import streamlit as st

from page_models.batches import batch_table, download_original, rollback
from store.batches import RollbackError
from ui import auth, data
from vocab.text import markdown_escape

user = auth.require("analyst")
assert user is not None
st.title("Lịch sử nạp dữ liệu")
st.caption("Mỗi tệp đã nạp là một lô. Hoàn tác một lô không xóa gì: các giá trị trước lô đó được dùng lại.")
for message in st.session_state.pop("rollback_result", []):
    st.success(message)

batches = batch_table(data.query("batch_list"))
if batches.empty:
    st.info("Chưa có lô dữ liệu nào. Nạp tệp ở trang Tải dữ liệu lên.")
    st.stop()
st.dataframe(
    batches[
        [
            "batch_id",
            "loaded_at",
            "loaded_by",
            "file_name",
            "unit_name",
            "sender_name",
            "received_on",
            "n_values",
            "n_warnings",
            "status",
            "note",
        ]
    ],
    column_config={
        "batch_id": st.column_config.NumberColumn("Lô", format="%d"),
        "loaded_at": st.column_config.DatetimeColumn("Thời điểm nạp", format="DD/MM/YYYY HH:mm"),
        "loaded_by": "Người nạp",
        "file_name": "Tệp",
        "unit_name": "Đơn vị trong tệp",
        "sender_name": "Bên gửi",
        "received_on": st.column_config.DateColumn("Ngày nhận", format="DD/MM/YYYY"),
        "n_values": st.column_config.NumberColumn("Số giá trị", format="localized"),
        "n_warnings": st.column_config.NumberColumn("Cảnh báo", format="%d"),
        "status": "Trạng thái",
        "note": "Ghi chú",
    },
    hide_index=True,
    width="stretch",
)

st.subheader("Một lô")
labels = {int(r.batch_id): f"Lô {r.batch_id} · {r.file_name} · {r.status}" for r in batches.itertuples()}
batch_id = st.selectbox("Chọn lô", list(labels), format_func=labels.__getitem__, key="history_batch")
row = batches[batches["batch_id"] == batch_id].iloc[0]
if row["has_file"]:
    st.download_button(  # the archived bytes are read only when the button is clicked
        "Tải tệp gốc",
        lambda: download_original(data.db_path(), int(batch_id)),
        file_name=str(row["file_name"]),
        icon=":material/download:",
        on_click="ignore",
        key="history_original",
    )
else:
    st.caption("Lô này được nạp trước khi hệ thống lưu tệp gốc.")
if row["status"] == "Đang dùng":
    with st.form("rollback_form"):
        st.write(f"Hoàn tác **lô {batch_id}** ({markdown_escape(row['file_name'])}, {row['n_values']} giá trị)?")
        reason = st.text_input("Lý do hoàn tác")
        sure = st.checkbox("Tôi hiểu rằng các giá trị của lô này sẽ không còn được dùng.")
        submitted = st.form_submit_button("Hoàn tác lô", type="primary", icon=":material/undo:")
    if submitted:
        if not sure:
            st.error("Đánh dấu ô xác nhận trước khi hoàn tác.")
        else:
            try:
                name = rollback(data.db_path(), int(batch_id), user.name, reason)
            except RollbackError as exc:
                st.error(markdown_escape(exc))
            else:
                st.session_state["rollback_result"] = [f"Đã hoàn tác lô {batch_id} ({markdown_escape(name)})."]
                st.rerun()
else:
    by = markdown_escape(row["rolled_back_by"])
    st.info(f"Lô này đã được hoàn tác lúc {row['rolled_back_at']:%d/%m/%Y %H:%M} bởi {by}.")
