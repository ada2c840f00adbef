"""Replacing the reference tables (catalogue, registry, targets) in one write."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

ILLUSTRATIVE_KEY = "illustrative"

REFERENCE_TABLES = (
    "resolution_tasks",
    "indicator_groups",
    "indicators",
    "indicator_aliases",
    "units",
    "unit_aliases",
    "unit_changes",
    "targets",
    "senders",
    "sender_indicators",
    "price_index",
)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert dict rows by column name with bound values."""
    if not rows:
        return
    columns = list(rows[0].keys())
    # A registered frame is orders of magnitude faster than executemany in DuckDB.
    frame = pd.DataFrame([[row[c] for c in columns] for row in rows], columns=columns, dtype=object)
    con.register("_insert_rows", frame)
    try:
        names = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM _insert_rows")
    finally:
        con.unregister("_insert_rows")


def replace_reference(
    con: duckdb.DuckDBPyConnection,
    tables: Mapping[str, Sequence[Mapping[str, Any]]],
    notes: Sequence[tuple[str, str]] = (),
) -> None:
    """Replace every reference table given; reference data is configuration,
    not reported values, so replacing it loses no data (values are kept in
    observations whatever the registry says)."""
    unknown = set(tables) - set(REFERENCE_TABLES)
    if unknown:
        raise ValueError(f"Not reference tables: {sorted(unknown)}")
    for table in REFERENCE_TABLES:
        if table in tables:
            con.execute(f"DELETE FROM {table}")
            insert_rows(con, table, tables[table])
    now = datetime.now()
    insert_rows(
        con,
        "reference_notes",
        [{"loaded_at": now, "source_file": source, "note": note} for source, note in notes],
    )


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", [key, value])
