"""The DuckDB store: migrations, named SQL, snapshot writes and read-only reads.

See docs/decisions/0001-snapshot-writes.md for why writes go to a copy that
replaces the database file atomically.
"""

from store.connection import (
    DB_ENV_VAR,
    DEFAULT_DB_PATH,
    StoreBusyError,
    StoreMissingError,
    StoreUnreadableError,
    StoreWalError,
    open_reader,
    resolve_db_path,
    write_session,
)
from store.queries import fetch_df, fetch_rows, load_sql

__all__ = [
    "DB_ENV_VAR",
    "DEFAULT_DB_PATH",
    "StoreBusyError",
    "StoreMissingError",
    "StoreUnreadableError",
    "StoreWalError",
    "fetch_df",
    "fetch_rows",
    "load_sql",
    "open_reader",
    "resolve_db_path",
    "write_session",
]
