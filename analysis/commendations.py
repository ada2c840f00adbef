"""Commendation quotas from the review plan, checked against the register.

Each district nominates 1 collective (or model / effective practice) and 1
individual; the province's departments together nominate 5 individuals and
3 collectives. Quotas are data (data/reference/commendation_quotas.csv).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

KIND_LABELS_VI = {"collective": "Tập thể", "model": "Mô hình, điển hình", "individual": "Cá nhân"}
FIELD_LABELS_VI = {
    "education": "Giáo dục",
    "vocational": "Giáo dục nghề nghiệp",
    "management": "Quản lý",
    "other": "Khác",
}
STATUS_LABELS_VI = {"proposed": "Đề nghị", "accepted": "Đã chấp thuận", "commended": "Đã khen thưởng"}
QUOTA_STATE_VI = {"ok": "Đủ", "missing": "Thiếu", "over": "Vượt"}


@dataclass(frozen=True)
class Quota:
    level: str  # district | province
    kinds: tuple[str, ...]
    quota: int
    label: str


@dataclass(frozen=True)
class QuotaCheck:
    nominator: str  # a district's name, or "Các sở, ngành" for the province level
    quota: Quota
    count: int
    late: int  # nominations received after the last day on time

    @property
    def state(self) -> str:
        return "ok" if self.count == self.quota.quota else ("missing" if self.count < self.quota.quota else "over")


def check_quotas(
    nominations: pd.DataFrame,
    quotas: Sequence[Quota],
    districts: dict[str, str],
    last_on_time: date,
) -> list[QuotaCheck]:
    """One check per district and district quota, then one per province quota.

    ``nominations``: current (not withdrawn) rows with level, nominator_code, kind, received_on.
    ``districts``: the quota holders (a district that ended before the round holds none).
    ``last_on_time``: the round's last day on time (analysis.rounds.Round.last_on_time).
    """
    out = []
    for quota in quotas:
        rows = nominations[(nominations["level"] == quota.level) & nominations["kind"].isin(quota.kinds)]
        groups = (
            [(name, rows[rows["nominator_code"] == code]) for code, name in districts.items()]
            if quota.level == "district"
            else [("Các sở, ngành cấp tỉnh", rows)]
        )
        for name, group in groups:
            received = pd.to_datetime(group["received_on"]).dt.date
            late = int(sum(1 for d in received if pd.notna(d) and d > last_on_time))
            out.append(QuotaCheck(name, quota, len(group), late))
    return out


def parse_quotas(rows: Sequence[dict[str, str]]) -> list[Quota]:
    return [Quota(r["level"], tuple(k for k in r["kinds"].split(";") if k), int(r["quota"]), r["label"]) for r in rows]
