"""A count over the years for the province and its districts: never on one axis.

The province's total is tens of times a district's count, so on one axis the districts
are squashed near zero. The province gets its own panel (full width, its own scale); the
districts are small multiples below it, three to a row, sharing one scale so that they can
be compared with each other. Each panel is titled with its unit's short name; the years are
marked only at the ends of a small panel (they would not fit a phone's third of a width).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.colors import FLAG_COLOR, PROVINCE_COLOR
from charts.labels import Marker, add_markers, short_unit_name
from charts.style import apply_style
from vocab.display import FLAG_MARK, format_number, period_word, unit_suffix, value_axis_title, year_label

__all__ = ["DISTRICT_COLOR", "count_panels"]

COLUMNS = 3
PROVINCE_ROW_PX = 230
DISTRICT_ROW_PX = 150
DISTRICT_COLOR = "#4e79a7"


def _axis_name(kind: str, index: int) -> str:
    return kind if index == 1 else f"{kind}{index}"


def count_panels(
    data: pd.DataFrame,
    indicator_name: str,
    unit: str,
    period_type: str,
    province_code: str,
    marks: Sequence[Marker] = (),
) -> go.Figure:
    """``data``: the cleaned series of charts.trend (unit_code, unit_name, year, value, flagged)."""
    codes = list(dict.fromkeys(data["unit_code"]))
    districts = [c for c in codes if c != province_code]
    n_rows = 1 + math.ceil(len(districts) / COLUMNS)
    heights = [PROVINCE_ROW_PX] + [DISTRICT_ROW_PX] * (n_rows - 1)
    names = {c: str(data.loc[data["unit_code"] == c, "unit_name"].iloc[0]) for c in codes}
    fig = make_subplots(
        rows=n_rows,
        cols=COLUMNS,
        specs=[[{"colspan": COLUMNS}, None, None]] + [[{}, {}, {}] for _ in range(n_rows - 1)],
        row_heights=heights,
        subplot_titles=["", *(short_unit_name(names[c]) for c in districts)],
        vertical_spacing=min(0.42 / n_rows, 80 / sum(heights)),
        horizontal_spacing=0.14,
    )
    years = sorted({int(y) for y in data["year"]})
    span = list(range(years[0], years[-1] + 1)) if years else []
    word = period_word(period_type)
    for k, code in enumerate([province_code, *districts]):
        row, col = (1, 1) if k == 0 else (2 + (k - 1) // COLUMNS, 1 + (k - 1) % COLUMNS)
        rows = data[data["unit_code"] == code].set_index("year")["value"].reindex(span)
        color = PROVINCE_COLOR if k == 0 else DISTRICT_COLOR
        fig.add_trace(
            go.Scatter(
                x=span,
                y=rows.tolist(),
                name=names[code],
                mode="lines+markers",
                connectgaps=False,
                line=dict(color=color, width=3 if k == 0 else 2),
                marker=dict(color=color, size=6 if k == 0 else 4),
                customdata=[
                    [format_number(v, unit), year_label(y, period_type)] for y, v in zip(span, rows, strict=True)
                ],
                hovertemplate=(
                    f"<b>{names[code]}</b><br>{word} %{{customdata[1]}}<br>"
                    f"{indicator_name}: %{{customdata[0]}}{unit_suffix(unit)}<extra></extra>"
                ),
                showlegend=False,
            ),
            row=row,
            col=col,
        )
        flagged = data[(data["unit_code"] == code) & data["flagged"] & data["value"].notna()]
        if not flagged.empty:
            fig.add_trace(
                go.Scatter(
                    x=flagged["year"].tolist(),
                    y=flagged["value"].tolist(),
                    mode="markers",
                    marker=dict(symbol="circle-open", size=13, color=FLAG_COLOR, line=dict(width=2)),
                    hovertemplate=f"{names[code]}: giá trị đang xác minh {FLAG_MARK}<extra></extra>",
                    showlegend=False,
                ),
                row=row,
                col=col,
            )
    apply_style(fig, "", legend="none", height=sum(heights) + 70 + 40 * (n_rows - 1))
    _axes(fig, span, period_type, len(districts), unit)
    fig.update_annotations(font=dict(size=12))
    fig.add_annotation(
        text="<b>Toàn tỉnh</b>",
        x=0.01,
        y=1,
        xref="x domain",
        yref="y domain",
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font=dict(size=12, color=PROVINCE_COLOR),
        bgcolor="rgba(255,255,255,0.8)",
    )
    add_markers(fig, marks)
    return fig


def _axes(fig: go.Figure, span: list[int], period_type: str, n_districts: int, unit: str) -> None:
    ends = [span[0], span[-1]] if span else []
    two_lines = [year_label(y, period_type).replace("-", "-<br>") for y in ends]
    phone: dict[str, object] = {}
    for index in range(1, n_districts + 2):
        x, y = _axis_name("xaxis", index), _axis_name("yaxis", index)
        district = index > 1
        if not district:  # a phone's province panel: the first and last year, as on the small panels
            phone[x] = dict(tickvals=ends, ticktext=two_lines)
        fig.layout[x].update(
            # A year of room at each end: an end label, centred on its tick, stays inside its panel.
            range=[span[0] - (1.5 if district else 0.5), span[-1] + (1.5 if district else 0.5)] if span else None,
            autorange=False,
            tickmode="array",
            tickvals=ends if district else span,
            ticktext=two_lines if district else [year_label(v, period_type) for v in span],
            showgrid=False,
            autotickangles=[0, 90],
        )
        fig.layout[y].update(
            rangemode="tozero",
            nticks=4,
            tickformat=",d",
            matches="y2" if district and index > 2 else None,
            showticklabels=not district or (index - 2) % COLUMNS == 0,
        )
    fig.layout.yaxis.title = dict(text=value_axis_title(unit))
    fig.update_layout(meta=dict(phone=phone))
