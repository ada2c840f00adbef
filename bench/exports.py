"""One chart download, PNG against SVG: `python -m bench.exports [--repeats N]`.

What a click on "PNG" or "SVG" under a chart costs with the renderer running: the
figure framed for export (title, notes, source, demo mark: report.print_style.framed_figure)
and rendered (report.images; the SVG then carries Noto Sans as a data URL, report.fonts).
Every trend chart of the demo province's report content (rates and counts, the latter as
small multiples), each format timed `repeats` times after a warm-up; the median per
figure, then the median and the maximum over the figures. Results go to BENCHMARKS.md by hand.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.fixtures import make_demo_store
from report import images
from report.content import Options, load_content
from report.print_style import Caption, framed_figure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.exports")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--figures", type=int, default=12)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="nq29-bench-exports-") as tmp:
        db = make_demo_store(Path(tmp))
        figures = [f.figure for f in load_content(db, Options()).figures][: args.figures]
        images.browser_ready()
        images.figure_png(framed_figure(figures[0], Caption("khởi động")))  # warm-up
        per_format: dict[str, list[float]] = {"png": [], "svg": []}
        sizes: dict[str, list[int]] = {"png": [], "svg": []}
        for fig in figures:
            caption = Caption("Biểu đồ", "Đơn vị tính: %", "Nguồn: Sở GD&ĐT.", True)
            for fmt, render in (("png", images.figure_png), ("svg", images.figure_svg)):
                runs = []
                for _ in range(args.repeats):
                    start = time.perf_counter()
                    data = render(framed_figure(fig, caption))
                    runs.append((time.perf_counter() - start) * 1000)
                per_format[fmt].append(statistics.median(runs))
                sizes[fmt].append(len(data))
        images.stop_renderer()
    for fmt in ("png", "svg"):
        times = per_format[fmt]
        print(
            f"{fmt.upper()}: {len(times)} figures, median {statistics.median(times):.0f} ms, max {max(times):.0f} ms; "
            f"median size {statistics.median(sizes[fmt]) / 1e3:.0f} kB"
        )
    ratio = statistics.median(per_format["svg"]) / statistics.median(per_format["png"])
    print(f"SVG / PNG (medians): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
