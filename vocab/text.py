"""Text cleaning and matching keys for Vietnamese names read from Excel files.

See docs/domain.md (Unicode and look-alike letters, Tone placement, District names) for the
real-world quirks handled here:
NFD / "Unicode tổ hợp" input, the look-alike letter ETH (Ð) used instead of
Đ in GSO-derived files, NBSP and zero-width characters, old vs new tone-mark
placement ("Hoà" / "Hòa"), and administrative-unit prefixes ("TP.", "Huyện"…).

Not handled here (later issues):
- legacy encodings (TCVN3/ABC, VNI, CP1258). In particular U+00AD SOFT HYPHEN
  is left untouched, because in TCVN3 text it encodes the letter "ư" and
  removing it would silently delete data ("Tr­êng" = Trường).
- Latin/Cyrillic confusables other than ETH.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Literal

__all__ = [
    "UnitKind",
    "clean_text",
    "fold_key",
    "strip_unit_prefix",
    "unit_key",
]

UnitKind = Literal["city", "town", "district", "urban_district", "province"]

# LATIN CAPITAL/SMALL LETTER ETH look like Đ/đ but are different code points.
# NFKC does not map them, so it is done explicitly. Text copied from PDF yearbooks writes
# ư/Ư as LATIN SMALL/CAPITAL LETTER OI (ƣ/Ƣ, "Năm trƣớc", "Huyện Lƣơng Sơn"), a letter no
# Vietnamese word uses: mapped back too (docs/domain.md, Unicode and look-alike letters).
_ETH_MAP = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111", "\u01a3": "\u01b0", "\u01a2": "\u01af"})

# Zero-width characters: ZERO WIDTH SPACE, ZWNJ, ZWJ, WORD JOINER and the
# BOM / ZERO WIDTH NO-BREAK SPACE (a UTF-8 BOM often ends up in the first
# header cell of a CSV). Soft hyphen U+00AD is deliberately NOT listed.
_ZERO_WIDTH_MAP = str.maketrans(dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff"))

# In a str pattern, \s matches every Unicode whitespace character: ASCII
# whitespace (incl. line breaks inside a cell), NBSP U+00A0, narrow NBSP
# U+202F, U+2000-U+200A, ideographic space U+3000, etc.
_WHITESPACE_RE = re.compile(r"\s+")

# Folding keeps only these characters.
_NOT_KEY_CHAR_RE = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def clean_text(s: str) -> str:
    """Return ``s`` in canonical form for storage and display.

    NFC-normalises, maps ETH (Ð/ð) to Đ/đ, removes zero-width characters,
    turns every Unicode space (NBSP, narrow NBSP, tabs, line breaks…) into a
    plain space, collapses runs of spaces and strips both ends.
    Letters, case and tone-mark placement are preserved.
    """
    s = s.translate(_ETH_MAP).translate(_ZERO_WIDTH_MAP)
    # NFC after removing zero-width characters, so a base letter and a
    # combining mark that were separated by one compose correctly.
    s = unicodedata.normalize("NFC", s)
    return _WHITESPACE_RE.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def fold_key(s: str) -> str:
    """Return a matching key: no diacritics, no case, only ``[a-z0-9]``.

    All tone marks and vowel marks (breve, circumflex, horn) are dropped, so
    old and new tone placement ("Hoà"/"Hòa"), case and NFC/NFD input give
    the same key; đ becomes d; spaces, hyphens and punctuation are removed.
    "Quỳ Châu" gives "quychau". Use keys for matching only, never for display.
    """
    s = clean_text(s).casefold()
    decomposed = unicodedata.normalize("NFD", s)
    # Category Mn = non-spacing combining marks: every Vietnamese tone mark
    # and vowel mark decomposes into one. Đ/đ has no decomposition.
    base = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    base = base.replace("\u0111", "d")
    return _NOT_KEY_CHAR_RE.sub("", base)


# Administrative-unit prefixes, matched case-insensitively at the start of a
# cleaned (NFC) name. Full words must be followed by a space (or "." / ":");
# abbreviations by a dot and/or a space, so "TXương" or "Huyệnabc" are left
# alone. Matching is accent-sensitive on purpose: "Quan Hóa", "Quan Sơn" and
# "Quản Bạ" are real district names and must not lose a "Quận" prefix.
# "T." is not accepted for "Tỉnh": it is too ambiguous (thị trấn, tổ, or the
# start of an abbreviated name). "TT." (thị trấn, commune level) is not a
# district-level kind and is left in place.
_FULL_SEP = r"(?:\s*[.:]\s*|\s+)"
_ABBR_SEP = r"(?:\.\s*|\s+)"
_DOT_SEP = r"\.\s*"
_PREFIX_RE = re.compile(
    rf"""^(?:
        (?P<city>thành\s*phố{_FULL_SEP}|t\.?p{_ABBR_SEP})
      | (?P<town>thị\s*xã{_FULL_SEP}|t\.?x{_ABBR_SEP})
      | (?P<district>huyện{_FULL_SEP}|h{_DOT_SEP})
      | (?P<urban_district>quận{_FULL_SEP}|q{_DOT_SEP})
      | (?P<province>tỉnh{_FULL_SEP})
    )""",
    re.IGNORECASE | re.VERBOSE,
)

_KINDS: dict[str, UnitKind] = {
    "city": "city",
    "town": "town",
    "district": "district",
    "urban_district": "urban_district",
    "province": "province",
}


def strip_unit_prefix(name: str) -> tuple[str, UnitKind | None]:
    """Split a province/district name into ``(base_name, kind)``.

    ``kind`` is "city" (Thành phố, TP., TP, Tp., T.P, T.P.), "town" (Thị xã,
    TX., TX), "district" (Huyện, H.), "urban_district" (Quận, Q.),
    "province" (Tỉnh) or None when there is no recognised prefix. The base is
    returned in :func:`clean_text` form (not folded). If stripping would
    leave nothing ("Huyện" alone), the name is returned unchanged with None.

    Note: stripping the prefix can make different units collide ("Huyện Kỳ
    Anh" and "Thị xã Kỳ Anh" both give "Kỳ Anh"); keep the kind with the base.
    """
    cleaned = clean_text(name)
    match = _PREFIX_RE.match(cleaned)
    if match is None or match.lastgroup is None:
        return cleaned, None
    base = cleaned[match.end() :].strip()
    if not base:
        return cleaned, None
    return base, _KINDS[match.lastgroup]


def unit_key(name: str) -> str:
    """Return :func:`fold_key` of the name without its unit prefix.

    For alias matching only. The key does not include the unit kind; see the
    collision note in :func:`strip_unit_prefix`.
    """
    base, _kind = strip_unit_prefix(name)
    return fold_key(base)


_ZWSP = "\u200b"
_AUTOLINK = re.compile(r":(?=//)|(?i:www)(?=\.)|@")
# Emphasis, links and images, code, headings, HTML, strike-through, formulas, and ":name" icons and
# colours (":red[…]", ":material/x:"); a list or quote marker only counts at the start.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#<>~$]|:(?=[A-Za-z]))")
_LEADING_MARKER = re.compile(r"^(\d+)([.)])|^([-+>])")


def markdown_escape(text: object) -> str:
    """Text from a file or a user, made inert for a widget that renders Markdown (alerts, captions,
    expander and widget labels): every character that could start emphasis, a link, an image,
    code, a heading, HTML, a formula or a colour or icon directive is backslash-escaped, line
    breaks become spaces, and a zero-width space after "://", "www" and "@" stops the automatic
    links of GitHub-flavoured Markdown (which ignore backslashes). "[Bấm vào đây](http://…)"
    then reads exactly so, as text (docs/limits.md)."""
    flat = " ".join(str(text).split())
    flat = _AUTOLINK.sub(lambda m: m.group(0) + _ZWSP, flat)
    flat = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    return _LEADING_MARKER.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", flat)
