"""Submission tracker chart: share of expected figures received per sender, coloured by status."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from analysis.submissions import STATUS_LABELS_VI, STATUS_ORDER, SenderStatus
from charts.colors import BAD_COLOR, GOOD_COLOR
from charts.style import apply_style
from vocab.display import format_rate

STATUS_COLORS = {  # blue = good, vermillion = bad: apart for colour-blind readers; each bar is named too
    "on_time": GOOD_COLOR,
    "late": "#e69f00",
    "partial": "#7c3aed",
    "missing": BAD_COLOR,
    "pending": "#6b7280",
}


def tracker_figure(statuses: Sequence[SenderStatus]) -> go.Figure:
    """One horizontal bar per sender (share received), one trace per status so the legend explains colours."""
    fig = go.Figure()
    names = [s.sender.name for s in statuses]
    for status in STATUS_ORDER:
        rows = [s for s in statuses if s.status == status]
        if not rows:
            continue
        fig.add_trace(
            go.Bar(
                x=[round(s.share * 100, 1) for s in rows],
                y=[s.sender.name for s in rows],
                orientation="h",
                name=STATUS_LABELS_VI[status],
                marker_color=STATUS_COLORS[status],
                text=[_bar_text(s) for s in rows],
                textposition="auto",
                hovertemplate="%{y}<br>%{text}<extra>" + STATUS_LABELS_VI[status] + "</extra>",
            )
        )
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)))
    apply_style(
        fig,
        "",
        x_title="Tỷ lệ số liệu đã nhận so với yêu cầu (%)",
        height=max(320, 28 * len(statuses) + 150),
    )
    fig.update_xaxes(range=[0, 100])
    fig.update_layout(barmode="overlay", margin=dict(l=10, r=20, t=20, b=90))
    fig.update_yaxes(automargin=True)
    return fig


def _bar_text(s: SenderStatus) -> str:
    share = format_rate(s.share * 100)
    if s.status == "late" and s.days_late is not None:
        return f"{share} · muộn {s.days_late} ngày"
    return share
