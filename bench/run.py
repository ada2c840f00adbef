"""Benchmarks of the store and the loader: `python -m bench.run [--quick] [--out DIR]`.

Prints Markdown tables and writes the raw results to DIR/results.json. Speed is
checked here, by measurement, never by timed assertions in the test suite.
Everything runs in one process (the concurrent writer in a second one), in
fresh temporary directories that are removed afterwards. See BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench import scenarios
from bench.fixtures import grow_store, make_demo_store, make_province_store, store_counts
from store.connection import PROJECT_ROOT

DEFAULT_OUT = Path(__file__).resolve().parent / "out"
NOTE_KEYS = (
    "db_mb",
    "rows",
    "open_reader_s",
    "queries_during_load",
    "errors_during_load",
    "snapshots_seen",
    "writer_load_s",
    "writer_peak_rss_mb",
)


@dataclass(frozen=True)
class Config:
    demo_repeats: int
    load_repeats: int
    grow_factors: tuple[int, ...]
    query_repeats: int
    districts: int
    writer_files: int


FULL = Config(
    demo_repeats=3, load_repeats=5, grow_factors=(10, 50, 200), query_repeats=20, districts=60, writer_files=5
)
QUICK = Config(demo_repeats=1, load_repeats=2, grow_factors=(10,), query_repeats=3, districts=60, writer_files=2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="Benchmarks of the store and the loader.")
    parser.add_argument("--quick", action="store_true", help="fewer repeats and sizes: a smoke run")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory for results.json")
    args = parser.parse_args(argv)
    config = QUICK if args.quick else FULL
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="nq29-bench-") as tmp:
        work = Path(tmp)
        measurements, stores = run_all(config, work)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results = {
        "meta": machine_info() | {"quick": args.quick, "config": asdict(config)},
        "stores": stores,
        "measurements": [m.summary() | {"samples_s": m.samples} for m in measurements],
        "peak_rss_mb": round(rss, 1),
        "total_s": round(time.perf_counter() - started, 1),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render(results))
    print(f"\nRaw results: {args.out / 'results.json'}")
    return 0


def run_all(config: Config, work: Path) -> tuple[list[scenarios.Measurement], dict[str, dict[str, Any]]]:
    """Build the stores, then run the scenarios; the stores are described alongside."""
    _progress("1/5 build_demo end to end")
    measurements = scenarios.build_demo_runs(work, config.demo_repeats)
    _progress("building the stores")
    base = work / "stores"
    base.mkdir()
    demo = make_demo_store(base)
    sized = {"demo (1×)": demo}
    for factor in config.grow_factors:
        sized[f"demo ×{factor}"] = grow_store(demo, base / f"demo_x{factor}.duckdb", factor)
    province = make_province_store(base, config.districts)
    province_name = f"province {config.districts} districts"
    stores = {name: describe(db) for name, db in {**sized, province_name: province}.items()}
    _progress("2/5 loading one district file per store size")
    measurements += scenarios.load_runs(sized, work, config.load_repeats)
    _progress("3/5 queries on read-only connections")
    measurements += scenarios.query_runs({**sized, province_name: province}, config.query_repeats)
    largest = list(sized)[-1]
    for name in dict.fromkeys(["demo (1×)", largest]):
        _progress(f"4/5 readers during a write ({name})")
        measurements += scenarios.concurrency_run(name, sized[name], work, config.writer_files)
    _progress("5/5 peak RSS")
    return measurements, stores


def describe(db: Path) -> dict[str, Any]:
    return store_counts(db) | {"file_mb": round(db.stat().st_size / 1e6, 2)}


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False).stdout
    except OSError:
        return ""


def machine_info() -> dict[str, Any]:
    commit = _git("rev-parse", "--short", "HEAD").strip()
    if _git("status", "--porcelain", "--untracked-files=no").strip():
        commit += " (with uncommitted changes)"
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": _cpu_count(),
        "duckdb": version("duckdb"),
        "pandas": version("pandas"),
        "openpyxl": version("openpyxl"),
        "git_commit": commit,
    }


def _cpu_count() -> int | None:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def render(results: dict[str, Any]) -> str:
    """The results as Markdown: the stores, the timings, peak memory."""
    meta = results["meta"]
    lines = [
        f"## Benchmark results ({meta['date']}, {'quick' if meta['quick'] else 'full'} run)",
        "",
        f"Python {meta['python']}, DuckDB {meta['duckdb']}, pandas {meta['pandas']}, openpyxl {meta['openpyxl']}, "
        f"{meta['cpus']} CPUs, {meta['platform']}, commit {meta['git_commit']}.",
        "",
        "| Store | Batches | Observations | Child units | File (MB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, s in results["stores"].items():
        lines.append(f"| {name} | {s['batches']} | {s['observations']} | {s['child_units']} | {s['file_mb']} |")
    lines += [
        "",
        "| Scenario | Case | n | Median (ms) | Min (ms) | Max (ms) | Notes |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for m in results["measurements"]:
        times = " | ".join(f"{m[k] * 1000:,.1f}" for k in ("median_s", "min_s", "max_s"))
        lines.append(f"| {m['scenario']} | {m['case']} | {m['n']} | {times} | {_notes(m)} |")
    lines += [
        "",
        f"Peak RSS of the benchmark process: {results['peak_rss_mb']} MB (writer process: see the"
        f" read-during-write rows). Total run time {results['total_s']} s.",
    ]
    return "\n".join(lines)


def _notes(m: dict[str, Any]) -> str:
    notes = [f"{k}={m[k]}" for k in NOTE_KEYS if k in m]
    if m.get("first_errors"):
        notes.append(f"errors: {'; '.join(m['first_errors'])}")
    return ", ".join(notes)


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
