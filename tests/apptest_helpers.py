"""Running the app under Streamlit's AppTest with signed-in users (the ``users`` fixture of
tests/conftest.py): the workspace and recipe page tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access.users import User

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "mật khẩu thử 2023"
USER_NAMES = {"viewer": "xem", "analyst": "lan", "admin": "quantri"}


def app(
    db: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, dict[str, str]], role: str | None = None
) -> AppTest:
    monkeypatch.setenv("NQ29_DB", str(db))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.secrets["users"] = users
    if role is not None:
        at.session_state["nq29_user"] = User(USER_NAMES[role], role, role)
    return at.run()


def texts(at: AppTest) -> str:
    parts = [*at.info, *at.error, *at.warning, *at.success, *at.markdown, *at.caption]
    return "\n".join(str(p.value) for p in parts)
