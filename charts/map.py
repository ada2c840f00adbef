"""District map of one indicator: a choropleth on supplied boundaries, or a tile map.

Values are put in a few classes (a classed legend reads better than a
continuous scale on a map of ten to thirty districts); the colours are
direction-aware (dark blue is good, see :func:`charts.colors.sequential_scale`),
and a district without a value is grey, never the colour of 0. Panels share
their classes, so 2013 and the latest year can be compared side by side.

``geojson`` (a FeatureCollection whose ``properties[code_property]`` is the
GSO district code) gives a choropleth; without it each district is a square
at ``tile_row``/``tile_col`` (from the registry). Both are plain plotly figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.geo import area, aspect, centroid, extent, feature_code, px_per_degree, rings
from charts.map_classes import (
    MISSING_COLOR,
    Classes,
    class_edges,
    class_labels,
    class_legend,
    class_of,
    classes_of,
    discrete_scale,
    fitted_labels,
    text_color,
)
from charts.style import DESK_WIDTH, PHONE_WIDTH, apply_style
from vocab.display import FLAG_MARK, format_value, format_with_unit

__all__ = ["MapPanel", "class_edges", "class_labels", "class_of", "district_map"]


@dataclass(frozen=True)
class MapPanel:
    """One map: its title (e.g. the school year) and rows unit_code, unit_name, value
    (+ tile_row, tile_col for the tile map)."""

    title: str
    values: pd.DataFrame


def _labels(rows: pd.DataFrame, unit: str) -> list[str]:
    """A district's value as its label: the panel's own ``label`` column (e.g. a value marked "(!)") if given."""
    if "label" in rows.columns:
        return [str(x) for x in rows["label"]]
    return [format_value(v, unit) for v in rows["value"]]


def _hover(rows: pd.DataFrame, indicator_name: str, unit: str, title: str) -> list[str]:
    marks = rows["label"].astype(str).str.endswith(FLAG_MARK) if "label" in rows else None
    return [
        f"<b>{name}</b><br>{title}<br>{indicator_name}: {format_with_unit(v, unit)}"
        + (
            f" {FLAG_MARK} — giá trị bị cảnh báo khi nạp, chưa được xác nhận"
            if marks is not None and marks.iloc[k]
            else ""
        )
        for k, (name, v) in enumerate(zip(rows["unit_name"], rows["value"], strict=True))
    ]


def district_map(
    panels: Sequence[MapPanel],
    *,
    indicator_name: str,
    unit: str,
    direction: str,
    province_texts: Sequence[str] = (),
    geojson: Mapping[str, Any] | None = None,
    code_property: str = "ma_huyen",
) -> go.Figure:
    """One map per panel (side by side), sharing one classed legend.

    ``province_texts``: one line per panel such as "Toàn tỉnh: 85,3%", put under its title.
    """
    values = [float(v) for p in panels for v in pd.to_numeric(p.values["value"], errors="coerce")]
    classes = classes_of(values, unit, direction)
    titles = [
        f"{p.title}<br><sup>{province_texts[i]}</sup>" if i < len(province_texts) else p.title
        for i, p in enumerate(panels)
    ]
    fig = make_subplots(
        rows=1, cols=len(panels), specs=[[{"type": "xy"}] * len(panels)], subplot_titles=titles, horizontal_spacing=0.04
    )
    scale = discrete_scale(classes.colors) if classes.colors else [[0, MISSING_COLOR], [1, MISSING_COLOR]]
    common = dict(
        colorscale=scale,
        zmin=-0.5,
        zmax=max(len(classes.labels), 1) - 0.5,
        hovertemplate="%{customdata}<extra></extra>",
    )
    sizes = [_PanelSize(DESK_WIDTH, len(panels)), _PanelSize(PHONE_WIDTH, len(panels))]
    phone_px = 0.0  # the height the tiles take on a phone (there they are as wide as the screen allows)
    for col, panel in enumerate(panels, start=1):
        rows = panel.values.assign(value=pd.to_numeric(panel.values["value"], errors="coerce"))
        drawn = _Panel(fig, col, classes, common, indicator_name, unit, panel.title, sizes)
        if geojson is not None:
            _shapes(drawn, rows, geojson, code_property)
        else:
            phone_px = max(phone_px, _tiles(drawn, rows))
    # The traces hold classes and coordinates; the numbers go with the figure for the data export.
    table = pd.DataFrame({p.title: p.values.set_index("unit_name")["value"].astype(float) for p in panels}).astype(
        object
    )
    table = table.where(table.notna(), None)
    meta: dict[str, Any] = dict(
        table=dict(index=list(table.index), columns=list(table.columns), data=table.to_numpy().tolist())
    )
    if phone_px:
        meta["phone"] = dict(height=int(sum(_MAP_MARGINS[:1]) + phone_px + 10))
    fig.update_layout(meta=meta)
    class_legend(fig, classes)
    apply_style(fig, "", legend="right", height=MAP_HEIGHT)
    fig.update_layout(margin=dict(l=10, r=10, t=70, b=10), legend=dict(title=dict(text=unit_title(unit))))
    fig.update_annotations(font=dict(size=14))
    return fig


MAP_HEIGHT = 470
_MAP_MARGINS = (70 + 10, 10 + 10)  # (vertical, horizontal) px around the panels


def unit_title(unit: str) -> str:
    return f"Đơn vị: {unit}" if unit else ""


@dataclass(frozen=True)
class _PanelSize:
    """The px a panel is drawn at for a figure ``width`` wide (height fixed), less the legend's room."""

    width: int
    n_panels: int

    def box(self, legend_px: int = 150) -> tuple[float, float]:
        phone = self.width <= PHONE_WIDTH
        usable = self.width - _MAP_MARGINS[1] - (0 if phone else legend_px)
        return usable / self.n_panels * 0.96, MAP_HEIGHT - _MAP_MARGINS[0]


@dataclass(frozen=True)
class _Panel:
    """Where and how one panel is drawn."""

    fig: go.Figure
    col: int
    classes: Classes
    common: dict[str, Any]  # colour scale, range, colour bar and hover template shared by the panels
    indicator_name: str
    unit: str
    title: str
    sizes: list[_PanelSize]


def _tiles(p: _Panel, rows: pd.DataFrame) -> float:
    """The tile map of one panel; returns the height its tiles take on a phone (px)."""
    fig, classes, common, col, unit = p.fig, p.classes, p.common, p.col, p.unit
    rows = _tile_positions(rows)
    n_rows, n_cols = int(rows["tile_row"].max()) + 1, int(rows["tile_col"].max()) + 1
    z = np.full((n_rows, n_cols), np.nan)
    text = np.full((n_rows, n_cols), "", dtype=object)
    hover = np.full((n_rows, n_cols), "", dtype=object)
    phone = np.full((n_rows, n_cols), "", dtype=object)
    hovers = _hover(rows, p.indicator_name, unit, p.title)
    labels = _labels(rows, unit)
    names = [_short(str(n)) for n in rows["unit_name"]]
    tiles = []
    side = 0.0
    for size in p.sizes:
        w, h = size.box()
        side = min(w / n_cols, h / n_rows) - 4
        tiles.append(fitted_labels(names, labels, [(side, side)] * len(names)))
    for k, (i, j, value) in enumerate(
        zip(rows["tile_row"].astype(int), rows["tile_col"].astype(int), rows["value"], strict=True)
    ):
        z[i, j] = classes.z(value)
        text[i, j], phone[i, j] = tiles[0][k], tiles[1][k]
        hover[i, j] = hovers[k]
    fig.add_trace(
        go.Heatmap(
            z=z,
            text=text,
            customdata=hover,
            texttemplate="%{text}",
            textfont=dict(size=12),
            xgap=4,
            ygap=4,
            showscale=False,
            hoverongaps=False,
            meta=dict(phone=dict(text=phone.tolist())),
            **common,
        ),
        row=1,
        col=col,
    )
    axis = dict(showticklabels=False, showgrid=False, zeroline=False, showline=False)
    fig.update_xaxes(axis, row=1, col=col, constrain="domain")
    fig.update_yaxes(axis, row=1, col=col, autorange="reversed", scaleanchor=f"x{'' if col == 1 else col}")
    return (side + 4) * n_rows  # the last size is the phone's


def _tile_positions(rows: pd.DataFrame) -> pd.DataFrame:
    """Registry positions; districts without one are laid out in a near-square grid after them."""
    if {"tile_row", "tile_col"} - set(rows.columns):
        rows = rows.assign(tile_row=np.nan, tile_col=np.nan)
    placed = rows.dropna(subset=["tile_row", "tile_col"])
    loose = rows[rows["tile_row"].isna() | rows["tile_col"].isna()].reset_index(drop=True)
    if loose.empty:
        return placed
    width = max(int(np.ceil(np.sqrt(len(rows)))), int(placed["tile_col"].astype(float).max() + 1) if len(placed) else 0)
    start = int(placed["tile_row"].astype(float).max()) + 1 if len(placed) else 0
    loose = loose.assign(tile_row=start + loose.index // width, tile_col=loose.index % width)
    return pd.concat([placed, loose], ignore_index=True)


def _short(name: str) -> str:
    """The name without its prefix, for a tile label ("Huyện Hòa Phong" → "Hòa Phong")."""
    from vocab.text import strip_unit_prefix

    return strip_unit_prefix(name)[0]


def _shapes(p: _Panel, rows: pd.DataFrame, geojson: Mapping[str, Any], code_property: str) -> None:
    """Each district's polygons filled with its class colour; hover and label at its centre."""
    fig, classes, common, col, unit = p.fig, p.classes, p.common, p.col, p.unit
    features = {feature_code(f, code_property): f for f in geojson.get("features", [])}
    rows = rows[rows["unit_code"].astype(str).isin(features)].reset_index(drop=True)
    hovers = _hover(rows, p.indicator_name, unit, p.title)
    order = sorted(range(len(rows)), key=lambda i: -area(features[str(rows["unit_code"][i])]))
    for i in order:  # large districts first: one enclosed by another is drawn on top of it
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in rings(features[str(rows["unit_code"][i])]):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
        color = classes.colors[int(classes.z(rows["value"][i]))] if classes.colors else MISSING_COLOR
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=color,
                line=dict(color="white", width=1.2),
                hoverinfo="skip",
                showlegend=False,
            ),
            row=1,
            col=col,
        )
    points = [centroid(features[str(c)]) for c in rows["unit_code"]]
    shapes = [features[str(c)] for c in rows["unit_code"]]
    names, labels = [_short(str(n)) for n in rows["unit_name"]], _labels(rows, unit)
    texts = []
    for size in p.sizes:
        scale = px_per_degree(list(features.values()), *size.box())
        texts.append(fitted_labels(names, labels, [(w * scale, h * scale) for w, h in map(extent, shapes)]))
    fig.add_trace(
        go.Scatter(
            x=[p[0] for p in points],
            y=[p[1] for p in points],
            mode="markers+text",
            text=texts[0],
            meta=dict(phone=dict(text=texts[1])),
            textfont=dict(size=11, color=[text_color(classes, v) for v in rows["value"]]),
            marker=dict(size=28, opacity=0),
            customdata=hovers,
            hovertemplate=common["hovertemplate"],
            showlegend=False,
        ),
        row=1,
        col=col,
    )
    axis = dict(showticklabels=False, showgrid=False, zeroline=False, showline=False)
    fig.update_xaxes(axis, row=1, col=col, constrain="domain")
    fig.update_yaxes(
        axis, row=1, col=col, scaleanchor=f"x{'' if col == 1 else col}", scaleratio=aspect(list(features.values()))
    )
