"""Issue 13's shapes on small sheets: the ones no real source in tests/fixtures/real/ shows
(split corner cells, lettered sections, Vietnamese national and regional rows, a bare name
shared by a province and its city, registry aliases with a prefix, "7091.0", BOM and "Ð"), and
the decisions each shape needs. Expected values are typed from the sheet."""

from __future__ import annotations

from pathlib import Path

from tests.reading_helpers import check, codes, registry_store, values, xlsx

TITLE = ["UBND HUYỆN HÒA PHONG"]


def test_split_corner_cell_names_the_label_column(store: Path) -> None:
    report = check(
        store,
        xlsx(
            [
                TITLE,
                ["NĂM HỌC / CHỈ TIÊU", "2018-2019", "2019-2020"],
                ["Số trường tiểu học", 12, 12],
                ["Số lớp tiểu học", 240, 250],
            ]
        ),
    )
    assert values(report) == {
        ("993", "th_truong", 2018): 12.0,
        ("993", "th_truong", 2019): 12.0,
        ("993", "th_lop", 2018): 240.0,
        ("993", "th_lop", 2019): 250.0,
    }


def test_lettered_sections_give_the_level_of_short_names(store: Path) -> None:
    rows = [
        TITLE,
        ["STT", "Chỉ tiêu", "2020-2021"],
        ["A", "GIÁO DỤC MẦM NON"],
        [1, "Số trường", 14],
        ["B", "GIÁO DỤC TIỂU HỌC"],
        [1, "Số trường", 11],
        [2, "Trong đó: Số trường đạt chuẩn quốc gia", 9],
    ]
    assert values(check(store, xlsx(rows))) == {
        ("993", "mn_truong", 2020): 14.0,
        ("993", "th_truong", 2020): 11.0,
        ("993", "th_truong_cqg", 2020): 9.0,
    }


def test_national_regional_and_other_province_rows_are_counted_once(store: Path) -> None:
    rows = [
        ["SỐ TRƯỜNG TIỂU HỌC NĂM HỌC 2019-2020 PHÂN THEO ĐỊA PHƯƠNG"],
        ["Tỉnh, thành phố", "Số trường tiểu học"],
        ["CẢ NƯỚC", 15000],
        ["Đồng bằng sông Hồng", 2500],
        ["Hà Nội", 720],
        ["Hải Phòng", 216],
        ["Tỉnh Sơn Hà", 130],
    ]
    report = check(store, xlsx(rows))
    assert values(report) == {("99", "th_truong", 2019): 130.0}
    notes = {i.code: i for i in report.issues}
    assert notes["outside-registry-rows"].skipped == 2 and notes["aggregate-rows-skipped"].skipped == 2
    assert [i.code for i in report.issues].count("outside-registry-rows") == 1
    assert "unit-not-matched" not in codes(report)  # other provinces are not asked about one by one


def test_bare_name_shared_by_a_province_and_its_city_is_decided_by_its_siblings(store: Path) -> None:
    among_districts = xlsx(
        [
            ["SỐ TRƯỜNG TIỂU HỌC NĂM HỌC 2019-2020"],
            ["Đơn vị", "Số trường tiểu học"],
            ["Sơn Hà", 20],
            ["Huyện Hòa Phong", 15],
        ]
    )
    assert values(check(store, among_districts)) == {("990", "th_truong", 2019): 20.0, ("993", "th_truong", 2019): 15.0}
    among_provinces = xlsx(
        [
            ["SỐ TRƯỜNG TIỂU HỌC NĂM HỌC 2019-2020"],
            ["Tỉnh, thành phố", "Số trường tiểu học"],
            ["Hà Nội", 720],
            ["Sơn Hà", 130],
        ]
    )
    assert values(check(store, among_provinces)) == {("99", "th_truong", 2019): 130.0}


def test_a_bare_shared_name_with_nothing_beside_it_is_the_province(tmp_path: Path) -> None:
    db = registry_store(
        tmp_path,
        [
            {"code": "51", "name": "Tỉnh Quảng Ngãi", "kind": "province"},
            {"code": "522", "name": "Thành phố Quảng Ngãi", "kind": "city", "parent_code": "51"},
        ],
    )
    alone = xlsx([["Chỉ tiêu", "2019-2020"], ["Số trường tiểu học", 130]])
    assert values(check(db, alone, "QuangNgai_truong_tieu_hoc.xlsx")) == {("51", "th_truong", 2019): 130.0}


def test_twin_names_nothing_decides_are_one_question(tmp_path: Path) -> None:
    db = registry_store(
        tmp_path,
        [
            {"code": "42", "name": "Tỉnh Hà Tĩnh", "kind": "province"},
            {"code": "436", "name": "Huyện Kỳ Anh", "kind": "district", "parent_code": "42"},
            {"code": "449", "name": "Thị xã Kỳ Anh", "kind": "town", "parent_code": "42", "valid_from": "2015"},
            {"code": "440", "name": "Huyện Thạch Hà", "kind": "district", "parent_code": "42"},
        ],
    )
    content = xlsx(
        [
            ["SỐ TRƯỜNG TIỂU HỌC NĂM HỌC 2019-2020"],
            ["Đơn vị", "Số trường tiểu học"],
            ["Kỳ Anh", 20],
            ["Huyện Thạch Hà", 25],
        ]
    )
    report = check(db, content)
    assert values(report) == {("440", "th_truong", 2019): 25.0}  # never merged into one of the twins
    [question] = [q for q in report.questions if q.kind == "unit"]
    assert question.key == "Kỳ Anh" and {o.value for o in question.options} == {"436", "449", "skip"}
    assert values(check(db, content, answers={("unit", "Kỳ Anh"): "449"}))[("449", "th_truong", 2019)] == 20.0


def test_registry_alias_with_a_prefix_applies_in_every_year(tmp_path: Path) -> None:
    db = registry_store(
        tmp_path,
        [
            {"code": "52", "name": "Tỉnh Bình Định", "kind": "province"},
            {
                "code": "543",
                "name": "Thị xã Hoài Nhơn",
                "kind": "town",
                "parent_code": "52",
                "aliases": "Huyện Hoài Nhơn",
            },
            {"code": "42", "name": "Tỉnh Hà Tĩnh", "kind": "province"},
            {"code": "436", "name": "Huyện Kỳ Anh", "kind": "district", "parent_code": "42"},
            {"code": "449", "name": "Thị xã Kỳ Anh", "kind": "town", "parent_code": "42", "aliases": "Huyện Kỳ Anh"},
        ],
    )
    for year in ("2015-2016", "2022-2023"):
        content = xlsx([["UBND HUYỆN HOÀI NHƠN"], ["Chỉ tiêu", year], ["Số trường tiểu học", 30]])
        assert values(check(db, content)) == {("543", "th_truong", int(year[:4])): 30.0}
    # An alias that another unit has as its official name never takes it from that unit.
    content = xlsx([["UBND HUYỆN KỲ ANH"], ["Chỉ tiêu", "2019-2020"], ["Số trường tiểu học", 21]])
    assert values(check(db, content)) == {("436", "th_truong", 2019): 21.0}


def test_a_total_row_is_the_province_when_every_district_is_listed(tmp_path: Path) -> None:
    db = registry_store(
        tmp_path,
        [
            {"code": "17", "name": "Tỉnh Hoà Bình", "kind": "province"},
            {"code": "148", "name": "Thành phố Hòa Bình", "kind": "city", "parent_code": "17"},
            {"code": "150", "name": "Huyện Đà Bắc", "kind": "district", "parent_code": "17"},
        ],
    )
    header = [["SỐ LỚP MẪU GIÁO NĂM HỌC 2021-2022"], ["Đơn vị", "Số lớp mẫu giáo"]]
    complete = check(db, xlsx([*header, ["TỔNG SỐ", 300], ["Thành phố Hòa Bình", 180], ["Huyện Đà Bắc", 110]]))
    assert values(complete)[("17", "mn_lop_mg", 2021)] == 300.0 and "total-row-loaded" in codes(complete)
    subtotal = check(db, xlsx([*header, ["Thành phố Hòa Bình", 180], ["Cộng", 180]]))
    assert ("17", "mn_lop_mg", 2021) not in values(subtotal) and "total-row-skipped" in codes(subtotal)
    partial = xlsx([*header, ["TỔNG SỐ", 300], ["Thành phố Hòa Bình", 180]])
    report = check(db, partial)
    assert ("17", "mn_lop_mg", 2021) not in values(report)
    [question] = [q for q in report.questions if q.kind == "total-row"]
    assert question.best_guess == "17"
    assert values(check(db, partial, answers={("total-row", "TỔNG SỐ"): "17"}))[("17", "mn_lop_mg", 2021)] == 300.0


def test_multi_level_school_columns_are_skipped_with_a_note(store: Path) -> None:
    rows = [
        ["SỐ TRƯỜNG PHỔ THÔNG NĂM HỌC 2017-2018 PHÂN THEO HUYỆN"],
        ["Đơn vị", "Tổng số", "Tiểu học", "THCS", "TH&THCS"],
        ["Huyện Tân Điền", 20, 12, 6, 2],
    ]
    report = check(store, xlsx(rows))
    assert values(report) == {("994", "th_truong", 2017): 12.0, ("994", "thcs_truong", 2017): 6.0}
    assert {"multilevel-skipped", "levels-total-skipped"} <= codes(report)


def test_the_measure_only_in_the_file_name_is_used_and_said(store: Path) -> None:
    rows = [["NĂM HỌC 2017-2018"], ["Đơn vị", "Tiểu học", "Trung học cơ sở"], ["Huyện Tân Điền", 12, 6]]
    report = check(store, xlsx(rows), "So_truong_pho_thong.xlsx")
    assert values(report) == {("994", "th_truong", 2017): 12.0, ("994", "thcs_truong", 2017): 6.0}
    assert "measure-from-file-name" in codes(report)


def test_no_measure_anywhere_is_one_question(store: Path) -> None:
    content = xlsx([["NĂM HỌC 2017-2018"], ["Đơn vị", "Tiểu học", "Trung học cơ sở"], ["Huyện Tân Điền", 12, 6]])
    report = check(store, content, "bang_1.xlsx")
    assert report.values == [] and report.status == "nothing"
    [question] = report.open_questions
    assert question.kind == "title-measure" and {"Số trường", "Số lớp"} <= {o.value for o in question.options}
    answered = check(store, content, "bang_1.xlsx", {("title-measure", ""): "Số lớp"})
    assert values(answered) == {("994", "th_lop", 2017): 12.0, ("994", "thcs_lop", 2017): 6.0}


def test_the_header_row_is_asked_when_nothing_can_be_read(store: Path) -> None:
    content = xlsx(
        [
            ["SỐ LIỆU NĂM HỌC 2018-2019"],
            ["Nơi", "Trường TH", "Lớp TH"],
            ["Số liệu tổng hợp", "ước", "ước"],  # a note row right above the numbers looks like the header
            ["Huyện Hòa Phong", 10, 200],
        ]
    )
    report = check(store, content)
    [question] = [q for q in report.questions if q.kind == "header-row"]
    assert question.best_guess == "2" and question.best_option and question.best_option.n_values == 2
    answered = check(store, content, answers={("header-row", "Sheet1"): "2"})
    assert values(answered) == {("993", "th_truong", 2018): 10.0, ("993", "th_lop", 2018): 200.0}


def test_floats_as_text_a_bom_the_eth_letter_and_doubled_spaces_in_a_csv(store: Path) -> None:
    text = "\ufeffĐơn vị,Năm học,Số học sinh tiểu học\nHuyện Tân  Ðiền,2013.0,7091.0\nHuyện Sơn Cao,2013.0,5100.0\n"
    report = check(store, text.encode("utf-8"), "thong_ke.csv")
    assert values(report) == {("994", "th_hs", 2013): 7091.0, ("998", "th_hs", 2013): 5100.0}
