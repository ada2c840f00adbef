"""The free-layout vocabulary, read from the small data files in etl/config/.

Header labels, total rows, school levels, context-dependent short names and
units of measure are data, not code: adding a spelling means adding a CSV row
(see docs/free_layouts.md).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from vocab.text import clean_text, fold_key, unit_key

CONFIG = Path(__file__).resolve().parents[1] / "config"


@lru_cache(maxsize=65536)
def fold_words(text: str) -> str:
    """Like fold_key but keeps word boundaries: " giao duc mam non " (padded with spaces)."""
    s = unicodedata.normalize("NFD", clean_text(text).casefold())
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").replace("\u0111", "d")
    return " " + " ".join(re.findall(r"[a-z0-9%]+", s)) + " "


def _rows(name: str) -> list[dict[str, str]]:
    with (CONFIG / name).open(encoding="utf-8", newline="") as handle:
        return [{k: clean_text(v or "") for k, v in row.items()} for row in csv.DictReader(handle)]


@dataclass(frozen=True)
class Vocabulary:
    header_roles: dict[str, str]  # folded label -> role
    totals: frozenset[str]  # folded labels of total rows
    levels: tuple[tuple[str, str], ...]  # (folded words keyword, level)
    level_names: dict[str, str]  # level -> name appended to short names ("tiểu học")
    context_names: dict[tuple[str, str], str]  # (level, folded name) -> indicator code
    multipliers: dict[str, float]  # folded word -> factor
    same_measure: dict[str, str]  # folded measure -> canonical folded measure
    unit_labels: frozenset[str]  # folded "Đơn vị:" labels in title blocks
    measure_labels: frozenset[str]
    strip_prefixes: tuple[str, ...]  # folded-words prefixes such as " trong do "
    total_scopes: dict[str, str]  # folded total label -> "any" | "province" | "district"
    label_kinds: tuple[tuple[str, str, str], ...]  # (kind, match, folded words): label_kinds.csv
    measure_names: dict[str, str]  # folded short measure name -> canonical ("Số trường học" -> "Số trường")
    title_cuts: tuple[str, ...]  # folded words where a title's measure ends ("phan theo", "by")
    level_groups: tuple[str, ...]  # folded words naming several levels ("pho thong")
    year_evidence: tuple[tuple[str, str], ...]  # (kind, folded words): year_evidence.csv
    provinces: dict[str, str]  # unit_key of every province's name and alias -> code
    english_words: frozenset[str]  # words that make an ASCII piece of a bilingual label English

    def level_in(self, text: str) -> set[str]:
        words = fold_words(text)
        return {level for keyword, level in self.levels if keyword in words}

    def label_kind(self, text: str) -> str | None:
        """ownership, multilevel, index, band, national or regional (etl/config/label_kinds.csv)."""
        known: dict[str, str | None] = self.__dict__.setdefault("_label_kinds", {})  # a long CSV repeats labels
        if text not in known:
            known[text] = self._label_kind(text) if len(known) < 100_000 else None
            if len(known) >= 100_000:
                return self._label_kind(text)
        return known[text]

    def _label_kind(self, text: str) -> str | None:
        words = fold_words(text)
        for kind, match, phrase in self.label_kinds:
            if (
                (match == "exact" and words == phrase)
                or (match == "prefix" and words.startswith(phrase))
                or (match == "contains" and phrase in words)
            ):
                return kind
        return None

    def measure_name(self, text: str) -> str | None:
        return self.measure_names.get(fold_key(text))


@cache
def vocabulary() -> Vocabulary:
    levels = _rows("levels.csv")
    measures = _rows("measure_words.csv")
    markers = _rows("title_markers.csv")
    # Longer keywords first: "trung hoc co so" before "th".
    level_keys = sorted(((fold_words(r["keyword"]), r["level"]) for r in levels), key=lambda kv: -len(kv[0]))
    return Vocabulary(
        header_roles={fold_key(r["label"]): r["role"] for r in _rows("layout_headers.csv")},
        totals=frozenset(fold_key(r["label"]) for r in _rows("total_rows.csv")),
        levels=tuple(level_keys),
        level_names={r["level"]: r["name"] for r in levels},
        context_names={(r["level"], fold_key(r["name"])): r["indicator_code"] for r in _rows("context_names.csv")},
        multipliers={fold_key(r["word"]): float(r["value"]) for r in measures if r["kind"] == "multiplier"},
        same_measure={fold_key(r["word"]): fold_key(r["value"]) for r in measures if r["kind"] == "same"},
        unit_labels=frozenset(fold_key(r["label"]) for r in markers if r["role"] == "unit_label"),
        measure_labels=frozenset(fold_key(r["label"]) for r in markers if r["role"] == "measure_label"),
        strip_prefixes=tuple(fold_words(r["label"]) for r in markers if r["role"] == "prefix_strip"),
        total_scopes={fold_key(r["label"]): r["scope"] for r in _rows("total_rows.csv")},
        label_kinds=tuple((r["kind"], r["match"], fold_words(r["label"])) for r in _rows("label_kinds.csv")),
        measure_names={fold_key(r["name"]): r["measure"] for r in _rows("measure_names.csv")},
        title_cuts=tuple(fold_words(r["label"]) for r in markers if r["role"] == "title_cut"),
        level_groups=tuple(
            sorted((fold_words(r["label"]) for r in markers if r["role"] == "level_group"), key=lambda w: -len(w))
        ),
        year_evidence=tuple((r["kind"], fold_words(r["phrase"])) for r in _rows("year_evidence.csv")),
        provinces=_province_keys(_rows("provinces.csv")),
        english_words=frozenset(r["word"].casefold() for r in _rows("english_words.csv")),
    )


def _province_keys(rows: list[dict[str, str]]) -> dict[str, str]:
    """Every province's name and aliases, with and without "city"/"province" ("Ho Chi Minh city")."""
    keys: dict[str, str] = {}
    for r in rows:
        for name in [r["name"], *filter(None, r["aliases"].split(";"))]:
            key = unit_key(name)
            keys[key] = r["code"]
            keys.setdefault(re.sub(r"(city|province)$", "", key), r["code"])
    return keys


def _measure_parts(label: str, vocab: Vocabulary) -> tuple[float, str]:
    words = clean_text(label).split(" ")
    factor = 1.0
    first = fold_key(words[0]) if words else ""
    if len(words) > 1 and first in vocab.multipliers:
        factor, words = vocab.multipliers[first], words[1:]
    base = fold_key(" ".join(words))
    return factor, vocab.same_measure.get(base, base)


@lru_cache(maxsize=4096)
def measure_factor(label: str, catalogue_unit: str) -> float | None:
    """The factor turning a value in ``label`` ("nghìn học sinh") into ``catalogue_unit`` ("học sinh"),
    or None when the two are not the same kind of measure."""
    vocab = vocabulary()
    if fold_key(label) == fold_key(catalogue_unit):
        return 1.0
    got_factor, got_base = _measure_parts(label, vocab)
    want_factor, want_base = _measure_parts(catalogue_unit, vocab)
    if got_base and got_base != want_base and "/" in catalogue_unit and "/" not in label:
        # "ĐVT: Học sinh" over pupils per teacher: the unit of the ratio's numerator
        want_factor, want_base = _measure_parts(catalogue_unit.split("/")[0], vocab)
    if not got_base or got_base != want_base:
        return None
    return got_factor / want_factor
