"""Answers remembered per sender and layout (issue 14, docs/recipes.md), without Streamlit: the
layout, matching a file to its recipe, versions, the batch's record, the command line."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pytest

from etl.cli import main
from etl.load.answer_meaning import AnswerError, check_answers
from etl.load.answers import read_answers, write_answers
from etl.load.pipeline import FileReport, load_content
from etl.load.recipes import edit_recipe, import_recipe, read_recipe, recipe_for, withdraw_recipe
from etl.questions import FileAnswers
from etl.reading.ingest import read_any
from etl.reference.model import Reference
from store import open_reader
from tests.conftest import query_rows
from tests.reading_helpers import values, xlsx
from tests.real_files import HAIPHONG, REAL, haiphong_2016, haiphong_remembered, real_store

TOTAL = ("total-row", "TỔNG SỐ")


@pytest.fixture
def haiphong(tmp_path: Path) -> Path:
    """Hải Phòng's registry, and its 2015-2016 table loaded by the education department with the
    one answer it needs (the total row of its second table is the city's figure), remembered."""
    db = real_store(tmp_path / "hp.duckdb", "31")
    haiphong_remembered(db, "table.xlsx")
    return db


def dry_run(db: Path, content: bytes, **kw: object) -> FileReport:
    return load_content(content, "truong_2016.xlsx", db, dry_run=True, **kw)  # type: ignore[arg-type]


# --- the layout -------------------------------------------------------------------------------------


def test_the_layout_ignores_years_figures_and_year_columns_but_not_the_title() -> None:
    def table(title: str, years: list[str], figures: list[object], number: str = "192") -> bytes:
        return xlsx(
            [[number], [title], ["Chỉ tiêu", *years], ["Số trường tiểu học", *figures], ["Số trường THCS", *figures]]
        )

    first = read_any(
        table("Số trường năm học 2019-2020 (tính đến 30/9/2019)", ["2018-2019", "2019-2020"], [20, 21]), "a.xlsx"
    )
    later = read_any(
        table(
            "Số trường năm học 2020-2021 (tính đến 30/9/2020)",
            ["2018-2019", "2019-2020", "2020-2021"],
            [20, 21, 23],
            "195",
        ),
        "b.xlsx",
    )
    other = read_any(
        table("Số lớp năm học 2019-2020 (tính đến 30/9/2019)", ["2018-2019", "2019-2020"], [20, 21]), "a.xlsx"
    )
    assert first.layout_signature == later.layout_signature != other.layout_signature
    assert first.layout_text is not None
    lines = first.layout_text.splitlines()
    # The table number above the title does not end the header; no year or number is left.
    assert lines[0] == "Trang «Sheet1»" and "Số trường năm học … (tính đến …)" in lines[1]
    assert not re.search(r"\d", "\n".join(lines[1:]))


def test_different_published_tables_of_the_real_corpus_have_different_layouts() -> None:
    with (REAL / "corpus.csv").open(encoding="utf-8", newline="") as handle:
        sources = list(csv.DictReader(handle))
    tables: dict[str, set[str]] = {}
    for s in sources:
        path = REAL / s["slug"] / s["file"]
        signature = read_any(path.read_bytes(), path.name).layout_signature
        assert signature is not None
        tables.setdefault(signature, set()).add(s["tables"])
    assert all(len(t) == 1 for t in tables.values()), tables


# --- the recipe at work -----------------------------------------------------------------------------


def test_a_real_file_answered_once_is_read_with_its_recipe_the_next_round(haiphong: Path) -> None:
    [recipe] = query_rows(
        haiphong, "SELECT recipe_id, version, sender_code, origin, source_file, status, author FROM recipes"
    )
    assert recipe == (1, 1, "so_gddt", "load", "table.xlsx", "active", "lan")
    assert query_rows(haiphong, "SELECT kind, question_key, answer FROM recipe_answers") == [
        ("total-row", "TỔNG SỐ", "31")
    ]
    assert query_rows(haiphong, "SELECT batch_id, recipe_id, version FROM batch_recipes") == [(1, 1, 1)]

    without = dry_run(haiphong, haiphong_2016(), recipes=False)
    assert [(q.kind, q.key) for q in without.open_questions] == [TOTAL] and without.recipe_ignored is not None
    assert ("31", "th_lop", 2016) not in values(without)

    report = dry_run(haiphong, haiphong_2016())  # no sender given: the layout knows only one
    assert report.open_questions == []
    assert report.recipe is not None and (report.recipe.recipe_id, report.recipe.version) == (1, 1)
    assert (report.sender_code, report.sender_source) == ("so_gddt", "layout")
    got = values(report)
    assert got[("31", "th_lop", 2016)] == 4470.0  # the total row read as the city's figure, by the recipe
    assert (got[("303", "th_truong", 2016)], got[("31", "th_truong", 2016)]) == (10.0, 217.0)
    assert len(got) == 48

    loaded = load_content(haiphong_2016(), "truong_2016.xlsx", haiphong, actor="lan")
    assert loaded.status == "loaded"
    assert query_rows(haiphong, f"SELECT recipe_id, version FROM batch_recipes WHERE batch_id = {loaded.batch_id}") == [
        (1, 1)
    ]
    assert query_rows(haiphong, f"SELECT kind, answer FROM batch_answers WHERE batch_id = {loaded.batch_id}") == [
        ("total-row", "31")
    ]
    assert query_rows(haiphong, f"SELECT sender_code FROM batch_sources WHERE batch_id = {loaded.batch_id}") == [
        ("so_gddt",)
    ]


def test_a_recipe_is_its_senders_only(haiphong: Path) -> None:
    other = dry_run(haiphong, haiphong_2016(), sender_code="so_khdt")
    assert other.recipe is None and [q.kind for q in other.open_questions] == ["total-row"]
    given = dry_run(haiphong, haiphong_2016(), sender_code="so_gddt")
    assert given.recipe is not None and given.sender_source == "given"


def test_a_districts_file_finds_its_recipe_by_its_own_unit(store: Path) -> None:
    def outcome_table(years: list[int], rates: list[str]) -> bytes:
        pupils = [980 + 10 * n for n in range(len(years))]
        return xlsx(
            [
                ["UBND HUYỆN HÒA PHONG"],
                ["Chỉ tiêu", *years],
                ["Tỷ lệ học sinh lớp 5 hoàn thành chương trình tiểu học", *rates],
                ["Số học sinh lớp 5", *pupils],
            ]
        )

    first = load_content(
        outcome_table([2019, 2020], ["99,5", "99,7"]),
        "hoan_thanh_2020.xlsx",
        store,
        answers=FileAnswers({("year-convention", ""): "end"}),
        actor="lan",
        remember=True,
    )
    assert first.status == "loaded" and first.sender_code == "993" and first.sender_source == "file"
    nxt = outcome_table([2020, 2021], ["99,7", "99,8"])
    report = load_content(nxt, "hoan_thanh_2021.xlsx", store, dry_run=True)
    assert report.open_questions == [] and report.sender_source == "file"
    assert values(report)[("993", "th_tl_hoanthanh", 2020)] == 99.8  # 2021 = school year 2020-2021

    # Editing the answer changes what the next dry run loads: 2021 now means 2021-2022.
    assert report.recipe is not None
    edited = edit_recipe(store, report.recipe.recipe_id, {("year-convention", ""): "start"}, "lan", "năm bắt đầu")
    assert edited.version == 2
    again = load_content(nxt, "hoan_thanh_2021.xlsx", store, dry_run=True)
    assert again.recipe is not None and again.recipe.version == 2
    assert values(again)[("993", "th_tl_hoanthanh", 2021)] == 99.8
    assert ("993", "th_tl_hoanthanh", 2020) in values(again)  # 99.7, written under 2020
    assert values(again)[("993", "th_tl_hoanthanh", 2020)] == 99.7


def test_edits_and_deletion_are_versions_and_deletion_brings_the_questions_back(haiphong: Path) -> None:
    edit_recipe(haiphong, 1, {TOTAL: "skip"}, "thu", "không lấy dòng tổng")
    report = dry_run(haiphong, haiphong_2016())
    assert report.recipe is not None and report.recipe.version == 2
    assert len(report.values) == 42 and ("31", "th_lop", 2016) not in values(report)  # both totals skipped

    with pytest.raises(AnswerError, match="không thay đổi"):
        edit_recipe(haiphong, 1, {TOTAL: "skip"}, "thu")
    assert withdraw_recipe(haiphong, 1, "thu", "bố cục đổi") == 3
    back = dry_run(haiphong, haiphong_2016())
    assert back.recipe is None and [(q.kind, q.key) for q in back.open_questions] == [TOTAL]
    with pytest.raises(AnswerError, match="đã bị xóa"):
        edit_recipe(haiphong, 1, {TOTAL: "31"}, "thu")

    versions = query_rows(haiphong, "SELECT version, origin, status, author, note FROM recipes ORDER BY version")
    assert versions == [
        (1, "load", "active", "lan", None),
        (2, "edit", "active", "thu", "không lấy dòng tổng"),
        (3, "withdraw", "withdrawn", "thu", "bố cục đổi"),
    ]
    answers = query_rows(haiphong, "SELECT version, answer FROM recipe_answers ORDER BY version")
    assert answers == [(1, "31"), (2, "skip"), (3, "skip")]  # every version reads on its own
    assert query_rows(haiphong, "SELECT count(*) FROM current_recipes") == [(0,)]


def test_the_same_answers_again_make_no_new_version_and_new_ones_extend_it(haiphong: Path) -> None:
    load_content(
        haiphong_2016(), "x.xlsx", haiphong, answers=FileAnswers({TOTAL: "31"}), sender_code="so_gddt", remember=True
    )
    assert query_rows(haiphong, "SELECT max(version) FROM recipes") == [(1,)]


def test_loading_without_the_error_cells_is_never_remembered(store: Path) -> None:
    content = xlsx(
        [
            ["UBND HUYỆN HÒA PHONG"],
            ["Chỉ tiêu", "2019-2020"],
            ["Số trường tiểu học", 20],
            ["Tỷ lệ trường tiểu học đạt chuẩn quốc gia", 135],
        ]
    )
    report = load_content(
        content, "loi.xlsx", store, answers=FileAnswers({("skip-error-cells", ""): "yes"}), actor="lan", remember=True
    )
    assert report.status == "loaded" and report.recipe is None
    assert query_rows(store, "SELECT count(*) FROM recipes") == [(0,)]
    assert query_rows(store, "SELECT kind FROM batch_answers") == [("skip-error-cells",)]


def test_answers_are_checked_before_they_are_remembered(store: Path) -> None:
    con = open_reader(store)
    try:
        ref = Reference.from_store(con)
    finally:
        con.close()
    problems = check_answers(
        {
            ("skip-error-cells", ""): "yes",
            ("unit", "Hoà Phong"): "12345",
            ("indicator", "Số trường cấp 1"): "th_truong",
            ("year-convention", ""): "later",
            ("header-row", "Sheet1"): "năm",
            ("reporting-unit", ""): "skip",
        },
        ref,
    )
    assert len(problems) == 4 and all(p.endswith(".") for p in problems)
    assert any("ô lỗi" in p for p in problems) and any("'12345'" in p for p in problems)
    with pytest.raises(AnswerError, match="bên gửi mã 'ai'"):
        import_recipe(store, "ai", "abc", "", {("reporting-unit", ""): "99"}, "lan")


def test_a_store_made_before_recipes_still_checks() -> None:
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE senders (code VARCHAR, sort_order INTEGER)")
    con.execute("INSERT INTO senders VALUES ('993', 0)")
    assert recipe_for(con, "abc", None, "993").recipe is None
    assert recipe_for(con, "abc", None, "993").sender_code == "993"


# --- the command line -------------------------------------------------------------------------------


def test_the_command_line_applies_remembers_ignores_exports_and_imports_recipes(
    haiphong: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(haiphong)]
    nxt = tmp_path / "truong_2016.xlsx"
    nxt.write_bytes(haiphong_2016())
    capsys.readouterr()
    assert main(["load", str(nxt), "--dry-run", *db]) == 0
    out = capsys.readouterr().out
    assert "Đọc theo bộ câu trả lời đã lưu số 1 (phiên bản 1) của Sở Giáo dục và Đào tạo" in out
    assert "48 giá trị đọc được" in out and "Câu hỏi cần trả lời" not in out
    assert main(["load", str(nxt), "--dry-run", "--no-recipes", *db]) == 0
    out = capsys.readouterr().out
    assert "Không dùng bộ câu trả lời đã lưu số 1" in out and "Câu hỏi cần trả lời (1)" in out

    exported = tmp_path / "bo_1.csv"
    assert main(["recipe", "export", "1", "-o", str(exported), *db]) == 0
    # The export is an answers file: --answers reads it for any file name.
    assert read_answers(exported).for_file("bat_ky.xlsx").given == {TOTAL: "31"}
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["meaning"] == "Dòng tổng «TỔNG SỐ»: Thành phố Hải Phòng (mã 31)" and row["sender"] == "so_gddt"

    assert main(["recipe", "import", str(exported), "--sender", "so_khdt", "--user", "thu", *db]) == 0
    assert "Đã lưu bộ câu trả lời số 2 (phiên bản 1) cho bên gửi so_khdt" in capsys.readouterr().out
    copied = read_recipe(haiphong, 2)
    assert copied is not None and copied.answers == (("total-row", "TỔNG SỐ", "31"),)
    assert copied.layout_signature == read_recipe(haiphong, 1).layout_signature  # type: ignore[union-attr]
    assert dry_run(haiphong, haiphong_2016(), sender_code="so_khdt").recipe == copied

    # An answers file written by a dry run names no layout: --like takes a data file's.
    report = dry_run(haiphong, HAIPHONG.read_bytes(), recipes=False)
    bare = tmp_path / "tra_loi.csv"
    write_answers(bare, [report])
    assert main(["recipe", "import", str(bare), "--sender", "so_ldtbxh", *db]) == 1
    assert "không ghi bố cục" in capsys.readouterr().err
    assert main(["recipe", "import", str(bare), "--sender", "so_ldtbxh", "--like", str(nxt), *db]) == 0
    assert main(["recipe", "list", *db]) == 0
    listed = capsys.readouterr().out.splitlines()[-3:]
    assert [line.split("|")[3].strip() for line in listed] == [
        "Sở Lao động – Thương binh và Xã hội",
        "Sở Kế hoạch và Đầu tư",
        "Sở Giáo dục và Đào tạo",
    ]
    assert main(["recipe", "withdraw", "2", "--user", "thu", *db]) == 0
    assert dry_run(haiphong, haiphong_2016(), sender_code="so_khdt").recipe is None


def test_the_command_line_remembers_with_a_sender(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = real_store(tmp_path / "hp.duckdb", "31")
    answers = REAL / "haiphong_truong_pt_quan_2015_2016" / "answers.csv"
    assert main(["load", str(HAIPHONG), "--dry-run", "--db", str(db)]) == 0
    assert "--answers TỆP --remember --sender MÃ_BÊN_GỬI" in capsys.readouterr().out
    args = ["load", str(HAIPHONG), "--answers", str(answers), "--sender", "so_gddt", "--remember", "--db", str(db)]
    assert main([*args, "--user", "lan"]) == 0
    assert query_rows(db, "SELECT sender_code, author FROM current_recipes") == [("so_gddt", "lan")]


def test_a_file_already_loaded_with_its_recipe_still_names_it(haiphong: Path) -> None:
    again = dry_run(haiphong, HAIPHONG.read_bytes())
    assert (again.status, again.batch_id, again.values, again.questions) == ("unchanged", 1, [], [])
    assert again.recipe == read_recipe(haiphong, 1) and again.sender_code == "so_gddt"
    assert [i.code for i in again.issues] == ["already-loaded"] and not again.skip_counts
