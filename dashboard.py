"""Entry point: `streamlit run dashboard.py`. Routes the pages with st.navigation.

st.navigation is called on every run before anything can stop, so the
legacy auto-discovery of pages/ never takes over.
"""

import streamlit as st

st.set_page_config(page_title="Tổng kết 10 năm NQ 29", page_icon="📊", layout="wide")

pages = [
    st.Page("pages/tong_quan.py", title="Tổng quan", icon="🏠", default=True, url_path="tong-quan"),
]
st.navigation(pages).run()
