"""The shapes data takes between reading a file and storing it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from etl.issues import Issue
from etl.questions import Question


@dataclass(frozen=True)
class RawCell:
    """One non-empty value cell as read from a file, before interpretation."""

    sheet: str
    cell: str
    unit_ref: str
    indicator_ref: str
    year_label: object
    raw: object
    number_format: str = "General"
    unit_cell: str | None = None
    indicator_cell: str | None = None
    year_cell: str | None = None
    unit_label: str | None = None  # the row's "Đơn vị tính" as written in the file
    scale: float = 1.0  # factor to the catalogue unit ("nghìn học sinh" -> 1000)
    convention: str = "vi"  # decimal convention of the file, see etl/resolve/convention.py
    flags: tuple[str, ...] = ()  # kept with the value (e.g. "scaled-x1000")


@dataclass(frozen=True)
class Value:
    """One interpreted value, ready to validate and store."""

    unit_code: str
    indicator_code: str
    year: int
    value: float
    raw: str
    sheet: str
    cell: str
    flags: tuple[str, ...] = ()


@dataclass
class Extracted:
    """What a reader found in one file."""

    source_kind: str
    cells: list[RawCell] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    declared_unit: str | None = None
    questions: list[Question] = field(default_factory=list)
    # What the file says about its plain years: (kind, text) from etl/config/year_evidence.csv.
    year_evidence: list[tuple[str, str]] = field(default_factory=list)
    layout_signature: str | None = None  # sheet names and header words: the same layout, the same signature
    layout_text: str | None = None  # the same, readable (etl/reading/file_facts.py, layout_of)
    skip_counts: Counter[str] = field(default_factory=Counter)  # values the reader skipped, by issue code
