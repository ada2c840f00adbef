"""bcrypt password hashes. No plain-text password is ever stored or logged."""

from __future__ import annotations

import bcrypt

MAX_PASSWORD_BYTES = 72  # bcrypt ignores (bcrypt 5 refuses) anything longer
MIN_PASSWORD_CHARS = 10
COST = 12  # about 0.2 s per check: cheap for a person, expensive for guessing


class WeakPasswordError(ValueError):
    """The password cannot be used (message in Vietnamese)."""


def hash_password(password: str, cost: int = COST) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise WeakPasswordError(f"Mật khẩu cần ít nhất {MIN_PASSWORD_CHARS} ký tự.")
    encoded = password.encode("utf-8")
    if len(encoded) > MAX_PASSWORD_BYTES:
        raise WeakPasswordError(f"Mật khẩu dài quá {MAX_PASSWORD_BYTES} byte (chữ có dấu tính 2–3 byte).")
    return bcrypt.hashpw(encoded, bcrypt.gensalt(rounds=cost)).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    """True only for the right password; a malformed hash or an over-long password is just a refusal."""
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return False
