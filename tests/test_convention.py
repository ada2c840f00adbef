"""The per-file decimal convention: decided from evidence, recorded, refused when undecidable."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.resolve.convention import decide, parse_with
from vocab.display import format_vi


def test_evidence_decides() -> None:
    assert decide(["1.234", "12,5"]).convention == "vi"
    assert decide(["1.234", "1.234.567"]).convention == "vi"
    assert decide(["1.234", "12.5"]).convention == "en"
    assert decide(["1,234", "1,234.5"]).convention == "en"


def test_pattern_of_thousands_decides() -> None:
    d = decide(["1.234", "2.345", "10.500"])
    assert (d.convention, d.reason) == ("vi", "pattern")


def test_counts_are_evidence() -> None:
    assert decide(["1.234"], whole=["1.234"]).convention == "vi"
    assert decide(["1,234"], whole=["1,234"]).convention == "en"


def test_undecidable_and_conflicting() -> None:
    assert decide(["1.234"]).convention is None and decide(["1.234"]).reason == "undecidable"
    assert decide(["1.234", "1,234"]).convention is None
    assert decide(["12,5", "12.5"]).reason == "conflict"
    assert decide(["12", "345"]).reason == "no-ambiguity"


def test_parse_under_each_convention() -> None:
    assert parse_with("1.234", "vi-decided").value == 1234
    assert parse_with("1,234", "vi-decided").value == 1.234
    assert parse_with("1.234", "en").value == 1.234
    assert parse_with("1,234.5", "en").value == 1234.5
    assert parse_with("1,234", "vi").status == "invalid"  # no decision: never guessed
    assert parse_with(1234.0, "en").value == 1234.0  # real numbers are never ambiguous


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=3))
def test_vietnamese_formatted_numbers_read_back(n: int, decimals: int) -> None:
    value = n / 10**decimals
    text = format_vi(value, decimals)
    convention = "vi-decided" if decide([text]).convention == "vi" else "vi"
    parsed = parse_with(text, convention)
    if parsed.status == "ok":
        assert parsed.value is not None and abs(parsed.value - round(value, decimals)) < 1e-6 * max(1, value)
    else:  # only "d,ddd" with three decimals stays ambiguous on its own
        assert parsed.note == "ambiguous-separator"


@settings(deadline=None)  # no timing in tests; a loaded machine must not fail them
@given(st.integers(min_value=1000, max_value=10**9))
def test_english_grouped_integers_read_back(n: int) -> None:
    text = f"{n:,}"
    assert parse_with(text, "en").value == n
