"""One finding for school levels judged against one document's targets (docs/findings.md, Merging).

Four rows "Tỷ lệ giáo viên mầm non / tiểu học / trung học cơ sở / trung học phổ thông đạt chuẩn …"
that all missed Quyết định 711's 2020 target read better as one sentence, as a report writes it:
"Năm học 2019-2020, tỷ lệ giáo viên đạt chuẩn … chưa đạt mục tiêu 100% đến năm 2020 theo Quyết
định số 711/QĐ-TTg: mầm non 97,6%, tiểu học 98,8%, …". Rows merge when they share the heading,
the reason (a target missed, or met on time), the name without its school level, the unit, the
target's document, deadline and the year judged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from analysis.materiality import Placement
from page_models.sentence_parts import Context, Sentence, plain_label, when
from page_models.sentences import goal
from vocab.display import format_with_unit, is_missing, target_value_text

__all__ = ["LEVEL_WORDS", "merge_key", "merged_sentence"]

LEVEL_WORDS = ("mầm non", "tiểu học", "trung học cơ sở", "trung học phổ thông")  # in school order
_MERGED = ("target_missed", "target_met")


def _level(name: str) -> str | None:
    found = [w for w in LEVEL_WORDS if f" {w}" in name]
    return max(found, key=len) if found else None


def merge_key(row: Mapping[str, Any], placement: Placement) -> tuple[Any, ...] | None:
    """What rows must share to be merged; None for a row that is never merged."""
    name = str(row["name_vi"])
    level = _level(name)
    if placement.reason not in _MERGED or level is None or is_missing(row.get("target_year")):
        return None
    stem = name.replace(f" cấp {level}", "", 1) if f" cấp {level}" in name else name.replace(f" {level}", "", 1)
    return (placement.side, placement.reason, stem, row["unit"], row["target_source"], int(row["target_year"]),
            int(row["verdict_year"]))  # fmt: skip


def merged_sentence(rows: Sequence[Mapping[str, Any]], placement: Placement, ctx: Context) -> Sentence:
    """ "Năm học 2019-2020, tỷ lệ giáo viên đạt chuẩn … chưa đạt mục tiêu 100% đến năm 2020 theo …: mầm non 97,6%"."""
    ordered = sorted(rows, key=lambda r: LEVEL_WORDS.index(_level(str(r["name_vi"])) or LEVEL_WORDS[0]))
    first, unit = ordered[0], str(ordered[0]["unit"])
    key = merge_key(first, placement)
    assert key is not None
    label = next((plain_label(r.get("version_label")) for r in ordered if plain_label(r.get("version_label"))), "")
    name = str(key[2]) + (f" ({label})" if label else "")
    start = len(ctx.sources)
    levels = {target_value_text(_target(r), unit) for r in ordered}
    aim = goal(first, ctx)
    if len(levels) > 1:
        aim = aim.replace(f" {target_value_text(_target(first), unit)} ", " ", 1)
    parts = []
    for r in ordered:
        part = f"{_level(str(r['name_vi']))} {format_with_unit(r['verdict_value'], unit)}"
        parts.append(part + (f" (mục tiêu {target_value_text(_target(r), unit)})" if len(levels) > 1 else ""))
    if placement.reason == "target_missed":
        verb = "chưa đạt"
    else:
        verdicts = {str(r["verdict"]) for r in ordered}
        verb = "vượt" if verdicts == {"exceeded"} else "đạt" if verdicts == {"met"} else "đạt và vượt"
    year = when(first["verdict_year"], str(first["period_type"]))
    text = f"{year[:1].upper()}{year[1:]}, {name[:1].lower()}{name[1:]} {verb} {aim}: {', '.join(parts)}."
    return Sentence(text, tuple(ctx.sources[start:]))


def _target(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "value": row["target_value"],
        "value_max": row.get("target_value_max"),
        "comparator": row.get("target_comparator"),
    }
