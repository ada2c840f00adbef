"""Annotations and vertical lines added in one layout update (charts.layout_items) give the same
figure as plotly's add_annotation / add_vline called one item at a time, on the demo store's pages."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

import charts.compare
import charts.heatmap
import charts.labels
import charts.map
import charts.opinions
import charts.submissions
import charts.trend
import charts.trend_panels
from analysis.budget import presented_catalogue
from charts.layout_items import add_annotations, add_vlines
from charts.style import FONT_FAMILY, SEPARATORS, TEMPLATE
from page_models.common import Selection
from page_models.compare import build_compare
from page_models.map import build_map
from page_models.opinions import build_opinions
from page_models.trend import build_trend
from store import fetch_df, open_reader


def one_by_one_annotations(fig: go.Figure, annotations: Iterable[Mapping[str, Any]]) -> None:
    for a in annotations:
        fig.add_annotation(**a)


def one_by_one_vlines(fig: go.Figure, xs: Iterable[float], line: Mapping[str, Any]) -> None:
    for x in xs:
        fig.add_vline(x=x, line=dict(line))


LABELS = [
    dict(x=i, y=2 * i, xref="x", yref="y", text=f"Nhãn {i}", showarrow=False, font=dict(size=12, color="#123456"))
    for i in range(12)
]


def test_annotations_match_plotly_one_by_one() -> None:
    fast, slow = go.Figure(go.Scatter(x=[0, 11], y=[0, 22])), go.Figure(go.Scatter(x=[0, 11], y=[0, 22]))
    for fig in (fast, slow):
        fig.add_annotation(text="có sẵn", x=0, y=0)  # an earlier annotation stays first
    add_annotations(fast, LABELS)
    one_by_one_annotations(slow, LABELS)
    assert len(fast.layout.annotations) == 13
    assert fast.to_plotly_json() == slow.to_plotly_json()


@pytest.mark.parametrize("subplots", [False, True])
def test_vlines_match_plotly_one_by_one(subplots: bool) -> None:
    def base() -> go.Figure:
        fig = make_subplots(rows=2, cols=1) if subplots else go.Figure()
        fig.add_trace(go.Scatter(x=[2013, 2023], y=[1, 2]), **({"row": 1, "col": 1} if subplots else {}))
        if subplots:
            fig.add_trace(go.Scatter(x=[2013, 2023], y=[3, 4]), row=2, col=1)
        fig.add_hline(y=1.5)  # an earlier shape stays first
        return fig

    fast, slow = base(), base()
    add_vlines(fast, [2015.5, 2018], dict(color="#9ca3af", dash="dot", width=1))
    one_by_one_vlines(slow, [2015.5, 2018], dict(color="#9ca3af", dash="dot", width=1))
    assert len(fast.layout.shapes) == (6 if subplots else 3)  # in subplots: one line per subplot
    assert fast.to_plotly_json() == slow.to_plotly_json()


@pytest.fixture(scope="module")
def demo(demo_store: Path) -> dict[str, Any]:
    con = open_reader(demo_store)
    try:
        return {
            "values": fetch_df(
                con, "values_for_indicators", {"indicator_codes": ["th_tl_cqg"], "first_year": 2013, "last_year": 2023}
            ),
            "count_values": fetch_df(
                con, "values_for_indicators", {"indicator_codes": ["mn_truong"], "first_year": 2013, "last_year": 2023}
            ),
            "catalogue": presented_catalogue(fetch_df(con, "catalogue")),
            "answers": fetch_df(con, "survey_answers", {"survey_code": None}),
            "units": fetch_df(con, "units"),
            "targets": fetch_df(con, "targets"),
        }
    finally:
        con.close()


def update_layout_style(
    fig: go.Figure, y_title: str, *, x_title: str | None = None, legend: str = "bottom", height: int = 460
) -> go.Figure:
    """charts.style.apply_style as it was: every property through update_layout."""
    fig.update_layout(
        template=TEMPLATE,
        separators=SEPARATORS,
        font=dict(family=FONT_FAMILY, size=13, color="#1f2937"),
        hoverlabel=dict(font=dict(family=FONT_FAMILY, size=13)),
        height=height,
        margin=dict(l=60, r=30 if legend != "right" else 10, t=40, b=40),
        showlegend=legend != "none",
        hovermode="closest",
    )
    if legend == "bottom":
        fig.update_layout(
            legend=dict(
                orientation="h", x=0, xanchor="left", yref="container", y=0, yanchor="bottom", font=dict(size=12)
            )
        )
    elif legend == "right":
        fig.update_layout(legend=dict(orientation="v", x=1.02, xanchor="left", y=1, yanchor="top"))
    fig.update_layout(yaxis=dict(title=dict(text=y_title)))
    if x_title is not None:
        fig.update_layout(xaxis=dict(title=dict(text=x_title)))
    return fig


CHART_MODULES = (
    charts.labels,
    charts.trend,
    charts.trend_panels,
    charts.compare,
    charts.heatmap,
    charts.map,
    charts.opinions,
    charts.submissions,
)


def slow_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every chart module back to plotly's one-item-at-a-time calls and update_layout styling."""
    for module in CHART_MODULES:
        for name, slow in (
            ("add_annotations", one_by_one_annotations),
            ("add_vlines", one_by_one_vlines),
            ("apply_style", update_layout_style),
        ):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, slow)


def page_figures(demo: dict[str, Any]) -> list[go.Figure]:
    """The trend (3 districts: names at the line ends; two events: numbered marks) and the comparison page's figures."""
    codes = tuple(demo["units"].loc[demo["units"]["parent_code"].notna(), "code"].astype(str))[:3]
    trend = build_trend(
        demo["values"],
        catalogue=demo["catalogue"],
        targets=demo["targets"],
        units=demo["units"],
        sel=Selection("th_tl_cqg", codes, 2013, 2023, "99"),
        events=[(2016, "Sự kiện một"), (2017, "Sự kiện hai")],
    )
    compare = build_compare(
        demo["values"], demo["catalogue"], demo["units"], Selection("th_tl_cqg", (), 2013, 2023, "99"), 2022
    )
    count_code = "mn_truong"
    counts = build_trend(
        demo["count_values"],
        catalogue=demo["catalogue"],
        targets=demo["targets"],
        units=demo["units"],
        sel=Selection(count_code, codes, 2013, 2023, "99"),
        events=[(2016, "Sự kiện một")],
    )  # a count: the province and its districts in panels of their own (subplots)
    district_map = build_map(
        demo["values"], demo["catalogue"], demo["units"], Selection("th_tl_cqg", (), 2013, 2023, "99"), 2022,
        with_first_year=True,
    )  # fmt: skip
    first = build_opinions(demo["answers"], demo["units"], None, None)
    opinions = build_opinions(demo["answers"], demo["units"], first.rounds[-1], None)
    assert opinions.figure is not None
    return [
        trend.figure,
        counts.figure,
        compare.ranked_bar,
        compare.rank_change,
        compare.heatmap,
        compare.disparity,
        district_map.figure,
        opinions.figure,
    ]


def test_page_figures_carry_the_same_data_as_before(demo: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = [json.loads(f.to_json()) for f in page_figures(demo)]  # JSON: a gap (NaN) compares equal as null
    slow_helpers(monkeypatch)
    slow = [json.loads(f.to_json()) for f in page_figures(demo)]
    assert len(fast[0]["layout"]["annotations"]) >= 5  # three line labels and two event marks
    assert len(fast[1]["layout"]["shapes"]) >= 2  # the event's line in each panel
    assert len(fast[3]["layout"]["annotations"]) >= 18  # the rank chart's labels, both sides (9–10 districts)
    for new, old in zip(fast, slow, strict=True):
        assert new["data"] == old["data"]  # x, y, text, customdata, hovertemplate of every trace
        assert new["layout"] == old["layout"]


def test_vlines_skip_the_empty_panels_of_a_grid_as_plotly_does() -> None:
    def base() -> go.Figure:
        fig = make_subplots(rows=3, cols=2)
        for row, col in [(1, 1), (2, 2), (3, 1)]:  # (1, 2), (2, 1) and (3, 2) have no trace
            fig.add_trace(go.Scatter(x=[2013, 2023], y=[row, col]), row=row, col=col)
        fig.add_annotation(text="chú thích", x=2015, y=1, xref="x2", yref="y2")  # a panel with only a label
        return fig

    fast, slow = base(), base()
    xs = [2014, 2016.5, 2020]
    add_vlines(fast, xs, dict(color="#9ca3af", dash="dot", width=1))
    one_by_one_vlines(slow, xs, dict(color="#9ca3af", dash="dot", width=1))
    assert len(fast.layout.shapes) == 3 * 4  # four panels hold something
    assert fast.to_plotly_json() == slow.to_plotly_json()
