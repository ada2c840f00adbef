"""Đăng nhập: the sign-in form, or who is signed in and where to go."""

import streamlit as st

from access.users import ROLE_LABELS_VI
from ui import auth
from vocab.text import markdown_escape

st.title("Đăng nhập")
user = auth.current_user()
if user is None:
    st.caption("Chuyên viên tổng hợp và quản trị viên đăng nhập để tải dữ liệu lên, hoàn tác và theo dõi nộp báo cáo.")
    auth.sign_in_form()
else:
    st.success(f"Bạn đã đăng nhập: {markdown_escape(user.display_name)} ({ROLE_LABELS_VI[user.role]}).")
    if user.can("analyst"):
        st.page_link("pages/tai_len.py", label="Tải dữ liệu lên", icon=":material/upload_file:")
        st.page_link("pages/theo_doi.py", label="Theo dõi nộp báo cáo", icon=":material/assignment_turned_in:")
    st.page_link("pages/tong_quan.py", label="Tổng quan", icon=":material/home:")
    st.caption("Đăng nhập chỉ giữ trong phiên làm việc này: tải lại trang (F5) sẽ cần đăng nhập lại.")
