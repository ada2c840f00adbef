"""District × year heatmap: one cell per value, its text only where it fits."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.colors import sequential_scale
from charts.compare import numbers
from charts.labels import fits, short_unit_name, text_width
from charts.style import DESK_WIDTH, PHONE_WIDTH, apply_style
from vocab.display import FLAG_MARK, format_value, format_with_unit, period_word, value_axis_title, year_label

__all__ = ["heatmap_figure"]


def heatmap_figure(
    matrix: pd.DataFrame,
    *,
    indicator_name: str,
    unit: str,
    period_type: str,
    direction: str,
    marks: pd.DataFrame | None = None,
) -> go.Figure:
    """Units (index, top to bottom) × years (columns); NaN cells stay blank; a cell True in
    ``marks`` (same shape) carries "(!)": a value with an open quality warning.

    A cell shows its value only when every value fits its cell at the width the chart is drawn
    at (a desk's, and a phone's in the phone variant, charts.phone); otherwise values are on
    hover and in the table under the chart."""
    z = matrix.apply(numbers).to_numpy(dtype=float)
    flags = (
        marks.reindex(index=matrix.index, columns=matrix.columns).fillna(False).to_numpy(dtype=bool)
        if marks is not None
        else np.zeros(z.shape, dtype=bool)
    )
    cells = [
        [
            (format_value(v, unit) + (f" {FLAG_MARK}" if f else "")) if not np.isnan(v) else ""
            for v, f in zip(row, fr, strict=True)
        ]
        for row, fr in zip(z, flags, strict=True)
    ]
    hover = [
        [format_with_unit(v, unit) + (f" {FLAG_MARK}" if f else "") for v, f in zip(row, fr, strict=True)]
        for row, fr in zip(z, flags, strict=True)
    ]
    word = period_word(period_type)
    names = [short_unit_name(str(i)) for i in matrix.index]
    n_cols = max(len(matrix.columns), 1)
    longest = max((c for row in cells for c in row), key=len, default="")
    height = max(300, 26 * len(matrix.index) + 130)
    cell_px = (height - 130) / max(len(matrix.index), 1)
    label_px = max((text_width(n, 12) for n in names), default=0) + 16

    def text_fits(width: float) -> bool:
        return fits(longest, 11, (width - label_px - 90) / n_cols, cell_px)

    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[year_label(int(c), period_type) for c in matrix.columns],
            y=names,
            colorscale=sequential_scale(direction),
            text=np.array(cells, dtype=object),  # arrays: plotly keeps them whole, lists it checks cell by cell
            texttemplate="%{text}" if text_fits(DESK_WIDTH) else "",
            textfont=dict(size=11),
            customdata=np.array(
                [[[h, str(n)] for h in row] for row, n in zip(hover, matrix.index, strict=True)], dtype=object
            ).reshape(len(matrix.index), len(matrix.columns), 2),
            hoverongaps=True,
            hovertemplate=(
                f"<b>%{{customdata[1]}}</b><br>{word} %{{x}}<br>{indicator_name}: %{{customdata[0]}}<extra></extra>"
            ),
            xgap=1,
            ygap=1,
            colorbar=dict(title=dict(text=value_axis_title(unit), side="top"), thickness=12, tickformat=",~r"),
            meta=dict(phone=dict(texttemplate="%{text}" if text_fits(PHONE_WIDTH) else "")),
        )
    )
    apply_style(fig, "", x_title=word, legend="none", height=height)
    fig.update_xaxes(type="category", showgrid=False, autotickangles=[0, 90])
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False, automargin=True)
    fig.update_layout(margin=dict(l=10, r=10))
    return fig
