"""Locale-aware parsing of numeric cells and year labels (Vietnamese files).

Vietnamese convention: "." groups thousands, "," is the decimal mark
("1.234,5" = 1234.5). See docs/domain.md, Number formats; and Year labels. The rule here is that a wrong
number must never enter the store: strings that could be read two ways
("1,234", "1.5") or that follow the English convention are returned as
invalid with a reason, never guessed. Nothing in this module raises on
bad input. Showing numbers is vocab.display's job.
"""

import math
import operator
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import Literal, NamedTuple

from vocab.text import clean_text

__all__ = [
    "EXCEL_ERRORS",
    "MISSING_MARKERS",
    "NumberStatus",
    "ParsedNumber",
    "ParsedYear",
    "YearStatus",
    "parse_number",
    "parse_year_label",
]

NumberStatus = Literal["ok", "missing", "invalid"]
YearStatus = Literal["ok", "invalid"]

# Strings meaning "no value" (not zero). "..": GSO; "KXĐ": không xác định.
MISSING_MARKERS: frozenset[str] = frozenset({"", "..", "...", "-", "–", "—", "x", "X", "KXĐ", "kxđ", "n/a", "N/A"})
_MISSING_FOLDED = frozenset(m.casefold() for m in MISSING_MARKERS)

# Error values as Excel displays them (also found as text in exported CSVs).
EXCEL_ERRORS: frozenset[str] = frozenset(
    {
        "#DIV/0!",
        "#REF!",
        "#N/A",
        "#VALUE!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
    }
)


class ParsedNumber(NamedTuple):
    """Result of :func:`parse_number`.

    ``value`` is set only when ``status == "ok"``. ``percent`` is True when a
    trailing "%" was present; the value is then the number before the sign
    (percentage points, "85,5%" -> 85.5). ``note`` says why a value is
    invalid: "excel-error", "ambiguous-separator", "english-format",
    "not-a-number", "not-finite", "out-of-range", "unsupported-type";
    it is "" otherwise.
    """

    value: float | None
    status: NumberStatus
    percent: bool = False
    note: str = ""


def _invalid(note: str, percent: bool = False) -> ParsedNumber:
    return ParsedNumber(None, "invalid", percent, note)


_MISSING = ParsedNumber(None, "missing", False, "")

# Sign, unsigned body, optional percent sign (a space before "%" is allowed).
# U+2212 MINUS SIGN is accepted as "-"; dashes are not (they are markers).
_SIGNED_RE = re.compile(r"(?P<sign>[+\-\u2212]?)(?P<body>.*?)(?:\s?(?P<pct>%))?", re.DOTALL)

# Vietnamese forms of the unsigned body. [0-9] rather than \d: \d would also
# accept other scripts' digits.
_VI_PLAIN_RE = re.compile(r"[0-9]+(?:,[0-9]+)?")  # 1234 / 12,5 / 0,855
_VI_DOT_GROUPS_RE = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_VI_SPACE_GROUPS_RE = re.compile(r"[1-9][0-9]{0,2}(?: [0-9]{3})+(?:,[0-9]+)?")
# "1,234": Vietnamese 1.234 or English 1234. A leading 0 ("0,855") cannot be
# an English thousands group, so it is not ambiguous.
_AMBIGUOUS_COMMA_RE = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")
# A single dot that is not a thousands group: "1.5", "0.855", "12.3456".
# English decimal, or a Vietnamese decimal typed with the wrong key.
_AMBIGUOUS_DOT_RE = re.compile(r"[0-9]+\.[0-9]+")
# English thousands ("1,234,567", "1 234.5") and/or decimal point ("1,234.5").
_ENGLISH_RE = re.compile(
    r"[1-9][0-9]{0,2}(?:,[0-9]{3}){2,}"
    r"|[1-9][0-9]{0,2}(?:[, ][0-9]{3})+\.[0-9]+"
)


def parse_number(raw: object) -> ParsedNumber:
    """Parse one cell value into a number, a missing value or an error.

    - None, NaN, empty text and :data:`MISSING_MARKERS` -> "missing".
    - int / float / Decimal (not bool) -> "ok"; infinities -> "not-finite".
    - Text: Vietnamese formats "1234", "1.234", "1.234.567", "12,5",
      "1.234,5", "1 234" (space or NBSP groups), "0,855", with an optional
      leading sign and trailing "%".
    - "1,234" and "1.5" -> invalid "ambiguous-separator"; "1,234.5" and
      "1,234,567" -> invalid "english-format"; Excel error strings -> invalid
      "excel-error"; anything else -> invalid "not-a-number".

    Never raises.
    """
    if raw is None:
        return _MISSING
    if isinstance(raw, bool):
        return _invalid("unsupported-type")
    if isinstance(raw, str):
        return _parse_text(raw)
    if isinstance(raw, int | float | Decimal):
        return _from_number(raw)
    return _parse_foreign(raw)


# pandas' missing-value singletons, recognised by type name so that this
# module does not import pandas.
_FOREIGN_MISSING_TYPES = frozenset({"NAType", "NaTType"})


def _parse_foreign(raw: object) -> ParsedNumber:
    """numpy/pandas scalars and anything else that is not a plain type."""
    type_name = type(raw).__name__
    if type_name in _FOREIGN_MISSING_TYPES:
        return _MISSING
    # numpy.bool implements __float__; reject it like bool.
    if "bool" in type_name.lower():
        return _invalid("unsupported-type")
    # hasattr checks keep out str-like types (bytes) that float() would parse.
    try:
        if hasattr(raw, "__index__"):  # numpy integers
            return _from_number(operator.index(raw))
        if hasattr(raw, "__float__"):  # numpy floats, fractions
            return _from_number(float(raw))
    except (TypeError, ValueError, ArithmeticError):
        return _invalid("unsupported-type")
    return _invalid("unsupported-type")


def _from_number(raw: float | Decimal) -> ParsedNumber:
    if isinstance(raw, Decimal):
        if raw.is_nan():
            return _MISSING
        if raw.is_infinite():
            return _invalid("not-finite")
    elif isinstance(raw, float):
        if math.isnan(raw):
            return _MISSING
        if math.isinf(raw):
            return _invalid("not-finite")
    try:
        value = float(raw)
    except OverflowError:  # int too large for a float
        return _invalid("out-of-range")
    if math.isinf(value):  # Decimal too large for a float
        return _invalid("out-of-range")
    return ParsedNumber(value, "ok")


@lru_cache(maxsize=1 << 16)  # a long CSV writes the same few thousand numbers many times
def _parse_text(raw: str) -> ParsedNumber:
    text = clean_text(raw)
    if text in MISSING_MARKERS or text.casefold() in _MISSING_FOLDED:
        return _MISSING
    if text.upper() in EXCEL_ERRORS:
        return _invalid("excel-error")
    match = _SIGNED_RE.fullmatch(text)
    if match is None:  # cannot happen: the body group accepts anything
        return _invalid("not-a-number")
    body = match["body"]
    percent = match["pct"] is not None
    negative = match["sign"] in ("-", "\u2212")

    if _VI_PLAIN_RE.fullmatch(body):
        if _AMBIGUOUS_COMMA_RE.fullmatch(body):
            return _invalid("ambiguous-separator", percent)
        canonical = body.replace(",", ".")
    elif _VI_DOT_GROUPS_RE.fullmatch(body):
        canonical = body.replace(".", "").replace(",", ".")
    elif _VI_SPACE_GROUPS_RE.fullmatch(body):
        canonical = body.replace(" ", "").replace(",", ".")
    elif _ENGLISH_RE.fullmatch(body):
        return _invalid("english-format", percent)
    elif _AMBIGUOUS_DOT_RE.fullmatch(body):
        return _invalid("ambiguous-separator", percent)
    else:
        return _invalid("not-a-number", percent)

    value = float(Decimal(canonical))  # canonical is [0-9]+(.[0-9]+)?
    if math.isinf(value):  # hundreds of digits
        return _invalid("out-of-range", percent)
    return ParsedNumber(-value if negative else value, "ok", percent, "")


class ParsedYear(NamedTuple):
    """Result of :func:`parse_year_label`.

    ``year`` is the start year. ``school_year`` is True when the label was a
    range such as "2013-2014" (school year starting in 2013); a plain "2013"
    gives False, because it may be a calendar year or a school year starting
    *or ending* in 2013 — the caller must decide per source (docs/domain.md, Year labels).
    """

    year: int | None
    school_year: bool
    preliminary: bool
    status: YearStatus


_INVALID_YEAR = ParsedYear(None, False, False, "invalid")
_MIN_YEAR = 1990
_MAX_YEAR = 2100

# Matched against a folded label: NFC-clean, lowercase, tone/vowel marks
# removed, đ -> d (so "Năm học" -> "nam hoc", "Sơ bộ" -> "so bo").
_PRELIM = r"(?:so\s*bo|sb|prel)"
_YEAR_RE = re.compile(
    rf"""
    (?:(?P<prelim1>{_PRELIM})\.?\s*:?\s*)?
    (?:(?P<kind>nam\s*hoc|nh|nam)\.?\s*:?\s*)?
    (?P<start>[0-9]{{4}})
    (?:\s*[-\u2010\u2011\u2012\u2013\u2014\u2212/]\s*(?P<end>[0-9]{{4}}|[0-9]{{2}}))?
    (?:\s*(?:\(\s*(?P<prelim2>{_PRELIM})\.?\s*\)|(?P<prelim3>{_PRELIM})\.?))?
    """,
    re.VERBOSE,
)


def _fold_label(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", clean_text(text).casefold())
    base = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return base.replace("\u0111", "d")


def _year_in_range(year: int) -> bool:
    return _MIN_YEAR <= year <= _MAX_YEAR


def parse_year_label(raw: object) -> ParsedYear:
    """Parse a year or school-year label; never raises.

    Accepted: int 2013, float 2013.0, "2013", "2013-2014" (also with spaces,
    en/em dash or "/"), "2013-14", "NH 2013-2014", "Năm học 2013 – 2014",
    "Năm 2013", "Sơ bộ 2023-2024" / "SB 2023" / "2023 (sơ bộ)"
    (preliminary=True). Ranges must be consecutive years; years must lie in
    1990-2100. "Năm học 2013" (school year without a range) is invalid: it is
    not known whether 2013 is the start or the end year.
    """
    if raw is None or isinstance(raw, bool):
        return _INVALID_YEAR
    if isinstance(raw, str):
        return _parse_year_text(raw)
    if isinstance(raw, float):
        if not raw.is_integer():  # also rejects NaN and infinities
            return _INVALID_YEAR
        year = int(raw)
    elif isinstance(raw, int):
        year = raw
    elif hasattr(raw, "__index__"):  # numpy integers
        try:
            year = operator.index(raw)
        except (TypeError, ValueError):
            return _INVALID_YEAR
    else:
        return _INVALID_YEAR
    if not _year_in_range(year):
        return _INVALID_YEAR
    return ParsedYear(year, False, False, "ok")


def _parse_year_text(raw: str) -> ParsedYear:
    match = _YEAR_RE.fullmatch(_fold_label(raw))
    if match is None:
        return _INVALID_YEAR
    start = int(match["start"])
    end_text = match["end"]
    preliminary = any(match[g] is not None for g in ("prelim1", "prelim2", "prelim3"))
    if not _year_in_range(start):
        return _INVALID_YEAR
    if end_text is None:
        if match["kind"] is not None and match["kind"] != "nam":
            return _INVALID_YEAR
        return ParsedYear(start, False, preliminary, "ok")
    end = int(end_text)
    consecutive = end == (start + 1) % 100 if len(end_text) == 2 else end == start + 1
    if not consecutive or not _year_in_range(start + 1):
        return _INVALID_YEAR
    return ParsedYear(start, True, preliminary, "ok")
