"""TCVN3 and VNI detection and conversion (docs/domain.md, Legacy encodings), with round-trips over the alphabet."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.reading.legacy_text import decode, decode_tcvn3, decode_vni, detect_encoding, encode_tcvn3, encode_vni

LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
ALPHABET = LOWER + LOWER.upper()
vietnamese = st.text(alphabet=ALPHABET + " ", min_size=1, max_size=40)


def test_alphabet_is_complete_nfc() -> None:
    assert len(LOWER) == 89 and unicodedata.normalize("NFC", LOWER) == LOWER


def test_domain_examples_tcvn3() -> None:
    # Examples from docs/domain.md, Legacy encodings, typed from the document (U+00AD is the TCVN3 "ư").
    for legacy, text in [
        ("Tr\u00adêng", "Trường"),
        ("Thµnh phè", "Thành phố"),
        ("HuyÖn", "Huyện"),
        ("Sè häc sinh", "Số học sinh"),
        ("Gi¸o viªn", "Giáo viên"),
        ("TØnh", "Tỉnh"),
        ("TÜnh Gia", "Tĩnh Gia"),
        ("§¬n vÞ", "Đơn vị"),
    ]:
        assert decode_tcvn3(legacy) == text


def test_domain_examples_vni() -> None:
    for legacy, text in [
        ("Tröôøng", "Trường"),
        ("Thaønh phoá", "Thành phố"),
        ("Huyeän", "Huyện"),
        ("Soá hoïc sinh", "Số học sinh"),
        ("Tónh", "Tĩnh"),
        ("töï ñoäng", "tự động"),
    ]:
        assert decode_vni(legacy) == text


def test_vnTimeH_text_is_upper_cased() -> None:
    assert decode_tcvn3("b¸o c¸o", upper=True) == "BÁO CÁO"


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(vietnamese)
def test_vni_round_trip(text: str) -> None:
    assert decode_vni(encode_vni(text)) == text


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(vietnamese)
def test_tcvn3_round_trip_lower_case(text: str) -> None:
    lower = text.lower()
    assert decode_tcvn3(encode_tcvn3(lower)) == lower


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(vietnamese)
def test_tcvn3_round_trip_h_font(text: str) -> None:
    """.VnTimeH fonts store lower-case codes and draw capitals."""
    assert decode_tcvn3(encode_tcvn3(text.lower()), upper=True) == text.upper()


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(vietnamese)
def test_unicode_text_is_never_converted(text: str) -> None:
    """A letter legacy encodings never produce (ă đ ơ ư, U+1EA0-U+1EF9) marks the cell as Unicode.
    (â ê ô and á à … are Latin-1 letters that TCVN3/VNI text contains too.)"""
    for encoding in ("tcvn3", "vni"):
        if any(ch in text for ch in "ăđơưĂĐƠƯ") or any("\u1ea0" <= ch <= "\u1ef9" for ch in text):
            assert decode(text, encoding) == text


def test_detection() -> None:
    assert detect_encoding(["Thµnh phè Hoµ B×nh", "Sè tr\u00adêng"]) == "tcvn3"
    assert detect_encoding(["Huyeän Taân Ñieàn", "Tröôøng"]) == "vni"
    assert detect_encoding(["Huyện Hòa Phong", "Hoà Phong", "Tân Châu"]) == "unicode"
    assert detect_encoding(["Chỉ tiêu"], fonts=[".VnTime"]) == "tcvn3"
    assert detect_encoding(["Chi tieu"], fonts=["VNI-Times"]) == "vni"


def test_eth_is_e_acute_in_tcvn3_but_d_in_unicode_files() -> None:
    """U+00D0 is "é" in TCVN3; in Unicode files it is a look-alike of Đ (handled by clean_text)."""
    assert decode_tcvn3("\u00d0") == "é"
