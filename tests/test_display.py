"""vocab.display: the forms of the display table, and the same value read alike in every output."""

from __future__ import annotations

import pandas as pd
import pytest
from docx import Document

from charts.compare import ranked_bar_figure
from charts.heatmap import heatmap_figure
from charts.trend import trend_figure
from etl.issues import make_issue
from page_models.sentences import Context, lead
from page_models.tables import formatted
from report.content import TableItem
from report.docx_writer import district_table
from report.sheets import number_format
from vocab.display import (
    excel_number_format,
    format_change,
    format_change_phrase,
    format_count,
    format_duration,
    format_plain,
    format_rate,
    format_value,
    format_with_unit,
    kind_of,
    year_label,
    years_label,
)

NAN = float("nan")


def test_the_forms_of_the_display_table() -> None:
    assert format_count(1234) == "1.234"
    assert format_value(1234.56, "học sinh") == "1.235"  # counts: no decimals, whatever the stored value
    assert format_rate(86.14) == "86,1%" and format_value(3.0, "%") == "3,0%"  # no space before %
    assert format_value(24.62, "học sinh/lớp") == "24,6"
    assert format_with_unit(12.5, "tỷ đồng") == "12,5 tỷ đồng" and format_value(2303000, "triệu đồng") == "2.303.000,0"
    assert year_label(2013, "school_year") == "2013-2014" and year_label(2013, "calendar_year") == "2013"
    assert years_label(2013, 2022, "school_year") == "năm học 2013-2014 – 2022-2023"
    for missing in (None, NAN, pd.NA, "x"):
        assert format_value(missing, "%") == "—" and format_with_unit(missing, "học sinh") == "—"
    assert format_value(2, "mức") == "mức độ 2" and format_value(1, "đạt/chưa đạt") == "đạt"
    assert format_value(0, "đạt/chưa đạt") == "chưa đạt"


def test_changes_in_cells_and_in_sentences() -> None:
    assert format_change(3.2, "%") == "+3,2 điểm %" and format_change(-1.5, "%") == "-1,5 điểm %"
    assert format_change(234, "trường") == "+234" and format_change(0.04, "%") == "0,0 điểm %"
    assert format_change_phrase(3.2, "%") == "tăng 3,2 điểm phần trăm"
    assert format_change_phrase(-1234, "học sinh") == "giảm 1.234 học sinh"
    assert format_change_phrase(0.02, "%") == "không đổi"
    assert format_change_phrase(1, "mức") == "tăng 1 mức độ"


def test_plain_numbers_and_durations_in_messages() -> None:
    assert format_plain(27.5) == "27,5" and format_plain(135.0) == "135" and format_plain(1234.5) == "1.234,5"
    assert format_plain(float("inf")) == "∞" and format_plain(None) == "—"
    assert format_duration(13.8) == "13,8 giây"
    issue = make_issue("percent-fraction-scaled", file="a.xlsx", raw_value=0.855, value=format_plain(85.5))
    assert "0,855" in issue.message and "85,5%" in issue.message and issue.raw_value == "0,855"


CASES = [(12.5, "tỷ đồng"), (1234.56, "học sinh"), (3.0, "%"), (24.62, "học sinh/lớp"), (2.0, "mức")]


@pytest.mark.parametrize(("value", "unit"), CASES)
def test_one_value_reads_the_same_in_every_output(value: float, unit: str) -> None:
    shown = format_value(value, unit)
    # Page table and Word appendix table.
    assert formatted(pd.DataFrame({2022: [value]}), unit).iloc[0, 0] == shown
    doc = Document()
    frame = pd.DataFrame({"2022-2023": [value]}, index=pd.Index(["Huyện A"], name="Địa bàn"))
    district_table(doc, TableItem(1, "x", "Bảng 1. x", "Nguồn: x", unit, frame))
    assert doc.tables[-1].rows[1].cells[-1].text == shown
    # Charts: bar label, heatmap cell, trend hover.
    ranked = pd.DataFrame({"unit_code": ["1"], "unit_name": ["Huyện A"], "value": [value], "rank": [1]})
    bars = ranked_bar_figure(ranked, indicator_name="x", unit=unit, year_text="", province_value=None, colors={})
    assert bars.data[0].text[0] == shown
    heat = heatmap_figure(
        pd.DataFrame({2022: [value]}, index=["Huyện A"]),
        indicator_name="x",
        unit=unit,
        period_type="school_year",
        direction="up",
    )
    assert heat.data[0].text[0][0] == shown
    series = pd.DataFrame({"unit_code": ["1"], "unit_name": ["Huyện A"], "year": [2022], "value": [value]})
    trend = trend_figure(series, indicator_name="x", unit=unit, period_type="school_year", province_code="0", colors={})
    hover = trend.data[0].customdata[0][0] + ("%" if unit == "%" else "")
    assert hover == shown or f"mức độ {hover}" == shown
    # Spreadsheet: the format code shows as many decimals as the dashboard.
    decimals = len(shown.rstrip("%").split(",")[1]) if "," in shown else 0
    assert number_format(value, unit) == excel_number_format(unit) == ("#,##0.0" if decimals == 1 else "#,##0")
    # A finding sentence states the same figure.
    row = {
        "name_vi": "Chỉ tiêu x",
        "unit": unit,
        "period_type": "school_year",
        "base_value": value,
        "base_year": 2022,
        "latest_value": value,
        "latest_year": 2022,
        "abs_change": NAN,
        "target_value": NAN,
        "crosses_break": False,
        "lagging": [],
        "direction": "up",
        "indicator_code": "x",
        "kind": kind_of(unit),
    }
    assert shown in lead(row, 2022, Context({}, {}))


def test_gaps_are_dashes_everywhere() -> None:
    assert formatted(pd.DataFrame({2022: [NAN]}), "%").iloc[0, 0] == "—"
    ranked = pd.DataFrame({"unit_code": ["1"], "unit_name": ["Huyện A"], "value": [NAN], "rank": [pd.NA]})
    bars = ranked_bar_figure(ranked, indicator_name="x", unit="%", year_text="", province_value=None, colors={})
    assert bars.data[0].customdata[0][0] == "—" and bars.data[0].text[0] == "—"  # no bar, "—" where its value goes


def test_partial_and_flagged_cells() -> None:
    from vocab.display import cell_state, format_cell, partial_text

    assert partial_text(4, 6) == "chưa đủ số liệu (4/6 huyện)" and partial_text(None, 6) == "chưa đủ số liệu"
    assert cell_state(False, False, 4, 6) == "partial:4/6" and cell_state(True, True) == "flagged"
    assert cell_state(False, True, 4, 6) == "partial:4/6"  # a partial figure is no figure, flagged or not
    assert cell_state(None, None) == "" and cell_state(True, False) == ""
    assert format_cell(85.1, "%", "partial:4/6") == "chưa đủ số liệu (4/6 huyện)"
    assert format_cell(117660, "học sinh", "flagged") == "117.660 (!)"
    assert format_cell(117660, "học sinh", "flagged", withhold_flagged=True) == "đang xác minh (!)"
    assert format_cell(None, "%", "flagged") == "—" and format_cell(3.0, "%") == "3,0%"


def test_targets_as_the_texts_state_them() -> None:
    from vocab.display import deadline_text, target_text

    assert target_text({"value": 65, "comparator": ">"}, "%") == "Mục tiêu > 65%"  # "trên 65%"
    assert target_text({"value": 35, "value_max": 40, "comparator": "range"}, "%") == "Mục tiêu 35–40%"
    assert target_text({"value": 1, "comparator": ">="}, "đạt/chưa đạt") == "Mục tiêu: đạt"
    assert target_text({"value": 35, "comparator": "<=", "scope": "norm"}, "học sinh/lớp") == (
        "Định mức ≤ 35 học sinh/lớp"
    )
    assert target_text({"value": 1.9, "comparator": "<=", "scope": "norm"}, "giáo viên/lớp") == (
        "Định mức ≤ 1,9 giáo viên/lớp"
    )
    # "đến năm 2020" on a school-year indicator is judged on 2019-2020 (the setting "ending").
    assert deadline_text(2020, "school_year") == "hạn 2020 (năm học 2019-2020)"
    assert deadline_text(2020, "school_year", "starting") == "hạn 2020 (năm học 2020-2021)"
    assert deadline_text(2020, "calendar_year") == "hạn 2020" and deadline_text(None) == "hằng năm"


def test_budgets_are_shown_in_their_display_unit() -> None:
    from vocab.display import convert_unit, unit_factor

    assert convert_unit(2303000, "triệu đồng", "tỷ đồng") == pytest.approx(2303.0)
    assert unit_factor("triệu đồng", "") == 1.0 and pd.isna(convert_unit(None, "triệu đồng", "tỷ đồng"))
    with pytest.raises(ValueError):
        convert_unit(1, "người", "tỷ đồng")


def test_when_a_years_figure_is_known() -> None:
    from datetime import date

    from vocab.periods import deadline_year, known_on

    assert known_on(2022, "school_year", "30/9") == date(2022, 9, 30)  # a stock of 2022-2023
    assert known_on(2022, "school_year", "31/5") == date(2023, 5, 31)  # its dropout: after 28/4/2023
    assert known_on(2022, "calendar_year", "calendar") == date(2022, 12, 31)
    assert known_on(2021, "calendar_year", "settled") == date(2022, 12, 31)  # the 2021 final accounts
    assert deadline_year(2020, "school_year") == 2019 and deadline_year(2020, "calendar_year") == 2020
    with pytest.raises(ValueError):
        known_on(2020, "school_year", "soon")
