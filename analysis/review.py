"""Which notes and policy events belong to an indicator, a district and a period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd

NOTE_KINDS_VI = {
    "result_cause": "Nguyên nhân kết quả",
    "weakness_cause": "Nguyên nhân hạn chế",
    "context": "Bối cảnh",
    "data_caveat": "Lưu ý về số liệu",
}


def event_applies(selector: str, indicator_code: str, group_code: str) -> bool:
    """'*' (every indicator), an indicator code, or group:<code>, separated by ';'."""
    for part in (p.strip() for p in selector.split(";")):
        if part == "*" or part == indicator_code or part == f"group:{group_code}":
            return True
    return False


def events_for(
    events: pd.DataFrame, indicator_code: str, group_code: str, years: range, as_of: date | None = None
) -> pd.DataFrame:
    """Current policy events that affect the indicator and touch the years shown, in time order.

    With ``as_of`` (a round's date), an event issued after it is left out: a 2023 review cannot
    show KL 91 of 2024. An event without an issue date counts from 1 January of its year.
    """
    if events.empty:
        return events
    last = events["last_year"].fillna(events["year"])
    mask = events["indicators"].map(lambda s: event_applies(str(s), indicator_code, group_code))
    mask &= (events["year"] <= years.stop - 1) & (last >= years.start)
    if as_of is not None:
        issued = events.get("issued_on", pd.Series(pd.NaT, index=events.index))
        known = pd.to_datetime(issued).fillna(pd.to_datetime(events["year"].astype(int).astype(str) + "-01-01"))
        mask &= known.dt.date <= as_of
    return events[mask].sort_values(["year", "event_id"]).reset_index(drop=True)


def event_markers(events: pd.DataFrame) -> list[tuple[int, str]]:
    """(year, label) for the trend chart: a period is marked at its first year with its span."""
    markers = []
    for e in events.to_dict("records"):
        span = f" ({int(e['year'])}–{int(e['last_year'])})" if pd.notna(e["last_year"]) else ""
        markers.append((int(e["year"]), f"{e['title']}{span}"))
    return markers


def notes_for(
    notes: pd.DataFrame, indicator_codes: Iterable[str], unit_codes: Sequence[str] | None, years: range
) -> pd.DataFrame:
    """Current notes on these indicators, for the province or the given units, overlapping the years.

    ``unit_codes`` None: every unit. A note without years applies to every year.
    """
    if notes.empty:
        return notes
    mask = notes["indicator_code"].isin(list(indicator_codes))
    if unit_codes is not None:
        mask &= notes["unit_code"].isna() | notes["unit_code"].isin(list(unit_codes))
    first = notes["first_year"].fillna(years.start)
    last = notes["last_year"].fillna(years.stop - 1)
    mask &= (first <= years.stop - 1) & (last >= years.start)
    return notes[mask].sort_values(["indicator_code", "kind", "note_id"]).reset_index(drop=True)
