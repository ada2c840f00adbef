"""The district map: classes, GeoJSON helpers, the figure, and the page (AppTest)
with the GeoJSON fixture and without one; the boundary toggle on the trend page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from charts.geo import area, centroid, feature_code, normalise_code
from charts.map import MapPanel, class_edges, class_labels, class_of, district_map
from store import open_reader

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "districts_99.geojson"
CURRENT_DISTRICTS = 9  # ten demo districts, Huyện Ngọc Lâm merged into Huyện Sơn Cao in 2020


def test_class_edges_follow_quantiles_and_collapse_when_values_repeat() -> None:
    assert class_edges([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == pytest.approx([1, 2.8, 4.6, 6.4, 8.2, 10])
    assert class_edges([5, 5, 7]) == [5.0, 7.0]  # the median repeats the minimum: one class
    assert class_edges([4.0, float("nan")]) == [4.0, 4.0] and class_edges([]) == []
    edges = [0.0, 10.0, 20.0]
    assert [class_of(v, edges) for v in (0, 9.9, 10, 20, float("nan"))] == [0, 0, 1, 1, None]
    assert class_labels(edges, "%") == ["0,0% – 10,0%", "10,0% – 20,0%"]
    assert class_labels([1234.0, 5678.0], "học sinh") == ["1.234 – 5.678"]


def test_geojson_codes_and_centroids() -> None:
    assert [normalise_code(v) for v in (380, "1", "001", 1.0, " 760 ")] == ["380", "001", "001", "001", "760"]
    square = {"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}}
    assert centroid(square) == pytest.approx((1.0, 1.0)) and area(square) == pytest.approx(4.0)
    feature = {"properties": {"ma_huyen": 990}, **square}
    assert feature_code(feature, "ma_huyen") == "990"


def _panel(values: list[float | None]) -> MapPanel:
    return MapPanel(
        "2023-2024",
        pd.DataFrame(
            {
                "unit_code": ["990", "991", "993"],
                "unit_name": ["Thành phố Sơn Hà", "Thành phố Bình Giang", "Huyện Hòa Phong"],
                "value": values,
                "tile_row": [0, 0, None],  # the third has no position: laid out after the others
                "tile_col": [0, 1, None],
            }
        ),
    )


def test_tile_map_is_a_heatmap_with_a_classed_legend_and_a_grey_gap() -> None:
    fig = district_map([_panel([82.5, None, 61.0])], indicator_name="Tỷ lệ", unit="%", direction="up")
    trace, *legend = fig.data
    assert trace.type == "heatmap" and trace.showscale is False
    assert legend[0].name == "Không có số liệu"  # missing is its own grey class, in the legend
    assert legend[0].marker.color == "#d1d5db" and all(t.marker.symbol == "square" for t in legend)
    assert "82,5%" in " ".join(str(c) for row in trace.customdata for c in row)  # Vietnamese hover
    assert sum(1 for row in trace.text for t in row if t) == 3


def test_direction_decides_which_end_is_green() -> None:
    up = district_map([_panel([1.0, 2.0, 3.0])], indicator_name="x", unit="%", direction="up").data[0]
    down = district_map([_panel([1.0, 2.0, 3.0])], indicator_name="x", unit="%", direction="down").data[0]
    assert up.colorscale[-1][1] == down.colorscale[0][1]  # the darkest blue marks the best values


def test_geojson_map_draws_each_district_and_shares_classes_across_panels() -> None:
    geojson = json.loads(FIXTURE.read_text(encoding="utf-8"))
    first, last = _panel([50.0, 60.0, 70.0]), _panel([80.0, 90.0, None])
    fig = district_map([first, last], indicator_name="x", unit="%", direction="up", geojson=geojson)
    fills = [t for t in fig.data if t.fill == "toself"]
    labels = [t for t in fig.data if t.mode == "markers+text"]
    assert len(fills) == 6 and len(labels) == 2
    legend = [t for t in fig.data if t.showlegend]
    assert legend[0].name == "Không có số liệu" and len(legend) >= 3  # one classed legend for both


def open_page(db: Path, monkeypatch: pytest.MonkeyPatch, page: str, geojson: Path | None, **params: str) -> AppTest:
    monkeypatch.setenv("NQ29_DB", str(db))
    monkeypatch.setenv("NQ29_GEOJSON", str(geojson or db.parent / "no-such.geojson"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def specs(at: AppTest) -> list[dict[str, Any]]:
    """The desk variant of every chart (each is drawn twice: ui.charts, charts.phone)."""
    drawn = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [s for s in drawn if (s["layout"].get("meta") or {}).get("variant") != "phone"]


def test_map_page_without_a_boundary_file_draws_tiles(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/ban_do.py", None, chi_tieu="th_tl_cqg")
    [spec] = specs(at)
    assert [t["type"] for t in spec["data"] if not t.get("showlegend")] == ["heatmap"]
    assert len(at.dataframe[0].value) == CURRENT_DISTRICTS
    assert "Toàn tỉnh:" in spec["layout"]["annotations"][0]["text"]
    at.toggle(key="ban_do_hai_nam").set_value(True).run()
    [spec] = specs(at)
    assert [t["type"] for t in spec["data"] if not t.get("showlegend")] == ["heatmap", "heatmap"]
    assert list(at.dataframe[0].value.columns) == ["2013-2014", "2022-2023"]


def test_map_page_with_the_geojson_fixture(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_page(demo_store, monkeypatch, "pages/ban_do.py", FIXTURE, chi_tieu="th_tl_cqg")
    [spec] = specs(at)
    assert sum(1 for t in spec["data"] if t.get("fill") == "toself") == CURRENT_DISTRICTS
    assert not [w for w in at.warning if "thiếu" in w.value]  # every current district has a boundary


def test_map_of_2013_puts_the_merged_district_into_its_successor(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(demo_store, monkeypatch, "pages/ban_do.py", None, chi_tieu="th_hs", tu="2013", den="2013")
    con = open_reader(demo_store)
    try:
        parts = con.execute(
            "SELECT sum(value) FROM indicator_values WHERE indicator_code = 'th_hs' AND year = 2013 "
            "AND unit_code IN ('997', '998')"
        ).fetchone()
    finally:
        con.close()
    shown = at.dataframe[0].value.loc["Huyện Sơn Cao", "2013-2014"]
    assert shown == f"{int(parts[0]):,}".replace(",", ".")


def test_trend_toggle_sums_the_merged_district_and_marks_the_changes(
    demo_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = open_page(demo_store, monkeypatch, "pages/xu_huong.py", None, chi_tieu="th_hs", dia_ban="997,998")
    reported = at.dataframe[0].value
    assert reported.loc["Huyện Ngọc Lâm", "2020-2021"] == "—"
    assert "2020: Sáp nhập" in " ".join(specs(at)[0]["layout"]["meta"]["notes"])  # a numbered mark, its note
    at.segmented_control(key="xu_huong_dia_gioi").set_value("current").run()
    current = at.dataframe[0].value
    assert "Huyện Ngọc Lâm" not in current.index

    def number(text: str) -> int:
        return int(text.replace(".", ""))

    for year in ("2013-2014", "2019-2020"):
        expected = number(reported.loc["Huyện Ngọc Lâm", year]) + number(reported.loc["Huyện Sơn Cao", year])
        assert number(current.loc["Huyện Sơn Cao", year]) == expected
    assert current.loc["Huyện Sơn Cao", "2021-2022"] == reported.loc["Huyện Sơn Cao", "2021-2022"]


def test_the_map_s_data_export_holds_the_values_not_the_classes() -> None:
    from report.chart_data import figure_table

    fig = district_map([_panel([82.5, None, 61.0])], indicator_name="Tỷ lệ", unit="%", direction="up")
    table = figure_table(fig)
    assert list(table.columns) == ["2023-2024"]
    assert table.loc["Thành phố Sơn Hà", "2023-2024"] == 82.5 and pd.isna(
        table.loc["Thành phố Bình Giang", "2023-2024"]
    )
