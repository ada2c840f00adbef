"""Many sessions read one cached connection at once (each through its own cursor)."""

from __future__ import annotations

import threading
from pathlib import Path

from store import fetch_df, open_reader
from store.connection import cursor


def test_cursors_from_many_threads_never_meet_a_busy_shared_connection(demo_store: Path) -> None:
    """``cursor`` once asked the shared connection whether it reads the store; a second thread's call
    while another ran raised "connection is busy with another call" (met by bench.load)."""
    con = open_reader(demo_store)
    errors: list[BaseException] = []
    counts: list[int] = []
    start = threading.Barrier(8)

    def session() -> None:
        try:
            start.wait()
            for _ in range(25):
                cur = cursor(con)
                try:
                    counts.append(len(fetch_df(cur, "catalogue")))
                finally:
                    cur.close()
        except BaseException as exc:  # collected: the assertion below names it
            errors.append(exc)

    threads = [threading.Thread(target=session) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    con.close()
    assert errors == []
    assert len(counts) == 8 * 25 and len(set(counts)) == 1 and counts[0] > 0
