"""Tests for vocab.numbers: Vietnamese number formats and year labels (docs/domain.md, Number formats)."""

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vocab.display import format_vi
from vocab.numbers import EXCEL_ERRORS, MISSING_MARKERS, ParsedNumber, ParsedYear, parse_number, parse_year_label

# --- parse_number: valid values ---------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "percent"),
    [
        ("1234", 1234.0, False),
        ("1.234", 1234.0, False),  # dot + 3 digits = thousands
        ("1.000", 1000.0, False),
        ("1.234.567", 1234567.0, False),
        ("12,5", 12.5, False),
        ("1.234,5", 1234.5, False),
        ("1.234.567,89", 1234567.89, False),
        ("1 234", 1234.0, False),
        ("1\u00a0234", 1234.0, False),  # NBSP thousands (number stored as text)
        ("1\u202f234", 1234.0, False),  # narrow NBSP
        ("1 234,5", 1234.5, False),
        ("12 345 678", 12345678.0, False),
        ("0,855", 0.855, False),  # leading 0: cannot be English thousands
        ("1234,567", 1234.567, False),  # 4-digit integer part: not English
        ("1,2345", 1.2345, False),
        ("0", 0.0, False),
        ("007", 7.0, False),
        (" 42 ", 42.0, False),
        ("\u00a042\u00a0", 42.0, False),
        ("-12,5", -12.5, False),
        ("+3", 3.0, False),
        ("\u22125", -5.0, False),  # U+2212 MINUS SIGN
        ("85%", 85.0, True),
        ("85,5%", 85.5, True),
        ("85,5 %", 85.5, True),
        ("95,15%", 95.15, True),  # Liên Chiểu file: string beside 95.15 number
        ("-2,5%", -2.5, True),
        ("1.234,5%", 1234.5, True),
    ],
)
def test_parse_number_ok(raw: str, value: float, percent: bool) -> None:
    assert parse_number(raw) == ParsedNumber(value, "ok", percent, "")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (0, 0.0),
        (1234, 1234.0),
        (-7, -7.0),
        (95.15, 95.15),
        (0.855, 0.855),  # openpyxl value of a "0.0%" cell: percent unknown here
        (Decimal("1234.5"), 1234.5),
        (Fraction(1, 4), 0.25),
    ],
)
def test_parse_number_numeric_cells(raw: object, value: float) -> None:
    assert parse_number(raw) == ParsedNumber(value, "ok", False, "")


def test_parse_number_numpy_scalars() -> None:
    np = pytest.importorskip("numpy")
    assert parse_number(np.int64(5)) == ParsedNumber(5.0, "ok", False, "")
    assert parse_number(np.float32(1.5)) == ParsedNumber(1.5, "ok", False, "")
    assert parse_number(np.float64("nan")).status == "missing"
    assert parse_number(np.True_) == ParsedNumber(None, "invalid", False, "unsupported-type")


def test_parse_number_pandas_missing() -> None:
    pd = pytest.importorskip("pandas")
    assert parse_number(pd.NA).status == "missing"
    assert parse_number(pd.NaT).status == "missing"


# --- parse_number: missing --------------------------------------------------


@pytest.mark.parametrize("marker", sorted(MISSING_MARKERS))
def test_missing_markers(marker: str) -> None:
    assert parse_number(marker) == ParsedNumber(None, "missing", False, "")


@pytest.mark.parametrize(
    "raw",
    [
        None,
        float("nan"),
        Decimal("NaN"),
        "   ",
        "\u00a0",
        "\ufeff",
        " .. ",  # GSO marker with padding
        "\u00a0-\u00a0",
        "KXÐ",  # written with ETH
        "Kxđ",
        "N/a",
    ],
)
def test_parse_number_missing(raw: object) -> None:
    assert parse_number(raw) == ParsedNumber(None, "missing", False, "")


def test_missing_markers_are_the_documented_set() -> None:
    expected = {"", "..", "...", "-", "–", "—", "x", "X", "KXĐ", "kxđ", "n/a", "N/A"}
    assert expected == MISSING_MARKERS


# --- parse_number: invalid --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        ("1,234", "ambiguous-separator"),  # VI 1.234 or EN 1234
        ("-1,234", "ambiguous-separator"),
        ("999,999", "ambiguous-separator"),
        ("1.5", "ambiguous-separator"),  # EN decimal
        ("12.34", "ambiguous-separator"),
        ("0.855", "ambiguous-separator"),  # leading 0: not thousands
        ("1.2345", "ambiguous-separator"),
        ("01.234", "ambiguous-separator"),
        ("1,234.5", "english-format"),
        ("1,234,567", "english-format"),
        ("1,234,567.89", "english-format"),
        ("1 234.5", "english-format"),
        ("12.34.5", "not-a-number"),
        ("1.23.456", "not-a-number"),
        ("1.234.5", "not-a-number"),
        ("1 23", "not-a-number"),
        (",5", "not-a-number"),
        ("5,", "not-a-number"),
        ("1e5", "not-a-number"),
        ("(5)", "not-a-number"),
        ("- 5", "not-a-number"),
        ("--5", "not-a-number"),
        ("+", "not-a-number"),
        ("–5", "not-a-number"),  # en dash is a marker, not a minus sign
        ("Đạt", "not-a-number"),
        ("Chưa đạt", "not-a-number"),
        ("Mức độ 2", "not-a-number"),
        ("100% xã", "not-a-number"),
        ("≥ 95%", "not-a-number"),
        ("95–98%", "not-a-number"),
        ("trên 90%", "not-a-number"),
        ("١٢", "not-a-number"),  # Arabic-Indic digits
        ("１２", "not-a-number"),  # fullwidth digits
        ("9" * 400, "out-of-range"),
    ],
)
def test_parse_number_invalid(raw: str, note: str) -> None:
    result = parse_number(raw)
    assert (result.value, result.status, result.note) == (None, "invalid", note)


@pytest.mark.parametrize("raw", ["1,234%", "1.5%"])
def test_parse_number_invalid_keeps_percent_flag(raw: str) -> None:
    assert parse_number(raw) == ParsedNumber(None, "invalid", True, "ambiguous-separator")


@pytest.mark.parametrize("error", sorted(EXCEL_ERRORS))
def test_excel_errors(error: str) -> None:
    assert parse_number(error) == ParsedNumber(None, "invalid", False, "excel-error")


def test_excel_error_lowercase_and_padded() -> None:
    assert parse_number(" #div/0! ").note == "excel-error"
    # "#N/A" is an Excel error, "N/A" a missing marker.
    assert parse_number("#N/A").status == "invalid"
    assert parse_number("N/A").status == "missing"


@pytest.mark.parametrize(
    ("raw", "note"),
    [
        (True, "unsupported-type"),
        (False, "unsupported-type"),
        (float("inf"), "not-finite"),
        (float("-inf"), "not-finite"),
        (Decimal("Infinity"), "not-finite"),
        (10**400, "out-of-range"),
        (Decimal("1e400"), "out-of-range"),
        (b"1234", "unsupported-type"),
        (dt.date(2013, 9, 30), "unsupported-type"),  # date in a value column
        ([1], "unsupported-type"),
    ],
)
def test_parse_number_invalid_objects(raw: object, note: str) -> None:
    assert parse_number(raw) == ParsedNumber(None, "invalid", False, note)


# --- parse_year_label -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (2013, ParsedYear(2013, False, False, "ok")),
        (2013.0, ParsedYear(2013, False, False, "ok")),
        ("2013", ParsedYear(2013, False, False, "ok")),
        ("Năm 2013", ParsedYear(2013, False, False, "ok")),
        ("2013-2014", ParsedYear(2013, True, False, "ok")),
        ("2013 - 2014", ParsedYear(2013, True, False, "ok")),
        ("1995 -1996", ParsedYear(1995, True, False, "ok")),
        (" 2013-2014", ParsedYear(2013, True, False, "ok")),
        ("2013\u00a0-\u00a02014", ParsedYear(2013, True, False, "ok")),
        ("2013–2014", ParsedYear(2013, True, False, "ok")),  # en dash
        ("2013—2014", ParsedYear(2013, True, False, "ok")),  # em dash
        ("2013/2014", ParsedYear(2013, True, False, "ok")),
        ("NH 2013-2014", ParsedYear(2013, True, False, "ok")),
        ("NH 2013–2014", ParsedYear(2013, True, False, "ok")),
        ("NH: 2013-2014", ParsedYear(2013, True, False, "ok")),
        ("Năm học 2013-2014", ParsedYear(2013, True, False, "ok")),
        ("năm học 2013 – 2014", ParsedYear(2013, True, False, "ok")),
        ("NĂM HỌC 2013-2014", ParsedYear(2013, True, False, "ok")),
        ("Sơ bộ 2023-2024", ParsedYear(2023, True, True, "ok")),
        ("Sơ bộ năm học 2023-2024", ParsedYear(2023, True, True, "ok")),
        ("2023-2024 (sơ bộ)", ParsedYear(2023, True, True, "ok")),
        ("SB 2023", ParsedYear(2023, False, True, "ok")),
        ("Sơ bộ 2023", ParsedYear(2023, False, True, "ok")),
        ("2013-14", ParsedYear(2013, True, False, "ok")),
        ("1999-00", ParsedYear(1999, True, False, "ok")),
        ("1990", ParsedYear(1990, False, False, "ok")),
        ("2100", ParsedYear(2100, False, False, "ok")),
    ],
)
def test_parse_year_label_ok(raw: object, expected: ParsedYear) -> None:
    assert parse_year_label(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        True,
        2013.5,
        float("nan"),
        float("inf"),
        1989,
        2101,
        "",
        "x",
        "1989",
        "2101",
        "2100-2101",  # end year out of range
        "2013-2015",  # not consecutive
        "2014-2013",
        "2013-15",
        "2013-2013",
        "Năm học 2013",  # school year but start or end year? unknown
        "NH 2013",
        "2013.0",
        "13",
        "20130",
        "2013-2014*",
        "2013 - 2014 - 2015",
        "Tổng số",
        dt.date(2013, 9, 30),
    ],
)
def test_parse_year_label_invalid(raw: object) -> None:
    assert parse_year_label(raw) == ParsedYear(None, False, False, "invalid")


# --- format_vi --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (1234.5, 1, "1.234,5"),
        (1234567, 0, "1.234.567"),
        (1e6, 2, "1.000.000,00"),
        (999, 0, "999"),
        (0, 0, "0"),
        (0.855, 3, "0,855"),
        (95.15, 2, "95,15"),
        (-1234.5678, 2, "-1.234,57"),
        (-0.04, 1, "0,0"),  # no "-0"
        (1234.5, 0, "1.234"),  # round half to even
    ],
)
def test_format_vi(value: float, decimals: int, text: str) -> None:
    assert format_vi(value, decimals) == text


@pytest.mark.parametrize(("value", "decimals"), [(math.nan, 0), (math.inf, 1), (1.0, -1)])
def test_format_vi_rejects(value: float, decimals: int) -> None:
    with pytest.raises(ValueError):
        format_vi(value, decimals)


def test_format_vi_three_decimals_below_1000_is_ambiguous() -> None:
    # A known limit of the convention: "1,234" could be English 1234.
    assert format_vi(1.234, 3) == "1,234"
    assert parse_number(format_vi(1.234, 3)).note == "ambiguous-separator"


# --- properties -------------------------------------------------------------

finite_floats = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
any_cell = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.decimals(),
    st.text(),
    st.binary(),
    st.dates(),
)


@given(st.text())
def test_parse_number_never_raises_on_text(raw: str) -> None:
    result = parse_number(raw)
    assert result.status in {"ok", "missing", "invalid"}


@given(any_cell)
def test_parse_number_result_is_consistent(raw: object) -> None:
    result = parse_number(raw)
    if result.status == "ok":
        assert result.value is not None
        assert math.isfinite(result.value)
        assert result.note == ""
    elif result.status == "missing":
        assert result == ParsedNumber(None, "missing", False, "")
    else:
        assert result.value is None
        assert result.note


@given(any_cell)
def test_parse_year_label_never_raises(raw: object) -> None:
    result = parse_year_label(raw)
    if result.status == "ok":
        assert result.year is not None
        assert 1990 <= result.year <= 2100
    else:
        assert result == ParsedYear(None, False, False, "invalid")


@given(finite_floats, st.sampled_from([1, 2, 4, 5]))
def test_round_trip_with_decimals(value: float, decimals: int) -> None:
    text = format_vi(value, decimals)
    expected = float(f"{value:.{decimals}f}")
    assert parse_number(text) == ParsedNumber(expected, "ok", False, "")
    assert parse_number(text + "%") == ParsedNumber(expected, "ok", True, "")


@given(finite_floats)
def test_round_trip_three_decimals_unless_ambiguous(value: float) -> None:
    text = format_vi(value, 3)
    integer_part = text.lstrip("-").split(",")[0]
    assume(integer_part == "0" or "." in integer_part)  # "0,855", "1.234,567"
    assert parse_number(text) == ParsedNumber(float(f"{value:.3f}"), "ok", False, "")


@given(st.integers(min_value=1000, max_value=10**18), st.booleans())
def test_round_trip_integers(n: int, negative: bool) -> None:
    value = float(-n if negative else n)
    text = format_vi(value)
    assert "." in text  # thousands separator present
    assert parse_number(text) == ParsedNumber(value, "ok", False, "")
    # Space and NBSP thousands are read the same way.
    assert parse_number(text.replace(".", " ")).value == value
    assert parse_number(text.replace(".", "\u00a0")).value == value


@given(st.integers(min_value=1990, max_value=2099))
def test_school_year_labels_round_trip(start: int) -> None:
    expected = ParsedYear(start, True, False, "ok")
    assert parse_year_label(f"{start}-{start + 1}") == expected
    assert parse_year_label(f"NH {start}–{(start + 1) % 100:02d}") == expected
    assert parse_year_label(f"{start}-{start + 2}").status == "invalid"
