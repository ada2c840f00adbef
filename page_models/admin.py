"""Quản trị: account list, new-user entries, round versions and settings (plain functions)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from access.passwords import WeakPasswordError, hash_password
from access.users import ROLE_LABELS_VI, Account, normalise_name, secrets_entry, valid_user_name
from store import write_session
from store.workspace import save_round, save_setting


def account_rows(accounts: Mapping[str, Account]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"Tên đăng nhập": a.user.name, "Tên hiển thị": a.user.display_name, "Vai trò": ROLE_LABELS_VI[a.user.role]}
            for a in accounts.values()
        ],
        columns=["Tên đăng nhập", "Tên hiển thị", "Vai trò"],
    )


def user_entry(name: str, role: str, display_name: str, password: str) -> tuple[str, str | None]:
    """The secrets.toml entry for a new user, or an error message (Vietnamese)."""
    if not valid_user_name(name):
        return "", "Tên đăng nhập chỉ gồm chữ không dấu, số, '.', '-' hoặc '_'."
    try:
        password_hash = hash_password(password)
    except WeakPasswordError as exc:
        return "", str(exc)
    return secrets_entry(name, role, display_name, password_hash), None


def save_round_version(
    db_path: Path,
    code: str,
    name: str,
    deadline: date,
    first_year: int,
    last_year: int,
    actor: str,
    **options: Any,
) -> tuple[bool, str]:
    """Save a new version of a round; (saved, Vietnamese message). ``options``: baseline_year, as_of,
    deadline_inclusive, school_year_deadline (store.workspace.save_round)."""
    code = normalise_name(code).replace(" ", "_")
    if not valid_user_name(code) or not name.strip():
        return False, "Cần mã đợt (chữ không dấu, số, '_') và tên đợt."
    try:
        with write_session(db_path) as con:
            version = save_round(con, code, name.strip(), deadline, first_year, last_year, actor, **options)
    except ValueError as exc:
        return False, str(exc)
    return True, f"Đã lưu đợt {name} (phiên bản {version}); các phiên bản trước vẫn được giữ."


def save_settings(db_path: Path, values: Mapping[str, str], actor: str) -> None:
    with write_session(db_path) as con:
        for key, value in values.items():
            save_setting(con, key, value, actor)
