"""The report pack and the download buttons, timed: `python -m bench.report [--repeats N]`.

1. `python -m report build` for the whole demo province in a fresh process
   (imports, browser start, everything), wall clock, N runs.
2. `build_pack` in one process with the renderer already running (what the
   page "Xuất báo cáo" costs after its first use), N runs, and its phases.
3. The pack's figures rendered one by one with kaleido's stock sync server
   (reloads the page after every image) and with report.images' renderer.
4. Page runs (AppTest) of "Xu hướng" and "So sánh địa bàn" with the download
   buttons and with them replaced by no-ops, and what one click costs.
Results go to BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.fixtures import make_demo_store
from report import images
from report.content import load_content
from report.pack import build_pack
from report.print_style import print_figure
from store.connection import PROJECT_ROOT


def median_ms(fn: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """(median of `repeats` runs after a first one, the first run), in ms."""
    runs = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs[1:]), runs[0]


def cli_runs(db: Path, out: Path, repeats: int) -> list[tuple[float, float]]:
    """(wall s, CPU s of the process and its children, Chromium included) per run."""
    runs = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "report", "build", "--out", str(out), "--db", str(db), "--quiet"],
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        runs.append((wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime))
    return runs


def stock_server_s(figures: list[Any]) -> float:
    """kaleido.start_sync_server as its docs show it (MathJax off), one image at a time."""
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    opts = {"format": "png", "width": 800, "height": 460, "scale": images.PRINT_SCALE}
    try:
        kaleido.calc_fig_sync(figures[0], opts=opts)  # browser start, not timed
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for fig in figures:
                kaleido.calc_fig_sync(fig, opts=opts)
        return time.perf_counter() - start
    finally:
        kaleido.stop_sync_server(silence_warnings=True)


def page_runs(db: Path, page: str, repeats: int, buttons: bool) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    import ui.downloads as downloads

    os.environ["NQ29_DB"] = str(db)
    saved = (downloads.chart_downloads, downloads.table_downloads)
    if not buttons:
        downloads.chart_downloads = lambda *a, **k: None
        downloads.table_downloads = lambda *a, **k: None
    try:
        at = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=120)
        at.query_params["chi_tieu"] = "th_tl_cqg"
        at.run()
        at.switch_page(page).run()
        return median_ms(lambda: at.run(), repeats)
    finally:
        downloads.chart_downloads, downloads.table_downloads = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.report")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nq29-bench-report-") as tmp:
        work = Path(tmp)
        db = make_demo_store(work)
        cli = cli_runs(db, work / "out", args.repeats)
        print(
            "1. python -m report build (fresh process), wall s (CPU s): "
            + ", ".join(f"{wall:.1f} ({cpu:.1f})" for wall, cpu in cli)
        )
        images.browser_ready()
        packs = [build_pack(db) for _ in range(args.repeats)]
        pack = packs[-1]
        totals = sorted(p.timings["total_s"] for p in packs)
        print(
            f"2. build_pack, renderer running: {len(pack.content.figures)} figures, {len(pack.content.tables)} tables, "
            f"DOCX {len(pack.docx) / 1e6:.1f} MB, XLSX {len(pack.xlsx) / 1e3:.0f} kB, "
            f"PNGs {len(pack.png_zip) / 1e6:.1f} MB; "
            f"total s: {', '.join(f'{t:.1f}' for t in totals)}; last run phases: "
            + ", ".join(f"{k} {v:.1f}" for k, v in pack.timings.items())
        )
        figures = [print_figure(f.figure) for f in load_content(db, pack_options()).figures]
        start = time.perf_counter()
        for fig in figures:
            images.figure_png(fig)
        ours = time.perf_counter() - start
        images.stop_renderer()
        stock = stock_server_s(figures)
        print(f"3. {len(figures)} PNGs one by one: stock sync server {stock:.1f} s, report.images {ours:.1f} s")
        fig = pack.content.figures[0].figure
        png = median_ms(lambda: images.figure_png(print_figure(fig)), args.repeats)
        print(f"4. one PNG click (renderer running): {png[0]:.0f} ms (first {png[1]:.0f} ms, incl. browser start)")
        for page in ("pages/xu_huong.py", "pages/so_sanh.py"):
            with_buttons = page_runs(db, page, 5, True)
            without = page_runs(db, page, 5, False)
            print(
                f"   {page}: page rerun with buttons {with_buttons[0]:.0f} ms, "
                f"without {without[0]:.0f} ms (median of 5)"
            )
        images.stop_renderer()
    return 0


def pack_options() -> Any:
    from report.content import Options

    return Options()


if __name__ == "__main__":
    raise SystemExit(main())
