"""Draft findings: "Kết quả đạt được" and "Hạn chế, yếu kém" sentences from the assessment.

The rows come from page_models.assessment.build_assessment (the same analysis the
dashboard's "Đánh giá kết quả – hạn chế" page shows), and every number goes
through vocab.display (the dashboard's formatting), so the report and the
dashboard read the same figures. A sentence, for instance:

  "Tỷ lệ trường tiểu học đạt chuẩn quốc gia tăng từ 52,7% (năm học 2013-2014)
  lên 94,3% (năm học 2023-2024), tăng 41,6 điểm phần trăm; vượt mục tiêu ≥ 80%
  (hạn 2020; Quyết định 711/QĐ-TTg ...). Địa bàn thấp hơn mức toàn tỉnh: ..."
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from page_models.tables import display_name, goal_text, source_text
from vocab.display import format_change_phrase, format_value, year_label

__all__ = ["Finding", "Findings", "draft_findings", "finding_sentence"]

NOTE_PREFIX = "Ghi chú của chuyên viên — "
# Which notes go under which heading: causes of results under results, causes of weaknesses
# under weaknesses; context and data caveats wherever the indicator is discussed.
_NOTE_KINDS = {
    "result": {"result_cause", "context", "data_caveat"},
    "weakness": {"weakness_cause", "context", "data_caveat"},
}
_OTHER_SIDE_TEXT = {
    "result": "{name}: kết quả được ghi nhận ở địa bàn hoặc giai đoạn cụ thể.",
    "weakness": "{name}: hạn chế được ghi nhận ở địa bàn hoặc giai đoạn cụ thể.",
}


@dataclass(frozen=True)
class Finding:
    indicator_code: str
    group_name: str
    text: str
    notes: tuple[str, ...] = ()


@dataclass
class Findings:
    results: list[Finding] = field(default_factory=list)
    weaknesses: list[Finding] = field(default_factory=list)


def _na(value: Any) -> bool:
    return value is None or bool(pd.isna(value))


def _when(year: Any, period_type: str) -> str:
    word = "năm học" if period_type == "school_year" else "năm"
    return f"{word} {year_label(int(year), period_type)}"


def _movement(row: Mapping[str, Any]) -> str:
    """'tăng từ A (năm học X) lên B (năm học Y), tăng C điểm phần trăm' (or the latest value alone)."""
    unit, period = str(row["unit"]), str(row["period_type"])
    latest = f"{format_value(row['latest_value'], unit)} ({_when(row['latest_year'], period)})"
    if _na(row["base_year"]) or row["base_year"] == row["latest_year"] or _na(row["abs_change"]):
        return f"đạt {latest}"
    base = f"{format_value(row['base_value'], unit)} ({_when(row['base_year'], period)})"
    change = float(row["abs_change"])
    if change == 0:
        value = format_value(row["latest_value"], unit)
        return f"giữ nguyên {value} từ {_when(row['base_year'], period)} đến {_when(row['latest_year'], period)}"
    verb, to = ("tăng", "lên") if change > 0 else ("giảm", "xuống")
    return f"{verb} từ {base} {to} {latest}, {format_change_phrase(change, unit)}"


def _target_clause(row: Mapping[str, Any], rule: str = "ending") -> str:
    """'; đạt mục tiêu ≥ 80% (hạn 2020 (năm học 2019-2020); source)' and the like; '' without a target."""
    if _na(row["target_value"]):
        return ""
    target = {k: row.get(f"target_{k}") for k in ("value", "value_max", "comparator", "scope", "year")}
    goal = goal_text(target, str(row["unit"]), str(row["period_type"]), rule)
    goal = goal[:1].lower() + goal[1:]
    source = source_text(row.get("target_source"), row.get("target_verification"))
    detail = goal[:-1] + f"; {source})" if source and goal.endswith(")") else goal
    verdict = None if _na(row["verdict"]) else str(row["verdict"])
    due = bool(row.get("target_due", True))
    period = str(row["period_type"])
    judged = ""
    if verdict is not None and not _na(row["verdict_year"]) and row["verdict_year"] != row["latest_year"]:
        judged = f", đánh giá theo số liệu {_when(row['verdict_year'], period)}"
    if verdict is None:
        return f"; chưa có số liệu để đánh giá {detail}"
    if not due:
        return f"; đã đạt trước hạn {detail}" if verdict in ("met", "exceeded") else f"; {detail} chưa đến hạn"
    if verdict == "met_late":
        reached = "" if _na(row.get("reached_year")) else f" ({_when(row['reached_year'], period)})"
        return f"; chưa đạt {detail} đúng hạn{judged}, đạt muộn{reached}"
    if row.get("target_scope") == "norm":
        word = "vượt" if verdict == "not_met" else "trong"
        return f"; {word} {detail}"
    word = {"met": "đạt", "exceeded": "vượt", "not_met": "chưa đạt"}[verdict]
    return f"; {word} {detail}{judged}"


def _lagging_clause(row: Mapping[str, Any], within: Collection[str] | None) -> str:
    names = [n for n in (row["lagging"] if isinstance(row["lagging"], list) else []) if within is None or n in within]
    if not names:
        return ""
    side = "cao hơn" if row["direction"] == "down" else "thấp hơn"
    return f" Địa bàn {side} mức toàn tỉnh: {', '.join(names)}."


def finding_sentence(
    row: Mapping[str, Any], lagging_within: Collection[str] | None = None, rule: str = "ending"
) -> str:
    """One Vietnamese sentence for one assessed indicator version (a row of the assessment table)."""
    text = f"{display_name(row)} {_movement(row)}{_target_clause(row, rule)}."
    return text + _lagging_clause(row, lagging_within)


def draft_findings(
    table: pd.DataFrame,
    notes: Mapping[str, list[tuple[str, str]]] | None = None,
    lagging_within: Collection[str] | None = None,
    rule: str = "ending",
) -> Findings:
    """Results and weaknesses, in the assessment's order (strongest result, most serious weakness first).

    `notes`: analysts' notes per indicator as (kind, text) (report.notes), each placed under the
    heading its kind belongs to; a cause of a weakness noted on an indicator that is a result
    overall (a lagging district, say) gets its own item under "Hạn chế, yếu kém", and the other way
    round. `lagging_within`: district names the lagging lists are limited to (None = all). An
    indicator with a row per definition version gets its notes once, under its first finding.
    """
    notes = notes or {}
    found = Findings()
    sides = {"result": found.results, "weakness": found.weaknesses}
    other = {"result": "weakness", "weakness": "result"}
    noted: set[str] = set()
    for record in table.to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        standing = str(row["standing"])
        if standing not in sides:
            continue
        code = str(row["indicator_code"])
        mine = () if code in noted else notes.get(code, ())
        noted.add(code)
        own = tuple(text for kind, text in mine if kind in _NOTE_KINDS[standing])
        sides[standing].append(Finding(code, str(row["group_name"]), finding_sentence(row, lagging_within, rule), own))
        opposite = other[standing]
        cross = tuple(
            text for kind, text in mine if kind in _NOTE_KINDS[opposite] and kind not in _NOTE_KINDS[standing]
        )
        if cross:
            text = _OTHER_SIDE_TEXT[opposite].format(name=row["name_vi"])
            sides[opposite].append(Finding(code, str(row["group_name"]), text, cross))
    return found
