"""Sign-in state for the pages. Every restricted page calls ``require`` at its top.

Fail closed: a page that is opened by its URL, or run directly (AppTest),
checks the role itself; the menu hiding pages is only a convenience.
Users come from the ``[users.<name>]`` tables of .streamlit/secrets.toml
(bcrypt hashes, made by ``python -m access add-user``); optionally an OIDC
provider through ``st.login`` when an ``[auth]`` section is configured.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import streamlit as st

from access.throttle import Throttle
from access.users import ROLE_LABELS_VI, ROLES, Account, User, accounts_from_secrets, has_role, sign_in
from ui import data
from vocab.text import markdown_escape

USER_KEY = "nq29_user"
ANONYMOUS_SETTING = "allow_anonymous_viewing"


@st.cache_resource(show_spinner=False)
def _throttle() -> Throttle:
    """One throttle per server process: failures count across sessions and browser tabs."""
    return Throttle()


def _secrets_section(name: str) -> Mapping[str, Any]:
    try:
        section = st.secrets.get(name, {})
    except Exception:  # no secrets file at all: no users, anonymous viewing only
        return {}
    return section if isinstance(section, Mapping) else {}


def current_user() -> User | None:
    """The signed-in user as the secrets describe them now: a removed account is signed out and a
    changed role applies at once, without waiting for the session to end."""
    user = st.session_state.get(USER_KEY)
    if isinstance(user, User):
        account = accounts().get(user.name)
        if account is None:
            st.session_state.pop(USER_KEY, None)
            return None
        return account.user
    return _oidc_user()


def _oidc_user() -> User | None:
    if not _secrets_section("auth"):
        return None
    info = st.user
    if not info.get("is_logged_in", False):
        return None
    email = str(info.get("email", "")).lower()
    roles = _secrets_section("access").get("oidc_roles", {})
    role = roles.get(email, "viewer") if isinstance(roles, Mapping) else "viewer"
    return User(email, role if role in ROLES else "viewer", str(info.get("name") or email))


def anonymous_viewing() -> bool:
    """Whether leaders may browse without signing in: an admin's setting, else secrets, else yes."""
    default = "1" if _secrets_section("access").get("allow_anonymous_viewing", True) else "0"
    return data.app_setting(ANONYMOUS_SETTING, default) == "1"


def can(role: str) -> bool:
    if role == "viewer" and anonymous_viewing():
        return True
    user = current_user()
    return user is not None and has_role(user.role, role)


def require(role: str) -> User | None:
    """Stop the page unless the current user has the role; offers the sign-in form when nobody is signed in."""
    if can(role):
        return current_user()
    user = current_user()
    if user is None:
        st.subheader("Đăng nhập để tiếp tục")
        st.info("Trang này chỉ dành cho người dùng đã đăng nhập." if role == "viewer" else _needs(role))
        sign_in_form()
    else:
        st.error(
            f"Tài khoản {user.display_name} ({ROLE_LABELS_VI[user.role]}) không có quyền mở trang này. {_needs(role)}"
        )
    st.stop()
    return None  # unreachable: st.stop raises


def _needs(role: str) -> str:
    return f"Cần đăng nhập với vai trò {ROLE_LABELS_VI[role]} trở lên."


def accounts() -> dict[str, Account]:
    return accounts_from_secrets(_secrets_section("users"))


def sign_in_form() -> None:
    accounts = accounts_from_secrets(_secrets_section("users"))
    if not accounts and not _secrets_section("auth"):
        st.warning(
            "Chưa có tài khoản nào. Quản trị viên tạo tài khoản bằng lệnh "
            "`python -m access add-user TEN --role analyst` và chép kết quả vào `.streamlit/secrets.toml`."
        )
        return
    if accounts:
        with st.form("dang_nhap", enter_to_submit=True):
            name = st.text_input("Tên đăng nhập", key="dang_nhap_ten")
            password = st.text_input("Mật khẩu", type="password", key="dang_nhap_mat_khau")
            submitted = st.form_submit_button("Đăng nhập", type="primary")
        if submitted:
            result = sign_in(accounts, name, password, _throttle(), time.monotonic())
            if result.user is None:
                st.error(result.message)
            else:
                st.session_state[USER_KEY] = result.user
                st.rerun()
    if _secrets_section("auth"):
        st.button("Đăng nhập bằng tài khoản của cơ quan", on_click=st.login)


def sign_out() -> None:
    st.session_state.pop(USER_KEY, None)
    if _secrets_section("auth") and st.user.get("is_logged_in", False):
        st.logout()


def sidebar_account() -> None:
    """Who is signed in, and the way in or out, at the bottom of the sidebar."""
    user = current_user()
    with st.sidebar:
        st.divider()
        if user is None:
            st.caption("Bạn đang xem với tư cách khách.")
            st.page_link("pages/dang_nhap.py", label="Đăng nhập", icon=":material/login:")
        else:
            st.caption(f"Đã đăng nhập: **{markdown_escape(user.display_name)}** · {ROLE_LABELS_VI[user.role]}")
            st.button("Đăng xuất", icon=":material/logout:", on_click=sign_out, key="dang_xuat")
