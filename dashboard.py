"""Entry point: `streamlit run dashboard.py`. Routes the pages with st.navigation.

st.navigation is called on every run before anything can stop, so the legacy
auto-discovery of pages/ never takes over; the sidebar filters live here so
they persist across pages and in the URL.
"""

import streamlit as st

from ui.filters import render_sidebar

st.set_page_config(page_title="Tổng kết 10 năm NQ 29", page_icon=":material/bar_chart:", layout="wide")

PAGES = [
    st.Page("pages/tong_quan.py", title="Tổng quan", icon=":material/home:", default=True),
    st.Page("pages/xu_huong.py", title="Xu hướng", icon=":material/show_chart:", url_path="xu-huong"),
    st.Page("pages/so_sanh.py", title="So sánh địa bàn", icon=":material/bar_chart:", url_path="so-sanh"),
    st.Page("pages/danh_gia.py", title="Đánh giá kết quả – hạn chế", icon=":material/fact_check:", url_path="danh-gia"),
    st.Page("pages/chat_luong.py", title="Chất lượng dữ liệu", icon=":material/rule:", url_path="chat-luong"),
    st.Page("pages/danh_muc.py", title="Danh mục chỉ tiêu", icon=":material/menu_book:", url_path="danh-muc"),
    st.Page("pages/xuat_bao_cao.py", title="Xuất báo cáo", icon=":material/description:", url_path="xuat-bao-cao"),
]
page = st.navigation(PAGES)
render_sidebar()
page.run()
