"""Name matching: exact on the folded key, with school-level context, never two units by a prefix."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.reading.ingest import _default_reference
from etl.reference.model import Reference, Unit
from etl.resolve.names import match_indicator, match_unit, strip_numbering
from vocab.text import fold_key


def _with_twins() -> Reference:
    """The demo reference plus a town sharing its base name with district 993 (like Kỳ Anh)."""
    base = _default_reference()
    ref = Reference(dict(base.indicators), dict(base.units), {k: list(v) for k, v in base.unit_aliases.items()})
    ref.indicator_aliases = dict(base.indicator_aliases)
    ref.units["9931"] = Unit("9931", "Thị xã Hòa Phong", "town", "99", 2016, None)
    ref.unit_aliases.setdefault("hoaphong", []).append(("9931", 2016, None))
    return ref


def test_prefix_decides_between_twins() -> None:
    ref = _with_twins()
    assert match_unit("Huyện Hoà Phong", ref).code == "993"
    assert match_unit("TX. Hòa Phong", ref, 2018).code == "9931"
    bare = match_unit("Hòa Phong", ref, 2018)
    assert bare.code is None and set(bare.ambiguous) == {"993", "9931"}  # the sibling rows decide, or a question
    assert match_unit("Hòa Phong", ref, 2014).code == "993"  # the town did not exist yet


def test_wrong_prefix_is_a_suggestion_not_a_match() -> None:
    m = match_unit("Huyện Bình Giang", _default_reference())
    assert m.code is None and m.suggestions == ("991",)


def test_indicators_with_context() -> None:
    ref = _default_reference()
    assert match_indicator("1. Số trường", {"mn"}, ref).code == "mn_truong"
    assert match_indicator("Số trường", set(), ref).code is None
    assert match_indicator("- Trong đó: Số trường đạt chuẩn quốc gia", {"th"}, ref).code == "th_truong_cqg"
    assert match_indicator("Số học sinh THCS", set(), ref).code == "thcs_hs"
    m = match_indicator("Số học sinh tiểu học (nghìn học sinh)", set(), ref)
    assert (m.code, m.measure) == ("th_hs", "nghìn học sinh")


def test_a_name_whose_level_sits_inside_matches_under_its_heading_only() -> None:
    ref = _default_reference()
    # The catalogue says "Tỷ lệ trường tiểu học đạt chuẩn quốc gia"; the file relies on its heading.
    assert match_indicator("3. Tỷ lệ trường đạt chuẩn quốc gia", {"th"}, ref).code == "th_tl_cqg"
    assert match_indicator("Tỷ lệ trường đạt chuẩn quốc gia", {"thcs"}, ref).code == "thcs_tl_cqg"
    assert match_indicator("Tỷ lệ trường đạt chuẩn quốc gia", set(), ref).code is None
    assert ref.indicators["th_tl_cqg"].level == "th"


def test_a_unit_named_inside_a_longer_label_is_only_suggested() -> None:
    m = match_unit("Phòng GD&ĐT huyện Hoà Phong", _default_reference())
    assert m.code is None and m.suggestions == ("993",)


def test_unknown_indicator_gets_suggestions() -> None:
    m = match_indicator("Số trường tiểu hoc công lập", set(), _default_reference())
    assert m.code is None


def test_numbering_is_stripped() -> None:
    assert strip_numbering("I. GIÁO DỤC MẦM NON") == "GIÁO DỤC MẦM NON"
    assert strip_numbering("a) Số lớp") == "Số lớp"
    assert strip_numbering("- Trong đó: nữ") == "Trong đó: nữ"
    assert strip_numbering("1.2. Số trẻ") == "Số trẻ"


VOWELS = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "oè": "òe"}


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(st.sampled_from(sorted(VOWELS)), st.sampled_from(["H", "Kh", "Th", "T"]), st.booleans())
def test_fold_key_ignores_tone_placement_and_case(old: str, onset: str, upper: bool) -> None:
    a, b = onset + old, onset + VOWELS[old]
    if upper:
        a = a.upper()
    assert fold_key(a) == fold_key(b)


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(st.text(alphabet="aàáảãạăâđeêioôơuưy ĐÂ.-,", max_size=30))
def test_fold_key_is_stable_under_nfd_and_spacing(text: str) -> None:
    import unicodedata

    assert fold_key(unicodedata.normalize("NFD", text)) == fold_key(text)
    assert fold_key("  " + text.replace(" ", "\u00a0") + "\u200b") == fold_key(text)
    assert fold_key(fold_key(text)) == fold_key(text)
