"""Tests for analysis.catalogue_search: diacritic-insensitive search and formula text."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from analysis.catalogue_search import formula_text, search_catalogue

NAN = float("nan")

CATALOGUE = pd.DataFrame(
    {
        "code": ["th_truong", "th_tl_cqg", "th_hs_lop", "xmc_muc", "ns_tl_chi_gd"],
        "name_vi": [
            "Số trường tiểu học",
            "Tỷ lệ trường tiểu học đạt chuẩn quốc gia",
            "Số học sinh bình quân một lớp tiểu học",
            "Mức đạt chuẩn xoá mù chữ",  # old tone placement: "xoá"
            "Tỷ lệ chi ngân sách cho giáo dục",
        ],
        "name_en": ["Primary schools", "National-standard primary schools (%)", "Pupils per class", "Literacy", NAN],
        "group_name": ["Quy mô", "Điều kiện", "Điều kiện", "Tiếp cận", "Tài chính"],
        "aliases": [NAN, "Tỷ lệ trường TH đạt chuẩn QG", "Sĩ số bình quân lớp TH", NAN, NAN],
        "definition": [NAN, NAN, NAN, "Huyện Hòa Phong đạt chuẩn mức 2", NAN],
        "kind": ["count", "rate", "ratio", "level", "rate"],
        "numerator_name": [NAN, "Số trường tiểu học đạt chuẩn quốc gia", "Số học sinh tiểu học", NAN, NAN],
        "denominator_name": [NAN, "Số trường tiểu học", "Số lớp tiểu học", NAN, NAN],
        "scale": [NAN, 100.0, 1.0, NAN, 100.0],
    }
)


def codes(text: str) -> list[str]:
    return list(search_catalogue(CATALOGUE, text)["code"])


def test_ty_le_without_diacritics_finds_rates() -> None:
    # "ty le" -> words "ty", "le"; both occur in fold_key("Tỷ lệ ...") = "tyle...".
    assert codes("ty le") == ["th_tl_cqg", "ns_tl_chi_gd"]
    assert codes("TỶ LỆ") == codes("tyle") == ["th_tl_cqg", "ns_tl_chi_gd"]


def test_every_word_must_match() -> None:
    assert codes("ty le chuan") == ["th_tl_cqg"]
    assert codes("ty le lop") == []  # "lớp" is only in th_hs_lop, which has no "tỷ lệ"


def test_tone_mark_placement_does_not_matter() -> None:
    # "Hoà" (old placement) and "Hòa" (new) fold to "hoa"; the definition field is searched.
    assert codes("Hoà") == codes("Hòa") == codes("hoa") == ["xmc_muc"]
    assert codes("xóa mù") == ["xmc_muc"]  # the name says "xoá"


def test_nfd_input_and_other_fields() -> None:
    assert codes(unicodedata.normalize("NFD", "tiểu học quốc gia")) == ["th_tl_cqg"]
    assert codes("QG") == ["th_tl_cqg"]  # alias
    assert codes("pupils") == ["th_hs_lop"]  # name_en
    assert codes("tai chinh") == ["ns_tl_chi_gd"]  # group_name
    assert codes("th_tl") == ["th_tl_cqg"]  # code: "_" is dropped by folding on both sides


def test_empty_query_returns_everything_in_order() -> None:
    assert codes("") == codes("   ") == codes("- ,") == list(CATALOGUE["code"])
    assert list(search_catalogue(CATALOGUE, "truong").index) == [0, 1]


def test_words_do_not_match_across_fields() -> None:
    # "literacy" ends name_en of xmc_muc and "tiep" starts its group_name, but "literacytiep"
    # spans two fields and must not match.
    assert codes("literacytiep") == []


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        (1, "Số trường tiểu học đạt chuẩn quốc gia / Số trường tiểu học × 100"),
        (2, "Số học sinh tiểu học / Số lớp tiểu học"),  # scale 1: no "× 100"
        (0, ""),  # a count
        (3, ""),  # a level
        (4, ""),  # a rate without component names
    ],
)
def test_formula_text(index: int, expected: str) -> None:
    assert formula_text(CATALOGUE.iloc[index]) == expected


def test_formula_text_accepts_a_mapping() -> None:
    row = {"kind": "rate", "numerator_name": "A", "denominator_name": "B", "scale": 100}
    assert formula_text(row) == "A / B × 100"
