"""Reporting rounds and settings: append-only versions, the latest one wins."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import duckdb

ROUND_OPTIONS = ("baseline_year", "as_of", "deadline_inclusive", "school_year_deadline")


def add_missing_rounds(con: duckdb.DuckDBPyConnection, rounds: Sequence[Mapping[str, Any]], actor: str) -> None:
    """Seed rounds that the store does not know yet; admins' later versions are kept.

    (A round seeded before migration 0009 reads its new settings as their defaults: no earlier
    baseline, as of the deadline, the literal deadline, "đến năm N" = the school year ending in N.)
    """
    known = {row[0] for row in con.execute("SELECT DISTINCT round_code FROM reporting_rounds").fetchall()}
    for r in rounds:
        if r["code"] not in known:
            options = {k: r[k] for k in ROUND_OPTIONS if k in r}
            save_round(con, r["code"], r["name"], r["deadline"], r["first_year"], r["last_year"], actor, **options)


def save_round(
    con: duckdb.DuckDBPyConnection,
    code: str,
    name: str,
    deadline: date,
    first_year: int,
    last_year: int,
    actor: str,
    *,
    baseline_year: int | None = None,
    as_of: date | None = None,
    deadline_inclusive: bool = False,
    school_year_deadline: str = "ending",
) -> int:
    """Record a new version of a round (a new round starts at version 1); returns the version."""
    if first_year > last_year:
        raise ValueError("Năm đầu phải không lớn hơn năm cuối.")
    if baseline_year is not None and baseline_year > first_year:
        raise ValueError("Năm gốc phải không sau năm đầu của đợt.")
    row = con.execute(
        "SELECT coalesce(max(version), 0) + 1 FROM reporting_rounds WHERE round_code = ?", [code]
    ).fetchone()
    version = int(row[0]) if row else 1
    con.execute(
        "INSERT INTO reporting_rounds (round_code, version, name, deadline, first_year, last_year, set_by, set_at, "
        "baseline_year, as_of, deadline_inclusive, school_year_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            code,
            version,
            name,
            deadline,
            first_year,
            last_year,
            actor,
            datetime.now(),
            baseline_year,
            as_of,
            deadline_inclusive,
            school_year_deadline,
        ],
    )
    return version


def save_setting(con: duckdb.DuckDBPyConnection, key: str, value: str, actor: str) -> None:
    con.execute("INSERT INTO app_settings VALUES (?, ?, ?, ?)", [key, value, actor, datetime.now()])


def record_acceptance(
    con: duckdb.DuckDBPyConnection,
    key: Mapping[str, Any],
    decision: str,
    actor: str,
    note: str | None = None,
) -> None:
    """An analyst's decision (accepted | revoked) on a flagged value: batch_id, unit_code, indicator_code,
    year. Append-only; the latest decision for the batch's value wins (view latest_acceptances)."""
    con.execute(
        "INSERT INTO value_acceptances VALUES (nextval('acceptance_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            int(key["batch_id"]),
            str(key["unit_code"]),
            str(key["indicator_code"]),
            int(key["year"]),
            decision,
            note or None,
            actor,
            datetime.now(),
        ],
    )
