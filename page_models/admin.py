"""Quản trị: account list, new-user entries, round versions, settings and backups (plain functions)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from access.passwords import WeakPasswordError, hash_password
from access.users import ROLE_LABELS_VI, Account, normalise_name, secrets_entry, valid_user_name
from etl import settings
from store import write_session
from store.backup import BackupError, create_backup, default_backup_dir, list_backups
from store.workspace import save_round, save_setting
from vocab.display import format_count, format_plain


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


def backup_summary(db_path: Path) -> str:
    """The last backup in the default folder, in a sentence (Vietnamese)."""
    folder = default_backup_dir(db_path)
    backups = list_backups(folder) if folder.is_dir() else []
    if not backups:
        return f"Chưa có bản sao lưu nào trong thư mục `{folder}`."
    path, manifest = backups[0]
    when = datetime.fromisoformat(manifest.created_at)
    return (
        f"Bản sao lưu gần nhất: **{when:%d/%m/%Y %H:%M}** ({format_count(manifest.n_batches)} lô, "
        f"{format_count(manifest.n_values)} giá trị đang dùng, {format_plain(manifest.size_bytes / 1e6, 1)} MB), "
        f"tệp `{path}`. Thư mục giữ {format_count(len(backups))} bản; tối đa {backup_keep_text()}."
    )


def backup_keep_text() -> str:
    keep = int(settings.get("backup_keep"))
    return "không giới hạn" if keep <= 0 else f"{format_count(keep)} bản mới nhất"


def start_backup(db_path: Path) -> tuple[bool, str]:
    """Back the store up now (safe while others read and load); (done, Vietnamese message)."""
    try:
        path, manifest = create_backup(db_path, keep=int(settings.get("backup_keep")))
    except BackupError as exc:
        return False, str(exc)
    return True, f"Đã sao lưu: `{path.name}` ({format_count(manifest.n_values)} giá trị đang dùng)."


def restore_instructions(db_path: Path) -> str:
    """How to restore (command line only, on the server), as Markdown."""
    folder = default_backup_dir(db_path)
    return (
        "Khôi phục chỉ làm trên máy chủ, bằng dòng lệnh (không làm trên trang này). Lệnh kiểm tra mã SHA-256 "
        "và phiên bản cấu trúc trước; tệp hỏng hoặc của phiên bản mới hơn bị từ chối và không thay đổi gì. "
        "Cơ sở dữ liệu đang dùng được giữ lại với tên có thời điểm (`….replaced-YYYYMMDD-HHMMSS`).\n\n"
        f"```bash\n.venv/bin/python -m etl restore {folder}/nq29-YYYYMMDD-HHMMSS.duckdb --check-only\n"
        f".venv/bin/python -m etl restore {folder}/nq29-YYYYMMDD-HHMMSS.duckdb --db {db_path}\n```"
    )
