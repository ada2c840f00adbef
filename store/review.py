"""Versioned records (notes, policy events, nominations, answer recipes): every change is a new
version of the same id.

Plain functions to call inside ``write_session``. Nothing is updated or deleted;
a removal is a version whose status is 'withdrawn', so earlier text is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from store.reference import insert_rows

# table → (id column, id sequence)
VERSIONED = {
    "notes": ("note_id", "note_id_seq"),
    "policy_events": ("event_id", "event_id_seq"),
    "nominations": ("nomination_id", "nomination_id_seq"),
    "recipes": ("recipe_id", "recipe_id_seq"),
    "survey_themes": ("theme_id", "survey_theme_id_seq"),
    "survey_quotes": ("quote_id", "survey_quote_id_seq"),
}


def save_version(
    con: duckdb.DuckDBPyConnection,
    table: str,
    fields: Mapping[str, Any],
    author: str,
    record_id: int | None = None,
) -> tuple[int, int]:
    """Insert a new version (a new record when ``record_id`` is None); returns (id, version)."""
    id_column, sequence = VERSIONED[table]
    if record_id is None:
        record_id, version = int(con.execute(f"SELECT nextval('{sequence}')").fetchall()[0][0]), 1
    else:
        latest = con.execute(
            f"SELECT coalesce(max(version), 0) FROM {table} WHERE {id_column} = ?", [record_id]
        ).fetchall()[0][0]
        if not latest:
            raise KeyError(f"{table}: no record {record_id}")
        version = int(latest) + 1
    insert_rows(
        con,
        table,
        [{id_column: record_id, "version": version, **fields, "author": author, "written_at": datetime.now()}],
    )
    return record_id, version


def withdraw(
    con: duckdb.DuckDBPyConnection,
    table: str,
    record_id: int,
    author: str,
    changes: Mapping[str, Any] | None = None,
) -> int:
    """A new version identical to the latest (but for ``changes``) and withdrawn; returns its number."""
    id_column, _ = VERSIONED[table]
    latest = con.execute(
        f"SELECT * EXCLUDE ({id_column}, version, author, written_at) FROM {table} "
        f"WHERE {id_column} = ? ORDER BY version DESC LIMIT 1",
        [record_id],
    ).df()
    if latest.empty:
        raise KeyError(f"{table}: no record {record_id}")
    fields = {str(k): (None if _is_missing(v) else v) for k, v in latest.iloc[0].to_dict().items()}
    fields |= {**(changes or {}), "status": "withdrawn"}
    return save_version(con, table, fields, author, record_id)[1]


def _is_missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
