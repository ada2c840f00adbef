"""Tests for the charts package: figure data only (no images, no kaleido)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import (
    GOOD_BAD_SCALE,
    PROVINCE_COLOR,
    apply_style,
    disparity_figure,
    heatmap_figure,
    rank_change_figure,
    ranked_bar_figure,
    sequential_scale,
    trend_figure,
    unit_colors,
)
from charts.colors import BAR_COLOR, QUALITATIVE_PALETTE
from charts.labels import chart_notes
from charts.style import FONT_FAMILY
from vocab.display import format_number, format_with_unit, target_text, value_axis_title, year_label

DISTRICTS = ["D01", "D02", "D03", "D04"]
COLORS = unit_colors(DISTRICTS)
NAMES = {"P": "Toàn tỉnh", "D01": "Hải Châu", "D02": "Thanh Khê", "D03": "Sơn Trà", "D04": "Hòa Vang"}


def _series(codes: list[str], years: range = range(2013, 2018)) -> pd.DataFrame:
    rows = [
        {"unit_code": c, "unit_name": NAMES[c], "year": y, "value": 80.0 + i + (y - 2013) * 0.5}
        for i, c in enumerate(codes)
        for y in years
    ]
    return pd.DataFrame(rows)


def _trend(series: pd.DataFrame, **kwargs: object) -> go.Figure:
    params: dict[str, object] = {
        "indicator_name": "Tỷ lệ huy động trẻ 5 tuổi",
        "unit": "%",
        "period_type": "school_year",
        "province_code": "P",
        "colors": COLORS,
    }
    params.update(kwargs)
    return trend_figure(series, **params)  # type: ignore[arg-type]


def _by_name(fig: go.Figure) -> dict[str, go.Scatter]:
    return {t.name: t for t in fig.data}


def _check_common_layout(fig: go.Figure) -> None:
    assert fig.layout.separators == ",."
    assert fig.layout.font.family == FONT_FAMILY
    assert 260 <= fig.layout.height <= 480  # a chart's height follows its rows (bars, heatmap, ranks)


# --- colours -----------------------------------------------------------------


def test_unit_colors_follow_registry_order_and_cycle() -> None:
    codes = [f"D{i:02d}" for i in range(len(QUALITATIVE_PALETTE) + 3)]
    colors = unit_colors(codes)
    assert list(colors) == codes
    assert colors["D00"] == QUALITATIVE_PALETTE[0]
    assert colors[codes[len(QUALITATIVE_PALETTE)]] == QUALITATIVE_PALETTE[0]
    assert len(set(colors[c] for c in codes[: len(QUALITATIVE_PALETTE)])) == len(QUALITATIVE_PALETTE)
    assert PROVINCE_COLOR not in QUALITATIVE_PALETTE


def _linear(hex_color: str) -> list[float]:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.9505
    y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.089
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _deuteranope(hex_color: str) -> list[float]:
    """Machado et al. (2009), deuteranopia at full severity, on linear RGB."""
    m = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    rgb = _linear(hex_color)
    return [min(max(sum(m[i][j] * rgb[j] for j in range(3)), 0.0), 1.0) for i in range(3)]


def _distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5


def test_good_and_bad_stay_apart_for_a_deuteranope_and_no_district_hue_reads_as_a_verdict() -> None:
    import colorsys

    from charts.colors import BAD_COLOR, GOOD_COLOR

    seen = _distance(_lab(_deuteranope(GOOD_COLOR)), _lab(_deuteranope(BAD_COLOR)))
    assert seen > 40, seen  # CIE76 ΔE: far beyond "clearly different" (≈ 10)
    red_green = _distance(_lab(_deuteranope("#dc2626")), _lab(_deuteranope("#16a34a")))
    assert red_green < seen / 2  # the pair this replaces nearly merges
    ends = [c for _, c in GOOD_BAD_SCALE]
    assert _distance(_lab(_deuteranope(str(ends[0]))), _lab(_deuteranope(str(ends[-1])))) > 40
    for color in QUALITATIVE_PALETTE:
        r, g, b = (int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))
        hue, light, saturation = colorsys.rgb_to_hls(r, g, b)
        strong = saturation > 0.45
        assert not (strong and (hue < 20 / 360 or hue > 340 / 360)), color  # no red
        assert not (strong and 80 / 360 < hue < 160 / 360), color  # no green
        assert 0.25 < light < 0.7, color  # visible on white, not mistaken for the near-black province


def test_sequential_scale_direction() -> None:
    up, down, neutral = sequential_scale("up"), sequential_scale("down"), sequential_scale("neutral")
    assert up[0][0] == 0 and up[-1][0] == 1
    assert [c for _, c in down] == [c for _, c in up][::-1]  # low = good when down is good
    assert "rgb(8,29,88)" == up[-1][1] == down[0][1]  # dark blue at the good end
    assert neutral != up
    assert GOOD_BAD_SCALE[0][0] == 0 and GOOD_BAD_SCALE[-1][0] == 1
    with pytest.raises(ValueError):
        sequential_scale("sideways")


# --- style helpers -----------------------------------------------------------


def test_formatting_helpers() -> None:
    assert format_number(82, "%") == "82,0"
    assert format_number(1234.4, "học sinh") == "1.234"
    assert format_number(25.25, "học sinh/lớp") == "25,2"  # round-half-even on the binary value
    assert format_number(float("nan"), "%") == "—"
    assert format_number(pd.NA, "%") == "—"
    assert format_with_unit(82, "%") == "82,0%"
    assert format_with_unit(12345, "học sinh") == "12.345 học sinh"
    assert format_with_unit(None, "%") == "—"
    assert value_axis_title("%") == "Tỷ lệ (%)"
    assert value_axis_title("học sinh") == "Học sinh"


def test_apply_style_sets_shared_layout() -> None:
    fig = apply_style(go.Figure(), "Tỷ lệ (%)")
    _check_common_layout(fig)
    assert fig.layout.template.layout.plot_bgcolor == "white"
    assert fig.layout.yaxis.title.text == "Tỷ lệ (%)"
    assert fig.layout.legend.orientation == "h"


# --- trend -------------------------------------------------------------------


def test_year_label() -> None:
    assert year_label(2013, "school_year") == "2013-2014"
    assert year_label(2013, "calendar_year") == "2013"


def test_trend_traces_colours_and_province_width() -> None:
    fig = _trend(_series(["P", "D02", "D04"]))
    _check_common_layout(fig)
    traces = _by_name(fig)
    assert [t.name for t in fig.data] == ["Toàn tỉnh", "Thanh Khê", "Hòa Vang"]
    assert traces["Toàn tỉnh"].line.color == PROVINCE_COLOR
    assert traces["Toàn tỉnh"].line.width == 3.5
    assert traces["Thanh Khê"].line.width < 3.5
    assert traces["Thanh Khê"].line.color == COLORS["D02"]
    assert all(t.mode == "lines+markers" and t.connectgaps is False for t in fig.data)
    assert fig.layout.yaxis.title.text == "Tỷ lệ (%)"
    assert fig.layout.xaxis.title.text == "Năm học"
    # Few lines: each named at its end, in its colour, and no legend.
    assert fig.layout.showlegend is False
    ends = {a.text: a for a in fig.layout.annotations if a.xanchor == "left" and a.xref == "x"}
    assert set(ends) == {"Toàn tỉnh", "Thanh Khê", "Hòa Vang"}
    assert ends["Thanh Khê"].font.color == COLORS["D02"] and ends["Toàn tỉnh"].x == 2017


def test_line_labels_are_pushed_apart_and_many_lines_get_a_legend() -> None:
    from charts.labels import LINE_LABEL_GAP, spread

    placed = spread([100, 101, 102, 300], LINE_LABEL_GAP, 0, 310)
    assert placed[3] == 300 and all(b - a >= LINE_LABEL_GAP for a, b in itertools.pairwise(placed[:3]))
    assert spread([305, 306], 16, 0, 310) == [294, 310]  # pushed down from the top, kept inside
    same = _series(["P", "D01"]).assign(value=80.0)  # two lines on one value: labels still apart
    fig = _trend(same)
    ys = sorted(a.y for a in fig.layout.annotations if a.xanchor == "left" and a.xref == "x")
    span = fig.layout.yaxis.range[1] - fig.layout.yaxis.range[0]
    assert (ys[1] - ys[0]) / span * (460 - 40 - 110) >= LINE_LABEL_GAP - 0.01
    codes = [f"D{i:02d}" for i in range(1, 10)]
    rows = [{"unit_code": c, "unit_name": f"Huyện {c}", "year": 2013, "value": 1.0} for c in ["P", *codes]]
    many = _trend(pd.DataFrame(rows))
    assert many.layout.showlegend is True and not [a for a in many.layout.annotations if a.xanchor == "left"]


def test_same_district_same_colour_across_subsets() -> None:
    first = _by_name(_trend(_series(["P", "D03"])))
    second = _by_name(_trend(_series(["D01", "D02", "D03", "D04"])))
    assert first["Sơn Trà"].line.color == second["Sơn Trà"].line.color == COLORS["D03"]
    bars = ranked_bar_figure(
        pd.DataFrame({"unit_code": ["D03"], "unit_name": ["Sơn Trà"], "value": [80.0], "rank": [1]}),
        indicator_name="x",
        unit="%",
        year_text="2023-2024",
        province_value=None,
        colors=COLORS,
    )
    assert bars.data[0].marker.color[0] == BAR_COLOR  # bars are one neutral colour: the rank is the message


def test_trend_tick_labels() -> None:
    school = _trend(_series(["P"]))
    assert list(school.layout.xaxis.tickvals) == [2013, 2014, 2015, 2016, 2017]
    assert school.layout.xaxis.ticktext[0] == "2013-2014"
    calendar = _trend(_series(["P"]), period_type="calendar_year")
    assert calendar.layout.xaxis.ticktext[0] == "2013"
    assert calendar.layout.xaxis.title.text == "Năm"


def test_trend_gaps_stay_nan() -> None:
    data = _series(["P", "D01"])
    data.loc[(data["unit_code"] == "D01") & (data["year"] == 2015), "value"] = np.nan
    data = data[~((data["unit_code"] == "D01") & (data["year"] == 2016))]  # absent row = gap too
    trace = _by_name(_trend(data))["Hải Châu"]
    assert list(trace.x) == [2013, 2014, 2015, 2016, 2017]
    assert math.isnan(trace.y[2]) and math.isnan(trace.y[3])
    assert 0 not in trace.y
    assert trace.customdata[2][0] == "—"


def test_trend_customdata_and_hover_vietnamese() -> None:
    data = pd.DataFrame({"unit_code": ["P"], "unit_name": ["Toàn tỉnh"], "year": [2013], "value": [82.0]})
    trace = _trend(data).data[0]
    assert list(trace.customdata[0]) == ["82,0", "2013-2014"]
    assert "Toàn tỉnh" in trace.hovertemplate
    assert "%{customdata[0]}%" in trace.hovertemplate
    counts = data.assign(value=[12345.0])
    trace = _trend(counts, unit="học sinh").data[0]
    assert trace.customdata[0][0] == "12.345"
    assert "%{customdata[0]} học sinh" in trace.hovertemplate


def test_trend_target_line_and_deadline_marker() -> None:
    target = {"value": 20, "comparator": ">=", "year": 2015, "source": "Nghị quyết 29-NQ/TW"}
    fig = _trend(_series(["P"]), target=target)
    hline = next(s for s in fig.layout.shapes if s.xref == "x domain")
    assert hline.y0 == hline.y1 == 20
    assert hline.line.dash == "dash"
    note = next(a for a in fig.layout.annotations if a.text.startswith("Mục tiêu"))
    assert note.text == "Mục tiêu 2015: ≥ 20%"  # the deadline as the legal text names it
    assert "Nghị quyết 29-NQ/TW" in note.hovertext and "2015-2016" in note.hovertext
    marker = _by_name(fig)["Mục tiêu"]
    assert list(marker.x) == [2015] and list(marker.y) == [20]
    assert marker.mode == "markers"  # no text beside the star: nothing to collide with
    assert target_text({"value": 95.5, "comparator": "<="}, "%") == "Mục tiêu ≤ 95,5%"


def test_trend_target_without_year_has_no_marker() -> None:
    fig = _trend(_series(["P"]), target={"value": 20, "comparator": ">=", "year": None, "source": "x"})
    assert "Mục tiêu" not in _by_name(fig)
    assert len(fig.layout.shapes) == 1
    assert fig.layout.annotations[0].text == "Mục tiêu ≥ 20%"


def test_trend_break_line() -> None:
    fig = _trend(_series(["P"]), break_years=[2016], break_note="Từ 2016 tính theo dân số mới")
    vline = next(s for s in fig.layout.shapes if s.yref == "y domain")
    assert vline.x0 == vline.x1 == 2015.5
    assert vline.line.dash == "dot"
    mark = next(a for a in fig.layout.annotations if a.text == "1")  # a numbered mark above the plot
    assert mark.x == 2015.5 and mark.yref == "paper" and mark.y == 1 and mark.yanchor == "bottom"
    assert chart_notes(fig) == ["1. Đổi cách tính từ năm học 2016-2017: Từ 2016 tính theo dân số mới"]


def test_trend_marks_every_break_of_an_indicator() -> None:
    # The upper-secondary exam changed in 2015 and 2020 (stored school years 2014 and 2019).
    fig = _trend(_series(["P"], range(2013, 2021)), break_years=[2014, 2019])
    assert sorted(s.x0 for s in fig.layout.shapes if s.yref == "y domain") == [2013.5, 2018.5]
    # No line runs across a break: the line has a gap between the versions.
    line = dict(zip(fig.data[0].x, fig.data[0].y, strict=True))
    assert pd.isna(line[2013.5]) and pd.isna(line[2018.5]) and not pd.isna(line[2019])


def test_trend_rings_a_flagged_value_and_says_why() -> None:
    series = _series(["P", "D01"]).assign(flagged=False)
    series.loc[(series["unit_code"] == "D01") & (series["year"] == 2015), "flagged"] = True
    ring = _by_name(_trend(series))["Giá trị đang xác minh (!)"]
    assert list(ring.x) == [2015] and ring.marker.symbol == "circle-open"
    assert "chưa được chuyên viên xác nhận" in ring.hovertemplate


def test_a_target_marker_sits_at_the_year_it_is_judged_on() -> None:
    # "đến năm 2020" on school years is judged on 2019-2020: the star sits at 2019, labelled so.
    target = {"value": 80, "comparator": ">=", "year": 2020, "judged_year": 2019, "source": "x"}
    star = _by_name(_trend(_series(["P"], range(2013, 2021)), target=target))["Mục tiêu"]
    assert list(star.x) == [2019] and "năm học 2019-2020" in star.hovertemplate


def test_a_deadline_after_the_data_is_named_in_the_label_not_drawn_on_the_axis() -> None:
    # Data to 2017-2018, a 2030 target (judged on 2029-2030): the axis ends with the data.
    target = {"value": 100, "comparator": ">=", "year": 2030, "judged_year": 2029, "source": "NĐ 71/2020"}
    fig = _trend(_series(["P"]), target=target)
    assert "Mục tiêu" not in _by_name(fig) and list(fig.layout.xaxis.tickvals)[-1] == 2017
    assert list(fig.layout.xaxis.range) == [2012.5, 2017.5]
    note = next(a for a in fig.layout.annotations if a.text.startswith("Mục tiêu"))
    assert note.text == "Mục tiêu 2030: ≥ 100%"
    line = next(s for s in fig.layout.shapes if s.xref == "x domain")
    assert (line.x0, line.x1) == (0, 1)  # across the whole axis
    strict = _trend(_series(["P"]), target={"value": 65, "comparator": ">", "year": 2030})
    assert any(a.text == "Mục tiêu 2030: > 65%" for a in strict.layout.annotations)


def test_trend_events() -> None:
    events = [(2014, "Luật Giáo dục 2019"), {"year": 2016, "label": "Sáp nhập"}, (2016, "Nâng cấp"), (2030, "x")]
    fig = _trend(_series(["P"]), events=events)
    assert sorted(s.x0 for s in fig.layout.shapes) == [2014, 2016]  # 2030 lies beyond the axis
    marks = {a.text: a for a in fig.layout.annotations if a.yref == "paper"}
    assert set(marks) == {"1", "2, 3"}  # one mark per year, numbered in order
    assert chart_notes(fig) == ["1. 2014: Luật Giáo dục 2019", "2. 2016: Sáp nhập", "3. 2016: Nâng cấp"]
    close = _trend(_series(["P"]), events=[(2015, "a"), (2016, "b")], break_years=[2016])
    rows = sorted((a.x, a.yshift) for a in close.layout.annotations if a.yref == "paper")
    assert [shift for _, shift in rows] == [3, 20, 3]  # within a year of the previous: one row higher


def test_a_count_of_districts_and_the_province_is_never_on_one_axis() -> None:
    data = _series(["P", "D01", "D02", "D03", "D04"]).assign(
        value=lambda d: np.where(d["unit_code"] == "P", 50_000.0, 5_000.0)
    )
    fig = _trend(data, unit="học sinh")
    axes = {t.name: t.yaxis for t in fig.data}
    assert axes["Toàn tỉnh"] == "y" and len(set(axes.values())) == 5
    assert all(fig.layout[f"yaxis{i}"].matches == "y2" for i in (3, 4, 5))  # districts share one scale
    assert fig.layout.yaxis.matches is None
    titles = {a.text for a in fig.layout.annotations}
    assert {"Hải Châu", "Thanh Khê", "<b>Toàn tỉnh</b>"} <= titles
    assert list(fig.layout.xaxis2.ticktext) == ["2013-<br>2014", "2017-<br>2018"]
    alone = _trend(_series(["P"]), unit="học sinh")  # the province alone: one plain chart
    assert len({t.yaxis for t in alone.data}) == 1


def test_the_phone_variant_moves_the_legend_below_and_uses_the_charts_own_phone_choices() -> None:
    from charts.phone import phone_figure

    fig = go.Figure(go.Heatmap(z=[[1]], texttemplate="%{z}", meta={"phone": {"texttemplate": ""}}))
    apply_style(fig, "", legend="right")
    fig.update_layout(meta={"phone": {"height": 300}})
    phone = phone_figure(fig)
    assert phone["data"][0]["texttemplate"] == "" and fig.data[0].texttemplate == "%{z}"  # a copy
    assert phone["layout"]["legend"]["orientation"] == "h" and phone["layout"]["legend"]["yref"] == "container"
    assert phone["layout"]["height"] > 300


def test_trend_rejects_duplicates() -> None:
    data = pd.concat([_series(["P"]), _series(["P"])])
    with pytest.raises(ValueError, match="more than one"):
        _trend(data)


# --- compare -----------------------------------------------------------------


def _ranked() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_code": ["D02", "D01", "D04", "D03"],
            "unit_name": ["Thanh Khê", "Hải Châu", "Hòa Vang", "Sơn Trà"],
            "value": [78.5, 91.25, np.nan, 85.0],
            "rank": pd.array([3, 1, pd.NA, 2], dtype="Int64"),
        }
    )


def test_ranked_bar_order_colours_and_province_line() -> None:
    fig = ranked_bar_figure(
        _ranked(), indicator_name="Tỷ lệ", unit="%", year_text="2023-2024", province_value=82.0, colors=COLORS
    )
    _check_common_layout(fig)
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert list(bar.y) == ["1. Hải Châu", "2. Sơn Trà", "3. Thanh Khê", "Hòa Vang"]  # the rank in the name
    assert fig.layout.yaxis.autorange == "reversed"  # rank 1 at the top
    assert set(bar.marker.color) == {BAR_COLOR}
    assert list(bar.text) == ["91,2%", "85,0%", "78,5%", "—"]
    assert bar.x[3] == 0
    assert bar.textposition == "outside" and bar.cliponaxis is False
    assert fig.layout.margin.r >= 4 * 12 * 0.55  # room for "91,2%" beyond the longest bar
    line = fig.layout.shapes[0]
    assert line.x0 == line.x1 == 82.0 and line.line.dash == "dash"
    assert fig.layout.annotations[0].text == "Toàn tỉnh: 82,0%"
    assert fig.layout.annotations[0].yref == "paper" and fig.layout.annotations[0].y == 1  # above the bars
    assert fig.layout.xaxis.title.text == "Tỷ lệ (%)"


def test_ranked_bar_without_province_value() -> None:
    fig = ranked_bar_figure(
        _ranked(), indicator_name="Số học sinh", unit="học sinh", year_text="2023", province_value=None, colors=COLORS
    )
    assert len(fig.layout.shapes) == 0
    assert fig.data[0].text[0] == "91"
    assert fig.layout.xaxis.title.text == "Học sinh"


def test_heatmap_shape_nan_and_labels() -> None:
    matrix = pd.DataFrame(
        [[80.0, np.nan, 85.5], [70.0, 72.0, 74.0]], index=["Hải Châu", "Sơn Trà"], columns=[2013, 2014, 2015]
    )
    fig = heatmap_figure(matrix, indicator_name="Tỷ lệ", unit="%", period_type="school_year", direction="down")
    _check_common_layout(fig)
    heat = fig.data[0]
    z = np.asarray(heat.z, dtype=float)
    assert z.shape == (2, 3)
    assert math.isnan(z[0][1]) and z[0][0] == 80.0
    assert list(heat.x) == ["2013-2014", "2014-2015", "2015-2016"]
    assert list(heat.y) == ["Hải Châu", "Sơn Trà"]
    assert list(heat.customdata[0][1]) == ["—", "Hải Châu"]
    assert list(heat.customdata[0][2]) == ["85,5%", "Hải Châu"]
    assert heat.text[0][1] == ""
    assert heat.texttemplate == "%{text}"  # three years fit a desk and a phone
    assert heat.meta["phone"]["texttemplate"] == "%{text}"
    wide = pd.DataFrame([[117_660.0] * 11], index=["Huyện Tân Điền"], columns=range(2013, 2024))
    crowded = heatmap_figure(wide, indicator_name="Số", unit="học sinh", period_type="school_year", direction="up")
    assert crowded.data[0].texttemplate == "%{text}" and crowded.data[0].meta["phone"]["texttemplate"] == ""
    assert [list(s) for s in heat.colorscale] == [list(s) for s in sequential_scale("down")]
    assert fig.layout.yaxis.autorange == "reversed"


def test_rank_change_reversed_axis_and_colours() -> None:
    table = pd.DataFrame(
        {
            "unit_code": ["D01", "D02", "D03"],
            "unit_name": ["Hải Châu", "Thanh Khê", "Sơn Trà"],
            "rank_from": pd.array([1, 3, pd.NA], dtype="Int64"),
            "rank_to": pd.array([2, 1, 3], dtype="Int64"),
        }
    )
    fig = rank_change_figure(table, from_text="2013-2014", to_text="2023-2024", colors=COLORS)
    _check_common_layout(fig)
    assert list(fig.layout.yaxis.range) == [3.5, 0.5]  # rank 1 at the top
    assert list(fig.layout.xaxis.ticktext) == ["2013-2014", "2023-2024"]
    traces = _by_name(fig)
    assert list(traces["Thanh Khê"].y) == [3, 1]
    assert traces["Thanh Khê"].line.color == COLORS["D02"]
    right = sorted(a.text for a in fig.layout.annotations if a.x == 1)
    assert right == ["1. Thanh Khê", "2. Hải Châu", "3. Sơn Trà"]  # "rank name" right of the lines only
    assert sorted(a.text for a in fig.layout.annotations if a.x == 0) == ["1", "3"]
    assert fig.layout.yaxis.showticklabels is False
    assert "Tăng 2 bậc" in traces["Thanh Khê"].hovertemplate
    assert "Giảm 1 bậc" in traces["Hải Châu"].hovertemplate
    assert traces["Sơn Trà"].y[0] is None


def test_disparity_cv_percent_and_ratio_axis() -> None:
    frame = pd.DataFrame(
        {"year": [2013, 2014, 2016], "n": [7, 7, 6], "cv": [0.125, 0.1, np.nan], "max_min_ratio": [1.5, 1.25, 1.4]}
    )
    fig = disparity_figure(frame, indicator_name="Tỷ lệ", unit="%", period_type="calendar_year")
    _check_common_layout(fig)
    cv, ratio = fig.data
    assert list(cv.x) == [2013, 2014, 2015, 2016]
    assert cv.y[0] == pytest.approx(12.5) and cv.y[1] == pytest.approx(10.0)
    assert math.isnan(cv.y[2]) and math.isnan(cv.y[3])
    assert ratio.yaxis == "y2" and ratio.y[1] == 1.25
    assert cv.customdata[0][0] == "12,5%"
    assert ratio.customdata[1][0] == "1,25 lần"
    assert fig.layout.yaxis.title.text == "Hệ số biến thiên (%)"
    assert fig.layout.yaxis2.title.text == "Lớn nhất / nhỏ nhất (lần)"
    assert fig.layout.yaxis2.overlaying == "y"
    assert list(fig.layout.xaxis.ticktext) == ["2013", "2014", "2015", "2016"]


def test_charts_package_does_not_import_streamlit() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = "import sys, charts; print('streamlit' in sys.modules)"
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"
