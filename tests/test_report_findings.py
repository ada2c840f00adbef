"""Findings sentences on a tiny province whose answers are worked out by hand."""

from __future__ import annotations

import pandas as pd

from page_models.assessment import build_assessment
from report.findings import draft_findings, finding_sentence

CATALOGUE = pd.DataFrame(
    [
        # code, name, group, unit, direction, period, kind
        ("x_cqg", "Tỷ lệ trường đạt chuẩn", "%", "up", "school_year", "rate"),
        ("y_bohoc", "Tỷ lệ học sinh bỏ học", "%", "down", "school_year", "rate"),
        ("z_chi", "Tỷ lệ chi cho giáo dục", "%", "up", "calendar_year", "rate"),
    ],
    columns=["code", "name_vi", "unit", "direction", "period_type", "kind"],
).assign(group_code="g", group_name="Nhóm G", group_order=1, break_year=None)

TARGETS = pd.DataFrame(
    [
        ("x_cqg", None, 2020, ">=", 60.0, "national", "Quyết định 1", None),
        ("z_chi", None, None, ">=", 20.0, "national", "Nghị quyết 29", None),
    ],
    columns=["indicator_code", "unit_code", "year", "comparator", "value", "scope", "source", "note"],
)

# (unit, indicator, year, value): province 99 with districts 91 (Huyện A) and 92 (Huyện B).
ROWS = [
    ("99", "x_cqg", 2013, 50.0), ("99", "x_cqg", 2019, 58.0), ("99", "x_cqg", 2022, 59.5),
    ("91", "x_cqg", 2022, 52.0), ("92", "x_cqg", 2022, 70.0),
    ("99", "y_bohoc", 2013, 3.0), ("99", "y_bohoc", 2022, 1.5),
    ("91", "y_bohoc", 2022, 1.0), ("92", "y_bohoc", 2022, 7.0),
    ("99", "z_chi", 2013, 18.0), ("99", "z_chi", 2022, 21.0),
]  # fmt: skip
NAMES = {"99": "Tỉnh T", "91": "Huyện A", "92": "Huyện B"}


def values() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=["unit_code", "indicator_code", "year", "value"])
    return frame.assign(
        unit_name=frame["unit_code"].map(NAMES),
        parent_code=frame["unit_code"].map(lambda c: None if c == "99" else "99"),
    )


def assessed() -> pd.DataFrame:
    return build_assessment(values(), CATALOGUE, TARGETS, "99", 2013, 2022).table


def test_results_and_weaknesses_read_as_worked_out_by_hand() -> None:
    found = draft_findings(assessed(), notes={"x_cqg": [("weakness_cause", "Thiếu kinh phí xây dựng.")]})
    # 50,0 → 59,5 is +9,5 points, but the 2020 target (≥ 60) is judged on school year 2019-2020, 58,0,
    # and never reached after: missed. Huyện A (52,0) is 7,5 points below the province (more than the
    # 5-point margin); Huyện B is above.
    assert [f.text for f in found.weaknesses] == [
        "Tỷ lệ trường đạt chuẩn tăng từ 50,0% (năm học 2013-2014) lên 59,5% (năm học 2022-2023), "
        "tăng 9,5 điểm phần trăm; chưa đạt mục tiêu ≥ 60% (hạn 2020 (năm học 2019-2020); Quyết định 1), "
        "đánh giá theo số liệu năm học 2019-2020. Địa bàn thấp hơn mức toàn tỉnh: Huyện A."
    ]
    assert found.weaknesses[0].notes == ("Thiếu kinh phí xây dựng.",)
    # Results, strongest first: z (+3,0 points and an exceeded target: score 3 + 5) before y (1,5 points better).
    assert [f.text for f in found.results] == [
        "Tỷ lệ chi cho giáo dục tăng từ 18,0% (năm 2013) lên 21,0% (năm 2022), tăng 3,0 điểm phần trăm; "
        "vượt mục tiêu ≥ 20% (hằng năm; Nghị quyết 29).",
        # Lower is better: Huyện B (7,0%) is 5,5 points *above* the province's 1,5%.
        "Tỷ lệ học sinh bỏ học giảm từ 3,0% (năm học 2013-2014) xuống 1,5% (năm học 2022-2023), "
        "giảm 1,5 điểm phần trăm. Địa bàn cao hơn mức toàn tỉnh: Huyện B.",
    ]
    assert all(not f.notes for f in found.results)


def test_lagging_districts_can_be_limited_to_the_chosen_ones() -> None:
    found = draft_findings(assessed(), lagging_within={"Huyện B"})
    assert "Địa bàn" not in found.weaknesses[0].text
    assert found.results[1].text.endswith("Địa bàn cao hơn mức toàn tỉnh: Huyện B.")


def test_a_target_not_yet_due_is_said_so() -> None:
    row = assessed().set_index("indicator_code").loc["x_cqg"].to_dict()
    row |= {
        "indicator_code": "x_cqg",
        "target_year": 2025,
        "target_due": False,
        "verdict": "not_met",
        "verdict_year": 2022,
    }
    assert "; mục tiêu ≥ 60% (hạn 2025 (năm học 2024-2025); Quyết định 1) chưa đến hạn." in finding_sentence(row)
    row |= {"verdict": "met"}
    assert "; đã đạt trước hạn mục tiêu ≥ 60% (hạn 2025 (năm học 2024-2025); Quyết định 1)." in finding_sentence(row)


def test_a_target_met_late_says_so_with_the_year_reached() -> None:
    # Missed in school year 2019-2020 (the 2020 deadline), met in 2021-2022.
    row = assessed().set_index("indicator_code").loc["x_cqg"].to_dict()
    row |= {"indicator_code": "x_cqg", "verdict": "met_late", "reached_year": 2021}
    assert finding_sentence(row).startswith(
        "Tỷ lệ trường đạt chuẩn tăng từ 50,0% (năm học 2013-2014) lên 59,5% (năm học 2022-2023), tăng 9,5 điểm "
        "phần trăm; chưa đạt mục tiêu ≥ 60% (hạn 2020 (năm học 2019-2020); Quyết định 1) đúng hạn, đánh giá theo số "
        "liệu năm học 2019-2020, đạt muộn (năm học 2021-2022)."
    )


def test_a_definition_version_is_named_in_its_sentence() -> None:
    row = assessed().set_index("indicator_code").loc["y_bohoc"].to_dict()
    row |= {"indicator_code": "y_bohoc", "version_label": "theo cách tính mới"}
    assert finding_sentence(row).startswith("Tỷ lệ học sinh bỏ học (theo cách tính mới) giảm từ 3,0%")


def test_a_note_goes_under_the_heading_of_its_kind() -> None:
    table = assessed()
    weakness = table[table["standing"] == "weakness"].iloc[0]
    code, name = str(weakness["indicator_code"]), str(weakness["name_vi"])
    found = draft_findings(
        table,
        notes={code: [("result_cause", "Huyện A đã vượt mục tiêu nhờ đầu tư."), ("context", "Đổi chuẩn 2020.")]},
    )
    own = next(f for f in found.weaknesses if f.indicator_code == code)
    assert own.notes == ("Đổi chuẩn 2020.",)  # context stays with the indicator's own finding
    cross = [f for f in found.results if f.indicator_code == code]
    assert [(f.text, f.notes) for f in cross] == [
        (f"{name}: kết quả được ghi nhận ở địa bàn hoặc giai đoạn cụ thể.", ("Huyện A đã vượt mục tiêu nhờ đầu tư.",))
    ]


def test_no_notes_no_note_text() -> None:
    found = draft_findings(assessed())
    assert all(not f.notes for f in found.results + found.weaknesses)
