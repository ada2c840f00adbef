"""Page data functions, timed: `python -m bench.pages [--repeats N] [--only NAME]`.

For each leader page (bench.page_calls): the store queries it issues (uncached: what
a first visit costs) plus its page-model builders, on the demo province (10 districts)
and on a synthetic national-scale store (one parent with 700 districts × every reported
indicator × 11 years). Goals (issues 3 and 19): ≤ 50 ms per page at province scale,
≤ 300 ms at national scale; each median is printed beside its goal and the ratio.
Results go to BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.page_calls import page_functions
from etl.reference.init_store import init_store
from store import open_reader, write_session

PROVINCE_GOAL_MS, NATIONAL_GOAL_MS = 50.0, 300.0


def national_store(directory: Path, n_districts: int = 700) -> Path:
    """A registry of one parent and `n_districts` children, every reported indicator filled."""
    units = directory / "units.csv"
    lines = ["code,name,kind,parent_code,aliases,valid_from,valid_to", "N,Toàn quốc (tổng hợp),province,,,,"]
    lines += [f"D{i:03d},Huyện Tổng hợp {i:03d},district,N,,," for i in range(n_districts)]
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = directory / "national.duckdb"
    init_store(db, units)
    with write_session(db) as con:
        con.execute("INSERT INTO batches VALUES (1, 'synthetic', 'sha', 'bench', NULL, 'bench', now(), NULL, 0, 0)")
        # Counts 100..149 and denominators above numerators: plausible rates, cheap to generate.
        con.execute(
            """INSERT INTO observations (batch_id, unit_code, indicator_code, year, value)
            SELECT 1, u.code, i.code, y.year,
                   CASE WHEN i.kind = 'rate' THEN 50 + (hash(u.code || i.code || y.year) % 50)
                        WHEN i.kind = 'level' THEN 1 + (hash(u.code || i.code) % 2)
                        WHEN i.code IN (SELECT denominator FROM indicators WHERE denominator IS NOT NULL)
                        THEN 1000 + (hash(u.code || i.code || y.year) % 100)
                        ELSE 100 + (hash(u.code || i.code || y.year) % 50) END
            FROM units u, indicators i, range(2013, 2024) y(year)
            WHERE u.parent_code IS NOT NULL AND i.input = 'reported'"""
        )
    return db


def time_pages(db: Path, province: str, repeats: int, only: str | None = None) -> dict[str, tuple[float, float]]:
    con = open_reader(db)
    try:
        out = {}
        for name, fn in page_functions(con, db, province).items():
            if only and only not in name:
                continue
            runs = []
            for _ in range(repeats + 1):  # the first run warms imports and DuckDB's caches
                start = time.perf_counter()
                fn()
                runs.append(time.perf_counter() - start)
            out[name] = (statistics.median(runs[1:]) * 1000, runs[0] * 1000)
        return out
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--districts", type=int, default=700)
    parser.add_argument("--only", help="time only the pages whose name contains this text")
    args = parser.parse_args(argv)
    from etl.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        demo = work / "demo.duckdb"
        build_demo(demo, work / "files")
        start = time.perf_counter()
        national = national_store(work, args.districts)
        build_s = time.perf_counter() - start
        rows = open_reader(national).execute("SELECT count(*) FROM observations").fetchone()
        province = time_pages(demo, "99", args.repeats, args.only)
        nation = time_pages(national, "N", args.repeats, args.only)
    print(
        f"National store: {args.districts} districts, {rows[0] if rows else 0:,} observations, built in {build_s:.1f} s"
    )
    print(f"Goals: {PROVINCE_GOAL_MS:.0f} ms (province), {NATIONAL_GOAL_MS:.0f} ms (national); ratio = median / goal")
    print("| page | province: median ms (first) | ratio | national: median ms (first) | ratio |")
    print("|---|---|---|---|---|")
    for name in province:
        p, n = province[name], nation[name]
        print(
            f"| {name} | {p[0]:.0f} ({p[1]:.0f}) | {p[0] / PROVINCE_GOAL_MS:.2f} "
            f"| {n[0]:.0f} ({n[1]:.0f}) | {n[0] / NATIONAL_GOAL_MS:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
