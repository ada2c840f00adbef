"""Matching indicator and unit names written in free-layout files, exactly or not at all.

An indicator matches when its folded name (or the name completed by its
school-level context: "Số trường" under "I. GIÁO DỤC MẦM NON") is a catalogue
name or alias. A unit matches through Reference.find_unit (code, name or alias,
prefix kind and validity years). Anything else is not loaded; close names are
offered as suggestions so that an analyst can confirm them as aliases.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from etl.reference.model import Reference
from etl.resolve.keywords import Vocabulary, fold_words, vocabulary
from vocab.text import clean_text, fold_key, strip_unit_prefix, unit_key

# Section numbering: "I.", "II)", "1.", "1.2.", "a)", "b.", "-", "+", "*", "•".
_NUMBERING_RE = re.compile(r"^\s*(?:(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)/:]|[-+*•–—])\s*", re.IGNORECASE)
_PAREN_RE = re.compile(r"^(?P<name>.*?)\s*\((?P<inner>[^()]*)\)\s*$")


@dataclass(frozen=True)
class NameMatch:
    code: str | None
    suggestions: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    measure: str | None = None  # a unit of measure written in parentheses after the name


def strip_numbering(text: str) -> str:
    """ "I. GIÁO DỤC MẦM NON" -> "GIÁO DỤC MẦM NON"; "- Trong đó: nữ" -> "Trong đó: nữ"."""
    text = clean_text(text)
    for _ in range(2):
        stripped = _NUMBERING_RE.sub("", text, count=1).strip()
        if stripped == text or not stripped:
            break
        text = stripped
    return text


def _strip_prefix_words(text: str, vocab: Vocabulary) -> str:
    words = fold_words(text)
    for prefix in vocab.strip_prefixes:
        if words.startswith(prefix):
            n_words = len(prefix.split())
            return re.sub(r"^[\s:]+", "", " ".join(clean_text(text).split(" ")[n_words:]))
    return text


# No indicator or unit name is this long; a longer label (a pasted paragraph, a crafted file) names
# nothing, and is not compared letter by letter with the catalogue (difflib is quadratic).
MAX_NAME_CHARS = 300


def match_indicator(text: str, levels: set[str], ref: Reference) -> NameMatch:
    """The indicator a row label or column header names, given the school levels of its context."""
    if len(text) > MAX_NAME_CHARS:
        return NameMatch(None)
    cache: dict[tuple[str, frozenset[str]], NameMatch] = ref.__dict__.setdefault("_indicator_matches", {})
    key = (text, frozenset(levels))
    if key not in cache:
        cache[key] = _match_indicator(text, levels, ref)
    return cache[key]


def _match_indicator(text: str, levels: set[str], ref: Reference) -> NameMatch:
    vocab = vocabulary()
    name = _strip_prefix_words(strip_numbering(text), vocab)
    names, measure = [name], None
    paren = _PAREN_RE.match(name)
    if paren:
        names.append(paren["name"])
    bare = _without_groups(names[-1], vocab)
    if levels and fold_key(bare) != fold_key(names[-1]):
        names.append(bare)  # "Tỷ lệ học sinh phổ thông bỏ học" under "Tiểu học": the level replaces the group
    found: set[str] = set()
    if name in ref.indicators:
        return NameMatch(name)  # a catalogue code ("th_hs")
    for candidate in names:
        if candidate is not name:
            measure = paren["inner"] if paren else None  # "(nghìn học sinh)" was not part of the name
        key = fold_key(candidate)
        exact = {ref.indicator_aliases[k] for k in (key, _expanded(candidate, vocab)) if k in ref.indicator_aliases}
        if len(exact) == 1:  # a catalogue name or alias wins over a name completed by its level
            return NameMatch(exact.pop(), measure=measure)
        found |= exact
        own = vocab.level_in(candidate)  # "Số học sinh THCS": the level is in the name itself
        for level in own if len(own) == 1 else ():
            bare = _without_level(fold_words(candidate), vocab, level)
            canonical_bare = vocab.measure_name(bare)
            for k in (fold_key(bare), fold_key(canonical_bare or "")):
                code = vocab.context_names.get((level, k))
                if code in ref.indicators:
                    found.add(code)
        canonical = vocab.measure_name(candidate)  # "Số trường học", "School" -> "Số trường"
        for level in levels:
            for k, text in ((key, candidate), *(((fold_key(canonical), canonical),) if canonical else ())):
                code = vocab.context_names.get((level, k)) or _names_without_level(ref, vocab).get((level, k))
                if code in ref.indicators:
                    found.add(code)
                completed = ref.indicator_aliases.get(fold_key(f"{text} {vocab.level_names[level]}"))
                if completed:
                    found.add(completed)
        if found:
            break
    if len(found) == 1:
        return NameMatch(found.pop(), measure=measure)
    if len(found) > 1:
        return NameMatch(None, ambiguous=tuple(sorted(found)))
    return NameMatch(None, suggestions=_suggest(fold_key(name), ref.indicator_aliases))


def _without_groups(text: str, vocab: Vocabulary) -> str:
    words = fold_words(text)
    for group in vocab.level_groups:
        words = words.replace(group, " ")
    return " ".join(words.split())


def _expanded(text: str, vocab: Vocabulary) -> str:
    """The folded key with level abbreviations written out: "Tỷ lệ học sinh THCS bỏ học" ->
    "tylehocsinhtrunghoccosobohoc" (a level keyword inside a name stands for the level's name)."""
    words = fold_words(text)
    for keyword, level in vocab.levels:
        words = words.replace(keyword, fold_words(vocab.level_names[level]))
    return fold_key(words)


def _without_level(words: str, vocab: Vocabulary, level: str) -> str:
    for keyword, lv in vocab.levels:  # longest keywords first
        if lv == level:
            words = words.replace(keyword, " ")
    return words


def _names_without_level(ref: Reference, vocab: Vocabulary) -> dict[tuple[str, str], str]:
    """(level, folded name without its level words) → code, for names that say their level
    inside ("Tỷ lệ trường tiểu học đạt chuẩn quốc gia" is "Tỷ lệ trường đạt chuẩn quốc gia"
    under a "Tiểu học" heading). A key shared by two indicators of a level is left out."""
    cached: dict[tuple[str, str], str] | None = ref.__dict__.get("_names_without_level")
    if cached is not None:
        return cached
    found: dict[tuple[str, str], set[str]] = {}
    for code, ind in ref.indicators.items():
        if ind.level in vocab.level_names:
            bare = fold_key(_without_level(fold_words(ind.name_vi), vocab, ind.level))
            found.setdefault((ind.level, bare), set()).add(code)
    out = {key: codes.pop() for key, codes in found.items() if len(codes) == 1}
    ref.__dict__["_names_without_level"] = out
    return out


def _suggest(key: str, aliases: dict[str, str]) -> tuple[str, ...]:
    if not key:
        return ()
    close = difflib.get_close_matches(key, list(aliases), n=6, cutoff=0.8)
    out: list[str] = []
    for k in close:
        if aliases[k] not in out:
            out.append(aliases[k])
    return tuple(out[:3])


def match_unit(text: str, ref: Reference, year: int | None = None) -> NameMatch:
    """A unit by code, name or alias; a name that only matches without its prefix is a suggestion."""
    if len(text) > MAX_NAME_CHARS:
        return NameMatch(None)
    cleaned = clean_text(text)
    if re.fullmatch(r"\d+(?:\.0+)?", cleaned):
        cleaned = cleaned.split(".")[0]
    found = ref.unit_candidates(cleaned, year)
    if len(found) == 1:
        return NameMatch(found[0])
    if found:
        return NameMatch(None, ambiguous=found)  # "Hà Tĩnh", "Kỳ Anh": decided from the sibling rows
    base_key = unit_key(cleaned)
    same_base = [c for c, _f, _t in ref.unit_aliases.get(base_key, [])]
    if same_base:
        return NameMatch(None, suggestions=tuple(dict.fromkeys(same_base)))
    # "Phòng GD huyện Hoà Phong" contains a unit's name: suggest it (never load it unconfirmed).
    inside = [codes[0][0] for k, codes in ref.unit_aliases.items() if len(k) >= 4 and k in base_key]
    if inside:
        return NameMatch(None, suggestions=tuple(dict.fromkeys(inside))[:3])
    flat = {k: codes[0][0] for k, codes in ref.unit_aliases.items()}
    return NameMatch(None, suggestions=_suggest(base_key, flat))


_ABBREVIATIONS = {"tp": "thành phố ", "tx": "thị xã ", "h": "huyện ", "q": "quận "}
# "UBND TP. SƠN HÀ", "TX.BÌNH GIANG", "H. Hòa Phong": an abbreviated prefix as a word of its own.
_ABBREVIATION_RE = re.compile(r"(?<![\w.])(TP|TX|H|Q)(?:\.\s*|\s+)(?=\w)", re.IGNORECASE)


def find_units_in_text(text: str, ref: Reference) -> set[str]:
    """Units whose full name with its prefix ("Huyện Hòa Phong") appears in a title line."""
    folded = fold_key(_ABBREVIATION_RE.sub(lambda m: _ABBREVIATIONS[m.group(1).casefold()], clean_text(text)))
    kind_words = {
        "district": "huyen",
        "town": "thixa",
        "city": "thanhpho",
        "province": "tinh",
        "urban_district": "quan",
    }
    found = set()
    for alias_key, entries in ref.unit_aliases.items():
        for code, _f, _t in entries:
            unit = ref.units[code]
            if len(alias_key) >= 3 and kind_words.get(unit.kind, "?") + alias_key in folded:
                found.add(code)
    official = {(u.kind, unit_key(u.name)) for u in ref.units.values()}
    for alias_key, former in ref.former_kinds.items():  # "Thị xã X" of a unit that is a city now
        for code, _f, _t, former_kind in former:
            if (former_kind, alias_key) in official:
                continue  # another unit is officially named so ("Huyện Kỳ Anh" beside "Thị xã Kỳ Anh")
            if len(alias_key) >= 3 and kind_words.get(former_kind, "?") + alias_key in folded:
                found.add(code)
    for code, unit in ref.units.items():
        base, kind = strip_unit_prefix(unit.name)
        if kind is not None and fold_key(unit.name) in folded:
            found.add(code)
        del base
    return found
