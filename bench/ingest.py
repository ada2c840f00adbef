"""Free-layout ingest throughput: `python -m bench.ingest [--repeats N]`.

The same generated files (layout 1: one indicator-rows workbook per district; layout 2:
one unit-rows workbook with a sheet per year) are checked and loaded three ways that
differ only in how the workbook is read into grids:

* ``calamine``: our reader (etl/reading/ingest.py: calamine + a regex scan of the sheet XML for
  number formats, errors and formulas without a cached value);
* ``openpyxl``: openpyxl.load_workbook (values, number formats, merged cells), the plain
  way to see the same facts;
* ``pandas``: pandas.read_excel(engine="openpyxl", header=None), values only.

Everything after the grids (layout detection, name matching, resolve, validate, store
write) is the same code. Times are medians; nothing is asserted. Results are printed as
a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook

from bench.run import machine_info
from etl.load.pipeline import load_content
from etl.reading.grid import Grid, read_workbook
from etl.reading.ingest import read_any, read_grids
from etl.reference.init_store import init_store
from etl.reference.model import Reference
from store import open_reader

YEARS = range(2013, 2024)
DISTRICTS = {"993": "Huyện Hòa Phong", "994": "Huyện Tân Điền", "995": "Huyện Vĩnh Khánh", "996": "Huyện Thủy Tiên",
             "997": "Huyện Ngọc Lâm", "998": "Huyện Sơn Cao", "999": "Huyện Mường Khoa", "990": "TP. Sơn Hà",
             "991": "TX. Bình Giang", "992": "TX. An Lạc"}  # fmt: skip


def _indicators(ref: Reference) -> list[str]:
    """School-year counts; every one gets the same value per unit and year, so no numerator exceeds its
    denominator and the files pass validation (the bench times a successful load)."""
    return [
        c
        for c, i in ref.indicators.items()
        if i.kind == "count" and i.input == "reported" and i.period_type == "school_year"
    ]


def make_files(ref: Reference) -> list[tuple[str, bytes]]:
    rng = random.Random(29)
    codes = _indicators(ref)
    files = []
    for unit, name in DISTRICTS.items():
        wb = Workbook()
        ws = wb.active
        ws.append([f"UBND {name.upper()}"])
        ws.append(["STT", "Chỉ tiêu", "ĐVT", *[f"{y}-{y + 1}" for y in YEARS], "Ghi chú"])
        base = rng.randint(1000, 9000)
        for n, code in enumerate(codes, start=1):
            ws.append([n, ref.indicators[code].name_vi, ref.indicators[code].unit, *[base + y % 3 for y in YEARS]])
        files.append((f"{unit}_chi_tieu.xlsx", _save(wb)))
    wb = Workbook()
    wb.remove(wb.active)
    for year in YEARS:
        ws = wb.create_sheet(f"{year}-{year + 1}")
        ws.append(["STT", "Đơn vị", *[ref.indicators[c].name_vi for c in codes]])
        for n, name in enumerate(DISTRICTS.values(), start=1):
            ws.append([n, name, *[1000 * n + year % 3 for _ in codes]])
    files.append(("phu_luc_theo_huyen.xlsx", _save(wb)))
    return files


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def openpyxl_grids(content: bytes) -> list[Grid]:
    wb = load_workbook(io.BytesIO(content), data_only=True)
    grids = []
    for ws in wb.worksheets:
        rows: list[list[object]] = [list(r) for r in ws.iter_rows(values_only=True)]
        percent = {(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row if "%" in (c.number_format or "")}
        merged = [(r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1) for r in ws.merged_cells.ranges]
        grids.append(Grid(ws.title, rows, merged, percent))
    return grids


def pandas_grids(content: bytes) -> list[Grid]:
    frames = pd.read_excel(io.BytesIO(content), sheet_name=None, header=None, engine="openpyxl")
    return [
        Grid(str(name), [[None if pd.isna(v) else v for v in row] for row in df.itertuples(index=False)])
        for name, df in frames.items()
    ]


def run(repeats: int) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="nq29-ingest-") as tmp:
        base = Path(tmp) / "base.duckdb"
        init_store(base)
        con = open_reader(base)
        ref = Reference.from_store(con)
        con.close()
        files = make_files(ref)
        n_values = sum(len(read_any(c, n, ref).cells) for n, c in files)
        grid_readers: dict[str, Callable[[bytes], list[Grid]]] = {
            "calamine (ours)": lambda c: read_workbook(c, "xlsx"),
            "openpyxl": openpyxl_grids,
            "pandas + openpyxl": pandas_grids,
        }
        readers: dict[str, Callable[[bytes, str], object]] = {
            "calamine (ours)": lambda c, n: read_any(c, n, ref),
            "openpyxl": lambda c, n: read_grids(openpyxl_grids(c), n, ref),
            "pandas + openpyxl": lambda c, n: read_grids(pandas_grids(c), n, ref),
        }
        for label, reader in readers.items():
            grid_s, read_s, total_s = [], [], []
            for i in range(repeats):
                t0 = time.perf_counter()
                for _name, content in files:
                    grid_readers[label](content)
                grid_s.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                for name, content in files:
                    reader(content, name)
                read_s.append(time.perf_counter() - t0)
                db = Path(tmp) / f"{i}_{len(results)}.duckdb"
                db.write_bytes(base.read_bytes())
                t0 = time.perf_counter()
                for name, content in files:
                    report = load_content(content, name, db, actor="bench", reader=reader)  # type: ignore[arg-type]
                    if report.status != "loaded":
                        raise SystemExit(f"{label}: {name} was {report.status}")
                total_s.append(time.perf_counter() - t0)
            results.append(
                {
                    "reader": label,
                    "files": len(files),
                    "values": n_values,
                    "grids_s": statistics.median(grid_s),
                    "read_s": statistics.median(read_s),
                    "read_validate_load_s": statistics.median(total_s),
                }
            )
    return results


def render(results: list[dict[str, Any]]) -> str:
    ours = results[0]
    lines = [
        "| reader | files | values | workbook → grids (s) | speed-up | read_any: grids + layouts (s) | speed-up "
        "| read + validate + load (s) | values/s | speed-up |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['reader']} | {r['files']} | {r['values']} | {r['grids_s']:.3f} | "
            f"{r['grids_s'] / ours['grids_s']:.1f}× | {r['read_s']:.3f} | {r['read_s'] / ours['read_s']:.1f}× | "
            f"{r['read_validate_load_s']:.2f} | {r['values'] / r['read_validate_load_s']:,.0f} | "
            f"{r['read_validate_load_s'] / ours['read_validate_load_s']:.1f}× |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    info = machine_info()
    print(f"{info['date']} · {info['platform']} · {info['processor']} · {info['cpus']} CPUs · Python {info['python']}")
    print(render(run(args.repeats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
