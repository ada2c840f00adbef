"""Validation issues as data: a stable code, a severity and a located message.

Every message comes from one catalogue (etl/config/issue_catalogue.csv); a test
checks that every code used in the code base has an entry.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from vocab.display import format_large, format_plain

CATALOGUE_PATH = Path(__file__).resolve().parent / "config" / "issue_catalogue.csv"
SEVERITIES = ("error", "warning", "info")
SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo", "info": "thông tin"}


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    severity: str
    blocks: str  # of an error: "file" (the file is refused) or "cell" (the analyst may load without the cell)
    message_vi: str
    hint_vi: str


@dataclass(frozen=True)
class Issue:
    """One problem found in one place of one file."""

    code: str
    severity: str
    message: str
    file: str
    sheet: str | None = None
    cell: str | None = None
    raw_value: str | None = None
    unit_code: str | None = None
    indicator_code: str | None = None
    year: int | None = None
    hint: str = field(default="", compare=False)
    # Codes an analyst may confirm as the meaning of raw_value (unit-not-matched, indicator-not-matched).
    suggestions: tuple[str, ...] = field(default=(), compare=False)
    skipped: int = field(default=0, compare=False)  # values not loaded because of this issue

    @property
    def location(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"trang '{self.sheet}'")
        if self.cell:
            parts.append(f"ô {self.cell}")
        return ", ".join(parts)


@cache
def catalogue() -> dict[str, CatalogueEntry]:
    with CATALOGUE_PATH.open(encoding="utf-8", newline="") as handle:
        entries = {row["code"]: CatalogueEntry(**row) for row in csv.DictReader(handle)}
    bad = [e.code for e in entries.values() if e.severity not in SEVERITIES]
    if bad:
        raise ValueError(f"Unknown severity for issue codes {bad}")
    return entries


def make_issue(
    code: str,
    *,
    file: str,
    sheet: str | None = None,
    cell: str | None = None,
    raw_value: Any = None,
    unit_code: str | None = None,
    indicator_code: str | None = None,
    year: int | None = None,
    suggestions: tuple[str, ...] = (),
    skipped: int = 0,
    **context: Any,
) -> Issue:
    """Build an issue whose message is the catalogue template filled with context."""
    entry = catalogue()[code]
    raw_text = None if raw_value is None else _shown(raw_value)
    fields = {"raw_value": raw_text, "year": year, "unit": unit_code, "indicator": indicator_code, "sheet": sheet}
    fields.update(context)
    return Issue(
        code=code,
        severity=entry.severity,
        message=entry.message_vi.format_map(_Blank(fields)),
        file=file,
        sheet=sheet,
        cell=cell,
        raw_value=raw_text,
        unit_code=unit_code,
        indicator_code=indicator_code,
        year=year,
        hint=entry.hint_vi,
        suggestions=suggestions,
        skipped=skipped,
    )


def blocks_file(issue: Issue) -> bool:
    """An error that refuses the whole file (not one the analyst may skip with its cells)."""
    return issue.severity == "error" and catalogue()[issue.code].blocks != "cell"


def count_by_code(issues: Iterable[Issue]) -> Counter[tuple[str, str]]:
    return Counter((i.severity, i.code) for i in issues)


class _Blank(dict[str, Any]):
    """format_map helper: a placeholder without a value renders as '?'."""

    def __missing__(self, key: str) -> str:
        return "?"


def catalogue_markdown() -> str:
    """docs/issues.md, generated from the catalogue (`python -m etl.issues > docs/issues.md`)."""
    lines = [
        "# Validation issue codes",
        "",
        "Generated from `etl/config/issue_catalogue.csv` by `python -m etl.issues > docs/issues.md`;",
        "a test keeps the two in step. Severity: **error** blocks the file (nothing is written) — a *file*",
        "error always, a *cell* error unless the analyst chooses to load the file without those cells",
        "(`--skip-error-cells`); **warning** lets it load (the value concerned is skipped) and is kept with",
        'the batch; **info** only explains what was done. See README, "One rule for what blocks what".',
        "",
        "| code | severity | blocks | message (Vietnamese template) | how to fix |",
        "|---|---|---|---|---|",
    ]
    for entry in catalogue().values():
        message = entry.message_vi.replace("|", "\\|")
        hint = entry.hint_vi.replace("|", "/")
        lines.append(f"| `{entry.code}` | {entry.severity} | {entry.blocks} | {message} | {hint} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(catalogue_markdown(), end="")


def _shown(raw_value: object) -> str:
    """A cell's raw value as the analyst reads it: numbers in Vietnamese form ("135", "0,855"), text as typed."""
    if isinstance(raw_value, int | float) and not isinstance(raw_value, bool):
        return format_plain(raw_value, 6) if abs(raw_value) < 1e15 else format_large(raw_value)
    return str(raw_value)
