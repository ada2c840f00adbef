"""The nine tasks and solutions of NQ 29-NQ/TW (Phần III), read from data/reference/tasks.csv.

Findings are grouped by these tasks (docs/findings.md); every indicator of the catalogue names
its task. The wording of each title says how it was checked (``verification``, as for targets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from etl.reference.files import read_csv_rows
from etl.reference.model import VERIFICATIONS, ReferenceDataError

__all__ = ["parse_tasks"]


def parse_tasks(path: Path) -> list[dict[str, Any]]:
    """Task rows for the store, numbered 1..n without gaps; raises on any violation."""
    rows, problems = [], []
    for line, r in enumerate(read_csv_rows(path), start=2):
        where = f"{path.name}:{line}"
        number = r["number"].strip()
        if not number.isdigit():
            problems.append(f"{where}: number '{number}' phải là số thứ tự")
            continue
        if not r["title"] or not r["short_title"]:
            problems.append(f"{where}: nhiệm vụ {number} thiếu title hoặc short_title")
        if r["verification"] not in VERIFICATIONS - {"illustrative"}:
            problems.append(f"{where}: verification phải là text, secondary hoặc unverified")
        rows.append(
            {
                "number": int(number),
                "title": r["title"],
                "short_title": r["short_title"],
                "verification": r["verification"],
                "note": r.get("note") or None,
            }
        )
    if [r["number"] for r in rows] != list(range(1, len(rows) + 1)):
        problems.append(f"{path.name}: các nhiệm vụ phải đánh số 1, 2, 3 … liên tiếp")
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return rows
