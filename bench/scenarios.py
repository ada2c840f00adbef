"""The measurements: each returns Measurements of wall-clock seconds (time.perf_counter)."""

from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import duckdb

from bench.fixtures import district_files
from etl.demo import build_demo
from etl.demo.build import write_demo_files
from etl.load.pipeline import load_content, load_paths
from etl.reference.init_store import init_store
from store import fetch_df, open_reader, write_session

Info = dict[str, Any]
SERIES_PARAMS = {"indicator_code": "th_tl_cqg", "unit_codes": None, "first_year": 2013, "last_year": 2023}
QUERIES: dict[str, Callable[[duckdb.DuckDBPyConnection], int]] = {
    "series th_tl_cqg": lambda con: len(fetch_df(con, "series", SERIES_PARAMS)),
    "count(*) indicator_values": lambda con: int(con.execute("SELECT count(*) FROM indicator_values").fetchall()[0][0]),
}

DERIVATION: dict[str, Callable[[duckdb.DuckDBPyConnection], int]] = {
    "count(*) derived_indicator_values": lambda con: int(
        con.execute("SELECT count(*) FROM derived_indicator_values").fetchall()[0][0]
    ),
}


@dataclass
class Measurement:
    scenario: str
    case: str
    samples: list[float]
    info: Info = field(default_factory=dict)

    def summary(self) -> Info:
        stats = {"median_s": statistics.median(self.samples), "min_s": min(self.samples), "max_s": max(self.samples)}
        return {"scenario": self.scenario, "case": self.case, "n": len(self.samples), **stats, **self.info}


@contextmanager
def _timed(into: list[float]) -> Iterator[None]:
    """Append the wall-clock seconds the block took to `into`."""
    start = time.perf_counter()
    yield
    into.append(time.perf_counter() - start)


def build_demo_runs(work: Path, repeats: int) -> list[Measurement]:
    """build_demo end to end, then its three phases timed apart; a fresh temp dir per run."""
    total: list[float] = []
    phases: dict[str, list[float]] = {"init_store": [], "write 14 templates": [], "load 14 files": []}
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(dir=work) as d, _timed(total):
            build_demo(Path(d) / "demo.duckdb", Path(d) / "files")
        with tempfile.TemporaryDirectory(dir=work) as d:
            db = Path(d) / "demo.duckdb"
            with _timed(phases["init_store"]):
                init_store(db)
            with _timed(phases["write 14 templates"]):
                paths = [path for path, _ in write_demo_files(db, Path(d) / "files")]
            with _timed(phases["load 14 files"]):
                load_paths(paths, db)
    return [
        Measurement("build_demo", "end to end", total),
        *(Measurement("build_demo", f"phase: {name}", times) for name, times in phases.items()),
    ]


def load_runs(stores: dict[str, Path], work: Path, repeats: int) -> list[Measurement]:
    """One district file loaded into a fresh copy of each store, beside what the snapshot write costs."""
    files = district_files(next(iter(stores.values())), repeats + 1)
    label = "minh_hoa_994_bench.xlsx"
    out: list[Measurement] = []
    for name, db in stores.items():
        times: dict[str, list[float]] = {"load": [], "check only": [], "empty write_session": [], "file copy": []}
        for r in range(repeats):
            with tempfile.TemporaryDirectory(dir=work) as d:
                target = Path(d) / "store.duckdb"
                shutil.copyfile(db, target)
                with _timed(times["load"]):
                    report = load_content(files[r], label, target, actor="bench")
                if report.status != "loaded":
                    raise RuntimeError(f"{name}: {label} was {report.status}")
                with _timed(times["check only"]):
                    load_content(files[-1], label, target, dry_run=True)
                with _timed(times["empty write_session"]), write_session(target):
                    pass
                with _timed(times["file copy"]):
                    shutil.copyfile(target, target.with_name("copy.duckdb"))
        size_mb = round(db.stat().st_size / 1e6, 2)
        for case, samples in times.items():
            out.append(Measurement("load one district file", f"{name}: {case}", samples, {"db_mb": size_mb}))
    return out


def query_runs(stores: dict[str, Path], repeats: int) -> list[Measurement]:
    """Each query on a fresh read-only connection: the first run, then `repeats` more.

    Where the store materialises ``indicator_values`` (migration 0003), the derivation
    itself (the ``derived_indicator_values`` view, now run by writers) is timed too.
    """
    out: list[Measurement] = []
    for name, db in stores.items():
        for query, run in {**QUERIES, **(DERIVATION if _has_view(db, "derived_indicator_values") else {})}.items():
            start = time.perf_counter()
            con = open_reader(db)
            opened = time.perf_counter() - start
            try:
                start = time.perf_counter()
                rows = run(con)
                first = time.perf_counter() - start
                warm: list[float] = []
                for _ in range(repeats):
                    with _timed(warm):
                        run(con)
            finally:
                con.close()
            info = {"rows": rows, "open_reader_s": round(opened, 4)}
            out.append(Measurement("query", f"{name}: {query}, first run", [first], info))
            out.append(Measurement("query", f"{name}: {query}, repeated", warm, info))
    return out


def _has_view(db: Path, view: str) -> bool:
    con = open_reader(db)
    try:
        return bool(con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = ?", [view]).fetchall()[0][0])
    finally:
        con.close()


class _ReaderStats:
    def __init__(self) -> None:
        self.queries = 0
        self.errors: list[str] = []
        self.batch_ids: set[int] = set()


def _read_loop(db: Path, reopen: bool, stop: threading.Event, stats: _ReaderStats) -> None:
    """Alternate the two queries (plus max(batch_id) to see which snapshot was read) until stopped."""
    con = None if reopen else open_reader(db)
    while not stop.is_set():
        for run in QUERIES.values():
            current = None
            try:
                current = open_reader(db) if con is None else con
                run(current)
                stats.batch_ids.add(int(current.execute("SELECT max(batch_id) FROM batches").fetchall()[0][0]))
            except Exception as exc:  # counted, not raised: the point is to see whether any occur
                stats.errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                if reopen and current is not None:
                    current.close()
            stats.queries += 1
    if con is not None:
        con.close()


def _writer_process(db: str, paths: list[str], started: Event, results: Queue[Info]) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):  # DuckDB's progress bar would print over the parent's report; errors go to the queue
        os.dup2(devnull, fd)
    started.set()
    start = time.perf_counter()
    try:
        reports = load_paths([Path(p) for p in paths], Path(db), actor="bench")
    except Exception as exc:
        results.put({"error": f"{type(exc).__name__}: {exc}"})
        return
    results.put({"seconds": time.perf_counter() - start, "statuses": [r.status for r in reports], "rss": _vm_hwm_mb()})


def _vm_hwm_mb() -> float | None:
    """This process's peak RSS from /proc (ru_maxrss of a spawned child includes its parent's at fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def concurrency_run(name: str, db: Path, work: Path, n_files: int) -> list[Measurement]:
    """Two reader threads (one connection kept open, one reopened per query) while another
    process loads `n_files` district files into the same store one after another."""
    with tempfile.TemporaryDirectory(dir=work) as d:
        target = Path(d) / "store.duckdb"
        shutil.copyfile(db, target)
        paths = []
        for i, content in enumerate(district_files(target, n_files, first_copy=1000)):
            paths.append(Path(d) / f"minh_hoa_994_writer_{i}.xlsx")
            paths[-1].write_bytes(content)
        ctx = mp.get_context("spawn")
        started, results = ctx.Event(), ctx.Queue()
        writer = ctx.Process(target=_writer_process, args=(str(target), [str(p) for p in paths], started, results))
        stop = threading.Event()
        readers = {"kept connection": _ReaderStats(), "reopened per query": _ReaderStats()}
        threads = [
            threading.Thread(target=_read_loop, args=(target, kind == "reopened per query", stop, stats))
            for kind, stats in readers.items()
        ]
        for thread in threads:
            thread.start()
        writer.start()
        if not started.wait(timeout=300):
            raise RuntimeError("writer process did not start")
        before = {kind: (s.queries, len(s.errors)) for kind, s in readers.items()}
        start = time.perf_counter()
        outcome = results.get(timeout=600)
        window = time.perf_counter() - start
        if "error" in outcome:
            raise RuntimeError(f"writer process failed: {outcome['error']}")
        writer.join()
        after = {kind: (s.queries, len(s.errors)) for kind, s in readers.items()}
        stop.set()
        for thread in threads:
            thread.join()
    out = []
    for kind, stats in readers.items():
        info: Info = {
            "reader": kind,
            "queries_during_load": after[kind][0] - before[kind][0],
            "errors_during_load": after[kind][1] - before[kind][1],
            "errors_total": len(stats.errors),
            "first_errors": stats.errors[:3],
            "snapshots_seen": len(stats.batch_ids),
            "writer_files": n_files,
            "writer_statuses": outcome["statuses"],
            "writer_load_s": round(outcome["seconds"], 3),
            "writer_peak_rss_mb": outcome["rss"],
        }
        out.append(Measurement("read during write", f"{name}: reader {kind}", [window], info))
    return out
