"""Entry point: `streamlit run dashboard.py`. Routes the pages with st.navigation.

st.navigation is called on every run before anything can stop, so the legacy
auto-discovery of pages/ never takes over; the sidebar filters live here so
they persist across pages and in the URL.
"""

import streamlit as st

from ui.filters import render_sidebar

st.set_page_config(page_title="Tổng kết 10 năm NQ 29", page_icon="📊", layout="wide")

PAGES = [
    st.Page("pages/tong_quan.py", title="Tổng quan", icon="🏠", default=True, url_path="tong-quan"),
]
page = st.navigation(PAGES)
render_sidebar()
page.run()
