"""Hostile files and large CSVs: `python -m bench.hostile [--rows N] [--out DIR]`.

1. Every file of the hostile corpus (tests/hostile.py) checked with the production limits: the
   time of ``load_content(dry_run=True)`` and the peak memory of the reading worker while it read
   that file (VmHWM of the worker, reset before each file through /proc/PID/clear_refs) and the
   high-water mark of this process so far (the rest of the check: resolve, validate; and, for a
   load, DuckDB's write).
2. A long CSV of N rows (default 100,000: unit code, indicator code, school year, value) for a
   registry of 300 districts: checked (dry run) and loaded, with the same measurements. The load
   average before and after is recorded: on a shared machine it explains most of the spread.

Nothing is asserted; the Markdown tables go to BENCHMARKS.md, the raw numbers to
bench/out/hostile.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.run import machine_info
from etl.load.pipeline import load_content
from etl.reading import worker as worker_module
from etl.reading.worker import ReadingWorker
from etl.reference.init_store import init_store
from store import open_reader

ROOT = Path(__file__).resolve().parent.parent
N_DISTRICTS = 300


def _kib(pid: int | str, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(worker: ReadingWorker, content: bytes, name: str, db: Path, dry_run: bool = True) -> dict[str, Any]:
    """One check (or load) of one file; the worker's peak is reset first so it is this file's."""
    if worker.pid is None:
        worker.read(b"a,b\n1,2\n", "warm.csv")  # start it: the spawn is not the file's cost
    pid = worker.pid
    assert pid is not None
    Path(f"/proc/{pid}/clear_refs").write_text("5")
    base_rss = _kib(pid, "VmRSS") / 1024
    started = time.perf_counter()
    report = load_content(content, name, db, dry_run=dry_run)
    seconds = time.perf_counter() - started
    died = worker.pid != pid
    worker_peak = None if died else _kib(pid, "VmHWM") / 1024
    return {
        "file": name,
        "bytes": len(content),
        "status": report.status,
        "codes": sorted({i.code for i in report.issues if i.severity == "error"})[:3],
        "seconds": round(seconds, 3),
        "worker_peak_mb": None if worker_peak is None else round(worker_peak, 1),
        "worker_idle_mb": round(base_rss, 1),
        "worker_died": died,
        "process_peak_mb": round(_self_peak_mb(), 1),
    }


def big_csv(n_rows: int, codes: list[str]) -> bytes:
    lines = ["Mã đơn vị,Mã chỉ tiêu,Năm học,Giá trị"]
    years = range(2013, 2024)
    per_unit = len(codes) * len(years)
    for n in range(n_rows):
        unit, rest = divmod(n, per_unit)
        code, year = codes[rest // len(years)], years[rest % len(years)]
        lines.append(f"D{unit:03d},{code},{year}-{year + 1},{1000 + unit}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv_store(directory: Path) -> tuple[Path, list[str]]:
    units = directory / "units.csv"
    lines = ["code,name,kind,parent_code,aliases,valid_from,valid_to", "P,Tỉnh Thử Nghiệm,province,,,,"]
    lines += [f"D{i:03d},Huyện Thử Nghiệm {i:03d},district,P,,," for i in range(N_DISTRICTS)]
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = directory / "csv.duckdb"
    init_store(db, units)
    con = open_reader(db)
    try:
        rows = con.execute(
            "SELECT code FROM indicators WHERE kind = 'count' AND input = 'reported' AND period_type = 'school_year' "
            "ORDER BY sort_order"
        ).fetchall()
    finally:
        con.close()
    return db, [str(r[0]) for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from tests import hostile  # the corpus generator lives with the tests that assert its outcomes

    results: dict[str, Any] = {"machine": machine_info(), "corpus": [], "csv": []}
    worker = ReadingWorker()
    worker_module._SHARED[:] = [worker]
    results["load_average_before"] = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        db, codes = _csv_store(Path(tmp))
        if not args.skip_corpus:
            demo = Path(tmp) / "demo.duckdb"  # the corpus names the demo registry's district 993
            init_store(demo)
            for case in hostile.corpus():
                results["corpus"].append(measure(worker, case.make(), case.name, demo))
        content = big_csv(args.rows, codes)
        results["csv"].append({**measure(worker, content, f"dai_{args.rows}.csv", db), "mode": "dry run"})
        results["csv"].append({**measure(worker, content, f"dai_{args.rows}.csv", db, dry_run=False), "mode": "load"})
    worker.close()
    results["load_average_after"] = os.getloadavg()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "hostile.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(_tables(results))
    return 0


def _tables(results: dict[str, Any]) -> str:
    out = [
        "| file | bytes | outcome | time (s) | worker peak (MB) | bench process peak so far (MB) |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for r in results["corpus"] + results["csv"]:
        outcome = (
            r["status"]
            + (f" ({', '.join(r['codes'])})" if r["codes"] else "")
            + (f", {r['mode']}" if "mode" in r else "")
        )
        peak = "died" if r["worker_died"] else f"{r['worker_peak_mb']:.0f}"
        out.append(
            f"| {r['file']} | {r['bytes']:,} | {outcome} | {r['seconds']:.2f} | {peak} | {r['process_peak_mb']:.0f} |"
        )
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
