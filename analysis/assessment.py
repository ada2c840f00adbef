"""Results and weaknesses of the province over the review: one row per indicator and definition version.

Rows. An indicator whose definition changed inside the window (analysis.versions) gets one
row per version, each with its own base, latest, change, trend and target verdicts: no
change or verdict ever spans a break. `key` is "<code>#<version>"; `n_versions` says how
many rows the indicator has.

Standing rules (documented choice; the target's verdict comes first, issue 16):

* "weakness" when a target that is *due* is not met (a norm breached included);
* "result" when a target is met or exceeded (also late, also before its deadline; not a norm);
* otherwise by the trend: worsening → "weakness", improving → "result";
* "neutral" otherwise (flat, unknown, neutral indicators; staying within a norm).

A missed target outweighs an improvement, and a target met outweighs a decline: a share
that met its target is never a weakness, one that missed it never a result. Which rows
become findings of a report, and in which order, is analysis.materiality's.

Targets (analysis.targets): a target issued after `as_of` is a reference only
(`reference_targets`); of the others, those of the row's version are judged
(`targets_judged`). The row's own target is, in this order: the latest deadline already
within the data (a ten-year review judges what fell due), else a target for every year,
else the nearest deadline ahead; within one, a province target beats a national one and a
national one a norm. `verdict_year` is the year whose value was judged; `reached_year`
the year a target missed at its deadline was met ("met_late").

Everything is computed for all rows at once (one grouped pass over the province's series,
one over its districts'), not indicator by indicator: a page shows ~100 indicators.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from analysis.change import baseline_latest_by, trend_class
from analysis.lagging import LagRow, lagging_districts
from analysis.targets import _SCOPE_ORDER, TARGET_COLUMNS, Judgement, is_reference, judge
from analysis.versions import breaks_of, version_label, version_of, version_spans

EXCEEDED_BONUS = 5.0  # points added to a result's score when the target is exceeded
MISSED_OFFSET = 1000.0  # puts every missed target before worsening-only weaknesses
_STANDING_ORDER = {"result": 0, "weakness": 1, "neutral": 2}
_SIGN = {"up": 1.0, "down": -1.0, "neutral": 0.0}
_META = ("name_vi", "group_code", "group_name", "group_order", "unit", "direction", "period_type", "kind")
_CHANGE = ("base_year", "base_value", "latest_year", "latest_value", "abs_change", "rel_change", "trend")
_TARGET = {
    "value": "target_value",
    "value_max": "target_value_max",
    "comparator": "target_comparator",
    "year": "target_year",
    "source": "target_source",
    "note": "target_note",
    "scope": "target_scope",
    "issued_on": "target_issued_on",
    "article": "target_article",
    "verification": "target_verification",
}
COLUMNS = [
    "key",
    "indicator_code",
    *_META,
    "version",
    "version_label",
    "n_versions",
    "break_year",
    *_CHANGE,
    *_TARGET.values(),
    "verdict",
    "verdict_year",
    "verdict_value",
    "reached_year",
    "target_due",
    "targets_judged",
    "reference_targets",
    "lagging",
    "n_lagging",
    "standing",
    "score",
]
_INTS = ("base_year", "latest_year", "break_year", "target_year", "verdict_year", "reached_year")

Target = dict[str, Any]


def assess_indicators(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    province_code: str,
    baseline_year: int,
    latest_year: int,
    lag_margin_pts: float = 5.0,
    lag_margin_rel: float = 0.10,
    *,
    as_of: date | None = None,
    deadline_rule: str = "ending",
) -> pd.DataFrame:
    """One row per indicator version the province has values for, in catalogue order.

    Base and latest years are the first and last year with a value inside the version's
    part of baseline_year..latest_year. `lagging` lists the province's districts worse
    than the province in the row's latest year by more than lag_margin_pts points ("%")
    or lag_margin_rel of the province value (others), worst first (analysis.lagging).
    """
    _check_target_columns(targets)
    province_code = str(province_code)
    is_own = (values["unit_code"].astype(str) == province_code).to_numpy(dtype=bool)
    own = values.loc[is_own, ["indicator_code", "year", "value"]]
    own = own[own["year"].between(baseline_year, latest_year) & own["value"].notna()]
    present = set(own["indicator_code"].unique().tolist())
    unknown = sorted(present - set(catalogue["code"]))
    if unknown:
        raise ValueError(f"indicators missing from the catalogue: {unknown}")
    metas = [m for m in _records(catalogue, list(catalogue.columns)) if m["code"] in present]
    breaks = {m["code"]: breaks_of(m) for m in metas}
    keyed = own.assign(
        key=[f"{c}#{version_of(y, breaks[c])}" for c, y in zip(own["indicator_code"], own["year"], strict=True)]
    )
    change = baseline_latest_by(keyed[["key", "year", "value"]], "key", baseline_year, latest_year)
    cols = {c: _plain_list(change[c]) for c in change.columns}
    pos = {key: i for i, key in enumerate(cols["key"])}
    series: dict[str, dict[int, float]] = {}
    for key, year, value in zip(keyed["key"], keyed["year"], keyed["value"], strict=True):
        series.setdefault(str(key), {})[int(year)] = float(value)
    by_code = _targets_by_indicator(targets, present, province_code)

    rows = []
    for meta in metas:
        code = meta["code"]
        spans = [s for s in version_spans(breaks[code], baseline_year, latest_year) if f"{code}#{s[0]}" in pos]
        for version, _, _ in spans:
            key = f"{code}#{version}"
            rows.append(
                _row(meta, key, version, len(spans), cols, pos[key], series[key], by_code, as_of, deadline_rule)
            )
    lag_rows = [
        LagRow(r["key"], r["indicator_code"], r["latest_year"], r["latest_value"], r["unit"], r["kind"], r["direction"])
        for r in rows
    ]
    lagging = lagging_districts(values, province_code, lag_rows, (lag_margin_pts, lag_margin_rel))
    for r in rows:
        r["lagging"] = lagging[r["key"]]
        r["n_lagging"] = len(r["lagging"])
    out = {c: [r[c] for r in rows] for c in COLUMNS}
    typed: dict[str, Any] = {c: pd.array(out[c], dtype="Int64") for c in _INTS}
    typed |= {"n_lagging": np.array(out["n_lagging"], dtype="int64"), "score": np.array(out["score"], dtype=float)}
    typed |= {"target_due": np.array(out["target_due"], dtype=bool), "version": np.array(out["version"], dtype="int64")}
    typed |= {"n_versions": np.array(out["n_versions"], dtype="int64")}
    return pd.DataFrame({c: typed.get(c, out[c]) for c in COLUMNS}, columns=COLUMNS)


def _row(
    meta: dict[str, Any],
    key: str,
    version: int,
    n_versions: int,
    cols: dict[str, list[Any]],
    i: int,
    series: dict[int, float],
    by_code: dict[str, list[Target]],
    as_of: date | None,
    rule: str,
) -> dict[str, Any]:
    code, direction, unit, period = meta["code"], str(meta["direction"]), str(meta["unit"]), str(meta["period_type"])
    breaks = breaks_of(meta)
    abs_change, rel_change = cols["abs_change"][i], cols["rel_change"][i]
    trend = trend_class(abs_change, rel_change, direction, unit)
    latest = int(cols["latest_year"][i])
    mine = by_code.get(code, [])
    reference = [t for t in mine if is_reference(t, as_of)]
    judged = []
    for t in mine:
        if t in reference:
            continue
        found = judge(t, series, latest, period, direction, rule)
        if found.deadline_year is None or version_of(found.deadline_year, breaks) == version:
            judged.append((t, found))
    chosen = _main(judged)
    target: Target | None = None if chosen is None else chosen[0]
    judgement: Judgement | None = None if chosen is None else chosen[1]
    verdict = None if judgement is None else judgement.verdict
    due = judgement is not None and judgement.due
    missed = verdict == "not_met" and due
    norm = target is not None and target.get("scope") == "norm"
    standing = standing_of(trend, verdict, due, norm=norm)
    gap = _target_gap(judgement.value if judgement else None, target, unit) if missed else 0.0
    return {
        "key": key,
        "indicator_code": code,
        **{k: meta.get(k) for k in _META},
        "version": version,
        "version_label": version_label(meta, version) if n_versions > 1 else "",
        "n_versions": n_versions,
        "break_year": breaks[version - 1] if version > 0 else None,
        **{k: cols[k][i] for k in _CHANGE if k != "trend"},
        "trend": trend,
        **{col: None if target is None else target.get(k) for k, col in _TARGET.items()},
        "verdict": verdict,
        "verdict_year": None if judgement is None else judgement.judged_year,
        "verdict_value": np.nan if judgement is None or judgement.value is None else judgement.value,
        "reached_year": None if judgement is None else judgement.reached_year,
        "target_due": due,
        "targets_judged": [_judged_record(t, j) for t, j in judged if t is not target],
        "reference_targets": reference,
        "standing": standing,
        "score": _score(standing, _improvement(abs_change, rel_change, direction, unit), verdict, missed, gap),
    }


def _main(judged: list[tuple[Target, Judgement]]) -> tuple[Target, Judgement] | None:
    """The row's own target: latest deadline within the data, else every year, else the next ahead."""

    def scope(item: tuple[Target, Judgement]) -> int:
        return _SCOPE_ORDER.get(str(item[0].get("scope")), len(_SCOPE_ORDER))

    passed = [x for x in judged if x[1].deadline_year is not None and x[1].due]
    every = [x for x in judged if x[1].deadline_year is None]
    ahead = [x for x in judged if x[1].deadline_year is not None and not x[1].due]
    if passed:
        last = max(x[1].deadline_year or 0 for x in passed)
        return min((x for x in passed if x[1].deadline_year == last), key=scope)
    if every:
        return min(every, key=scope)
    if ahead:
        first = min(x[1].deadline_year or 0 for x in ahead)
        return min((x for x in ahead if x[1].deadline_year == first), key=scope)
    return None


def _judged_record(target: Target, j: Judgement) -> dict[str, Any]:
    return {**target, "verdict": j.verdict, "verdict_year": j.judged_year, "due": j.due, "reached_year": j.reached_year}


def _plain_list(column: pd.Series) -> list[Any]:
    """Column as Python scalars, NA as None (NaN stays NaN in float columns)."""
    return [None if v is pd.NA else v for v in column.tolist()]


def _check_target_columns(targets: pd.DataFrame) -> None:
    missing = [c for c in TARGET_COLUMNS if c not in targets.columns]
    if missing:
        raise ValueError(f"targets lacks column(s): {missing}")


def _targets_by_indicator(targets: pd.DataFrame, codes: set[str], unit_code: str) -> dict[str, list[Target]]:
    """The unit's targets (its own and every unit's) as plain dicts, per indicator, in input order."""
    out: dict[str, list[Target]] = {}
    rows = targets.assign(year=targets["year"].astype("Int64"))
    for record in _records(rows, list(rows.columns)):
        record = {k: _plain(v) for k, v in record.items()}
        unit = record["unit_code"]
        if record["indicator_code"] in codes and (unit is None or str(unit) == unit_code):
            out.setdefault(record["indicator_code"], []).append(record)
    return out


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Rows as dicts, column by column with tolist(): far cheaper than iterrows() or to_dict()."""
    lists = [frame[c].tolist() for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*lists, strict=True)]


def _plain(value: Any) -> Any:
    if not isinstance(value, (list, dict)) and bool(pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def standing_of(trend: str, verdict: str | None, target_due: bool, norm: bool = False) -> str:
    """ "weakness", "result" or "neutral" by the rules in the module docstring."""
    if verdict == "not_met" and target_due:
        return "weakness"
    if verdict in ("met", "exceeded", "met_late") and not norm:
        return "result"
    if trend == "worsening":
        return "weakness"
    return "result" if trend == "improving" else "neutral"


def _improvement(abs_change: float, rel_change: float, direction: str, unit: str) -> float:
    """Direction-adjusted change: points for "%", relative change x 100 otherwise."""
    raw = abs_change if unit.strip() == "%" else rel_change * 100
    return 0.0 if pd.isna(raw) else float(raw) * _SIGN[direction]


def _target_gap(judged: float | None, target: Target | None, unit: str) -> float:
    """Distance to a missed target: points for "%", percent of the target otherwise."""
    if target is None or judged is None or pd.isna(judged):
        return 0.0
    gap = abs(float(judged) - float(target["value"]))
    if unit.strip() == "%":
        return gap
    return gap / abs(float(target["value"])) * 100 if target["value"] else gap


def _score(standing: str, improvement: float, verdict: str | None, missed: bool, gap: float) -> float:
    """Higher = shown earlier within its standing."""
    if standing == "result":
        return improvement + (EXCEEDED_BONUS if verdict == "exceeded" else 0.0)
    if standing == "weakness":
        return (MISSED_OFFSET + gap if missed else 0.0) + max(-improvement, 0.0)
    return 0.0


def sort_assessment(frame: pd.DataFrame) -> pd.DataFrame:
    """Results (best first), then weaknesses (most serious first), then neutral rows.

    Ties, and all neutral rows, follow group_order; the input order breaks any remaining tie.
    """
    keyed = frame.assign(_standing=frame["standing"].map(_STANDING_ORDER), _neg=-frame["score"])
    ordered = keyed.sort_values(["_standing", "_neg", "group_order"], kind="stable")
    return ordered.drop(columns=["_standing", "_neg"]).reset_index(drop=True)


__all__ = ["assess_indicators", "sort_assessment", "standing_of"]
