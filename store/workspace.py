"""Reporting rounds and settings: append-only versions, the latest one wins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import duckdb


def add_missing_rounds(con: duckdb.DuckDBPyConnection, rounds: Sequence[Mapping[str, Any]], actor: str) -> None:
    """Seed rounds that the store does not know yet; admins' later versions are kept."""
    known = {row[0] for row in con.execute("SELECT DISTINCT round_code FROM reporting_rounds").fetchall()}
    for r in rounds:
        if r["code"] not in known:
            save_round(con, r["code"], r["name"], r["deadline"], r["first_year"], r["last_year"], actor)


def save_round(
    con: duckdb.DuckDBPyConnection,
    code: str,
    name: str,
    deadline: date,
    first_year: int,
    last_year: int,
    actor: str,
) -> int:
    """Record a new version of a round (a new round starts at version 1); returns the version."""
    if first_year > last_year:
        raise ValueError("Năm đầu phải không lớn hơn năm cuối.")
    row = con.execute(
        "SELECT coalesce(max(version), 0) + 1 FROM reporting_rounds WHERE round_code = ?", [code]
    ).fetchone()
    version = int(row[0]) if row else 1
    con.execute(
        "INSERT INTO reporting_rounds VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [code, version, name, deadline, first_year, last_year, actor, datetime.now()],
    )
    return version


def save_setting(con: duckdb.DuckDBPyConnection, key: str, value: str, actor: str) -> None:
    con.execute("INSERT INTO app_settings VALUES (?, ?, ?, ?)", [key, value, actor, datetime.now()])
