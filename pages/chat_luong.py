"""Chất lượng dữ liệu: coverage, flagged values, district sums vs province figures."""

import streamlit as st

from page_models.quality import build_quality, coverage_text
from ui import auth, data
from ui.charts import desk_and_phone
from ui.components import page_header
from ui.downloads import table_downloads
from ui.history import value_history
from ui.quality import flag_review

auth.require("viewer")

f = page_header("Chất lượng dữ liệu", "Đủ hay thiếu số liệu theo địa bàn và năm; các giá trị bị cảnh báo khi nạp.")
if f is None:
    st.stop()

view = build_quality(
    data.query("coverage", first_year=f.first_year, last_year=f.last_year),
    data.query("units"),
    data.query("catalogue"),
    data.query("flagged_values"),
    data.query("province_vs_districts"),
    f.years,
    f.round,
)
st.subheader("Mức đầy đủ số liệu (tỷ lệ chỉ tiêu có số liệu)")
desk, phone = desk_and_phone("coverage")
with desk:
    st.dataframe(
        view.coverage.rename_axis("Địa bàn"),
        column_config={
            str(y): st.column_config.ProgressColumn(str(y), format="percent", min_value=0, max_value=1)
            for y in view.coverage.columns
        },
        width="stretch",
    )
with phone:  # the shares as text in narrow columns: four or five years fit a phone's width
    st.dataframe(
        coverage_text(view.coverage),
        column_config={"_index": st.column_config.TextColumn("Địa bàn", width="small")}
        | {str(y): st.column_config.TextColumn(str(y), width=48) for y in view.coverage.columns},
        width="stretch",
    )
table_downloads(view.coverage, title="Mức đầy đủ số liệu", key="coverage")
st.subheader("Chỉ tiêu còn thiếu")
if view.missing.empty:
    st.success("Không thiếu số liệu nào trong giai đoạn đã chọn.")
else:
    st.dataframe(view.missing_table, hide_index=True, width="stretch")
    table_downloads(view.missing_table, title="Chỉ tiêu còn thiếu", key="missing", index=False)
st.subheader("Giá trị bị cảnh báo khi nạp")
if view.flagged.empty:
    st.success("Không có giá trị nào bị cảnh báo.")
else:
    st.caption(
        "Giá trị chưa được chuyên viên xác nhận được đánh dấu (!) ở mọi trang, kể cả số liệu toàn tỉnh tính từ "
        "giá trị đó, và không đưa vào bảng, biểu đồ của bộ báo cáo. Xác nhận được lưu lại (ai, khi nào, lý do), "
        "không xóa được; có thể hủy xác nhận bằng một quyết định mới."
    )
    st.dataframe(view.flagged_table, hide_index=True, width="stretch")
    table_downloads(view.flagged_table, title="Giá trị bị cảnh báo khi nạp", key="flagged", index=False)
    flag_review(view.flagged)
st.subheader("Tổng các huyện so với số tỉnh báo cáo")
if view.sums.empty:
    st.info("Chưa có chỉ tiêu nào vừa do tỉnh báo cáo vừa do các huyện báo cáo.")
else:
    st.dataframe(view.sums_table, hide_index=True, width="stretch")
    table_downloads(view.sums_table, title="Tổng các huyện so với số tỉnh", key="sums", index=False)
    st.caption(
        "Chênh lệch không hẳn là lỗi: ví dụ chi ngân sách toàn tỉnh gồm cả chi của cấp tỉnh. Tổng của một phần "
        "các huyện ghi “chưa đủ số liệu (n/m huyện)”, không so sánh."
    )
st.subheader("Lịch sử giá trị")
st.caption("Mọi lần nạp của một giá trị thuộc chỉ tiêu đang chọn ở thanh bên: tệp, ô, người nạp, thời điểm.")
all_units = data.query("units")
value_history(f.indicator_code, all_units, list(all_units["code"]), list(f.years))
