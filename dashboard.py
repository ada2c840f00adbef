"""Entry point: `streamlit run dashboard.py`. Routes the pages with st.navigation.

Fail closed: st.navigation is called on every run before anything can stop or
fail, with every page registered (so the legacy auto-discovery of pages/ never
takes over and deep links resolve); pages the user may not open are hidden
from the menu, and each restricted page checks the role itself at its top.
The sidebar filters live here so they persist across pages and in the URL.
"""

from pathlib import Path

import streamlit as st

from ui import auth
from ui.filters import render_sidebar

# A file, not a ":material/…" icon: Streamlit fetches those favicons from fonts.gstatic.com (no network here).
ICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"
st.set_page_config(page_title="Tổng kết 10 năm NQ 29", page_icon=str(ICON), layout="wide")


def _visibility(role: str) -> str:
    try:
        return "visible" if auth.can(role) else "hidden"
    except Exception:  # whatever fails here must not stop st.navigation: hide, the page checks again
        return "hidden"


view, work, admin = _visibility("viewer"), _visibility("analyst"), _visibility("admin")
PAGES = {
    "Số liệu": [
        st.Page("pages/tong_quan.py", title="Tổng quan", icon=":material/home:", default=True, visibility=view),
        st.Page(
            "pages/xu_huong.py", title="Xu hướng", icon=":material/show_chart:", url_path="xu-huong", visibility=view
        ),
        st.Page(
            "pages/so_sanh.py",
            title="So sánh địa bàn",
            icon=":material/bar_chart:",
            url_path="so-sanh",
            visibility=view,
        ),
        st.Page("pages/ban_do.py", title="Bản đồ", icon=":material/map:", url_path="ban-do", visibility=view),
        st.Page(
            "pages/danh_gia.py",
            title="Đánh giá kết quả – hạn chế",
            icon=":material/fact_check:",
            url_path="danh-gia",
            visibility=view,
        ),
        st.Page(
            "pages/chat_luong.py",
            title="Chất lượng dữ liệu",
            icon=":material/rule:",
            url_path="chat-luong",
            visibility=view,
        ),
        st.Page(
            "pages/y_kien.py",
            title="Ý kiến",
            icon=":material/forum:",
            url_path="y-kien",
            visibility=view,
        ),
        st.Page(
            "pages/nguyen_nhan.py",
            title="Nguyên nhân và sự kiện",
            icon=":material/lightbulb:",
            url_path="nguyen-nhan",
            visibility=view,
        ),
        st.Page(
            "pages/khen_thuong.py",
            title="Khen thưởng",
            icon=":material/military_tech:",
            url_path="khen-thuong",
            visibility=view,
        ),
        st.Page(
            "pages/danh_muc.py",
            title="Danh mục chỉ tiêu",
            icon=":material/menu_book:",
            url_path="danh-muc",
            visibility=view,
        ),
    ],
    "Báo cáo": [
        st.Page(
            "pages/xuat_bao_cao.py",
            title="Xuất báo cáo",
            icon=":material/description:",
            url_path="xuat-bao-cao",
            visibility=view,
        ),
    ],
    "Nghiệp vụ": [
        st.Page(
            "pages/tai_len.py",
            title="Tải dữ liệu lên",
            icon=":material/upload_file:",
            url_path="tai-len",
            visibility=work,
        ),
        st.Page(
            "pages/lich_su.py", title="Lịch sử nạp", icon=":material/history:", url_path="lich-su", visibility=work
        ),
        st.Page(
            "pages/cau_tra_loi.py",
            title="Câu trả lời đã lưu",
            icon=":material/bookmarks:",
            url_path="cau-tra-loi",
            visibility=work,
        ),
        st.Page(
            "pages/theo_doi.py",
            title="Theo dõi nộp báo cáo",
            icon=":material/assignment_turned_in:",
            url_path="theo-doi",
            visibility=work,
        ),
        st.Page(
            "pages/quan_tri.py",
            title="Quản trị",
            icon=":material/admin_panel_settings:",
            url_path="quan-tri",
            visibility=admin,
        ),
        st.Page(
            "pages/dang_nhap.py", title="Đăng nhập", icon=":material/login:", url_path="dang-nhap", visibility="hidden"
        ),
    ],
}
page = st.navigation(PAGES, expanded=True)  # every page listed: no "View more" fold
if view == "visible":
    render_sidebar()
auth.sidebar_account()
page.run()
