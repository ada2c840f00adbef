"""Many leaders at once (issue 21): `python -m bench.load [--sessions 20] [--seconds 120] [--port 8610]`.

Starts the dashboard on a copy of the demo store on loopback, with anonymous viewing off and one
viewer account per session, then drives one headless Chromium with N browser contexts. The
sessions sign in one after another (--stagger seconds apart, 0.75 by default: leaders do not
all press "Đăng nhập" in the same second) and each then browses --seconds: it switches to a
random leader page through the sidebar menu and changes one filter there, picked among those
whose widget the page has (bench/load_filters.py: indicator, districts, the period's start or
end, the page's own year). Every action is timed from the click (or key press) to the page
settled:

  settled = Streamlit reported at least one script run finished since the click (the app root's
  ``data-test-script-state`` left "running", seen by a MutationObserver) and is now "notRunning";
  the main area holds no stale element (one left from the run before); its title (h1) is the
  page's; every Plotly chart in it has drawn its SVG; and it shows some content (a chart, table,
  metric, message or exception box).

Errors, by whom they concern: the app (an exception box, stException, on the page; the
server's log is read for the same tracebacks), a timeout (30 s; its text says what the page
showed then), the load generator (a widget it could not work); and apart from them console
errors, failed HTTP requests or responses ≥ 400, WebSockets closed before the end. The server's
memory (RSS of its process tree) and the CPU time of the server and of the load generator (this
Python process, Playwright's driver and Chromium) are sampled every second. Prints the sign-in
apart, then p50/p95/max per action and per page; raw samples go to bench/out/load.json. Bounded
(--seconds, at most 600) and loopback only. Not part of `make test` or `make bench`
(`make bench-load`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import procstat
from bench.load_leader import PASSWORD, Leader
from bench.load_stats import (
    BROWSING,
    SIGNING_IN,
    Summary,
    cpu_seconds,
    cpu_share,
    errors_by_kind,
    log_exceptions,
    per_session_mib,
    summaries_by,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
CHROMIUM = Path(os.environ.get("NQ29_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"]


def write_secrets(path: Path, sessions: int) -> None:
    from access.passwords import hash_password
    from access.users import secrets_entry

    digest = hash_password(PASSWORD, cost=4)  # the sign-in is not what is measured; bcrypt's cost 12 is ~0.3 s
    entries = [secrets_entry(f"lanhdao{i:02d}", "viewer", f"Lãnh đạo {i:02d}", digest) for i in range(sessions)]
    path.write_text("[access]\nallow_anonymous_viewing = false\n\n" + "\n".join(entries), encoding="utf-8")


def start_server(db: Path, secrets: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"]
    command += ["--secrets.files", str(secrets)]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "NQ29_DB": str(db)}, stdout=out, stderr=out)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("Streamlit did not start within 60 s")


class Sampler(threading.Thread):
    """Every second: the server tree's RSS, and last-seen CPU seconds of server and client processes."""

    def __init__(self, server_pid: int) -> None:
        super().__init__(daemon=True)
        self.server_pid = server_pid
        self.rss: list[tuple[float, int]] = []
        self.server_cpu: dict[int, float] = {}
        self.client_cpu: dict[int, float] = {}
        self.running = threading.Event()
        self.start_time = time.monotonic()

    def sample(self) -> None:
        table = procstat.parents()
        server = procstat.tree(self.server_pid, table)
        client = procstat.tree(os.getpid(), table, exclude=frozenset({self.server_pid}))
        client.discard(os.getpid())  # this process is counted by os.times(), threads included
        self.rss.append((time.monotonic() - self.start_time, procstat.rss_bytes(server)))
        self.server_cpu.update(procstat.cpu_seconds(server))
        self.client_cpu.update(procstat.cpu_seconds(client))

    def run(self) -> None:
        self.running.set()
        while self.running.is_set():
            self.sample()
            time.sleep(1.0)


async def drive(url: str, args: argparse.Namespace, sampler: Sampler) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        warm = await browser.new_context()  # a cold server's first deep link can meet "Page not found"
        page = await warm.new_page()
        await page.goto(f"{url}/dang-nhap")
        await page.get_by_label("Mật khẩu").wait_for(timeout=60_000)
        await warm.close()
        await asyncio.sleep(2)
        sampler.sample()
        baseline = sampler.rss[-1][1]
        server0, client0, self0 = dict(sampler.server_cpu), dict(sampler.client_cpu), os.times()
        t0 = time.monotonic()
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(args.sessions)]
        leaders = [Leader(i, url, c, t0, args.seed) for i, c in enumerate(contexts)]
        await asyncio.gather(*(leader.browse(i * args.stagger, args.seconds) for i, leader in enumerate(leaders)))
        sampler.sample()
        wall = time.monotonic() - t0
        self1 = os.times()
        for context in contexts:
            await context.close()
        await browser.close()
    own = (self1.user - self0.user) + (self1.system - self0.system)
    return {
        "wall": wall,
        "baseline": baseline,
        "samples": [s for leader in leaders for s in leader.samples],
        "problems": {leader.index: leader.problems for leader in leaders if leader.problems},
        "outside": sorted(set().union(*(leader.outside for leader in leaders))),
        "client_cpu": own + cpu_seconds(client0, sampler.client_cpu),
        "driver_cpu": own,
        "server_cpu": cpu_seconds(server0, sampler.server_cpu),
    }


def _print_summaries(title: str, summaries: dict[str, Summary]) -> None:
    print(f"\n{title:<32} count errors   p50 s   p95 s   max s   (goal: p95 ≤ 2.0 s, no errors)")
    for name, s in summaries.items():
        times = f"{s.p50:7.2f} {s.p95:7.2f} {s.max:7.2f}"
        print(f"  {name:<30} {s.count:>5} {s.errors:>6} {times}   p95/goal {s.p95 / 2.0:.2f}")


def report(args: argparse.Namespace, result: dict[str, Any], sampler: Sampler, log: Path) -> dict[str, Any]:
    cpus, wall, samples = os.cpu_count() or 1, result["wall"], result["samples"]
    browsing = [s for s in samples if s.action in BROWSING]
    sign_ins = [s for s in samples if s.action in SIGNING_IN]
    peak = max(rss for _, rss in sampler.rss)
    raised = log_exceptions(log.read_text(errors="replace"))
    print(f"sessions {args.sessions} (sign-ins {args.stagger} s apart), {wall:.0f} s, {cpus} CPUs")
    print(f"load average at the end {os.getloadavg()} (1, 5, 15 min)")
    _print_summaries("sign-in (staggered)", summaries_by(sign_ins, "action"))
    _print_summaries("per action (after the sign-in)", summaries_by(browsing, "action"))
    _print_summaries("per page (after the sign-in)", summaries_by(browsing, "page"))
    kinds = errors_by_kind(samples)
    print("\nerrors by kind:", "none" if not kinds else "")
    for kind, pages in kinds.items():
        print(f"  {sum(pages.values()):>4}  {kind}  ({', '.join(f'{p} {n}' for p, n in pages.items())})")
    problems = sum(len(v) for v in result["problems"].values())
    print(f"other errors (console, HTTP, WebSocket): {problems}")
    print(f"server log exceptions: {sum(raised.values())}", "".join(f"\n  {n:>4}  {e}" for e, n in raised.items()))
    print(f"requests outside loopback (refused, not errors): {result['outside']}")
    print(
        f"server RSS: baseline {result['baseline'] / 2**20:.0f} MiB, peak {peak / 2**20:.0f} MiB, "
        f"per session {per_session_mib(result['baseline'], peak, args.sessions):.1f} MiB"
    )
    server, client = cpu_share(result["server_cpu"], wall, cpus), cpu_share(result["client_cpu"], wall, cpus)
    print(
        f"CPU share of the machine: server {server:.0%}, load generator {client:.0%} "
        f"(Python driver {cpu_share(result['driver_cpu'], wall, cpus):.0%})"
    )
    return {
        "sessions": args.sessions,
        "seconds": args.seconds,
        "stagger": args.stagger,
        "wall": wall,
        "cpus": cpus,
        "load_average_start": args.load_start,
        "load_average_end": os.getloadavg(),
        "summary_sign_in": {k: asdict(v) for k, v in summaries_by(sign_ins, "action").items()},
        "summary_by_action": {k: asdict(v) for k, v in summaries_by(browsing, "action").items()},
        "summary_by_page": {k: asdict(v) for k, v in summaries_by(browsing, "page").items()},
        "errors_by_kind": {k: dict(v) for k, v in kinds.items()},
        "problems": result["problems"],
        "outside": result["outside"],
        "server_exceptions": dict(raised),
        "rss_baseline": result["baseline"],
        "rss_peak": peak,
        "rss_series": sampler.rss,
        "cpu": {k: result[k] for k in ("server_cpu", "client_cpu", "driver_cpu")},
        "samples": [asdict(s) for s in samples],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--port", type=int, default=8610)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--stagger", type=float, default=0.75, help="seconds between two sessions' sign-ins")
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "nq29.duckdb")
    parser.add_argument("--out", type=Path, default=OUT / "load.json")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 50 or not 0 < args.seconds <= 600 or not 0 <= args.stagger <= 5:
        parser.error("--sessions 1..50, --seconds up to 600, --stagger 0..5: the load test is bounded")
    args.load_start = os.getloadavg()
    print(f"load average at start {args.load_start}")
    with tempfile.TemporaryDirectory(prefix="nq29-load-") as tmp:
        db, secrets, log = Path(tmp) / "store.duckdb", Path(tmp) / "secrets.toml", Path(tmp) / "server.log"
        shutil.copyfile(args.db, db)
        write_secrets(secrets, args.sessions)
        server = start_server(db, secrets, args.port, log)
        sampler = Sampler(server.pid)
        sampler.start()
        try:
            result = asyncio.run(drive(f"http://127.0.0.1:{args.port}", args, sampler))
        finally:
            sampler.running.clear()
            server.terminate()
            server.wait(timeout=20)
        record = report(args, result, sampler, log)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(log, args.out.with_suffix(".server.log"))  # the tracebacks counted, to read
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"raw samples: {args.out}")


if __name__ == "__main__":
    main()
