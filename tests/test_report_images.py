"""Figure images (kaleido on the machine's Chromium), the data behind a figure, the print layout."""

from __future__ import annotations

import struct
import threading
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.trend import trend_figure
from report import images
from report.chart_data import figure_table
from report.images import BROWSER_MISSING_VI, browser_path, figure_png, figure_svg
from report.print_style import print_figure

needs_browser = pytest.mark.skipif(
    browser_path() is None, reason="no Chrome/Chromium for kaleido (apt-get install chromium)"
)


def trend() -> go.Figure:
    series = pd.DataFrame(
        {
            "unit_code": ["99", "99", "99", "991", "991"],
            "unit_name": ["Tỉnh Sơn Hà", "Tỉnh Sơn Hà", "Tỉnh Sơn Hà", "Thị xã Bình Giang", "Thị xã Bình Giang"],
            "year": [2013, 2014, 2015, 2013, 2015],
            "value": [50.0, 55.5, 61.25, 40.0, 48.0],
        }
    )
    return trend_figure(
        series,
        indicator_name="Tỷ lệ trường đạt chuẩn quốc gia",
        unit="%",
        period_type="school_year",
        province_code="99",
        colors={"991": "#2563eb"},
    )


def test_figure_table_reads_the_series_with_year_labels_and_gaps() -> None:
    table = figure_table(trend())
    assert list(table.columns) == ["2013-2014", "2014-2015", "2015-2016"]
    assert table.loc["Tỉnh Sơn Hà"].tolist() == [50.0, 55.5, 61.25]
    assert table.loc["Thị xã Bình Giang", "2013-2014"] == 40.0
    assert pd.isna(table.loc["Thị xã Bình Giang", "2014-2015"])  # a gap stays a gap


def test_figure_table_of_horizontal_bars_and_heatmaps() -> None:
    bars = go.Figure(go.Bar(x=[3.5, 1.0], y=["Huyện A", "Huyện B"], orientation="h"))
    assert figure_table(bars)["Giá trị"].to_dict() == {"Huyện A": 3.5, "Huyện B": 1.0}
    heat = go.Figure(go.Heatmap(z=[[1, 2], [3, None]], x=["2013-2014", "2014-2015"], y=["Huyện A", "Huyện B"]))
    table = figure_table(heat)
    assert table.loc["Huyện A", "2014-2015"] == 2 and pd.isna(table.loc["Huyện B", "2014-2015"])


def test_print_layout_is_a_restyled_copy() -> None:
    fig = trend()
    printed = print_figure(fig)
    assert printed["layout"]["width"] == 800 and printed["layout"]["font"]["size"] == 15
    assert printed["layout"]["xaxis"]["ticktext"] == ["2013-<br>2014", "2014-<br>2015", "2015-<br>2016"]
    go.Figure(printed)  # still a valid figure
    assert fig.layout.width is None and fig.layout.xaxis.ticktext[0] == "2013-2014"  # original untouched


def test_a_missing_browser_is_explained_in_vietnamese(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    assert browser_path() is None
    monkeypatch.setattr(images, "_renderer", None)
    with pytest.raises(images.BrowserMissingError) as caught:
        figure_png(trend())
    assert str(caught.value) == BROWSER_MISSING_VI and "apt-get install chromium" in BROWSER_MISSING_VI


@needs_browser
def test_png_is_print_resolution_and_svg_keeps_vietnamese_text() -> None:
    png = figure_png(print_figure(trend()))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1920, 1104)
    svg = figure_svg(print_figure(trend())).decode("utf-8")
    assert svg.lstrip().startswith("<svg") and "TX. Bình Giang" in svg and "2015-" in svg
    assert "@font-face{font-family:'Noto Sans'" in svg  # the font travels with the SVG


@needs_browser
def test_the_one_renderer_serves_threads_without_mixing_results() -> None:
    figures = [go.Figure(go.Bar(x=["a"], y=[n])) for n in range(1, 5)]
    expected = [figure_png(f) for f in figures]  # PNG: byte-for-byte repeatable (SVG ids are random)
    got: dict[int, bytes] = {}
    threads = [threading.Thread(target=lambda i=i: got.__setitem__(i, figure_png(figures[i]))) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [got[i] for i in range(4)] == expected
    assert len(set(expected)) == 4


@needs_browser
def test_the_renderer_draws_with_the_projects_noto_sans_whatever_the_server_has() -> None:
    """Noto Sans is not a system font here (Debian's fonts-noto is not installed by .ci/run): the
    renderer finds it only through report/fonts/. The same text drawn in Noto Sans and in the
    system's DejaVu Sans gives different pixels, so the family resolved to the shipped font."""
    from report.fonts import EXPORT_FONT, FONT_DIR

    assert (FONT_DIR / "NotoSans-Regular.ttf").stat().st_size > 100_000 and (FONT_DIR / "COPYRIGHT").exists()

    def text(family: str) -> bytes:
        fig = go.Figure()
        fig.add_annotation(text="Tỷ lệ huy động trẻ 5 tuổi đến trường: ĐẠT", x=0.5, y=0.5, showarrow=False)
        fig.update_layout(font=dict(family=family, size=30), width=700, height=120)
        return figure_png(fig)

    assert text(EXPORT_FONT) != text("DejaVu Sans")
    assert text(EXPORT_FONT) == text(EXPORT_FONT)  # deterministic: the difference is the font


@needs_browser
def test_an_exported_chart_carries_its_title_source_notes_and_the_demo_mark() -> None:
    from report.print_style import ILLUSTRATIVE_MARK, Caption, framed_figure

    fig = trend()
    fig.update_layout(meta={"notes": ["1. 2016: Nâng cấp"]})
    caption = Caption("Tỷ lệ trường chuẩn", "Đơn vị tính: %; năm học 2013-2014 – 2017-2018", "Nguồn: Sở GD&ĐT.", True)
    spec = framed_figure(fig, caption)
    title = spec["layout"]["title"]
    assert "Tỷ lệ trường chuẩn" in title["text"] and "Đơn vị tính" in title["subtitle"]["text"]
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    assert any("1. 2016: Nâng cấp" in t and "Nguồn: Sở GD&ĐT." in t for t in texts)
    assert ILLUSTRATIVE_MARK in texts
    assert spec["layout"]["height"] > 460 and spec["layout"]["font"]["family"] == "Noto Sans"
    png = figure_png(spec)
    assert struct.unpack(">II", png[16:24])[1] in (
        int(spec["layout"]["height"] * 2.4),
        round(spec["layout"]["height"] * 2.4),
    )
    svg = figure_svg(spec).decode("utf-8")
    assert "Nguồn: Sở GD&amp;ĐT." in svg and ILLUSTRATIVE_MARK in svg
    plain = framed_figure(fig, Caption("T", source="Nguồn: x."))
    assert ILLUSTRATIVE_MARK not in [a["text"] for a in plain["layout"]["annotations"]]


def test_a_printed_chart_makes_room_for_its_foot_legend_and_writes_its_notes() -> None:
    codes = [f"D{i}" for i in range(10)]
    series = pd.DataFrame(
        [
            {"unit_code": c, "unit_name": f"Huyện {c}", "year": y, "value": 50.0 + i}
            for i, c in enumerate(codes)
            for y in (2013, 2014)
        ]
    )
    fig = trend_figure(
        series,
        indicator_name="x",
        unit="%",
        period_type="school_year",
        province_code="P",
        colors={},
        events=[(2014, "KL 51")],
    )
    spec = print_figure(fig)
    assert spec["layout"]["margin"]["b"] >= 80 + 4 * 22  # ten names, three to a row, under the axis
    assert spec["layout"]["legend"]["y"] > 0  # above the notes
    assert any(a["text"] == "1. 2014: KL 51" for a in spec["layout"]["annotations"])


def test_a_browser_that_hangs_on_close_is_killed_and_the_command_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing the renderer is clean-up: a browser that never answers "Browser.close" (seen under
    load, where the command then failed after 120 s) is killed after CLOSE_TIMEOUT_S."""
    import asyncio
    import subprocess
    import sys

    class _HangingKaleido:
        def __init__(self) -> None:
            self.subprocess = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])

        async def close(self) -> None:
            await asyncio.sleep(3600)

    monkeypatch.setattr(images, "CLOSE_TIMEOUT_S", 0.5)
    renderer = object.__new__(images._Renderer)
    renderer._loop = asyncio.new_event_loop()
    renderer._thread = threading.Thread(target=renderer._loop.run_forever, daemon=True)
    renderer._thread.start()
    renderer._kaleido = _HangingKaleido()  # type: ignore[assignment]
    renderer.close()
    assert renderer._kaleido.subprocess.poll() is not None
    assert not renderer._thread.is_alive()
