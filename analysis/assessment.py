"""Results and weaknesses of the province over the review, one row per indicator.

Standing rules (documented choice):

* "weakness" when a target that is *due* is not met, or the trend is worsening;
* "result" when the trend is improving, or the target is met/exceeded;
* "neutral" otherwise (flat, unknown, neutral-direction indicators without a
  target verdict).

A weakness wins over a result: a missed target or a worsening trend needs the
reader's attention even when something else looks good.

A target is *due* when it binds the latest year: an every-year target or one
for that year or earlier. "not_met" against a deadline still ahead (2023 value
vs a 2025 target) is reported as the verdict but is not a missed target yet.

Which value a target is judged on (`verdict_year` records the year):

* an every-year target, or a deadline in the latest year or still ahead: the
  latest value (a future deadline is not due yet, so the latest value only
  says where the province stands on the way there);
* a deadline already past (before the latest year): the value *at* the
  deadline, i.e. whether the province met its 2020 target in 2020. Without a
  value for that year (inside the review window) the verdict is None; the
  latest value is never used in its place, since a 2023 figure says nothing
  about the 2020 deadline. A missed target's gap is measured in that year too.

Definition breaks: when base and latest value straddle `break_year`, the
ten-year change compares two different definitions. The row keeps that
`trend` for display, but the standing is judged on the comparable stretch
from `break_year` on (`trend_since_break`). A break in the latest year leaves
a one-year stretch ("flat"), so only the target verdict can decide.

Everything is computed for all indicators at once (one grouped pass over the
province's rows, one over its districts'), not indicator by indicator: a page
shows ~100 indicators, and a pandas round trip per indicator costs more than
all of the arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.change import baseline_latest_by, trend_class
from analysis.targets import _SCOPE_ORDER, TARGET_COLUMNS, target_verdict

EXCEEDED_BONUS = 5.0  # points added to a result's score when the target is exceeded
MISSED_OFFSET = 1000.0  # puts every missed target before worsening-only weaknesses
_STANDING_ORDER = {"result": 0, "weakness": 1, "neutral": 2}
_SIGN = {"up": 1.0, "down": -1.0, "neutral": 0.0}
_COMPARABLE_KINDS = ("rate", "ratio", "level")  # kinds on which a district can be held against the province
_META = ("name_vi", "group_code", "group_name", "group_order", "unit", "direction", "period_type", "kind")
_CHANGE: tuple[str, ...] = ("base_year", "base_value", "latest_year", "latest_value", "abs_change", "rel_change")
_CHANGE += ("trend", "crosses_break")
_TARGET = {"value": "target_value", "comparator": "target_comparator", "year": "target_year", "source": "target_source"}
COLUMNS = ["indicator_code", *_META[:7], *_CHANGE, "break_year", *_TARGET.values(), "target_note", "verdict"]
COLUMNS += ["verdict_year", "lagging", "n_lagging", "standing", "score", "target_due", "trend_since_break", "kind"]
_INTS = ("base_year", "latest_year", "break_year", "target_year", "verdict_year")

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
) -> pd.DataFrame:
    """One row per indicator the province has values for, in catalogue order.

    Base and latest years are the first and last year with a value inside
    baseline_year..latest_year (baseline_latest_by()). The target is chosen
    for the indicator's own latest year (see applicable_target) and judged as
    the module docstring says; `verdict_year` is the year whose value was
    judged: the deadline of a past target, else latest_year (NA without a
    target, or when the province has no value in the window at all).
    `lagging` lists the province's districts that are worse than the province
    in the latest year by more than lag_margin_pts points ("%" indicators) or
    lag_margin_rel of the province value (others), worst first. Neutral
    indicators never lag, and neither do counts and amounts: a district's
    count is a part of the province total, not comparable to it. `kind` is
    added so pages can keep e.g. only rates in their top lists.
    """
    _check_target_columns(targets)
    province_code = str(province_code)
    is_own = (values["unit_code"].astype(str) == province_code).to_numpy(dtype=bool)
    own = values.loc[is_own, ["indicator_code", "year", "value"]]
    present = set(own["indicator_code"].unique().tolist())
    catalogue_codes = catalogue["code"].tolist()
    unknown = sorted(present - set(catalogue_codes))
    if unknown:
        raise ValueError(f"indicators missing from the catalogue: {unknown}")
    listed = [i for i, code in enumerate(catalogue_codes) if code in present]
    meta_rows = _records(catalogue, ["code", *_META, "break_year"], listed)
    break_of = {m["code"]: None if pd.isna(m["break_year"]) else int(m["break_year"]) for m in meta_rows}

    # Base and latest of every indicator at once; then, for those straddling
    # their break, the comparable stretch from the break year on.
    breaks = pd.Series({code: year for code, year in break_of.items() if year is not None}, dtype="float64")
    change = baseline_latest_by(own, "indicator_code", baseline_year, latest_year, breaks)
    pos = {code: i for i, code in enumerate(change["indicator_code"])}
    cols = {c: _plain_list(change[c]) for c in change.columns}
    since_cols: dict[str, list[Any]] = {}
    if any(cols["crosses_break"]):
        crossing = change.loc[change["crosses_break"], "indicator_code"]
        # Groups left out of the baseline Series start open; only the crossing ones are read.
        since = baseline_latest_by(own, "indicator_code", breaks.reindex(crossing), latest_year)
        since_cols = {c: _plain_list(since[c]) for c in ("abs_change", "rel_change")}

    # The year each indicator is judged in: its latest year with a value (the window's end without one).
    years = {code: latest_year if cols["latest_year"][i] is None else cols["latest_year"][i] for code, i in pos.items()}
    lagging = _lagging_all(
        values, province_code, meta_rows, years, cols["latest_value"], pos, (lag_margin_pts, lag_margin_rel)
    )
    by_code = _targets_by_indicator(targets, present, province_code)
    at_year = _values_at(own, baseline_year, latest_year)

    out: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for meta in meta_rows:
        code, direction, unit = meta["code"], str(meta["direction"]), str(meta["unit"])
        i, break_year, year = pos[code], break_of[code], years[code]
        abs_change, rel_change = cols["abs_change"][i], cols["rel_change"][i]
        trend = trend_class(abs_change, rel_change, direction, unit)
        since_break = None
        if cols["crosses_break"][i] and break_year is not None:
            abs_change, rel_change = since_cols["abs_change"][i], since_cols["rel_change"][i]
            since_break = trend_class(abs_change, rel_change, direction, unit)
        target = _applicable(by_code.get(code, []), year)
        verdict, verdict_year, judged_value = None, None, np.nan
        if target is not None:
            deadline = target["year"]
            if deadline is not None and deadline < year:
                verdict_year, judged_value = deadline, at_year.get((code, deadline), np.nan)
            else:
                verdict_year, judged_value = cols["latest_year"][i], cols["latest_value"][i]
            verdict = target_verdict(judged_value, target["comparator"], target["value"])
        due = target is not None and (target["year"] is None or target["year"] <= year)
        missed = verdict == "not_met" and due
        standing = standing_of(trend if since_break is None else since_break, verdict, due)
        improvement = _improvement(abs_change, rel_change, direction, unit)
        gap = _target_gap(judged_value, target, unit) if missed else 0.0
        row = {
            "indicator_code": code,
            **{k: meta[k] for k in _META},
            **{k: cols[k][i] for k in _CHANGE if k != "trend"},
            "trend": trend,
            "break_year": break_year,
            **{col: None if target is None else target[key] for key, col in _TARGET.items()},
            "target_note": None if target is None else target.get("note"),
            "verdict": verdict,
            "verdict_year": verdict_year,
            "lagging": lagging[code],
            "n_lagging": len(lagging[code]),
            "standing": standing,
            "score": _score(standing, improvement, verdict, missed, gap),
            "target_due": due,
            "trend_since_break": since_break,
        }
        for key, val in row.items():
            out[key].append(val)
    typed: dict[str, Any] = {c: pd.array(out[c], dtype="Int64") for c in _INTS}
    typed |= {"n_lagging": np.array(out["n_lagging"], dtype="int64"), "score": np.array(out["score"], dtype=float)}
    typed |= {c: np.array(out[c], dtype=bool) for c in ("crosses_break", "target_due")}
    return pd.DataFrame({c: typed.get(c, out[c]) for c in COLUMNS}, columns=COLUMNS)


def _plain_list(column: pd.Series) -> list[Any]:
    """Column as Python scalars, NA as None (NaN stays NaN in float columns)."""
    return [None if v is pd.NA else v for v in column.tolist()]


def _values_at(own: pd.DataFrame, first_year: int, last_year: int) -> dict[tuple[str, int], float]:
    """(indicator_code, year) -> the province's value, for the years of the review window."""
    years = own["year"].to_numpy().astype("int64")
    keep = (years >= first_year) & (years <= last_year)
    values = pd.to_numeric(own["value"]).astype("float64").to_numpy()[keep]
    codes = own["indicator_code"].to_numpy()[keep]
    return dict(zip(zip(codes.tolist(), years[keep].tolist(), strict=True), values.tolist(), strict=True))


def _lagging_all(
    values: pd.DataFrame,
    province_code: str,
    meta_rows: list[dict[str, Any]],
    years: dict[str, int],
    latest: list[Any],
    pos: dict[str, int],
    margins: tuple[float, float],
) -> dict[str, list[str]]:
    """Names of the districts worse than the province by more than the margin, worst first, per indicator.

    One pass over the districts' rows in the indicators' latest years. An
    indicator lags only when it is comparable (kind in _COMPARABLE_KINDS,
    province value present), not neutral, and, for non-"%" units, the province
    value is not 0 (the relative margin needs it).
    """
    out: dict[str, list[str]] = {m["code"]: [] for m in meta_rows}
    active = []
    for m in meta_rows:
        province = latest[pos[m["code"]]]
        pct = str(m["unit"]).strip() == "%"
        if pd.isna(province) or m["kind"] not in _COMPARABLE_KINDS or str(m["direction"]) == "neutral":
            continue
        if pct or province != 0:
            active.append((m["code"], years[m["code"]], float(province), _SIGN[str(m["direction"])], pct))
    if not active:
        return out
    codes = pd.Index([a[0] for a in active])
    year_of, province_of, sign_of, pct_of = (np.array([a[k] for a in active]) for k in range(1, 5))

    # Cheap numeric tests first, so the string work only sees the candidate rows.
    year = values["year"].to_numpy()
    at = np.flatnonzero(np.isin(year, np.unique(year_of)) & values["value"].notna().to_numpy(dtype=bool))
    parent = values["parent_code"].iloc[at]
    at = at[(parent.notna() & (parent.astype(str) == province_code)).to_numpy(dtype=bool)]
    k = codes.get_indexer(values["indicator_code"].iloc[at])
    at, k = at[k >= 0], k[k >= 0]
    in_year = year[at] == year_of[k]
    at, k = at[in_year], k[in_year]
    value = values["value"].to_numpy()[at].astype("float64")
    province, pct = province_of[k], pct_of[k]
    worse_by = (value - province) * -sign_of[k]
    with np.errstate(all="ignore"):
        excess = np.where(pct, worse_by - margins[0], worse_by / np.abs(province) - margins[1])
    flagged = excess > 1e-9
    k, worse_by, at = k[flagged], worse_by[flagged], at[flagged]
    order = np.lexsort((at, -worse_by, k))  # per indicator, worst first, ties in input order
    names = values["unit_name"].iloc[at[order]].to_numpy()
    bounds = np.searchsorted(k[order], np.arange(len(codes) + 1))
    for j, code in enumerate(codes):
        out[code] = [str(n) for n in names[bounds[j] : bounds[j + 1]]]
    return out


def applicable_target(targets: pd.DataFrame, indicator_code: str, unit_code: str, year: int) -> dict[str, Any] | None:
    """The target a unit's value for `year` is judged against, or None.

    Targets binding that year (for exactly that year, or every year) come
    first, so the NQ 29 every-year floor beats a later deadline; otherwise
    pick_target() chooses (next deadline ahead, else the last one passed).
    """
    _check_target_columns(targets)
    unit = targets["unit_code"]
    rows = targets[(targets["indicator_code"] == indicator_code) & (unit.isna() | (unit.astype(str) == str(unit_code)))]
    return _applicable(_target_records(rows), year)


def _check_target_columns(targets: pd.DataFrame) -> None:
    missing = [c for c in TARGET_COLUMNS if c not in targets.columns]
    if missing:
        raise ValueError(f"targets lacks column(s): {missing}")


def _targets_by_indicator(targets: pd.DataFrame, codes: set[str], unit_code: str) -> dict[str, list[Target]]:
    """The unit's targets (its own and every unit's) as plain dicts, per indicator, in input order."""
    out: dict[str, list[Target]] = {}
    for record in _target_records(targets):
        unit = record["unit_code"]
        if record["indicator_code"] in codes and (unit is None or str(unit) == unit_code):
            out.setdefault(record["indicator_code"], []).append(record)
    return out


def _records(frame: pd.DataFrame, columns: list[str], rows: list[int] | None = None) -> list[dict[str, Any]]:
    """Rows (all, or those at the given positions) as dicts of Python scalars.

    Column by column with tolist(): far cheaper than iterrows(), to_dict() or
    filtering a wide frame of string columns first.
    """
    lists = [frame[c].tolist() for c in columns]
    if rows is not None:
        lists = [[values[i] for i in rows] for values in lists]
    return [dict(zip(columns, row, strict=True)) for row in zip(*lists, strict=True)]


def _target_records(rows: pd.DataFrame) -> list[Target]:
    """Rows as dicts the way pick_target() returns them: NA -> None, numpy scalars -> Python, year int."""
    rows = rows.assign(year=rows["year"].astype("Int64"))
    return [{k: _plain(v) for k, v in record.items()} for record in _records(rows, list(rows.columns))]


def _plain(value: Any) -> Any:
    if bool(pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _applicable(records: list[Target], year: int) -> Target | None:
    """applicable_target() on the rows of one indicator and unit, as _target_records()."""
    binding = [r for r in records if r["year"] is None or r["year"] == year]
    chosen = _pick(binding, year)
    return chosen if chosen is not None else _pick(records, year)


def _pick(records: list[Target], year: int) -> Target | None:
    """pick_target() on plain records: exact year, next deadline, every year, last deadline passed.

    Within a tier a "province" target beats a "national" one, then input order.
    """
    dated = [r for r in records if r["year"] is not None]
    later = [r["year"] for r in dated if r["year"] > year]
    earlier = [r["year"] for r in dated if r["year"] < year]
    tiers = [
        [r for r in dated if r["year"] == year],
        [r for r in dated if later and r["year"] == min(later)],
        [r for r in records if r["year"] is None],
        [r for r in dated if earlier and r["year"] == max(earlier)],
    ]
    for tier in tiers:
        if tier:
            return dict(min(tier, key=lambda r: _SCOPE_ORDER.get(r["scope"], len(_SCOPE_ORDER))))
    return None


def standing_of(trend: str, verdict: str | None, target_due: bool) -> str:
    """ "weakness", "result" or "neutral" by the rules in the module docstring."""
    if (verdict == "not_met" and target_due) or trend == "worsening":
        return "weakness"
    if trend == "improving" or verdict in ("met", "exceeded"):
        return "result"
    return "neutral"


def _improvement(abs_change: float, rel_change: float, direction: str, unit: str) -> float:
    """Direction-adjusted change: points for "%", relative change x 100 otherwise."""
    raw = abs_change if unit.strip() == "%" else rel_change * 100
    return 0.0 if pd.isna(raw) else float(raw) * _SIGN[direction]


def _target_gap(judged: float, target: dict[str, Any] | None, unit: str) -> float:
    """Distance to a missed target: points for "%", percent of the target otherwise."""
    if target is None or pd.isna(judged):
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

    Ties, and all neutral rows, follow group_order; the input order breaks
    any remaining tie.
    """
    keyed = frame.assign(_standing=frame["standing"].map(_STANDING_ORDER), _neg=-frame["score"])
    ordered = keyed.sort_values(["_standing", "_neg", "group_order"], kind="stable")
    return ordered.drop(columns=["_standing", "_neg"]).reset_index(drop=True)


def top_results(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The n strongest results."""
    ordered = sort_assessment(frame)
    return ordered[ordered["standing"] == "result"].head(n).reset_index(drop=True)


def top_weaknesses(frame: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The n most serious weaknesses."""
    ordered = sort_assessment(frame)
    return ordered[ordered["standing"] == "weakness"].head(n).reset_index(drop=True)


__all__ = [
    "applicable_target",
    "assess_indicators",
    "sort_assessment",
    "standing_of",
    "top_results",
    "top_weaknesses",
]
