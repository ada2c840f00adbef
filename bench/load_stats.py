"""The pure arithmetic of the load test (`bench.load`): percentiles, summaries, CPU shares.

Kept apart from the browser driver so that it is unit-tested (tests/test_load_stats.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

EXCEPTION = "exception on the page"  # how a sample's error starts when the page showed an stException box
SIGNING_IN = ("open", "sign_in")  # the sign-in form loaded; the click on Đăng nhập to the home page
BROWSING = ("page", "indicator", "district", "period", "year")  # the timed actions after the sign-in


@dataclass(frozen=True)
class Sample:
    """One timed action of one session: from the click to the page settled (or the failure)."""

    session: int
    action: str  # "open", "sign_in" (SIGNING_IN), or one of BROWSING: "page" (a menu click) or a filter change
    page: str  # the page's menu title the action ran on
    started: float  # seconds since the load began
    seconds: float
    error: str = ""  # empty when the page settled without an error


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by the nearest-rank method: a value that was actually measured."""
    if not values:
        return math.nan
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} outside 0..100")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Summary:
    count: int
    errors: int
    p50: float
    p95: float
    max: float


def summarise(samples: Iterable[Sample]) -> Summary:
    """Percentiles over the actions that settled; errors counted apart (a timeout has no settle time)."""
    rows = list(samples)
    times = [s.seconds for s in rows if not s.error]
    errors = sum(1 for s in rows if s.error)
    return Summary(len(rows), errors, percentile(times, 50), percentile(times, 95), max(times, default=math.nan))


def summaries_by(samples: Iterable[Sample], key: str) -> dict[str, Summary]:
    """Summaries per action type (key="action") or per page (key="page"), plus "all"."""
    rows = list(samples)
    groups: dict[str, list[Sample]] = defaultdict(list)
    for s in rows:
        groups[str(getattr(s, key))].append(s)
    result = {name: summarise(group) for name, group in sorted(groups.items())}
    result["all"] = summarise(rows)
    return result


def cpu_seconds(start: Mapping[int, float], end: Mapping[int, float]) -> float:
    """CPU seconds spent by a set of processes between two snapshots (pid → cumulative CPU seconds).

    A process born after ``start`` counts from zero; one that ended before ``end`` is not in
    it and counts with its last sampled value (the caller keeps last-seen values)."""
    return sum(max(0.0, seconds - start.get(pid, 0.0)) for pid, seconds in end.items())


def cpu_share(cpu: float, wall: float, cpus: int) -> float:
    """The share of the whole machine a process set took: CPU seconds ÷ (wall seconds × CPUs)."""
    if wall <= 0 or cpus <= 0:
        raise ValueError("wall time and CPU count must be positive")
    return cpu / (wall * cpus)


def per_session_mib(baseline_bytes: int, peak_bytes: int, sessions: int) -> float:
    """Server memory each session added: (peak − baseline) ÷ sessions, in MiB."""
    return max(0, peak_bytes - baseline_bytes) / sessions / 2**20


def error_kind(error: str) -> str:
    """What an action's error says about whom: the app (an exception box, with its first line),
    a timeout (the page did not settle in time), or the load generator (any other failure of its
    own steps, e.g. a widget it could not find)."""
    if error.startswith(EXCEPTION):
        return "app: " + error[len(EXCEPTION) :].lstrip(": ")
    if error.startswith("TimeoutError"):
        return "timeout"
    return "generator: " + error.split(":", 1)[0]


def errors_by_kind(samples: Iterable[Sample]) -> dict[str, Counter[str]]:
    """error kind → how many times, per page it happened on."""
    result: dict[str, Counter[str]] = defaultdict(Counter)
    for s in samples:
        if s.error:
            result[error_kind(s.error)][s.page] += 1
    return dict(result)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RAISED = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)): ?(.*)$")


def log_exceptions(text: str) -> Counter[str]:
    """The exceptions a server log's tracebacks end with ("Type: message", message cut at 120).

    Streamlit writes a traceback either plain or boxed by rich (colours, "│" frames, the title
    "Traceback (most recent call last)" inside a rule); both end with "Type: message" at the
    start of a line."""
    found: Counter[str] = Counter()
    in_traceback = False
    for line in _ANSI.sub("", text).splitlines():
        if "Traceback (most recent call last)" in line:
            in_traceback = True
        elif in_traceback and not line.startswith((" ", "\t")) and (m := _RAISED.match(line)):
            found[f"{m.group(1)}: {m.group(2)[:120]}"] += 1
            in_traceback = False
    return found
