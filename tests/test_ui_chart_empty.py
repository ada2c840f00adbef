"""A chart with no traces draws on both variants (Streamlit, plotly 7)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _page() -> None:
    import plotly.graph_objects as go

    from ui.charts import chart

    empty = go.Figure(layout={"title": {"text": "Thay đổi thứ hạng"}})
    chart(empty, key="empty", title="Thay đổi thứ hạng", unit="hạng", source="Sở GD&ĐT")


def test_an_empty_figure_draws_on_desk_and_phone_without_an_exception() -> None:
    at = AppTest.from_function(_page, default_timeout=60).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 2  # the desk and the phone variant
