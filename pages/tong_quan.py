"""Tổng quan: what the store holds and the key indicators, baseline vs latest."""

import streamlit as st

from analysis.headlines import HEADLINE_INDICATORS, headline_table
from store import StoreMissingError
from ui import data
from ui.format import format_change, format_value, period_label

st.title("Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW")
st.caption("Đổi mới căn bản, toàn diện giáo dục và đào tạo (Nghị quyết 29-NQ/TW ngày 04/11/2013), giai đoạn 2013–2023")

try:
    summary = data.query("store_summary").iloc[0]
except StoreMissingError:
    st.error("Chưa có cơ sở dữ liệu. Chạy `make run` (tự tạo dữ liệu minh họa) hoặc `python -m etl init`.")
    st.stop()

if summary["illustrative"]:
    st.warning(
        "**Dữ liệu minh họa.** Tỉnh Sơn Hà và mọi số liệu ở đây là giả định, chỉ dùng để trình diễn "
        "công cụ; không phản ánh địa phương thực nào.",
        icon="⚠️",
    )

cols = st.columns(4)
cols[0].metric("Địa bàn", f"{summary['province_name']}", help="Tỉnh đang hiển thị")
cols[1].metric("Số huyện, thị xã, thành phố", int(summary["n_districts"]))
cols[2].metric("Giá trị số liệu", format_value(float(summary["n_values"]), ""))
cols[3].metric("Lô dữ liệu đã nạp", int(summary["n_batches"]))

if summary["n_values"] == 0:
    st.info("Chưa có số liệu. Nạp tệp bằng lệnh `python -m etl load TỆP.xlsx`.")
    st.stop()

baseline, latest = int(summary["first_year"]), int(summary["last_year"])
values = data.query(
    "headline_values",
    unit_code=str(summary["province_code"]),
    indicator_codes=list(HEADLINE_INDICATORS),
    baseline_year=baseline,
    latest_year=latest,
)
table = headline_table(values, baseline, latest)

st.subheader("Chỉ tiêu chủ yếu toàn tỉnh: năm đầu và năm cuối kỳ tổng kết")
st.dataframe(
    table.assign(
        period=[
            period_label(b, la, pt)
            for b, la, pt in zip(table["base_year"], table["latest_year"], table["period_type"], strict=True)
        ],
        base=[format_value(v, u) for v, u in zip(table["base_value"], table["unit"], strict=True)],
        latest=[format_value(v, u) for v, u in zip(table["latest_value"], table["unit"], strict=True)],
        change=[format_change(v, u) for v, u in zip(table["abs_change"], table["unit"], strict=True)],
        note=[
            f"Đổi cách tính từ {y}: so sánh thận trọng" if b else ""
            for b, y in zip(table["crosses_break"], table["break_year"], strict=True)
        ],
    )[["name_vi", "period", "base", "latest", "change", "trend", "note"]],
    column_config={
        "name_vi": "Chỉ tiêu",
        "period": "Kỳ so sánh",
        "base": "Năm đầu",
        "latest": "Năm cuối",
        "change": "Thay đổi",
        "trend": "Xu hướng",
        "note": "Ghi chú",
    },
    hide_index=True,
    width="stretch",
)
st.caption(
    "Giá trị toàn tỉnh: số tỉnh báo cáo nếu có, nếu không là tổng hợp các huyện "
    "(tỷ lệ tính từ tổng tử số / tổng mẫu số). "
    f"Cơ sở dữ liệu: `{data.db_path().name}`; lần nạp gần nhất {summary['last_loaded_at']:%d/%m/%Y %H:%M}."
)
