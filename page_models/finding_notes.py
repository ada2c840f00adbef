"""The analysts' notes beside the findings (store/queries/current_notes.sql; docs/findings.md).

A note explains a result or a weakness ("Nguyên nhân"), gives context ("Bối cảnh") or warns about
the data ("Lưu ý về số liệu"). Each sits under the first finding of its indicator on its side
whose years it overlaps; every cause is also listed under the report's "Nguyên nhân", led by its
indicator's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from page_models.sentence_parts import name_of

__all__ = ["Cause", "Note", "causes_of", "notes_from", "place_notes"]

_NOTE_SIDES = {
    "result": ("result_cause", "context", "data_caveat"),
    "weakness": ("weakness_cause", "context", "data_caveat"),
}
_NOTE_WORDS = {
    "result_cause": "Nguyên nhân",
    "weakness_cause": "Nguyên nhân",
    "context": "Bối cảnh",
    "data_caveat": "Lưu ý về số liệu",
}


@dataclass(frozen=True)
class Note:
    """An analyst's note (store/queries/current_notes.sql): the cause of a result or a weakness, context, a caveat."""

    indicator_code: str
    kind: str
    text: str
    unit_code: str | None = None
    unit_name: str | None = None
    first_year: int | None = None
    last_year: int | None = None

    def scope(self) -> str:
        parts = [self.unit_name] if self.unit_name else []
        if self.first_year is not None or self.last_year is not None:
            first, last = self.first_year or self.last_year, self.last_year or self.first_year
            parts.append(str(first) if first == last else f"{first}–{last}")
        return f" ({', '.join(parts)})" if parts else ""

    def line(self) -> str:
        """ "Nguyên nhân (Huyện Mường Khoa, 2013–2023): …"."""
        return f"{_NOTE_WORDS.get(self.kind, 'Ghi chú')}{self.scope()}: {self.text.strip()}"

    def overlaps(self, first: int, last: int) -> bool:
        return (self.first_year or first) <= last and (self.last_year or last) >= first


@dataclass(frozen=True)
class Cause:
    kind: str  # "result_cause" | "weakness_cause"
    task: int
    text: str  # "Tỷ lệ học sinh trung học cơ sở bỏ học (Huyện Mường Khoa, 2013–2023): …"


def notes_from(frame: pd.DataFrame, unit_code: str | None = None) -> list[Note]:
    """Notes of the current_notes query; for a district's report (``unit_code``) its own and the province-wide ones."""
    notes = []
    for r in frame.to_dict("records"):
        unit = None if pd.isna(r.get("unit_code")) else str(r["unit_code"])
        if (unit_code is not None and unit not in (None, unit_code)) or not str(r.get("text") or "").strip():
            continue
        years = [None if pd.isna(r.get(k)) else int(r[k]) for k in ("first_year", "last_year")]
        name = None if pd.isna(r.get("unit_name")) else str(r["unit_name"])
        notes.append(Note(str(r["indicator_code"]), str(r["kind"]), str(r["text"]), unit, name, years[0], years[1]))
    return notes


def place_notes(
    findings: Sequence[tuple[str, tuple[str, ...], str]], table: pd.DataFrame, notes: Sequence[Note]
) -> list[tuple[str, ...]]:
    """The note lines under each finding, given as (side, indicator codes, first assessment key), in order."""
    spans = {
        str(k): (int(b), int(e))
        for k, b, e in zip(table["key"], table["base_year"], table["latest_year"], strict=True)
        if not pd.isna(b)
    }
    used: set[tuple[int, str]] = set()
    out = []
    for side, codes, key in findings:
        lines = []
        for i, note in enumerate(notes):
            if note.kind not in _NOTE_SIDES[side] or note.indicator_code not in codes:
                continue
            span = spans.get(key)
            if (i, side) in used or (span is not None and not note.overlaps(*span)):
                continue
            used.add((i, side))
            lines.append(note.line())
        out.append(tuple(lines))
    return out


def causes_of(notes: Sequence[Note], table: pd.DataFrame, task_of: Mapping[str, Any]) -> list[Cause]:
    """The causes of results and of weaknesses, each led by its indicator's name, with its task."""
    names = {
        str(r["indicator_code"]): name_of({**{str(k): v for k, v in r.items()}, "version_label": ""})
        for r in table.to_dict("records")
    }
    return [
        Cause(
            note.kind,
            int(task_of.get(note.indicator_code, 0) or 0),
            f"{names.get(note.indicator_code, note.indicator_code)}{note.scope()}: {note.text.strip()}",
        )
        for note in notes
        if note.kind in ("result_cause", "weakness_cause")
    ]
