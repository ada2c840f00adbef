"""Hook for the analysts' notes on causes ("nguyên nhân"), shown under the findings.

A later issue adds the notes table. Until then the store has none and the
findings say nothing about notes. The expected shape, read by
store/queries/analyst_notes.sql, is a table ``analyst_notes`` with at least
``indicator_code`` and ``note`` (one row per note, several per indicator allowed).
"""

from __future__ import annotations

import duckdb

from store import fetch_df, fetch_rows

__all__ = ["NOTES_TABLE", "analyst_notes"]

NOTES_TABLE = "analyst_notes"

Notes = dict[str, list[str]]


def analyst_notes(con: duckdb.DuckDBPyConnection) -> Notes:
    """indicator_code -> its notes, in stored order; {} when the store has no notes table."""
    [(present,)] = fetch_rows(con, "table_exists", {"table_name": NOTES_TABLE})
    if not present:
        return {}
    notes: Notes = {}
    for code, note in fetch_df(con, "analyst_notes").itertuples(index=False):
        notes.setdefault(str(code), []).append(str(note).strip())
    return notes
