"""Bản đồ: one indicator by district for one year, or the first year beside it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.geo import feature_code
from charts.map import MapPanel, district_map
from page_models.common import Selection, cell_states, complete_only, indicator_meta, within
from page_models.compare import province_label
from vocab.display import FLAG_MARK, format_value, year_label


@dataclass
class MapView:
    title: str
    figure: go.Figure
    table: pd.DataFrame  # district × year(s), numbers (formatted by the page)
    unit: str
    missing_shapes: list[str]  # current districts without a boundary in the GeoJSON
    states: pd.DataFrame | None = None  # same shape as table: "flagged" cells (vocab.display.format_cell)


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
    every = within(values, sel)
    rows = complete_only(every)
    rows = rows.assign(flag=(cell_states(rows) == "flagged").to_numpy())
    districts = current_districts(units, sel.last_year)
    years = [sel.first_year, year] if with_first_year and sel.first_year < year else [year]
    panels, province_texts = [], []
    for y in years:
        in_year = rows[rows["year"] == y].set_index("unit_code")
        codes = districts["code"].astype(str)
        value = codes.map(in_year["value"]).astype(float)
        flag = codes.map(in_year["flag"]).fillna(False).astype(bool)
        frame = pd.DataFrame(
            {
                "unit_code": codes,
                "unit_name": districts["name"],
                "value": value,
                "label": [
                    format_value(v, meta["unit"]) + (f" {FLAG_MARK}" if f else "")
                    for v, f in zip(value, flag, strict=True)
                ],
                "tile_row": districts["tile_row"],
                "tile_col": districts["tile_col"],
            }
        ).reset_index(drop=True)
        label = year_label(y, meta["period_type"])
        panels.append(MapPanel(label, frame))
        province_texts.append(province_label(every, sel, y, meta["unit"]) or "Toàn tỉnh: —")
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
    states = pd.DataFrame(
        {
            p.title: p.values.set_index("unit_name")["label"].str.endswith(FLAG_MARK).map({True: "flagged", False: ""})
            for p in panels
        }
    )
    table.index.name = "Địa bàn"
    states.index.name = "Địa bàn"
    return MapView(meta["name_vi"], figure, table, meta["unit"], _missing(districts, geojson, code_property), states)


def _missing(districts: pd.DataFrame, geojson: Mapping[str, Any] | None, code_property: str) -> list[str]:
    if geojson is None:
        return []
    present = {feature_code(f, code_property) for f in geojson.get("features", [])}
    return [str(n) for c, n in zip(districts["code"], districts["name"], strict=True) if str(c) not in present]
