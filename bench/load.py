"""Many leaders at once (issue 21): `python -m bench.load [--sessions 20] [--seconds 120] [--port 8610]`.

Starts the dashboard on a copy of the demo store on loopback, with anonymous viewing off and one
viewer account per session, then drives one headless Chromium with N browser contexts. Each
context signs in and, until the time is up, switches to a random leader page through the sidebar
menu and changes a sidebar filter there (indicator, district or period). Every action is timed
from the click to the page settled:

  settled = Streamlit reported at least one script run finished since the click (the app root's
  ``data-test-script-state`` left "running", seen by a MutationObserver) and is now "notRunning",
  the page's title (h1) is visible and its main element is drawn: a Plotly chart's SVG on the
  chart pages, else a table or metric.

Errors: an exception box (stException) on the page, a timeout (30 s), a console error, a failed
HTTP request or a response ≥ 400, a WebSocket closed before the end. The server's memory (RSS of
its process tree) and the CPU time of the server and of the load generator (this Python process,
Playwright's driver and Chromium) are sampled every second. Prints p50/p95/max per action and
per page; raw samples go to bench/out/load.json. Bounded (--seconds, at most 600) and loopback
only. Not part of `make test` or `make bench` (`make bench-load`).
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
from bench.load_stats import cpu_seconds, cpu_share, per_session_mib, summaries_by

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


async def drive(url: str, sessions: int, seconds: float, seed: int, sampler: Sampler) -> dict[str, Any]:
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
        contexts = [await browser.new_context(viewport={"width": 1280, "height": 800}) for _ in range(sessions)]
        leaders = [Leader(i, url, c, t0, seed) for i, c in enumerate(contexts)]
        await asyncio.gather(*(leader.browse(t0 + seconds) for leader in leaders))
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


def report(args: argparse.Namespace, result: dict[str, Any], sampler: Sampler, log: Path) -> dict[str, Any]:
    cpus, wall, samples = os.cpu_count() or 1, result["wall"], result["samples"]
    peak = max(rss for _, rss in sampler.rss)
    tracebacks = log.read_text(errors="replace").count("Traceback")
    print(f"sessions {args.sessions}, {wall:.0f} s, load average {os.getloadavg()} (1, 5, 15 min), {cpus} CPUs")
    for key in ("action", "page"):
        print(f"\nper {key:<26} count errors   p50 s   p95 s   max s   (goal: p95 ≤ 2.0 s, no errors)")
        for name, s in summaries_by(samples, key).items():
            ratio = s.p95 / 2.0
            print(
                f"  {name:<30} {s.count:>5} {s.errors:>6} {s.p50:7.2f} {s.p95:7.2f} {s.max:7.2f}   p95/goal {ratio:.2f}"
            )
    problems = sum(len(v) for v in result["problems"].values())
    print(f"\nother errors (console, HTTP, WebSocket): {problems}; server tracebacks in its log: {tracebacks}")
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
        "wall": wall,
        "cpus": cpus,
        "load_average_end": os.getloadavg(),
        "summary_by_action": {k: asdict(v) for k, v in summaries_by(samples, "action").items()},
        "summary_by_page": {k: asdict(v) for k, v in summaries_by(samples, "page").items()},
        "problems": result["problems"],
        "outside": result["outside"],
        "server_tracebacks": tracebacks,
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
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "nq29.duckdb")
    parser.add_argument("--out", type=Path, default=OUT / "load.json")
    args = parser.parse_args()
    if not 1 <= args.sessions <= 50 or not 0 < args.seconds <= 600:
        parser.error("--sessions 1..50 and --seconds up to 600: the load test is bounded")
    print(f"load average at start {os.getloadavg()}")
    with tempfile.TemporaryDirectory(prefix="nq29-load-") as tmp:
        db, secrets, log = Path(tmp) / "store.duckdb", Path(tmp) / "secrets.toml", Path(tmp) / "server.log"
        shutil.copyfile(args.db, db)
        write_secrets(secrets, args.sessions)
        server = start_server(db, secrets, args.port, log)
        sampler = Sampler(server.pid)
        sampler.start()
        try:
            result = asyncio.run(
                drive(f"http://127.0.0.1:{args.port}", args.sessions, args.seconds, args.seed, sampler)
            )
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
