"""Small helpers for the reading tests: a sheet as bytes, a check through the real pipeline,
and a store with a registry of the test's own."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from etl.load.pipeline import FileReport, load_content
from etl.questions import FileAnswers
from etl.reference.init_store import init_store

Key = tuple[str, str, int]
REGISTRY_COLUMNS = ("code", "name", "kind", "parent_code", "aliases", "valid_from", "valid_to")


def xlsx(rows: Sequence[Sequence[object]], title: str = "Sheet1", merges: Sequence[str] = ()) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def check(
    store: Path, content: bytes, name: str = "f.xlsx", answers: dict[tuple[str, str], str] | None = None
) -> FileReport:
    """A dry run through load_content with these answers ((kind, key) -> answer)."""
    return load_content(content, name, store, dry_run=True, answers=FileAnswers(answers or {}))


def values(report: FileReport) -> dict[Key, float]:
    return {(v.unit_code, v.indicator_code, v.year): v.value for v in report.values}


def codes(report: FileReport) -> set[str]:
    return {i.code for i in report.issues}


def registry_store(tmp_path: Path, units: Sequence[dict[str, str]]) -> Path:
    """A store whose registry is ``units`` (dicts with REGISTRY_COLUMNS keys)."""
    path = tmp_path / "units.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGISTRY_COLUMNS)
        writer.writeheader()
        writer.writerows({c: u.get(c, "") for c in REGISTRY_COLUMNS} for u in units)
    store = tmp_path / "store.duckdb"
    init_store(store, path)
    return store
