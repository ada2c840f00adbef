"""The first browser session and a page switch, beside a minimal Streamlit app: `python -m bench.first_session`.

Issue 19's goal: the first chart in a new browser session ≤ 1.3× a minimal Streamlit page with one
plotly chart, served by the same Streamlit on the same machine in the same run; a page switch ≤ 1 s.

* the yardstick: a two-page app written to a temporary directory, each page one
  ``st.plotly_chart`` of a small line figure (st.navigation, like the dashboard);
* ours: ``dashboard.py`` on a copy of the demo store, anonymous viewing (the leaders' way in),
  page Xu hướng (default selection) and Tổng quan.

Both are served on loopback by fresh server processes (started outside the timed region, its
health check answered). Each repeat, alternating yardstick and ours, measures on a fresh server:

* **cold**: the first browser session the server process ever serves (its first script run:
  page imports, empty caches), timed from ``page.goto`` to the first plotly chart drawn
  (``[data-testid=stPlotlyChart] .main-svg`` visible) — for Tổng quan, to its first headline
  card (``stMetric``) — and to Streamlit idle (no status widget, no running element);
* **warm**: a second, NEW browser context (new session, no cookies, empty browser cache) on
  the same server — the leader opening the page in the morning on a server that has served
  someone before;
* **switch**: inside the warm session, a sidebar click to the next page until its chart (or
  card) is drawn.

One headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), one context per
session. Medians and samples; nothing asserted. Raw samples go to bench/out/first_session.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.run import machine_info

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out" / "first_session.json"
CHROMIUM = Path(os.environ.get("NQ29_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"]
PORTS = os.environ.get("NQ29_BENCH_PORTS", "8620-8629")
FRESH = '[data-testid="stElementContainer"][data-stale="false"] '
CHART = FRESH + '[data-testid="stPlotlyChart"] .main-svg:visible'
CARD = FRESH + '[data-testid="stMetric"]:visible'
IDLE_JS = """() => !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
  && !document.querySelector('[data-stale="true"]')"""
HEADINGS = {
    "Hai": "Hai",
    "Tổng quan": "Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW",
    "Xu hướng": "Xu hướng theo thời gian",
}
TIMEOUT_MS = 120_000

YARDSTICK_MAIN = """import streamlit as st
st.set_page_config(page_title="Yardstick", layout="wide")
st.navigation([st.Page("one.py", title="Một", default=True), st.Page("two.py", title="Hai", url_path="hai")]).run()
"""
YARDSTICK_PAGE = """import plotly.graph_objects as go
import streamlit as st
st.title("{title}")
st.plotly_chart(go.Figure(go.Scatter(x=list(range(2013, 2024)), y=[{offset} + i * i for i in range(11)])))
"""


def _free_port() -> int:
    first, _, last = PORTS.partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS}")


@contextmanager
def served(script: Path, env: dict[str, str]) -> Iterator[str]:
    """A fresh Streamlit server process for ``script`` (its directory as cwd); its URL once healthy."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", script.name, "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    command += ["--client.toolbarMode", "viewer", "--theme.base", "light"]
    proc = subprocess.Popen(
        command, cwd=script.parent, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{script} did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _drawn(page: Any, selector: str, start: float) -> tuple[float, float]:
    """Seconds from ``start`` to the selector visible, then to Streamlit idle."""
    page.locator(selector).first.wait_for(timeout=TIMEOUT_MS)
    drawn = time.perf_counter() - start
    page.wait_for_function(IDLE_JS, timeout=TIMEOUT_MS, polling=50)
    return drawn, time.perf_counter() - start


def open_page(browser: Any, url: str, selector: str) -> tuple[Any, dict[str, float]]:
    """A new browser context (a new session) opening ``url``; the context and its timings."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    drawn, idle = _drawn(page, selector, start)
    return context, {"drawn": drawn, "idle": idle}


def switch(context: Any, link: str, selector: str) -> dict[str, float]:
    """A sidebar click inside the session until the next page's selector is drawn (old one gone first)."""
    page = context.pages[0]
    page.wait_for_timeout(300)  # settle: the click is the leader's, not part of the page load
    start = time.perf_counter()
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link, exact=True).click()
    page.get_by_role("heading", name=HEADINGS[link]).first.wait_for(timeout=TIMEOUT_MS)
    drawn, idle = _drawn(page, selector, start)
    return {"drawn": drawn, "idle": idle}


def resources(context: Any) -> list[dict[str, Any]]:
    """What the session's page downloaded (the browser's resource timing), largest first."""
    entries = context.pages[0].evaluate(
        "() => performance.getEntriesByType('resource').map(e => ({name: e.name.split('?')[0].split('/').pop(), "
        "bytes: e.encodedBodySize, ms: Math.round(e.duration)}))"
    )
    return sorted(entries, key=lambda e: -e["bytes"])


def yardstick_repeat(browser: Any, app: Path) -> dict[str, Any]:
    with served(app, {}) as url:
        cold_ctx, cold = open_page(browser, url, CHART)
        cold_ctx.close()
        warm_ctx, warm = open_page(browser, url, CHART)
        moved = switch(warm_ctx, "Hai", CHART)
        warm_ctx.close()
    return {"cold": cold, "warm": warm, "switch": moved}


def ours_repeat(browser: Any, db: Path, keep_resources: bool) -> dict[str, Any]:
    env = {"NQ29_DB": str(db)}
    with served(ROOT / "dashboard.py", env) as url:
        cold_ctx, cold = open_page(browser, f"{url}/xu-huong", CHART)
        cold_ctx.close()
        warm_ctx, warm = open_page(browser, f"{url}/xu-huong", CHART)
        downloaded = resources(warm_ctx) if keep_resources else []
        to_overview = switch(warm_ctx, "Tổng quan", CARD)
        to_trend = switch(warm_ctx, "Xu hướng", CHART)
        warm_ctx.close()
    with served(ROOT / "dashboard.py", env) as url:
        home_ctx, home_cold = open_page(browser, url, CARD)
        home_ctx.close()
        home_ctx, home_warm = open_page(browser, url, CARD)
        home_ctx.close()
    return {
        "trend_cold": cold,
        "trend_warm": warm,
        "switch_to_overview": to_overview,
        "switch_to_trend": to_trend,
        "overview_cold": home_cold,
        "overview_warm": home_warm,
        "resources": downloaded,
    }


def _median(samples: list[dict[str, Any]], case: str, what: str = "drawn") -> float:
    return statistics.median(s[case][what] for s in samples)


def _samples(samples: list[dict[str, Any]], case: str, what: str = "drawn") -> str:
    return ", ".join(f"{s[case][what]:.2f}" for s in samples)


def report(ours: list[dict[str, Any]], yard: list[dict[str, Any]]) -> list[str]:
    lines = []
    for what in ("drawn", "idle"):
        for case, mine in (("cold", "trend_cold"), ("warm", "trend_warm")):
            a, b = _median(ours, mine, what), _median(yard, case, what)
            lines.append(
                f"first chart, {case} server ({what}): Xu hướng {a:.2f} s [{_samples(ours, mine, what)}]"
                f" | yardstick {b:.2f} s [{_samples(yard, case, what)}] | ratio {a / b:.2f}× (goal ≤ 1.3×)"
            )
        for case, mine in (("cold", "overview_cold"), ("warm", "overview_warm")):
            a, b = _median(ours, mine, what), _median(yard, case, what)
            lines.append(
                f"first content, {case} server ({what}): Tổng quan {a:.2f} s [{_samples(ours, mine, what)}]"
                f" | yardstick chart {b:.2f} s | ratio {a / b:.2f}×"
            )
        b = _median(yard, "switch", what)
        for mine, label in (("switch_to_overview", "→ Tổng quan"), ("switch_to_trend", "→ Xu hướng")):
            a = _median(ours, mine, what)
            lines.append(
                f"page switch {label} ({what}): {a:.2f} s [{_samples(ours, mine, what)}]"
                f" | yardstick switch {b:.2f} s [{_samples(yard, 'switch', what)}] | ratio {a / b:.2f}× (goal ≤ 1 s)"
            )
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "nq29.duckdb", help="the demo store to copy")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    ours: list[dict[str, Any]] = []
    yard: list[dict[str, Any]] = []
    loads = [os.getloadavg()]
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        work = Path(d)
        (work / "app.py").write_text(YARDSTICK_MAIN, encoding="utf-8")
        (work / "one.py").write_text(YARDSTICK_PAGE.format(title="Một", offset=1), encoding="utf-8")
        (work / "two.py").write_text(YARDSTICK_PAGE.format(title="Hai", offset=5), encoding="utf-8")
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        for n in range(args.repeats):
            db = work / f"store{n}.duckdb"
            shutil.copyfile(args.db, db)  # a copy per repeat, outside the timed region
            sides = ["yardstick", "ours"] if n % 2 == 0 else ["ours", "yardstick"]
            for side in sides:
                if side == "yardstick":
                    yard.append(yardstick_repeat(browser, work / "app.py"))
                else:
                    ours.append(ours_repeat(browser, db, keep_resources=n == 0))
            loads.append(os.getloadavg())
            print(f"repeat {n + 1}/{args.repeats} done, load average {loads[-1][0]:.2f}", flush=True)
        browser.close()
    print(f"load average (1 min) over the run: {', '.join(f'{x[0]:.2f}' for x in loads)}")
    for line in report(ours, yard):
        print(line)
    print("largest downloads of a warm Xu hướng session (KiB, ms):")
    for entry in ours[0]["resources"][:8]:
        print(f"  {entry['name']}: {entry['bytes'] / 1024:.0f} KiB, {entry['ms']} ms")
    OUT.parent.mkdir(exist_ok=True)
    meta = {**machine_info(), "repeats": args.repeats, "load_average": loads}
    OUT.write_text(json.dumps({"meta": meta, "ours": ours, "yardstick": yard}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
