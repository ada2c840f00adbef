"""Tests for vocab.text: one case per quirk in docs/domain.md (Unicode, Tone placement, District names)."""

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vocab.text import clean_text, fold_key, strip_unit_prefix, unit_key


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --- clean_text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Ðà Nẵng", "Đà Nẵng", id="eth-capital-gso-csv"),
        pytest.param("Lâm Ðồng", "Lâm Đồng", id="eth-inside-name"),
        pytest.param("Ðịa phương", "Địa phương", id="eth-header"),
        pytest.param("ðồng", "đồng", id="eth-small"),
        pytest.param(nfd("Hòa"), "Hòa", id="nfd-macos"),
        # Unikey "Unicode tổ hợp": ư/ơ/â precomposed, tone marks combining.
        pytest.param("Trươ\u0300ng", "Trường", id="unikey-to-hop-o-horn"),
        pytest.param("Huyê\u0323n", "Huyện", id="unikey-to-hop-e-circumflex"),
        pytest.param("Kiên  Giang", "Kiên Giang", id="double-space"),
        pytest.param("Hà\u00a0Nội", "Hà Nội", id="nbsp"),
        pytest.param("Hà\u202fNội", "Hà Nội", id="narrow-nbsp"),
        pytest.param("Hà\u2009Nội", "Hà Nội", id="thin-space"),
        pytest.param("Hà\u3000Nội", "Hà Nội", id="ideographic-space"),
        pytest.param("\ufeffĐịa phương", "Địa phương", id="utf8-bom"),
        pytest.param("Hà\u200b Nội\u200b", "Hà Nội", id="zero-width-space"),
        pytest.param("Hà\u200cN\u200dội", "HàNội", id="zwnj-zwj-removed"),
        pytest.param("Số học sinh\n(người)", "Số học sinh (người)", id="newline"),
        pytest.param("\tTổng số \r\n", "Tổng số", id="tabs-crlf-ends"),
        pytest.param("  ", "", id="only-spaces"),
        pytest.param("", "", id="empty"),
        # A zero-width char between a letter and its tone mark must not block
        # composition.
        pytest.param("Ho\u200b\u0300a", "Hòa", id="zero-width-inside-nfd"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    "name",
    ["Quỳ Châu", "Giáp", "Quý", "Hoà Bình", "Hòa Bình", "Thuỷ Nguyên", "Ia H'Drai"],
)
def test_clean_text_keeps_letters_and_tone_placement(name: str) -> None:
    # Cleaning is for display: it must not move tone marks or touch qu/gi.
    assert clean_text(name) == name


def test_clean_text_nfc_length() -> None:
    # NFD "Hòa" is 4 code points, NFC 3 (docs/domain.md, Unicode).
    assert len(nfd("Hòa")) == 4
    assert len(clean_text(nfd("Hòa"))) == 3


def test_clean_text_cp1258_combining_tones() -> None:
    # CP1258 stores tones as combining characters (docs/domain.md, Legacy encodings).
    decoded = b"Ho\xcca".decode("cp1258")
    assert decoded != "Hòa"
    assert clean_text(decoded) == "Hòa"


def test_nfkc_does_not_fix_eth_but_clean_text_does() -> None:
    assert unicodedata.normalize("NFKC", "Ðà Nẵng") == "Ðà Nẵng"
    assert clean_text("Ðà Nẵng") == "Đà Nẵng"


def test_clean_text_keeps_soft_hyphen_for_tcvn3_detection() -> None:
    # In TCVN3 text U+00AD is the letter "ư" ("Tr\xadêng" = Trường);
    # deleting it would lose data before the encoding is detected.
    assert clean_text("Tr\u00adêng") == "Tr\u00adêng"


# --- fold_key ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        pytest.param(
            ["Hòa", "Hoà", "HOÀ", "HÒA", "hoa", nfd("Hòa"), nfd("Hoà")],
            "hoa",
            id="hoa-tone-placement-case-nfd",
        ),
        pytest.param(["Thuỷ", "Thủy", "THUỶ", nfd("Thủy")], "thuy", id="thuy"),
        pytest.param(["Kiến Thuỵ", "Kiến Thụy"], "kienthuy", id="thuy-dot-below"),
        pytest.param(["Thanh Hoá", "Thanh Hóa"], "thanhhoa", id="gso-csv-vs-clean"),
        pytest.param(["Khánh Hoà", "Khánh Hòa"], "khanhhoa", id="khanh-hoa"),
        pytest.param(["Ðà Nẵng", "Đà Nẵng", "Da Nang", "ĐÀ NẴNG"], "danang", id="eth"),
        pytest.param(["Kiên  Giang", "Kiên\u00a0Giang"], "kiengiang", id="spaces"),
        pytest.param(["Ia H' Drai", "Ia H'Drai"], "iahdrai", id="apostrophe"),
        pytest.param(["Bà Rịa - Vũng Tàu", "Bà Rịa–Vũng Tàu"], "bariavungtau", id="dash"),
        pytest.param(["\ufeffĐịa phương", "Địa phương"], "diaphuong", id="bom"),
        pytest.param(["Mường Khương", "Muong Khuong"], "muongkhuong", id="horn"),
    ],
)
def test_fold_key_equivalent_spellings(variants: list[str], key: str) -> None:
    assert [fold_key(v) for v in variants] == [key] * len(variants)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        # A naive oa/uy regex flagged "Quỳ Châu" (docs/domain.md, Tone placement); here the
        # u/i of qu/gi just lose their marks like every other vowel.
        ("Quỳ Châu", "quychau"),
        ("Quý", "quy"),
        ("Giáp", "giap"),
        ("Quận 1", "quan1"),
        ("", ""),
    ],
)
def test_fold_key_examples(name: str, key: str) -> None:
    assert fold_key(name) == key


def test_fold_key_distinguishes_different_names() -> None:
    assert fold_key("Kỳ Anh") != fold_key("Kỳ Sơn")


# --- strip_unit_prefix / unit_key -------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # city
        ("Thành phố Thủ Đức", ("Thủ Đức", "city")),
        ("thành phố Hà Nội", ("Hà Nội", "city")),
        ("Thành Phố Bắc Kạn", ("Bắc Kạn", "city")),  # GSO capitalisation
        ("THÀNH PHỐ VINH", ("VINH", "city")),
        ("TP.Hồ Chí Minh", ("Hồ Chí Minh", "city")),  # no space after dot
        ("TP. Hồ Chí Minh", ("Hồ Chí Minh", "city")),
        ("TP.\u00a0Hồ Chí Minh", ("Hồ Chí Minh", "city")),
        ("TP Vinh", ("Vinh", "city")),
        ("Tp. Vinh", ("Vinh", "city")),
        ("tp.Vinh", ("Vinh", "city")),
        ("T.P Huế", ("Huế", "city")),
        ("T.P. Huế", ("Huế", "city")),
        ("TP. Ðà Nẵng", ("Đà Nẵng", "city")),
        (nfd("Thành phố Hòa Bình"), ("Hòa Bình", "city")),
        # town
        ("Thị xã Kỳ Anh", ("Kỳ Anh", "town")),
        ("Thị Xã Việt Yên", ("Việt Yên", "town")),  # GSO capitalisation
        ("TX. Kỳ Anh", ("Kỳ Anh", "town")),
        ("TX.Kỳ Anh", ("Kỳ Anh", "town")),
        ("TX Kỳ Anh", ("Kỳ Anh", "town")),
        ("tx Kỳ Anh", ("Kỳ Anh", "town")),
        # rural district
        ("Huyện Kỳ Anh", ("Kỳ Anh", "district")),
        ("huyện Quỳ Châu", ("Quỳ Châu", "district")),
        ("HUYỆN KỲ ANH", ("KỲ ANH", "district")),
        (nfd("Huyện Thanh Thuỷ"), ("Thanh Thuỷ", "district")),
        ("H. Kỳ Anh", ("Kỳ Anh", "district")),
        ("H.Kỳ Anh", ("Kỳ Anh", "district")),
        ("Huyện  Ia H' Drai", ("Ia H' Drai", "district")),
        # urban district
        ("Quận 1", ("1", "urban_district")),
        ("Quận Ba Đình", ("Ba Đình", "urban_district")),
        ("Q. Ba Đình", ("Ba Đình", "urban_district")),
        ("Q.1", ("1", "urban_district")),
        # province
        ("Tỉnh Hoà Bình", ("Hoà Bình", "province")),
        ("tỉnh Thanh Hóa", ("Thanh Hóa", "province")),
    ],
)
def test_strip_unit_prefix(name: str, expected: tuple[str, str | None]) -> None:
    assert strip_unit_prefix(name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "Tĩnh Gia",  # no prefix; and "Tĩnh" is not "Tỉnh"
        "Hồ Chí Minh",
        "T. Hoà Bình",  # "T." is too ambiguous to mean Tỉnh
        "TXương",  # "TX" needs a dot or a space after it
        "TPHCM",
        "Huyệnabc",  # "Huyện" only as a whole word
        "Trung tâm huyện Kỳ Anh",  # only at the start
        "Quan Hóa",  # real district; "Quan" is not "Quận"
        "Quan Sơn",
        "Quản Bạ",
        "H Kỳ Anh",  # "H" and "Q" need a dot
        "TT. Phong Điền",  # thị trấn: commune level, not a district kind
        "Huyện",  # nothing would be left
        "TP.",
    ],
)
def test_strip_unit_prefix_leaves_name_alone(name: str) -> None:
    assert strip_unit_prefix(name) == (name, None)


def test_strip_unit_prefix_returns_clean_base() -> None:
    assert strip_unit_prefix("  Ðà\u00a0 Nẵng ") == ("Đà Nẵng", None)
    assert strip_unit_prefix("Huyện  Thanh  Thuỷ") == ("Thanh Thuỷ", "district")


@pytest.mark.parametrize(
    "name",
    [
        "TP.Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "T.P. Hồ Chí Minh",
        "tp ho chi minh",
        "Hồ Chí Minh",
    ],
)
def test_unit_key_ignores_prefix(name: str) -> None:
    assert unit_key(name) == "hochiminh"


def test_unit_key_old_and_new_tone_placement() -> None:
    assert unit_key("Huyện Thanh Thuỷ") == unit_key("H. Thanh Thủy") == "thanhthuy"


def test_unit_key_collision_needs_the_kind() -> None:
    # docs/domain.md, District names: Huyện Kỳ Anh (447) and Thị xã Kỳ Anh (449) coexist; the key
    # alone cannot tell them apart, the kind can.
    assert unit_key("Huyện Kỳ Anh") == unit_key("Thị xã Kỳ Anh")
    assert strip_unit_prefix("Huyện Kỳ Anh")[1] == "district"
    assert strip_unit_prefix("Thị xã Kỳ Anh")[1] == "town"


# --- properties -------------------------------------------------------------

_TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
_VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS = sorted(
    set("bcdđghklmnpqrstvx") | {unicodedata.normalize("NFC", v + t) for v in _VOWELS for t in _TONES}
)
vietnamese_text = st.lists(st.sampled_from([*VIETNAMESE_LETTERS, " ", "  ", "\u00a0"]), max_size=30).map("".join)


@given(st.text())
def test_clean_text_is_idempotent(s: str) -> None:
    assert clean_text(clean_text(s)) == clean_text(s)


@given(st.text())
def test_clean_text_has_no_space_runs_or_edges(s: str) -> None:
    cleaned = clean_text(s)
    assert "  " not in cleaned
    assert cleaned == cleaned.strip()
    assert "\ufeff" not in cleaned
    assert "\u00d0" not in cleaned


@given(st.text())
def test_fold_key_alphabet_and_idempotence(s: str) -> None:
    key = fold_key(s)
    assert re.fullmatch(r"[a-z0-9]*", key)
    assert fold_key(key) == key


@given(vietnamese_text)
def test_fold_key_ignores_case_and_normal_form(s: str) -> None:
    key = fold_key(s)
    assert fold_key(s.upper()) == key
    assert fold_key(nfd(s)) == key
    assert fold_key(s.replace("đ", "\u00f0")) == key


@given(st.text())
def test_strip_unit_prefix_never_raises_and_base_is_clean(s: str) -> None:
    base, kind = strip_unit_prefix(s)
    assert base == clean_text(base)
    assert kind in {None, "city", "town", "district", "urban_district", "province"}
    if kind is None:
        assert base == clean_text(s)
