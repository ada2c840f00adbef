"""Loads beside their yardsticks, in one run: `python -m bench.speed [--repeats N] [--factor F]`.

Issue 19's goals are ratios on one machine in one run, so each figure is printed beside its
yardstick with the load average of the machine:

* the demo folder (every file `build_demo` writes) loaded by `load_paths` into a fresh
  initialised store, against ten lines of pandas + openpyxl that read every sheet of the same
  files and dump it into a fresh DuckDB file (goal: ≤ 1.5×);
* one district file loaded into a store of F× the demo's batches (default 200), against the same
  file loaded into the demo store (goal: ≤ 1.2×).

Wall-clock medians of N repeats (time.perf_counter), each into a fresh copy made outside the
timed region, the two sides of a ratio alternating; nothing is asserted. Raw samples go to bench/out/speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from bench.fixtures import district_files, grow_store, make_demo_store, store_counts
from bench.run import machine_info
from etl.demo.build import write_demo_files
from etl.load.pipeline import load_content, load_paths
from etl.reference.init_store import init_store

OUT = Path(__file__).resolve().parent / "out" / "speed.json"


def pandas_dump(paths: list[Path], db: Path) -> None:
    """The yardstick: every sheet of every file read by pandas + openpyxl and stored as a table."""
    con = duckdb.connect(str(db))
    for n, path in enumerate(paths):
        for m, frame in enumerate(pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl").values()):
            con.register("sheet_frame", frame.astype(str))
            con.execute(f"CREATE TABLE t{n}_{m} AS SELECT * FROM sheet_frame")
            con.unregister("sheet_frame")
    con.close()


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _timed(run: Callable[[Path], Any], prepare: Callable[[Path], Path], work: Path, repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(dir=work) as d:
            target = prepare(Path(d))
            start = time.perf_counter()
            run(target)
            samples.append(time.perf_counter() - start)
    return samples


def demo_folder(work: Path, repeats: int) -> dict[str, Any]:
    base = work / "folder"
    base.mkdir()
    init_store(base / "init.duckdb")
    paths = [path for path, _ in write_demo_files(base / "init.duckdb", base / "files")]

    def fresh_store(d: Path) -> Path:
        shutil.copyfile(base / "init.duckdb", d / "store.duckdb")
        return d / "store.duckdb"

    def ours(db: Path) -> None:
        reports = load_paths(paths, db, actor="bench")
        if any(r.status != "loaded" for r in reports):
            raise RuntimeError([(r.file, r.status) for r in reports if r.status != "loaded"])

    yardstick: list[float] = []
    mine: list[float] = []
    for _ in range(repeats):  # alternating, as above
        yardstick += _timed(lambda db: pandas_dump(paths, db), lambda d: d / "dump.duckdb", work, 1)
        mine += _timed(ours, fresh_store, work, 1)
    return {"files": len(paths), "ours_s": mine, "yardstick_s": yardstick}


def one_file(work: Path, repeats: int, factor: int) -> dict[str, Any]:
    base = work / "stores"
    base.mkdir()
    demo = make_demo_store(base)
    grown = grow_store(demo, base / f"demo_x{factor}.duckdb", factor)
    files = district_files(demo, 2 * repeats)
    label = "minh_hoa_994_bench.xlsx"
    stores = {"demo": demo, f"x{factor}": grown}
    samples: dict[str, list[float]] = {name: [] for name in stores}
    for r in range(repeats):  # the two stores alternate, so that a change in the machine's load hits both
        for k, (name, db) in enumerate(stores.items()):
            with tempfile.TemporaryDirectory(dir=work) as d:
                target = Path(d) / "store.duckdb"
                shutil.copyfile(db, target)
                start = time.perf_counter()
                report = load_content(files[2 * r + k], label, target, actor="bench")
                samples[name].append(time.perf_counter() - start)
                if report.status != "loaded":
                    raise RuntimeError(f"{name}: {report.status}")
    out: dict[str, Any] = {}
    for name, db in stores.items():
        out[name] = {"samples_s": samples[name], **store_counts(db), "file_mb": round(db.stat().st_size / 1e6, 1)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.speed")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--factor", type=int, default=200)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="nq29-speed-") as tmp:
        folder = demo_folder(Path(tmp), args.repeats)
        single = one_file(Path(tmp), args.repeats, args.factor)
    load_after = os.getloadavg()
    results = {
        "meta": machine_info() | {"loadavg_before": load_before, "loadavg_after": load_after},
        "folder": folder,
        "one_file": single,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(render(results, args.factor))
    return 0


def render(results: dict[str, Any], factor: int) -> str:
    meta, folder, single = results["meta"], results["folder"], results["one_file"]
    ours, yard = _median(folder["ours_s"]), _median(folder["yardstick_s"])
    small, large = _median(single["demo"]["samples_s"]), _median(single[f"x{factor}"]["samples_s"])
    before = ", ".join(f"{x:.2f}" for x in meta["loadavg_before"])
    after = ", ".join(f"{x:.2f}" for x in meta["loadavg_after"])
    return "\n".join(
        [
            f"{meta['date']}, commit {meta['git_commit']}, {meta['cpus']} CPUs, load average {before} → {after}",
            "",
            "| measurement | ours (s, median) | yardstick (s, median) | ratio | goal |",
            "|---|---:|---:|---:|---:|",
            f"| demo folder ({folder['files']} files): load_paths vs pandas+openpyxl dump "
            f"| {ours:.2f} | {yard:.2f} | {ours / yard:.2f}× | ≤ 1.5× |",
            f"| one district file into ×{factor} ({single[f'x{factor}']['batches']} batches, "
            f"{single[f'x{factor}']['observations']:,} obs) vs demo ({single['demo']['batches']} batches) "
            f"| {large:.2f} | {small:.2f} | {large / small:.2f}× | ≤ 1.2× |",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
