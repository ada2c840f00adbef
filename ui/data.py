"""Cached reads of the store for the pages.

The read-only connection is cached per snapshot of the database file, so a
page rerun after a load (which replaces the file) sees the new data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from store import StoreMissingError, fetch_df, open_reader, resolve_db_path, write_session
from store.connection import cursor, needs_migration, remove_stale_copies_if_idle, snapshot_id


def db_path() -> Path:
    return resolve_db_path()


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(path: str, snapshot: tuple[int, int]) -> duckdb.DuckDBPyConnection:
    """One reader per snapshot; the migration check runs once per snapshot, not per query."""
    _migrate_if_needed(Path(path))
    return open_reader(Path(path))


def _migrate_if_needed(path: Path) -> None:
    """At start (and per new snapshot): remove copies a killed writer left, then apply pending schema
    migrations as a snapshot write, so readers are safe. A missing store stays missing."""
    remove_stale_copies_if_idle(path)
    if path.exists() and needs_migration(path):
        with write_session(path):
            pass


def connection() -> duckdb.DuckDBPyConnection:
    """A cursor on the current snapshot (one per call: safe across sessions' threads)."""
    path = db_path()
    return cursor(_connection(str(path), snapshot_id(path)))


def current_snapshot() -> tuple[int, int]:
    path = db_path()
    if not path.exists():
        raise StoreMissingError(str(path))
    return snapshot_id(path)


@st.cache_data(max_entries=256, show_spinner=False)
def _query(name: str, params: tuple[tuple[str, Any], ...], snapshot: tuple[int, int]) -> pd.DataFrame:
    return fetch_df(connection(), name, {k: list(v) if isinstance(v, tuple) else v for k, v in params})


def query(name: str, **params: Any) -> pd.DataFrame:
    """A named query's result, cached per parameters and snapshot."""
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _query(name, frozen, current_snapshot())


def app_setting(key: str, default: str) -> str:
    """A setting changed by an admin in the app (latest value), else the default."""
    try:
        frame = query("current_settings")
    except StoreMissingError:
        return default
    match = frame.loc[frame["key"] == key, "value"]
    return str(match.iloc[0]) if not match.empty else default
