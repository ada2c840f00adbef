"""Passwords, roles, throttling of failed sign-ins and the add-user command (no Streamlit)."""

from __future__ import annotations

import io
import tomllib

import pytest

from access.__main__ import main as access_main
from access.passwords import WeakPasswordError, hash_password, verify_password
from access.throttle import Throttle
from access.users import accounts_from_secrets, has_role, secrets_entry, sign_in

PASSWORD = "mật khẩu đúng 2023"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD, cost=4)


def test_the_right_password_verifies_and_others_do_not(password_hash: str) -> None:
    assert verify_password(PASSWORD, password_hash)
    assert not verify_password(PASSWORD + " ", password_hash)
    assert not verify_password("", password_hash)
    assert not verify_password(PASSWORD, "not-a-hash")
    assert not verify_password("x" * 100, password_hash)  # over bcrypt's 72 bytes: refused, not an exception
    assert PASSWORD not in password_hash


def test_weak_or_over_long_passwords_cannot_be_set() -> None:
    with pytest.raises(WeakPasswordError, match="ít nhất"):
        hash_password("ngắn")
    with pytest.raises(WeakPasswordError, match="72"):
        hash_password("ệ" * 30)  # 30 characters, 90 bytes in UTF-8


def test_roles_are_ordered() -> None:
    assert has_role("admin", "analyst") and has_role("analyst", "viewer") and has_role("viewer", "viewer")
    assert not has_role("viewer", "analyst") and not has_role("analyst", "admin")
    assert not has_role(None, "viewer") and not has_role("superuser", "viewer")


def test_accounts_ignore_entries_without_a_hash_or_a_known_role(password_hash: str) -> None:
    accounts = accounts_from_secrets(
        {
            "Lan": {"password_hash": password_hash, "role": "analyst", "display_name": "Nguyễn Thị Lan"},
            "nopass": {"role": "admin"},
            "plain": {"password_hash": "hunter2", "role": "admin"},
            "odd": {"password_hash": password_hash, "role": "root"},
        }
    )
    assert list(accounts) == ["lan"]
    assert accounts["lan"].user.display_name == "Nguyễn Thị Lan"


def test_sign_in_accepts_the_right_password_and_refuses_others(password_hash: str) -> None:
    accounts = accounts_from_secrets({"lan": {"password_hash": password_hash, "role": "analyst"}})
    throttle = Throttle()
    assert sign_in(accounts, " LAN ", PASSWORD, throttle, now=0).user.role == "analyst"  # type: ignore[union-attr]
    wrong = sign_in(accounts, "lan", "sai mật khẩu", throttle, now=1)
    unknown = sign_in(accounts, "ai_do", PASSWORD, throttle, now=1)
    assert wrong.user is None and unknown.user is None
    assert wrong.message == unknown.message  # does not reveal whether the name exists


def test_repeated_failures_slow_down_and_a_success_resets(password_hash: str) -> None:
    accounts = accounts_from_secrets({"lan": {"password_hash": password_hash, "role": "analyst"}})
    throttle = Throttle(free_failures=3, first_wait=2, max_wait=30)
    waits = [throttle.record_failure("lan", now=100) for _ in range(8)]
    assert waits == [0, 0, 0, 2, 4, 8, 16, 30]
    # While the wait runs, even the right password is not checked.
    locked = sign_in(accounts, "lan", PASSWORD, throttle, now=110)
    assert locked.user is None and "thử lại sau 20 giây" in locked.message
    assert sign_in(accounts, "lan", PASSWORD, throttle, now=131).user is not None
    assert throttle.wait_seconds("lan", now=131) == 0
    assert throttle.record_failure("lan", now=132) == 0  # the count started again


def test_add_user_prints_an_entry_that_parses_and_verifies(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert access_main(["add-user", "Lan", "--role", "analyst", "--display-name", 'Chị "Lan"', "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert PASSWORD not in out
    entry = tomllib.loads(out)["users"]["lan"]
    assert entry["role"] == "analyst" and entry["display_name"] == "Chị 'Lan'"
    assert verify_password(PASSWORD, entry["password_hash"])


def test_add_user_refuses_bad_names_and_weak_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert access_main(["add-user", "Lan Anh", "--role", "viewer", "--password-stdin"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert access_main(["add-user", "lan", "--role", "viewer", "--password-stdin"]) == 2


def test_secrets_entry_escapes_quotes() -> None:
    entry = tomllib.loads(secrets_entry("lan", "viewer", 'A "B" \\ C', "$2b$04$x"))
    assert entry["users"]["lan"]["display_name"] == "A 'B' / C"
