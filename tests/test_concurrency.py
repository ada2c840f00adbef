"""The snapshot-write design (docs/decisions/0001-snapshot-writes.md): reads work
while a load runs, and a load works while another process has the store open."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

from etl.load.pipeline import load_paths
from store import open_reader, write_session
from store.connection import snapshot_id
from tests.conftest import current_values

ROOT = Path(__file__).resolve().parent.parent


def count_values(con: object) -> int:
    row = con.execute("SELECT count(*) FROM current_observations").fetchone()  # type: ignore[attr-defined]
    return int(row[0])


def test_reader_keeps_its_snapshot_and_a_new_reader_sees_the_load(
    store: Path, write_template: Callable[..., Path]
) -> None:
    before = open_reader(store)
    first_snapshot = snapshot_id(store)
    load_paths([write_template("993", {("th_hs", 2015): 9000})], store, actor="test")
    assert snapshot_id(store) != first_snapshot
    assert count_values(before) == 0  # still the old, consistent snapshot
    after = open_reader(store)
    assert count_values(after) == 1
    before.close()
    after.close()


def test_cli_load_succeeds_while_another_process_reads(store: Path, write_template: Callable[..., Path]) -> None:
    """A dashboard-like process holds a read connection open and queries throughout."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import sys, time
            from pathlib import Path
            from store import open_reader
            con = open_reader(Path({str(store)!r}))
            print("open", flush=True)
            end = time.monotonic() + 20
            while time.monotonic() < end and not sys.stdin.closed:
                con.execute("SELECT count(*) FROM indicator_values").fetchone()
                time.sleep(0.01)
        """),
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        path = write_template("993", {("th_hs", 2015): 9000})
        result = subprocess.run(
            [sys.executable, "-m", "etl", "load", str(path), "--db", str(store)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert holder.poll() is None  # the reader is still alive and was never blocked
    finally:
        holder.kill()
        holder.wait()
    assert current_values(store)[("993", "th_hs", 2015)] == 9000


def test_reads_work_while_a_write_is_in_progress(store: Path, write_template: Callable[..., Path]) -> None:
    """Another process holds the writer lock mid-transaction; this one keeps reading."""
    load_paths([write_template("993", {("th_hs", 2015): 9000})], store, actor="test")
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import time
            from pathlib import Path
            from store import write_session
            with write_session(Path({str(store)!r})) as con:
                con.execute("INSERT INTO batch_events VALUES (1, 'rolled_back', now(), 'x', NULL)")
                print("writing", flush=True)
                time.sleep(2)
        """),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
    reads = 0
    while writer.poll() is None:
        con = open_reader(store)
        assert count_values(con) in (0, 1)
        con.close()
        reads += 1
    assert writer.returncode == 0 and reads > 0
    assert count_values(open_reader(store)) == 0  # the write landed as a whole


def test_concurrent_writers_are_serialised_and_both_land(store: Path, write_template: Callable[..., Path]) -> None:
    paths = [
        write_template("993", {("th_hs", 2015): 9000}, "a.xlsx"),
        write_template("994", {("th_hs", 2015): 8000}, "b.xlsx"),
    ]
    results: list[str] = []
    threads = [
        threading.Thread(target=lambda p=p: results.extend(r.status for r in load_paths([p], store, actor="t")))
        for p in paths
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["loaded", "loaded"]
    stored = current_values(store)
    assert stored[("993", "th_hs", 2015)] == 9000 and stored[("994", "th_hs", 2015)] == 8000


def test_a_failed_write_changes_nothing_and_leaves_no_temp_file(store: Path) -> None:
    before = (snapshot_id(store), store.read_bytes())
    try:
        with write_session(store) as con:
            con.execute("INSERT INTO batch_events VALUES (1, 'rolled_back', now(), 'x', NULL)")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert (snapshot_id(store), store.read_bytes()) == before
    assert not [p for p in store.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_foreign_write_ahead_log_stops_writes(store: Path) -> None:
    import pytest

    from store import StoreWalError

    wal = store.with_name(store.name + ".wal")
    wal.write_bytes(b"left by another program")
    before = store.read_bytes()
    with pytest.raises(StoreWalError), write_session(store):
        pass
    assert store.read_bytes() == before and wal.exists()


def test_symlinked_store_is_replaced_at_its_target_and_stale_copies_go(store: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.duckdb"
    link.symlink_to(store)
    stale = store.with_name(f".{store.name}.123.deadbeef.tmp")
    stale.write_bytes(b"from a killed writer")
    store.chmod(0o640)
    with write_session(link) as con:
        con.execute("INSERT INTO store_meta VALUES ('k', 'v')")
    assert link.is_symlink() and not stale.exists()
    assert store.stat().st_mode & 0o777 == 0o640
