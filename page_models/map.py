"""Bản đồ: one indicator by district for one year, or the first year beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.geo import feature_code
from charts.map import MapPanel, district_map
from page_models.common import Selection, complete_only, indicator_meta, within
from vocab.display import format_with_unit, year_label


@dataclass
class MapView:
    title: str
    figure: go.Figure
    table: pd.DataFrame  # district × year(s), numbers (formatted by the page)
    unit: str
    missing_shapes: list[str]  # current districts without a boundary in the GeoJSON


def current_districts(units: pd.DataFrame, last_year: int) -> pd.DataFrame:
    """Districts that exist at the end of the period (the map's geography)."""
    districts = units[units["parent_code"].notna()]
    return districts[districts["valid_to"].isna() | (districts["valid_to"] >= last_year)]


def build_map(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    units: pd.DataFrame,
    sel: Selection,
    year: int,
    *,
    with_first_year: bool = False,
    geojson: Mapping[str, Any] | None = None,
    code_property: str = "ma_huyen",
) -> MapView:
    """``values``: the indicator on current boundaries (analysis.boundaries.harmonise)."""
    meta = indicator_meta(catalogue, sel.indicator_code)
    rows = complete_only(within(values, sel))
    districts = current_districts(units, sel.last_year)
    years = [sel.first_year, year] if with_first_year and sel.first_year < year else [year]
    panels, province_texts = [], []
    for y in years:
        in_year = rows[rows["year"] == y].set_index("unit_code")["value"]
        frame = pd.DataFrame(
            {
                "unit_code": districts["code"].astype(str),
                "unit_name": districts["name"],
                "value": districts["code"].astype(str).map(in_year).astype(float),
                "tile_row": districts["tile_row"],
                "tile_col": districts["tile_col"],
            }
        ).reset_index(drop=True)
        label = year_label(y, meta["period_type"])
        panels.append(MapPanel(label, frame))
        province_texts.append(f"Toàn tỉnh: {format_with_unit(in_year.get(sel.province_code), meta['unit'])}")
    figure = district_map(
        panels,
        indicator_name=meta["name_vi"],
        unit=meta["unit"],
        direction=meta["direction"],
        province_texts=province_texts,
        geojson=geojson,
        code_property=code_property,
    )
    table = pd.DataFrame({p.title: p.values.set_index("unit_name")["value"] for p in panels})
    table.index.name = "Địa bàn"
    return MapView(meta["name_vi"], figure, table, meta["unit"], _missing(districts, geojson, code_property))


def _missing(districts: pd.DataFrame, geojson: Mapping[str, Any] | None, code_property: str) -> list[str]:
    if geojson is None:
        return []
    present = {feature_code(f, code_property) for f in geojson.get("features", [])}
    return [str(n) for c, n in zip(districts["code"], districts["name"], strict=True) if str(c) not in present]
