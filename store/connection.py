"""Opening the store for reading and for writing.

DuckDB lets one process hold a database file read-write, and that holder
excludes every other process, readers included. The dashboard must keep
reading while a command-line load runs, and a load must not fail because the
dashboard is open. So (docs/decisions/0001-snapshot-writes.md):

* writers take an exclusive lock file, copy the database to a private
  temporary file, change the copy in one transaction, checkpoint it, and
  atomically rename it over the database path;
* readers attach the current file read-only from a fresh in-memory DuckDB
  instance, so they never see a half-written state and never block a writer.
  Attaching (instead of ``duckdb.connect(path)``) bypasses DuckDB's per-process
  instance cache, which would otherwise keep serving the replaced file.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from store.migrate import apply_migrations, pending_migrations
from store.refresh import mark, refresh

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "data" / "nq29.duckdb"
DB_ENV_VAR = "NQ29_DB"
READER_CATALOG = "store"
LOCK_TIMEOUT_S = 60.0


class StoreMissingError(FileNotFoundError):
    """The database file does not exist yet (run `python -m etl init` or `demo`)."""


class StoreUnreadableError(RuntimeError):
    """The database file exists but DuckDB cannot open it (damaged, truncated, not a database)."""


class StoreBusyError(TimeoutError):
    """Another writer held the store for longer than the lock timeout."""


class StoreWalError(RuntimeError):
    """A write-ahead log lies beside the store: some program opened it read-write
    outside this tool and did not close it cleanly. Copying now would lose it."""


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The database path: the --db argument, else $NQ29_DB, else data/nq29.duckdb."""
    if cli_value:
        return Path(cli_value)
    env_value = os.environ.get(DB_ENV_VAR)
    return Path(env_value) if env_value else DEFAULT_DB_PATH


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the current snapshot of the store.

    The connection keeps reading the snapshot it opened even after a writer
    replaces the file; open a new one to see newer data. Use ``cursor(con)``
    for per-thread cursors.
    """
    if not path.exists():
        raise StoreMissingError(str(path))
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH '{_sql_literal(path)}' AS {READER_CATALOG} (READ_ONLY)")
    except duckdb.Error as exc:
        con.close()
        raise StoreUnreadableError(f"{path}: {exc}") from None
    con.execute(f"USE {READER_CATALOG}")
    return con


def cursor(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor for another thread, pointed at the attached store."""
    cur = con.cursor()
    # asked on the cursor, never on ``con``: the shared connection refuses a second thread's call
    # while another runs ("connection is busy"), as 5 leaders at once met on So sánh (bench.load)
    if _is_reader(cur):
        cur.execute(f"USE {READER_CATALOG}")
    return cur


def snapshot_id(path: Path) -> tuple[int, int]:
    """Identity of the current snapshot; changes whenever a writer replaces it."""
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns)


def needs_migration(path: Path) -> bool:
    """True when the store is missing or behind the code's migrations."""
    if not path.exists():
        return True
    con = open_reader(path)
    try:
        return bool(pending_migrations(con))
    finally:
        con.close()


@contextmanager
def write_session(
    path: Path, lock_timeout_s: float = LOCK_TIMEOUT_S, *, create: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Change the store atomically: all of the block's changes land, or none.

    A missing store is created only with ``create=True`` (``etl init``): a store that
    vanished or was never set up is never replaced by an empty one behind the user's back.

    Yields a read-write connection to a private copy inside an open
    transaction, with every migration applied. On normal exit the derived
    values the block changed are refreshed, the transaction commits and the copy replaces the
    store; on an exception nothing changes.
    """
    path = path.resolve()  # a symlinked store is replaced at its target
    path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(path.with_name(path.name + ".lock"), lock_timeout_s):
        _refuse_foreign_wal(path)
        _remove_stale_copies(path)
        if not create and not path.exists():
            raise StoreMissingError(str(path))
        work = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
        if path.exists():
            shutil.copyfile(path, work)
            shutil.copymode(path, work)
        con = duckdb.connect(str(work))
        try:
            migrated = apply_migrations(con)
            con.execute("BEGIN TRANSACTION")
            start = None if migrated else mark(con)
            yield con
            refresh(con, start)  # only what the block changed (store/refresh.py)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
            con.close()
            os.replace(work, path)
            fsync_dir(path.parent)
        finally:
            con.close()
            for leftover in (work, work.with_name(work.name + ".wal")):
                leftover.unlink(missing_ok=True)


@contextmanager
def store_lock(path: Path, lock_timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the writers' lock of the store (a restore replaces the file under it)."""
    path = path.resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(path.with_name(path.name + ".lock"), lock_timeout_s):
        _refuse_foreign_wal(path)
        yield


def _refuse_foreign_wal(path: Path) -> None:
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        raise StoreWalError(str(wal))


def remove_stale_copies_if_idle(path: Path) -> int:
    """At start-up: delete the copies a killed writer left, unless a writer is at work now."""
    path = path.resolve()
    if not path.parent.is_dir():
        return 0
    try:
        with _exclusive_lock(path.with_name(path.name + ".lock"), 0.0):
            return _remove_stale_copies(path)
    except StoreBusyError:
        return 0


def _remove_stale_copies(path: Path) -> int:
    """Copies left by a writer that was killed; safe to delete while we hold the lock."""
    stale_copies = list(path.parent.glob(f".{path.name}.*.tmp*"))
    for stale in stale_copies:
        stale.unlink(missing_ok=True)
    return len(stale_copies)


@contextmanager
def _exclusive_lock(lock_path: Path, timeout_s: float) -> Iterator[None]:
    deadline = time.monotonic() + timeout_s
    with open(lock_path, "a+") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreBusyError(str(lock_path)) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _is_reader(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT count(*) FROM duckdb_databases() WHERE database_name = ?", [READER_CATALOG]).fetchone()
    return bool(row and row[0])


def _sql_literal(path: Path) -> str:
    return str(path).replace("'", "''")
