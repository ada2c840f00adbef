"""Theo dõi nộp báo cáo (analysts): who has sent what for a round, derived from the batches."""

from datetime import date

import streamlit as st

from analysis.submissions import STATUS_LABELS_VI
from charts.submissions import tracker_figure
from page_models.submissions import build_tracker, rounds_from
from ui import auth, data
from ui.charts import PLOTLY_CONFIG

auth.require("analyst")
st.title("Theo dõi nộp báo cáo")
st.caption("Tự động từ các lô đã nạp: bên gửi, ngày nhận và những chỉ tiêu, năm đã có. Không cần đánh dấu tay.")
rounds = rounds_from(data.query("rounds"))
if not rounds:
    st.info("Chưa có đợt báo cáo nào. Quản trị viên tạo đợt báo cáo ở trang Quản trị.")
    st.stop()
col_round, col_date = st.columns([2, 1])
round_ = col_round.selectbox("Đợt báo cáo", rounds, format_func=lambda r: f"{r.name} (hạn {r.deadline:%d/%m/%Y})")
as_of = col_date.date_input("Tính đến ngày", value=date.today(), format="DD/MM/YYYY")
view = build_tracker(
    round_,
    data.query("submission_senders"),
    data.query("submission_expected"),
    data.query("submission_received", first_year=round_.first_year, last_year=round_.last_year),
    data.query("submission_files"),
    data.query("catalogue"),
    as_of,
)
st.caption(
    view.deadline_rule
    + " Chỉ tính những năm có thể có số liệu trước hạn (ví dụ tỷ lệ bỏ học của năm học chưa kết thúc, quyết toán "
    "ngân sách của năm chưa được phê chuẩn thì chưa phải nộp)."
    + (
        f" Không còn là bên gửi (đã sáp nhập hoặc giải thể trước năm cuối của đợt): {', '.join(view.ended)}."
        if view.ended
        else ""
    )
)
for col, status in zip(st.columns(5), STATUS_LABELS_VI, strict=True):
    col.metric(STATUS_LABELS_VI[status], view.counts.get(status, 0))
st.plotly_chart(tracker_figure(view.statuses), key="tracker_chart", config=PLOTLY_CONFIG)
st.dataframe(
    view.table,
    column_config={
        "sender": "Bên gửi",
        "kind": "Loại",
        "status": "Tình trạng",
        "share": st.column_config.ProgressColumn("Đã nhận", format="percent", min_value=0, max_value=1),
        "received": "Số liệu đã nhận",
        "completed_on": st.column_config.DateColumn("Ngày nhận đủ", format="DD/MM/YYYY"),
        "days_late": st.column_config.NumberColumn("Số ngày muộn", format="%d"),
        "missing": "Còn thiếu",
    },
    hide_index=True,
    width="stretch",
)
st.subheader("Nhắc nộp báo cáo")
if not view.reminders:
    st.success("Không có bên gửi nào còn thiếu số liệu.")
else:
    st.caption("Nội dung nhắc gợi ý cho từng bên gửi còn thiếu; sao chép vào thư điện tử hoặc văn bản đôn đốc.")
    for name, text in view.reminders:
        st.text_area(name, text, height=110, key=f"reminder_{name}")
    st.download_button(
        "Tải tất cả nội dung nhắc (.txt)",
        "\n\n".join(f"{name}\n{text}" for name, text in view.reminders).encode("utf-8-sig"),
        file_name=f"nhac_nop_{round_.code}_{as_of:%Y%m%d}.txt",
        icon=":material/download:",
        on_click="ignore",
    )
