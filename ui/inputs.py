"""The cached query results each page model needs, from the sidebar selection."""

from __future__ import annotations

from typing import Any

from ui import data
from ui.filters import Filters
from views.common import Selection


def selection(f: Filters) -> Selection:
    return Selection(f.indicator_code, f.unit_codes, f.first_year, f.last_year, f.province_code)


def reference() -> dict[str, Any]:
    return {"catalogue": data.query("catalogue"), "units": data.query("units"), "targets": data.query("targets")}


def values(codes: list[str], f: Filters) -> Any:
    return data.query("values_for_indicators", indicator_codes=codes, first_year=f.first_year, last_year=f.last_year)


def assessment_values(f: Filters) -> Any:
    """The province's series and its districts' latest values (store/queries/assessment_values.sql)."""
    return data.query(
        "assessment_values", province_code=f.province_code, first_year=f.first_year, last_year=f.last_year
    )
