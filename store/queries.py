"""Named SQL: one statement per file in store/queries/, parameters always bound."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

QUERIES_DIR = Path(__file__).resolve().parent / "queries"


@cache
def load_sql(name: str) -> str:
    """The text of store/queries/<name>.sql."""
    path = QUERIES_DIR / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"No named query {name!r} in {QUERIES_DIR}")
    return path.read_text(encoding="utf-8")


def fetch_df(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """Run a named query with bound $parameters and return a DataFrame."""
    return con.execute(load_sql(name), params or {}).df()


def fetch_rows(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    return con.execute(load_sql(name), params or {}).fetchall()
