"""Vietnamese display of tables and verdicts: numbers formatted '1.234,5', gaps as '—', partial
province figures "chưa đủ số liệu (n/m huyện)", flagged values marked "(!)"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

import pandas as pd

from page_models.common import Selection
from vocab.display import MISSING, deadline_text, format_cell, format_change, format_value, target_text, year_label
from vocab.labels import (
    ASSESSMENT_COLUMNS,
    NO_TARGET,
    REFERENCE_LABEL,
    VERIFICATION_LABELS_VI,
    trend_label_vi,
    verdict_label_vi,
)
from vocab.periods import deadline_year

Row: TypeAlias = "Mapping[str, Any] | pd.Series[Any]"  # an assessment row, as a dict or a frame's row


def formatted(
    frame: pd.DataFrame, unit: str, states: pd.DataFrame | None = None, withhold: bool = False
) -> pd.DataFrame:
    """Every numeric cell as Vietnamese text in the indicator's unit (for display only).

    ``states`` (same shape, vocab.display.format_cell): "partial:n/m" cells say "chưa đủ số liệu
    (n/m huyện)", "flagged" cells carry "(!)" (or "đang xác minh (!)" when ``withhold``).
    """
    if frame.empty:
        return frame
    if states is None:
        return frame.apply(lambda col: [format_value(v, unit) for v in col])
    aligned = states.reindex(index=frame.index, columns=frame.columns).fillna("")
    cells = [
        [format_cell(v, unit, str(s), withhold_flagged=withhold) for v, s in zip(values, marks, strict=True)]
        for values, marks in zip(frame.to_numpy().tolist(), aligned.to_numpy().tolist(), strict=True)
    ]
    return pd.DataFrame(cells, index=frame.index, columns=list(frame.columns))


def exported(frame: pd.DataFrame, unit: str, states: pd.DataFrame | None, withhold: bool = False) -> pd.DataFrame:
    """A table for XLSX/CSV: numbers stay numbers, a partial or flagged cell is the page's text."""
    if states is None or frame.empty:
        return frame
    aligned = states.reindex(index=frame.index, columns=frame.columns).fillna("")
    out = frame.astype(object).copy()
    shown = formatted(frame, unit, aligned, withhold)
    return out.mask(aligned != "", shown)


def display_name(row: Row) -> str:
    """The indicator's name, with its definition version when it has more than one in the period."""
    label = row.get("version_label")
    return f"{row['name_vi']} ({label})" if isinstance(label, str) and label else str(row["name_vi"])


def target_row(row: Row, rule: str = "ending") -> dict[str, Any] | None:
    """An assessment row's own target as the trend chart draws it (judged_year: where its marker sits)."""
    if _na(row.get("target_value")):
        return None
    year = None if _na(row.get("target_year")) else int(row["target_year"])
    return {
        "value": float(row["target_value"]),
        "value_max": None if _na(row.get("target_value_max")) else float(row["target_value_max"]),
        "comparator": row["target_comparator"],
        "scope": row.get("target_scope"),
        "year": year,
        "judged_year": None if year is None else deadline_year(year, str(row["period_type"]), rule),
        "source": row.get("target_source"),
    }


def goal_text(target: Mapping[str, Any], unit: str, period_type: str, rule: str = "ending") -> str:
    """ "Mục tiêu ≥ 100% (hạn 2020 (năm học 2019-2020))"."""
    return f"{target_text(target, unit)} ({deadline_text(target.get('year'), period_type, rule)})"


def source_text(source: object, verification: object) -> str:
    """The source with how it was checked: "QĐ 711/QĐ-TTg … (chưa đối chiếu được văn bản gốc)"."""
    if _na(source):
        return ""
    checked = VERIFICATION_LABELS_VI.get(str(verification), "") if not _na(verification) else ""
    quiet = verification in ("text", "illustrative")  # the demo's sources already say "(dữ liệu minh họa)"
    return f"{source} ({checked})" if checked and not quiet else str(source)


def target_with_source(row: Row, rule: str = "ending") -> str:
    """The row's own target, its deadline and its source, for a caption."""
    target = _target_of(row)
    return f"{goal_text(target, str(row['unit']), str(row['period_type']), rule)} — " + source_text(
        row.get("target_source"), row.get("target_verification")
    )


def verdict_label(row: Row) -> str:
    """'Vượt', 'Đạt', 'Chưa đạt', 'Đạt muộn (2016-2017)', 'Trong định mức'; 'Chưa đến hạn' or
    'Đạt trước hạn' before a deadline; '' without a target."""
    if _na(row.get("target_value")):
        return ""
    verdict = None if _na(row.get("verdict")) else str(row["verdict"])
    scope = None if _na(row.get("target_scope")) else str(row["target_scope"])
    if not bool(row.get("target_due", True)):
        return "Đạt trước hạn" if verdict in ("met", "exceeded") else "Chưa đến hạn"
    label = verdict_label_vi(verdict, scope)
    if verdict == "met_late" and not _na(row.get("reached_year")):
        label += f" ({year_label(int(row['reached_year']), str(row['period_type']))})"
    return label


def verdict_sentence(row: Row, rule: str = "ending") -> str:
    """One version's target verdict in a sentence, with the value and year it was judged on."""
    unit, period = str(row["unit"]), str(row["period_type"])
    head = f"{row['version_label'][:1].upper()}{row['version_label'][1:]}: " if row.get("version_label") else ""
    goal = goal_text(_target_of(row), unit, period, rule)
    source = source_text(row.get("target_source"), row.get("target_verification"))
    text = f"{head}{goal}, {source}: {verdict_label(row).lower()}"
    if not _na(row.get("verdict_year")):
        judged = row.get("verdict_value")
        value = "" if _na(judged) else f": {format_value(judged, unit)}"
        text += f" ({year_label(int(row['verdict_year']), period)}{value})"
    return text + "."


def reference_text(target: Mapping[str, Any], unit: str, period_type: str, sel: Selection) -> str:
    """A target issued after the round's as-of date, as a reference."""
    when = "" if sel.as_of is None else f", ban hành sau ngày {sel.as_of:%d/%m/%Y}"
    goal = goal_text(target, unit, period_type, sel.deadline_rule)
    return f"{REFERENCE_LABEL.capitalize()}: {goal} — {target.get('source')}{when}, không dùng để đánh giá đợt này."


def reference_rows(frame: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    """The targets issued after the round's date, one row each, for the indicators of an assessment."""
    rows = []
    for _, r in frame.drop_duplicates("indicator_code", keep="last").iterrows():
        for t in r["reference_targets"]:
            rows.append(
                {
                    "Chỉ tiêu": r["name_vi"],
                    "Mục tiêu": goal_text(t, str(r["unit"]), str(r["period_type"]), sel.deadline_rule),
                    "Văn bản": t.get("source"),
                }
            )
    return pd.DataFrame(rows, columns=["Chỉ tiêu", "Mục tiêu", "Văn bản"])


def assessment_rows(frame: pd.DataFrame, rule: str = "ending") -> pd.DataFrame:
    """The assessment as Vietnamese text columns, one row per indicator (and definition version)."""

    def target_of(row: pd.Series) -> str:
        if pd.isna(row["target_value"]):
            return NO_TARGET  # the truth is "no target", not "no data"
        return goal_text(_target_of(row), str(row["unit"]), str(row["period_type"]), rule)

    return pd.DataFrame(
        {
            "name_vi": [display_name(r) for _, r in frame.iterrows()],
            "base": [_dated(v, y, u, p) for v, y, u, p in _cols(frame, "base_value", "base_year")],
            "latest": [_dated(v, y, u, p) for v, y, u, p in _cols(frame, "latest_value", "latest_year")],
            "change": [format_change(v, u) for v, u in zip(frame["abs_change"], frame["unit"], strict=True)],
            "trend": [trend_label_vi(t) for t in frame["trend"]],
            "target": [target_of(row) for _, row in frame.iterrows()],
            "verdict": [verdict_label(row) or MISSING for _, row in frame.iterrows()],
            "source": [
                source_text(s, v) or MISSING
                for s, v in zip(frame["target_source"], frame["target_verification"], strict=True)
            ],
            "lagging": [", ".join(x) if isinstance(x, list) and x else MISSING for x in frame["lagging"]],
            "link": frame["link"],
        }
    )


def _cols(frame: pd.DataFrame, value: str, year: str) -> list[tuple[Any, Any, str, str]]:
    return list(zip(frame[value], frame[year], frame["unit"], frame["period_type"], strict=True))


def _dated(value: Any, year: Any, unit: str, period: str) -> str:
    """ "86,1% (2022-2023)": a value with the year it belongs to."""
    if _na(value) or _na(year):
        return format_value(value, unit)
    return f"{format_value(value, unit)} ({year_label(int(year), period)})"


def _target_of(row: Row) -> dict[str, Any]:
    return {
        "value": row["target_value"],
        "value_max": row.get("target_value_max"),
        "comparator": row["target_comparator"],
        "scope": row.get("target_scope"),
        "year": row.get("target_year"),
    }


def _na(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, dict, str)) and bool(pd.isna(value)))


__all__ = [
    "ASSESSMENT_COLUMNS",
    "assessment_rows",
    "display_name",
    "exported",
    "formatted",
    "goal_text",
    "reference_rows",
    "reference_text",
    "source_text",
    "target_row",
    "target_with_source",
    "verdict_label",
    "verdict_sentence",
]
