"""Process-tree CPU and memory from /proc (Linux), for the load test; no extra dependency."""

from __future__ import annotations

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on: the name may hold spaces


def parents() -> dict[int, int]:
    """pid → parent pid of every live process."""
    result = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) is not None:
            result[int(entry)] = int(fields[1])
    return result


def tree(root: int, table: dict[int, int] | None = None, exclude: frozenset[int] = frozenset()) -> set[int]:
    """``root`` and its live descendants, without the subtrees rooted at ``exclude``."""
    table = parents() if table is None else table
    children: dict[int, list[int]] = {}
    for pid, parent in table.items():
        children.setdefault(parent, []).append(pid)
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid in found or pid in exclude:
            continue
        found.add(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids: set[int]) -> dict[int, float]:
    """pid → user + system CPU seconds so far (processes that are gone are left out)."""
    result = {}
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            result[pid] = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return result


def rss_bytes(pids: set[int]) -> int:
    """Resident memory of the processes, summed."""
    total = 0
    for pid in pids:
        fields = _stat(pid)
        if fields is not None:
            total += int(fields[21]) * PAGE  # rss, in pages
    return total
