"""What a column of a form export is, from its header: the submission time, form metadata,
personal data, the district, the respondent group (etl/config/survey_columns.csv), and the
group and scale vocabularies (etl/config/survey_groups.csv, survey_scales.csv)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vocab.text import fold_key

CONFIG = Path(__file__).resolve().parents[2] / "config"
_NOTE_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|[*:?]+$")
# Header words of these roles also count when a longer header contains them ("Anh/chị công tác
# tại huyện nào?"); the others must be the whole header (a "Tên trường" column is not a name).
_CONTAINED = {"district", "group"}
_CONTAINED_PII = ("email", "dienthoai", "sodienthoai", "cccd", "cmnd", "hovaten", "hoten", "candcuoc", "dinhdanh")


@cache
def _header_words() -> list[tuple[str, str]]:
    with (CONFIG / "survey_columns.csv").open(encoding="utf-8", newline="") as handle:
        return [(row["role"], fold_key(w)) for row in csv.DictReader(handle) for w in row["header_words"].split(";")]


def header_role(header: str) -> str | None:
    """timestamp | meta | pii | district | group, or None (a question)."""
    key = fold_key(_NOTE_RE.sub("", header))
    for role, word in _header_words():
        if key == word:
            return role
    if any(word in key for word in _CONTAINED_PII):
        return "pii"
    for role, word in _header_words():
        if role in _CONTAINED and len(word) >= 5 and word in key:
            return role
    return None


@dataclass(frozen=True)
class Group:
    code: str
    label_vi: str


@cache
def groups() -> dict[str, Group]:
    with (CONFIG / "survey_groups.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: Group(row["code"], row["label_vi"]) for row in csv.DictReader(handle)}


@cache
def _group_keys() -> dict[str, str]:
    with (CONFIG / "survey_groups.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    keys = {fold_key(row["label_vi"]): row["code"] for row in rows}
    keys |= {fold_key(a): row["code"] for row in rows for a in row["aliases"].split(";") if a}
    return keys


def find_group(text: str) -> str | None:
    """The respondent group a value names ("Giáo viên", "GV", "Phụ huynh học sinh"), if any."""
    return _group_keys().get(fold_key(_NOTE_RE.sub("", text))) if text else None


@dataclass(frozen=True)
class ScaleLabel:
    scale: str
    order: int  # 1 = most negative; 0 = no opinion (not counted in shares)
    label: str
    side: str  # neg | mid | pos | none


@cache
def scales() -> dict[str, list[ScaleLabel]]:
    out: dict[str, list[ScaleLabel]] = {}
    with (CONFIG / "survey_scales.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(row["scale"], []).append(
                ScaleLabel(row["scale"], int(row["order"]), row["label"], row["side"])
            )
    return out


@cache
def _scale_keys() -> dict[str, dict[str, ScaleLabel]]:
    with (CONFIG / "survey_scales.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_label = {(lab.scale, lab.label): lab for labs in scales().values() for lab in labs}
    out: dict[str, dict[str, ScaleLabel]] = {}
    for row in rows:
        label = by_label[(row["scale"], row["label"])]
        for name in [row["label"], *[a for a in row["aliases"].split(";") if a]]:
            out.setdefault(row["scale"], {})[fold_key(name)] = label
    return out


def scale_label(scale: str, text: str) -> ScaleLabel | None:
    """The label of ``scale`` a value is ("Rất đồng ý" → Hoàn toàn đồng ý), if it is one.
    A leading score ("5 - Rất hài lòng", "4. Hài lòng") is ignored."""
    key = fold_key(re.sub(r"^\s*\d\s*[-.:)]\s*", "", text))
    return _scale_keys().get(scale, {}).get(key)


def scale_of(values: list[str]) -> str | None:
    """The one scale every non-blank value belongs to (the narrowest when several fit)."""
    filled = [v for v in values if v]
    if not filled:
        return None
    fitting = [s for s in scales() if all(scale_label(s, v) is not None for v in filled)]
    return fitting[0] if fitting else None
