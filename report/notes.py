"""Analysts' notes on causes ("nguyên nhân"), for the findings of the report pack.

Read from the store's ``current_notes`` (migration 0007): one list per indicator
of (kind, text), the text already saying where and when the note applies.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analysis.review import NOTE_KINDS_VI
from store import fetch_df, fetch_rows

__all__ = ["Notes", "analyst_notes", "note_text"]

Notes = dict[str, list[tuple[str, str]]]


def note_text(kind: str, text: str, unit_name: object, first_year: object, last_year: object) -> str:
    """'Nguyên nhân hạn chế (Huyện Mường Khoa, 2013–2023): …'"""
    scope = [str(unit_name)] if isinstance(unit_name, str) and unit_name else []
    if pd.notna(first_year) or pd.notna(last_year):  # type: ignore[call-overload]
        first = "" if pd.isna(first_year) else str(int(first_year))  # type: ignore[call-overload]
        last = "" if pd.isna(last_year) else str(int(last_year))  # type: ignore[call-overload]
        scope.append(first if first == last else f"{first}–{last}")
    where = f" ({', '.join(scope)})" if scope else ""
    return f"{NOTE_KINDS_VI.get(kind, kind)}{where}: {text.strip()}"


def analyst_notes(con: duckdb.DuckDBPyConnection) -> Notes:
    """indicator_code -> [(kind, text)], oldest first; {} for a store without notes."""
    [(present,)] = fetch_rows(con, "table_exists", {"table_name": "notes"})
    if not present:
        return {}
    notes: Notes = {}
    for row in fetch_df(con, "analyst_notes").to_dict("records"):
        text = note_text(row["kind"], row["text"], row["unit_name"], row["first_year"], row["last_year"])
        notes.setdefault(str(row["indicator_code"]), []).append((str(row["kind"]), text))
    return notes
