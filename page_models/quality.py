"""Chất lượng dữ liệu: coverage, flagged values (and analysts' acceptances), district sums vs province figures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.quality import compare_province_sums, coverage_matrix, missing_summary
from analysis.rounds import Round
from page_models.common import short_name
from page_models.submissions import last_known_years
from store import write_session
from store.workspace import record_acceptance
from vocab.display import MISSING, format_rate, format_value, partial_text, year_label

FLAG_KEY = ("batch_id", "unit_code", "indicator_code", "year")
FLAGGED_COLUMNS = {
    "unit_name": "Địa bàn",
    "indicator_name": "Chỉ tiêu",
    "year_text": "Năm",
    "raw_value": "Giá trị trong tệp",
    "message": "Cảnh báo",
    "status": "Tình trạng",
    "file_name": "Tệp",
    "sheet": "Trang",
    "cell": "Ô",
}
MISSING_COLUMNS = {
    "unit_name": "Địa bàn",
    "name_vi": "Chỉ tiêu",
    "n_missing": "Số năm thiếu",
    "missing_text": "Các năm thiếu",
}
SUMS_COLUMNS = {
    "indicator_name": "Chỉ tiêu",
    "year_text": "Năm",
    "province_text": "Số tỉnh báo cáo",
    "districts_text": "Tổng các huyện",
    "diff_text": "Chênh lệch",
}


@dataclass
class QualityView:
    coverage: pd.DataFrame  # unit × year share of reported indicators present
    missing: pd.DataFrame
    flagged: pd.DataFrame  # the warnings kept with active batches, with their status (columns of the query)
    flagged_table: pd.DataFrame  # the same for reading: FLAGGED_COLUMNS
    sums: pd.DataFrame
    sums_table: pd.DataFrame  # for reading: SUMS_COLUMNS
    missing_table: pd.DataFrame  # for reading and download: MISSING_COLUMNS


def build_quality(
    coverage: pd.DataFrame,
    units: pd.DataFrame,
    catalogue: pd.DataFrame,
    flagged: pd.DataFrame,
    province_vs_districts: pd.DataFrame,
    years: range,
    round_: Round | None = None,
) -> QualityView:
    """`only_expected`: an indicator counts for a level (province or districts) only if
    someone at that level reported it, so province-only figures are no false gaps. Within a
    round, a year whose figure could not be known by its deadline (school year 2022-2023's
    dropout on 28/4/2023) is no gap either."""
    year_list = list(years)
    in_years = province_vs_districts[province_vs_districts["year"].isin(year_list)]
    sums = compare_province_sums(in_years.reset_index(drop=True))
    known = None if round_ is None else last_known_years(catalogue, round_)
    return QualityView(
        coverage=coverage_matrix(coverage, units, catalogue, year_list, only_expected=True, known_until=known),
        missing=(
            missing := missing_summary(coverage, units, catalogue, year_list, only_expected=True, known_until=known)
        ),
        flagged=flagged,
        flagged_table=flagged_table(flagged),
        sums=sums,
        sums_table=sums_table(sums),
        missing_table=missing_table(missing, catalogue),
    )


def coverage_text(coverage: pd.DataFrame) -> pd.DataFrame:
    """The coverage shares as "100%" text ("—" where the district did not exist), short unit names first:
    the phone's version of the coverage table."""
    out = coverage.map(lambda v: MISSING if pd.isna(v) else format_rate(float(v) * 100).replace(",0%", "%"))
    out.index = [short_name(str(n)) for n in coverage.index]
    out.index.name = "Địa bàn"
    return out


def missing_table(missing: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The gaps with Vietnamese headers; the years as the indicator's period writes them ("2013-2014")."""
    if missing.empty:
        return pd.DataFrame(columns=list(MISSING_COLUMNS.values()))
    periods = missing["indicator_code"].map(catalogue.set_index("code")["period_type"])
    out = missing.assign(
        missing_text=[
            ", ".join(year_label(int(y), str(p or "calendar_year")) for y in years) if len(years) else "—"
            for years, p in zip(missing["missing_years"], periods, strict=True)
        ]
    )
    return out[list(MISSING_COLUMNS)].rename(columns=MISSING_COLUMNS)


def flag_status(row: Mapping[str, Any]) -> str:
    """Where a flagged value stands: not accepted (kept out of the report), accepted (by whom, when), superseded."""
    if not bool(row.get("is_current", True)):
        return "Đã có giá trị mới thay thế"
    if row.get("decision") == "accepted":
        when = pd.Timestamp(row["decided_at"])
        note = f": {row['decision_note']}" if isinstance(row.get("decision_note"), str) and row["decision_note"] else ""
        return f"Đã xác nhận ({row['decided_by']}, {when:%d/%m/%Y %H:%M}){note}"
    return "Chưa xác nhận: đánh dấu (!), không đưa vào bảng của báo cáo"


def flagged_table(flagged: pd.DataFrame) -> pd.DataFrame:
    if flagged.empty:
        return pd.DataFrame(columns=list(FLAGGED_COLUMNS.values()))
    out = flagged.assign(
        status=[flag_status({str(k): v for k, v in r.items()}) for r in flagged.to_dict("records")],
        year_text=[
            "—" if pd.isna(y) else year_label(int(y), str(p or "school_year"))
            for y, p in zip(flagged["year"], flagged["period_type"], strict=True)
        ],
    )
    return out[list(FLAGGED_COLUMNS)].rename(columns=FLAGGED_COLUMNS)


def sums_table(sums: pd.DataFrame) -> pd.DataFrame:
    """Province figures beside the districts' sum; a sum over part of the districts says so."""
    if sums.empty:
        return pd.DataFrame(columns=list(SUMS_COLUMNS.values()))
    partial = sums["n_units"].astype(float) < sums["n_expected"].astype(float)
    rows = sums.assign(
        year_text=[str(int(y)) for y in sums["year"]],
        province_text=[format_value(v, u) for v, u in zip(sums["province_value"], sums["unit"], strict=True)],
        districts_text=[
            partial_text(n, e) if p else format_value(v, u)
            for v, u, n, e, p in zip(
                sums["district_sum"], sums["unit"], sums["n_units"], sums["n_expected"], partial, strict=True
            )
        ],
        diff_text=[
            "—" if p else format_value(d, u) for d, u, p in zip(sums["diff"], sums["unit"], partial, strict=True)
        ],
    )
    return rows[list(SUMS_COLUMNS)].rename(columns=SUMS_COLUMNS)


def open_flags(flagged: pd.DataFrame) -> pd.DataFrame:
    """Current flagged values no analyst has accepted: the ones an analyst may accept."""
    if flagged.empty:
        return flagged
    current = flagged["is_current"].astype(bool) & flagged["unit_code"].notna() & flagged["year"].notna()
    return flagged[current & (flagged["decision"].fillna("") != "accepted")].reset_index(drop=True)


def record_decisions(
    db_path: Path, rows: Iterable[Mapping[str, Any]], decision: str, actor: str, note: str | None = None
) -> int:
    """Record an analyst's decision on flagged values (append-only); returns how many were recorded."""
    if decision not in ("accepted", "revoked"):
        raise ValueError(decision)
    chosen = [{k: r[k] for k in FLAG_KEY} for r in rows]
    if not chosen:
        return 0
    with write_session(db_path) as con:
        for r in chosen:
            record_acceptance(con, r, decision, actor, note)
    return len(chosen)
