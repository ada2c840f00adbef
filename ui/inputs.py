"""The cached query results each page model needs, from the sidebar selection.

Values come as leaders read them (analysis.budget.present): amounts in their display unit,
with the views at 2013 prices and per pupil as rows of their own.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analysis.budget import base_codes, present, presented_catalogue
from page_models.common import Selection
from ui import data


def catalogue() -> pd.DataFrame:
    """The catalogue in display units, with the budget views (analysis.budget)."""
    return presented_catalogue(data.query("catalogue"))


def reference() -> dict[str, Any]:
    return {"catalogue": catalogue(), "units": data.query("units"), "targets": data.query("targets")}


def _present(values: pd.DataFrame) -> pd.DataFrame:
    return present(values, data.query("catalogue"), data.query("price_index"))


def values(codes: list[str], f: Selection) -> Any:
    """Rows of the values_for_indicators query for these codes (views computed from their parts)."""
    stored = base_codes(codes, data.query("catalogue"))
    rows = data.query("values_for_indicators", indicator_codes=stored, first_year=f.first_year, last_year=f.last_year)
    shown = _present(rows)
    return shown[shown["indicator_code"].isin([*codes, *stored])].reset_index(drop=True)


def assessment_values(f: Selection) -> Any:
    """The province's series and its districts' latest values (store/queries/assessment_values.sql)."""
    rows = data.query(
        "assessment_values", province_code=f.province_code, first_year=f.first_year, last_year=f.last_year
    )
    return _present(rows)


def assessment(f: Selection, group_code: str | None = None) -> Any:
    """The round's assessment of the province (page_models.assessment.build_assessment) for the selection."""
    from page_models.assessment import build_assessment

    ref = reference()
    return build_assessment(
        assessment_values(f),
        ref["catalogue"],
        ref["targets"],
        f.province_code,
        f.first_year,
        f.last_year,
        group_code=group_code,
        as_of=f.as_of,
        deadline_rule=f.deadline_rule,
    )


def event_markers(f: Selection) -> list[tuple[int, str]]:
    """Policy events affecting the chosen indicator within the chosen years (and issued by the
    round's date), as chart markers."""
    from analysis.review import event_markers as markers
    from analysis.review import events_for

    events = events_for(data.query("current_policy_events"), f.indicator_code, f.group_code, f.years, f.as_of)
    return markers(events)


def notes(f: Selection, indicator_codes: list[str], unit_codes: list[str] | None) -> Any:
    """Analysts' notes on these indicators for these units (and the province) within the chosen years."""
    from analysis.review import notes_for

    return notes_for(data.query("current_notes"), indicator_codes, unit_codes, f.years)


def findings(f: Selection) -> Any:
    """The province's prioritised findings (page_models.unit_findings): the same objects, and so the same
    words, as the report's draft (report.draft)."""
    from page_models.unit_findings import unit_findings

    ref = reference()
    return unit_findings(
        assessment_values(f),
        ref["catalogue"],
        ref["targets"],
        data.query("resolution_tasks"),
        data.query("current_notes"),
        ref["units"],
        f.province_code,
        f.province_code,
        f.first_year,
        f.last_year,
        as_of=f.as_of,
        deadline_rule=f.deadline_rule,
    ).findings
