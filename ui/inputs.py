"""The cached query results each page model needs, from the sidebar selection."""

from __future__ import annotations

from typing import Any

from page_models.common import Selection
from ui import data


def reference() -> dict[str, Any]:
    return {"catalogue": data.query("catalogue"), "units": data.query("units"), "targets": data.query("targets")}


def values(codes: list[str], f: Selection) -> Any:
    return data.query("values_for_indicators", indicator_codes=codes, first_year=f.first_year, last_year=f.last_year)


def assessment_values(f: Selection) -> Any:
    """The province's series and its districts' latest values (store/queries/assessment_values.sql)."""
    return data.query(
        "assessment_values", province_code=f.province_code, first_year=f.first_year, last_year=f.last_year
    )


def event_markers(f: Selection) -> list[tuple[int, str]]:
    """Policy events affecting the chosen indicator within the chosen years, as chart markers."""
    from analysis.review import event_markers as markers
    from analysis.review import events_for

    return markers(events_for(data.query("current_policy_events"), f.indicator_code, f.group_code, f.years))


def notes(f: Selection, indicator_codes: list[str], unit_codes: list[str] | None) -> Any:
    """Analysts' notes on these indicators for these units (and the province) within the chosen years."""
    from analysis.review import notes_for

    return notes_for(data.query("current_notes"), indicator_codes, unit_codes, f.years)
