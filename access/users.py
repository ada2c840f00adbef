"""Users and roles from the ``[users.<name>]`` tables of .streamlit/secrets.toml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from access.passwords import verify_password
from access.throttle import Throttle

ROLES = ("viewer", "analyst", "admin")
ROLE_LABELS_VI = {"viewer": "Người xem", "analyst": "Chuyên viên tổng hợp", "admin": "Quản trị"}


@dataclass(frozen=True)
class User:
    name: str
    role: str
    display_name: str

    def can(self, role: str) -> bool:
        return has_role(self.role, role)


@dataclass(frozen=True)
class Account:
    user: User
    password_hash: str


@dataclass(frozen=True)
class SignInResult:
    user: User | None
    message: str  # Vietnamese, shown as is; never says whether the name exists


def has_role(actual: str | None, required: str) -> bool:
    """Roles are ordered: an admin can do what an analyst can, an analyst what a viewer can."""
    if actual not in ROLES:
        return False
    return ROLES.index(actual) >= ROLES.index(required)


def normalise_name(name: str) -> str:
    return name.strip().lower()


def accounts_from_secrets(users: Mapping[str, Any]) -> dict[str, Account]:
    """Valid accounts from the secrets' users table; entries without a hash or a known role are ignored."""
    accounts = {}
    for name, entry in users.items():
        if not isinstance(entry, Mapping):
            continue
        role, password_hash = entry.get("role"), entry.get("password_hash")
        if role not in ROLES or not isinstance(password_hash, str) or not password_hash.startswith("$2"):
            continue
        key = normalise_name(str(name))
        accounts[key] = Account(User(key, str(role), str(entry.get("display_name") or name)), password_hash)
    return accounts


def sign_in(accounts: Mapping[str, Account], name: str, password: str, throttle: Throttle, now: float) -> SignInResult:
    key = normalise_name(name)
    wait = throttle.wait_seconds(key, now)
    if wait > 0:
        return SignInResult(None, f"Đăng nhập sai nhiều lần. Vui lòng thử lại sau {wait:.0f} giây.")
    account = accounts.get(key)
    if account is not None and verify_password(password, account.password_hash):
        throttle.record_success(key)
        return SignInResult(account.user, f"Xin chào {account.user.display_name}.")
    wait = throttle.record_failure(key, now)
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    if wait > 0:
        message += f" Đã sai nhiều lần: lần thử tiếp theo sau {wait:.0f} giây."
    return SignInResult(None, message)


def valid_user_name(name: str) -> bool:
    key = normalise_name(name)
    return bool(key) and key.isascii() and key.replace("_", "").replace("-", "").replace(".", "").isalnum()


def secrets_entry(name: str, role: str, display_name: str, password_hash: str) -> str:
    """The `[users.<name>]` table to paste into .streamlit/secrets.toml."""
    display = (display_name or name).replace('"', "'").replace("\\", "/")
    return (
        f'[users.{normalise_name(name)}]\npassword_hash = "{password_hash}"\nrole = "{role}"\n'
        f'display_name = "{display}"'
    )
