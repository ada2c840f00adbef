"""One rule for what blocks what, the year convention, and questions answered on the command line
(README, "One rule for what blocks what"; docs/free_layouts.md, "Questions and answers")."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from etl.cli import main
from etl.load.pipeline import load_content
from tests.conftest import query_rows
from tests.reading_helpers import check, codes, values, xlsx

HOA_PHONG = ["UBND HUYỆN HÒA PHONG"]


def _rate_error_file() -> bytes:
    """Four good values and one impossible rate (135 %)."""
    return xlsx(
        [
            HOA_PHONG,
            ["STT", "Chỉ tiêu", "2018-2019", "2019-2020"],
            [1, "Số trường tiểu học", 12, 12],
            [2, "Số học sinh tiểu học", 5200, 5300],
            [3, "Tỷ lệ huy động trẻ mẫu giáo", "135", "96,5"],
        ]
    )


# --- the file is refused whole only when … -------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"PK\x03\x04 broken", "a.xlsx", "file-unreadable"),  # cannot be read
        (b"<html><body><table></table></body></html>", "a.xls", "not-a-spreadsheet"),  # not what it claims
    ],
)
def test_a_file_that_cannot_be_read_or_is_not_a_table_is_refused(
    store: Path, content: bytes, name: str, code: str
) -> None:
    report = load_content(content, name, store, dry_run=True)
    assert report.status == "rejected" and [i.code for i in report.issues] == [code]


def test_a_reporting_unit_outside_the_registry_refuses_the_whole_file(store: Path) -> None:
    content = xlsx([["UBND TỈNH HÀ TĨNH"], ["Chỉ tiêu", "2019-2020"], ["Số trường tiểu học", 20]])
    report = check(store, content, answers={("skip-error-cells", ""): "yes"})
    assert report.status == "rejected" and "unit-outside-registry" in codes(report)


def test_a_file_error_is_never_skipped_with_the_cells(store: Path) -> None:
    content = xlsx([HOA_PHONG, ["STT", "Chỉ tiêu", "2013-2014"], [1, "Tỷ lệ huy động trẻ mẫu giáo", "1.234"]])
    report = check(store, content, answers={("skip-error-cells", ""): "yes"})
    assert report.status == "rejected" and "number-convention-undecidable" in codes(report)


# --- a cell error blocks by default; the analyst may load without the cells ----------------------


def test_a_cell_error_blocks_the_file_and_asks_to_load_without_it(store: Path) -> None:
    report = check(store, _rate_error_file())
    assert report.status == "rejected" and "rate-out-of-range" in codes(report)
    [question] = [q for q in report.questions if q.kind == "skip-error-cells"]
    assert question.best_option is not None and question.best_option.n_values == 5
    assert "D5" not in question.prompt_vi and "Phụ lục" not in question.prompt_vi and "C5" in question.prompt_vi


def test_skip_error_cells_loads_the_rest_prints_and_records_the_cells(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(_rate_error_file())
    assert main(["load", str(path), "--db", str(store), "--user", "lan", "--skip-error-cells"]) == 0
    out = capsys.readouterr().out
    assert "không kèm 1 ô có lỗi: Sheet1!C5" in out and "ĐÃ NẠP" in out
    assert query_rows(store, "SELECT kind, question_key, answer FROM batch_answers") == [
        ("skip-error-cells", "", "yes")
    ]
    kept = query_rows(store, "SELECT code, severity, cell FROM batch_issues WHERE code = 'rate-out-of-range'")
    assert kept == [("rate-out-of-range", "warning", "C5")]
    loaded = query_rows(store, "SELECT indicator_code, year, value FROM observations ORDER BY indicator_code, year")
    assert ("mn_tl_huydong_mg", 2019, 96.5) in loaded and len(loaded) == 5


# --- what the reader cannot decide is never an error ---------------------------------------------


def test_what_the_reader_cannot_decide_is_a_warning_or_a_question(store: Path) -> None:
    content = xlsx(
        [
            ["SỐ TRƯỜNG TIỂU HỌC NĂM HỌC 2019-2020"],
            ["Đơn vị", "Số trường tiểu học"],
            ["Huyện Hòa Phong", 15],
            ["Phòng GD huyện Tân Điền", 12],  # no exact name: a warning and a question
        ]
    )
    report = check(store, content)
    assert report.status == "validated" and values(report) == {("993", "th_truong", 2019): 15.0}
    assert {i.severity for i in report.issues if i.code == "unit-not-matched"} == {"warning"}
    assert [q.key for q in report.open_questions] == ["Phòng GD huyện Tân Điền"]


def test_a_full_file_with_nothing_loaded_says_why_not_fill_the_blanks(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "so_lieu.xlsx"
    path.write_bytes(xlsx([["Chỉ tiêu", "2019-2020", "2020-2021"], ["Số trường tiểu học", 20, 21]]))
    assert main(["load", str(path), "--db", str(store), "--dry-run"]) == 1
    out = capsys.readouterr().out
    assert "Điền số liệu vào các ô trống" not in out
    assert "Không nạp được giá trị nào của tệp: 2 giá trị chờ câu trả lời" in out
    assert "Câu trả lời nạp thêm nhiều nhất: [reporting-unit] = 99" in out


# --- plain years -------------------------------------------------------------------------------


def test_plain_years_of_stock_figures_follow_the_statistical_convention_and_say_so_once(store: Path) -> None:
    content = xlsx([HOA_PHONG, ["Chỉ tiêu", 2015, 2016, 2017], ["Số trường tiểu học", 12, 12, 13]])
    report = check(store, content)
    assert values(report) == {("993", "th_truong", y): v for y, v in ((2015, 12.0), (2016, 12.0), (2017, 13.0))}
    assert [i.code for i in report.issues].count("year-convention-default") == 1
    assert "period-type-mismatch" not in codes(report)


def test_plain_years_with_evidence_are_decided_and_named(store: Path) -> None:
    content = xlsx(
        [HOA_PHONG, ["Số liệu tại thời điểm 30/9 hằng năm"], ["Chỉ tiêu", 2015, 2016], ["Số trường tiểu học", 12, 12]]
    )
    [note] = [i for i in check(store, content).issues if i.code == "year-convention-decided"]
    assert "30/9" in note.message


def test_end_of_year_outcomes_with_plain_years_are_one_question(store: Path) -> None:
    content = xlsx(
        [
            HOA_PHONG,
            ["Chỉ tiêu", 2019, 2020],
            ["Tỷ lệ học sinh lớp 5 hoàn thành chương trình tiểu học", "99,5", "99,7"],
            ["Số học sinh lớp 5", 980, 1010],
        ]
    )
    report = check(store, content)
    assert values(report) == {}  # none loaded before the answer: 2019 may be 2018-2019 or 2019-2020
    [question] = report.open_questions
    assert question.kind == "year-convention" and question.best_guess == "end"
    assert {o.value: o.n_values for o in question.options} == {"start": 4, "end": 4, "skip": 0}
    answered = check(store, content, answers={("year-convention", ""): "end"})
    assert values(answered)[("993", "th_tl_hoanthanh", 2018)] == 99.5
    assert values(answered)[("993", "th_hs_lop5", 2019)] == 1010.0


# --- answers on the command line -------------------------------------------------------------------


def test_dry_run_prints_questions_writes_them_and_answers_load(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "so_lieu.xlsx"
    path.write_bytes(xlsx([["Chỉ tiêu", "2019-2020"], ["Số trường tiểu học", 20]]))
    answers = tmp_path / "tra_loi.csv"
    assert main(["load", str(path), "--db", str(store), "--dry-run", "--write-answers", str(answers)]) == 1
    out = capsys.readouterr().out
    assert "? [reporting-unit]" in out and "99: Tỉnh Sơn Hà (mã 99) → nạp 1 giá trị  ← gợi ý" in out
    with answers.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["file"], row["kind"], row["key"], row["answer"]) == ("so_lieu.xlsx", "reporting-unit", "", "99")
    assert main(["load", str(path), "--db", str(store), "--user", "lan", "--answers", str(answers)]) == 0
    assert query_rows(store, "SELECT kind, answer FROM batch_answers") == [("reporting-unit", "99")]
    assert query_rows(store, "SELECT unit_code, value FROM observations") == [("99", 20.0)]
    # The same bytes with the same answers load once; the file without answers is another load.
    assert main(["load", str(path), "--db", str(store), "--answers", str(answers)]) == 0
    assert "KHÔNG THAY ĐỔI" in capsys.readouterr().out


def test_a_bad_answers_file_is_refused_with_its_line(store: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.csv"
    answers.write_text("file,kind,key,answer\n*,don-vi,,99\n", encoding="utf-8")
    path = tmp_path / "x.xlsx"
    path.write_bytes(xlsx([["Chỉ tiêu", "2019-2020"], ["Số trường tiểu học", 20]]))
    assert main(["load", str(path), "--db", str(store), "--answers", str(answers)]) == 2


def test_the_layout_signature_ignores_numbers_and_years(store: Path) -> None:
    def sheet(year: str, n: int, label: str = "Số trường tiểu học") -> bytes:
        return xlsx([HOA_PHONG, ["Chỉ tiêu", year], [label, n]])

    first, second = check(store, sheet("2019-2020", 20)), check(store, sheet("2020-2021", 22))
    other = check(store, sheet("2019-2020", 20, "Số lớp tiểu học"))
    assert first.layout_signature == second.layout_signature != other.layout_signature
