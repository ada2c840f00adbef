"""Small shared pieces of page layout."""

from __future__ import annotations

import streamlit as st

from page_models.common import Selection
from store import StoreUnreadableError
from ui import data
from ui.charts import desk_and_phone, responsive_css
from ui.filters import current

ILLUSTRATIVE_NOTICE = (
    "**Dữ liệu minh họa.** Tỉnh Sơn Hà và mọi số liệu ở đây là giả định, chỉ dùng để trình diễn "
    "công cụ; không phản ánh địa phương thực nào."
)
UNREADABLE_STORE = (
    "Không mở được cơ sở dữ liệu (tệp bị hỏng hoặc không phải cơ sở dữ liệu); chưa thay đổi gì. "
    "Người quản trị khôi phục bản sao lưu gần nhất trên máy chủ: `python -m etl restore TỆP_SAO_LƯU` "
    "(hướng dẫn: docs/operations.md)."
)
ILLUSTRATIVE_SHORT = "**Dữ liệu minh họa**: tỉnh và số liệu giả định."


def page_header(title: str, caption: str | None = None, needs_values: bool = True) -> Selection | None:
    """Title, the illustrative-data notice, and the filters; None (after a clear
    message) when there is nothing to show yet."""
    responsive_css()  # desk/phone variants, and a phone's smaller page title
    st.title(title)
    if caption:
        st.caption(caption)
    try:
        summary = data.query("store_summary").iloc[0]
    except data.StoreMissingError:
        st.error("Chưa có cơ sở dữ liệu. Chạy `make run` (tự tạo dữ liệu minh họa) hoặc `python -m etl init`.")
        return None
    except StoreUnreadableError:
        st.error(UNREADABLE_STORE)
        return None
    if summary["illustrative"]:
        desk, phone = desk_and_phone("illustrative_notice")
        desk.warning(ILLUSTRATIVE_NOTICE, icon=":material/warning:")
        phone.warning(ILLUSTRATIVE_SHORT, icon=":material/warning:")  # a phone's first screen is for the figures
    filters = current()
    if filters is None or (needs_values and not summary["n_values"]):
        st.info("Chưa có số liệu. Nạp tệp Excel bằng lệnh `python -m etl load TỆP.xlsx` rồi tải lại trang.")
        return None
    return filters
