"""Year labels as real tables write them, and what a plain year means.

``read_year_label`` accepts everything ``vocab.numbers.parse_year_label`` does and the
yearbook forms: "Năm học - School year 2015", "Sơ bộ Prel.2017", "Sơ bộ⏎Prel.⏎2022",
"2013.0" (a year typed in a number cell and saved as text). "Năm học 2015" is a plain year
with the school-year word beside it: evidence that 2015 means the school year 2015-2016.

A plain year on a school-year indicator is decided once per file (docs/domain.md, Year
labels), by the indicator's reference date in the catalogue:

* stock figures counted at 30/9 follow the statistical convention (2015 = 2015-2016); the
  file's evidence ("Năm học" over the years, "tại thời điểm 30/9", a statistics-office source
  line) is named in one info issue, or the issue says there was none;
* end-of-year outcomes (31/5: graduation, completion, dropout) follow the file's evidence;
  without any, one question for the file (``year-convention``);
* a plain year in a sheet that writes school years as ranges is an odd label, skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from vocab.numbers import parse_year_label
from vocab.text import clean_text

FIRST_YEAR = 1990  # years before this (or after next year) are errors, not history

_TOKEN_RE = re.compile(
    r"school\s*year|nam\s*hoc|so\s*bo|preliminary|prel|sb|nh|nam|year"
    r"|(?<!\d)\d{4}(?:\s*[-\u2010-\u2014\u2212/]\s*(?:\d{4}|\d{2}))?(?:\.0+)?(?!\d)|\S"
)
_SCHOOL_WORDS = {"schoolyear", "namhoc", "nh"}
_PRELIM_WORDS = {"sobo", "preliminary", "prel", "sb"}
_FILLER = {"nam", "year", "-", ":", ".", "(", ")", ",", "–", "—"}


@dataclass(frozen=True)
class YearLabel:
    year: int | None  # the start year of a range, or the plain year
    school_year: bool = False  # written as a range ("2015-2016")
    preliminary: bool = False
    school_word: bool = False  # a plain year with "Năm học" / "School year" beside it

    @property
    def ok(self) -> bool:
        return self.year is not None

    @property
    def plain(self) -> bool:
        return self.ok and not self.school_year


INVALID = YearLabel(None)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", clean_text(text).casefold())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").replace("\u0111", "d")


def read_year_label(raw: object) -> YearLabel:
    if isinstance(raw, str):
        return _read_text(raw)
    try:
        parsed = parse_year_label(raw)
    except TypeError:
        return INVALID
    return YearLabel(parsed.year) if parsed.status == "ok" and parsed.year is not None else INVALID


@lru_cache(maxsize=4096)
def _read_text(raw: str) -> YearLabel:
    years: list[str] = []
    school_word = preliminary = False
    for token in _TOKEN_RE.findall(_fold(raw)):
        key = token.replace(" ", "")
        if key[:1].isdigit():
            years.append(token)
        elif key in _SCHOOL_WORDS:
            school_word = True
        elif key in _PRELIM_WORDS:
            preliminary = True
        elif key not in _FILLER:
            return INVALID
    if len(years) != 1:
        return INVALID
    parsed = parse_year_label(re.sub(r"\.0+$", "", years[0]))
    if parsed.status != "ok" or parsed.year is None:
        return INVALID
    return YearLabel(parsed.year, parsed.school_year, preliminary, school_word and not parsed.school_year)


def split_year_prefix(text: str) -> tuple[str, str] | None:
    """("2002", "Primary") from a GSO export's "2002 Primary"; None when the text does not
    begin with a year followed by words."""
    match = re.fullmatch(r"\s*((?:19|20)\d{2})\s+(\D.*)", text)
    if match is None or read_year_label(match.group(2)).ok:
        return None
    return match.group(1), match.group(2).strip()


def last_allowed_year() -> int:
    return date.today().year + 1


def year_allowed(year: int) -> bool:
    """History loads (an info issue outside the review window); only impossible years are errors."""
    return FIRST_YEAR <= year <= last_allowed_year()
