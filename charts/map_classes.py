"""Value classes of the district map: quantile edges, labels, direction-aware colours."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from charts.colors import sequential_scale
from charts.labels import fits
from vocab.display import format_value
from vocab.labels import NO_DATA

MISSING_COLOR = "#d1d5db"
MAX_CLASSES = 5


def class_edges(values: Sequence[float], n_classes: int = MAX_CLASSES) -> list[float]:
    """Class boundaries at quantiles of the values (fewer classes when values repeat)."""
    data = np.array([v for v in values if not pd.isna(v)], dtype=float)
    if data.size == 0:
        return []
    edges = np.unique(np.quantile(data, np.linspace(0, 1, min(n_classes, len(np.unique(data))) + 1)))
    return [float(e) for e in edges] if len(edges) > 1 else [float(edges[0]), float(edges[0])]


def class_of(value: float, edges: Sequence[float]) -> int | None:
    if pd.isna(value) or not edges:
        return None
    index = int(np.searchsorted(edges[1:-1], value, side="right"))
    return min(index, max(len(edges) - 2, 0))


def class_labels(edges: Sequence[float], unit: str) -> list[str]:
    """ "80,0% – 85,2%" per class (a single value when all values are equal)."""
    if len(edges) == 2 and edges[0] == edges[1]:
        return [format_value(edges[0], unit)]
    return [f"{format_value(a, unit)} – {format_value(b, unit)}" for a, b in itertools.pairwise(edges)]


def palette(direction: str, n: int) -> list[str]:
    # Sampled from pale to dark, skipping the palest end (too close to white); for "down"
    # the same colours are reversed so that the lowest (best) class is the darkest blue.
    scale = sequential_scale("up" if direction == "down" else direction)
    points = [0.5] if n == 1 else [0.15 + 0.85 * i / (n - 1) for i in range(n)]
    colors = list(sample_colorscale(scale, points, colortype="rgb"))
    return colors[::-1] if direction == "down" else colors


def discrete_scale(colors: Sequence[str]) -> list[list[float | str]]:
    n = len(colors)
    scale: list[list[float | str]] = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


@dataclass(frozen=True)
class Classes:
    edges: list[float]
    labels: list[str]  # with the "no data" class first when any value is missing
    colors: list[str]
    offset: int  # 1 when the grey "no data" class is present

    def z(self, value: float) -> float:
        index = class_of(value, self.edges)
        return 0.0 if index is None else float(index + self.offset)


def classes_of(values: Sequence[float], unit: str, direction: str) -> Classes:
    edges = class_edges(values)
    labels = class_labels(edges, unit) if edges else []
    colors = palette(direction, len(labels)) if labels else []
    missing = any(pd.isna(v) for v in values) or not values
    if missing:
        return Classes(edges, [NO_DATA.capitalize(), *labels], [MISSING_COLOR, *colors], 1)
    return Classes(edges, labels, colors, 0)


def text_color(classes: Classes, value: float) -> str:
    """White on dark fills, near-black on pale ones."""
    if not classes.colors:
        return "#111827"
    color = classes.colors[int(classes.z(value))]
    if color.startswith("#"):
        red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    else:
        red, green, blue = (int(float(c)) for c in color.strip("rgb()").split(","))
    return "white" if 0.299 * red + 0.587 * green + 0.114 * blue < 140 else "#111827"


def class_legend(fig: go.Figure, classes: Classes) -> None:
    """The classes as legend entries (a square of each colour and its range): a legend wraps below a
    phone's map where a colour bar's labels would not fit."""
    for label, color in zip(classes.labels, classes.colors, strict=True):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker=dict(symbol="square", size=13, color=color),
                name=label,
                hoverinfo="skip",
                showlegend=True,
            )
        )


def fitted_labels(names: list[str], labels: list[str], boxes: list[tuple[float, float]]) -> list[str]:
    """Per district: "name<br>value" if it fits its box, else the value, else nothing (hover and the table)."""
    out = []
    for name, label, (w, h) in zip(names, labels, boxes, strict=True):
        full = f"{name}<br>{label}"
        out.append(full if fits(full, 12, w, h) else label if fits(label, 12, w, h) else "")
    return out
