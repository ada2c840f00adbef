"""The diverging stacked bar of Likert answers (Robbins & Heiberger): negative labels to the left
of zero, positive to the right, the middle label split across zero; one bar per district or
group, in percent of its substantive answers."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import plotly.graph_objects as go

from analysis.surveys import Distribution
from charts.style import apply_style
from vocab.display import format_rate

# Colours by distance from the middle (ColorBrewer RdBu, readable by the colour-blind).
_NEG = ("#b2182b", "#ef8a62")  # most negative first
_MID = "#d1d5db"
_POS = ("#67a9cf", "#2166ac")  # least positive first
AXIS_TITLE_VI = "% người trả lời (← tiêu cực · tích cực →)"


def diverging_figure(distributions: Sequence[Distribution], names: Mapping[Hashable, str]) -> go.Figure:
    shown = [d for d in distributions if not d.suppressed and d.n]
    fig = go.Figure()
    if not shown:
        return apply_style(fig, "")
    labels = [(label, side) for label, side, _ in shown[0].counts]
    negatives = [lab for lab, side in labels if side == "neg"]
    positives = [lab for lab, side in labels if side == "pos"]
    middle = [lab for lab, side in labels if side == "mid"]
    colors = dict(zip(negatives, _NEG[-len(negatives) :], strict=False)) if negatives else {}
    colors |= dict(zip(positives, _POS[: len(positives)], strict=False)) if positives else {}
    ys = [names.get(d.key, str(d.key)) for d in shown]
    share = {lab: [100 * dict((x, c) for x, _, c in d.counts)[lab] / d.n for d in shown] for lab, _ in labels}
    rank = {lab: n for n, (lab, _) in enumerate(labels)}
    # Relative bars stack outward from zero in trace order: the middle half first on each side.
    plan = [(lab, -0.5, False) for lab in middle] + [(lab, -1.0, True) for lab in reversed(negatives)]
    plan += [(lab, 0.5, True) for lab in middle] + [(lab, 1.0, True) for lab in positives]
    for label, factor, legend in plan:
        fig.add_trace(
            go.Bar(
                x=[factor * s for s in share[label]],
                y=ys,
                orientation="h",
                name=label,
                legendgroup=label,
                legendrank=rank[label],
                showlegend=legend,
                marker_color=colors.get(label, _MID),
                customdata=[format_rate(s) for s in share[label]],
                hovertemplate="%{y}<br>" + label + ": %{customdata}<extra></extra>",
            )
        )
    apply_style(fig, "", x_title=AXIS_TITLE_VI, height=max(260, 46 * len(shown) + 170))
    fig.update_layout(barmode="relative", margin=dict(l=10, r=20, t=20, b=110))
    ticks = [-100, -50, 0, 50, 100]
    fig.update_xaxes(range=[-100, 100], tickvals=ticks, ticktext=[str(abs(t)) for t in ticks])
    fig.update_xaxes(zeroline=True, zerolinecolor="#374151", zerolinewidth=1)
    fig.update_yaxes(automargin=True, categoryorder="array", categoryarray=list(reversed(ys)))
    return fig
