"""Theo dõi nộp báo cáo: status per expected sender for one reporting round."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from analysis.rounds import Round
from analysis.submissions import Sender, SenderStatus, status_counts, tracker, year_spans
from vocab.display import year_label
from vocab.periods import known_on

_REMIND = {"missing", "partial"}


@dataclass
class TrackerView:
    round: Round
    as_of: date
    statuses: list[SenderStatus]
    table: pd.DataFrame
    counts: dict[str, int]
    reminders: list[tuple[str, str]]  # (sender name, reminder text)
    ended: list[str]  # districts that ended before the round's last year: no longer expected senders
    deadline_rule: str  # how the deadline is read, in words


def rounds_from(frame: pd.DataFrame) -> list[Round]:
    """The rounds of the rounds query (latest deadline first): the first one is the current round."""
    return [
        Round(
            str(r["round_code"]),
            str(r["name"]),
            _day(r["deadline"]),
            int(r["first_year"]),
            int(r["last_year"]),
            baseline_year=None if pd.isna(r.get("baseline_year")) else int(r["baseline_year"]),
            as_of=None if pd.isna(r.get("as_of")) else _day(r["as_of"]),
            deadline_inclusive=bool(r.get("deadline_inclusive")) if not pd.isna(r.get("deadline_inclusive")) else False,
            school_year_deadline=str(r.get("school_year_deadline") or "ending"),
        )
        for r in frame.to_dict("records")
    ]


def ended_before(valid_to: Any, round_: Round) -> bool:
    """A unit that no longer existed in the round's last year (merged, dissolved)."""
    return not pd.isna(valid_to) and int(valid_to) < round_.last_year


def last_known_years(catalogue: pd.DataFrame, round_: Round) -> dict[str, int]:
    """indicator → the last year of the round whose figure can be known by the deadline."""
    out = {}
    for code, period, measured in zip(
        catalogue["code"], catalogue["period_type"], catalogue["reference_date"], strict=True
    ):
        known = [
            y
            for y in round_.years
            if known_on(y, str(period), str(measured or ("30/9" if period == "school_year" else "calendar")))
            <= round_.deadline
        ]
        out[str(code)] = known[-1] if known else round_.first_year - 1
    return out


def build_tracker(
    round_: Round,
    senders: pd.DataFrame,
    expected: pd.DataFrame,
    received: pd.DataFrame,
    files: pd.DataFrame,
    catalogue: pd.DataFrame,
    as_of: date,
) -> TrackerView:
    """Frames from the submission_* queries → statuses, a table, counts and reminders."""
    by_sender: dict[str, tuple[str, ...]] = {}
    for sender, code in zip(
        expected["sender_code"].astype(str).tolist(), expected["indicator_code"].astype(str).tolist(), strict=True
    ):
        by_sender[sender] = (*by_sender.get(sender, ()), code)
    last_known = last_known_years(catalogue, round_)
    records = senders.to_dict("records")
    sender_list = [
        Sender(
            str(r["code"]),
            str(r["name"]),
            str(r["kind"]),
            by_sender.get(str(r["code"]), ()),
            _valid_years(r["valid_from"], r["valid_to"], round_),
            last_known,
        )
        for r in records
        if not ended_before(r["valid_to"], round_)
    ]
    got = dict(  # column by column: at national scale this is every (sender, indicator, year) received
        zip(
            zip(
                received["sender_code"].astype(str).tolist(),
                received["indicator_code"].astype(str).tolist(),
                received["year"].astype(int).tolist(),
                strict=True,
            ),
            _days(received["received_on"]),
            strict=True,
        )
    )
    file_dates: dict[str, list[date]] = {}
    for r in files.to_dict("records"):
        file_dates.setdefault(str(r["sender_code"]), []).append(_day(r["received_on"]))
    statuses = tracker(sender_list, round_, got, file_dates, as_of)
    meta = dict(  # code → (period type, name), read once, not cell by cell per sender
        zip(
            catalogue["code"].astype(str).tolist(),
            zip(catalogue["period_type"].astype(str).tolist(), catalogue["name_vi"].astype(str).tolist(), strict=True),
            strict=True,
        )
    )
    return TrackerView(
        round_,
        as_of,
        statuses,
        _table(statuses, meta),
        status_counts(statuses),
        [
            (s.sender.name, reminder_text(s, round_, meta, as_of))
            for s in statuses
            if s.status in {"missing", "partial"}
        ],
        [str(r["name"]) for r in records if ended_before(r["valid_to"], round_)],
        round_.deadline_rule_text(),
    )


def _day(value: Any) -> date:
    return pd.Timestamp(value).date()


def _days(column: pd.Series) -> list[date]:
    """``_day`` of every value, converted at once."""
    return [] if column.empty else list(pd.to_datetime(column).dt.date)


def _valid_years(valid_from: Any, valid_to: Any, round_: Round) -> tuple[int, ...] | None:
    """The round's years in which the sender's unit existed; None when it always did."""
    if pd.isna(valid_from) and pd.isna(valid_to):
        return None
    lo = round_.first_year if pd.isna(valid_from) else int(valid_from)
    hi = round_.last_year if pd.isna(valid_to) else int(valid_to)
    return tuple(range(lo, hi + 1))


Meta = Mapping[str, tuple[str, str]]  # indicator code → (period type, Vietnamese name)


def _table(statuses: Sequence[SenderStatus], meta: Meta) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "sender": s.sender.name,
                "kind": "Huyện, thị xã, thành phố" if s.sender.kind == "district" else "Sở, ngành",
                "status": s.label,
                "share": s.share,
                "received": f"{s.n_received}/{s.n_expected}" if s.n_expected else f"{s.n_files} tệp",
                "completed_on": s.completed_on,
                "days_late": s.days_late,
                "missing": missing_text(s.missing, meta),
            }
            for s in statuses
        ]
    )


def missing_text(missing: Mapping[str, Sequence[int]], meta: Meta, limit: int = 6) -> str:
    """'Số trường mầm non (2013-2014 → 2015-2016); …' for the first indicators, then a count."""
    parts = []
    for code, years in list(missing.items())[:limit]:
        period, name = meta.get(code, ("calendar_year", code))
        spans = ", ".join(
            year_label(a, period) if a == b else f"{year_label(a, period)} → {year_label(b, period)}"
            for a, b in year_spans(years)
        )
        parts.append(f"{name} ({spans})")
    if len(missing) > limit:
        parts.append(f"và {len(missing) - limit} chỉ tiêu khác")
    return "; ".join(parts)


def reminder_text(s: SenderStatus, round_: Round, meta: Meta, as_of: date) -> str:
    """A short reminder a province analyst can paste into an e-mail or an official letter."""
    when = f"ngày {round_.deadline:%d/%m/%Y}" if round_.deadline_inclusive else f"trước ngày {round_.deadline:%d/%m/%Y}"
    head = (
        f"Kính gửi: {s.sender.name}. Thực hiện kế hoạch {round_.name}, hạn gửi số liệu là {when}. "
        f"Đến ngày {as_of:%d/%m/%Y}, "
    )
    if s.status == "missing":
        body = "cơ quan tổng hợp chưa nhận được số liệu của đơn vị."
    else:
        body = (
            f"cơ quan tổng hợp đã nhận {s.n_received}/{s.n_expected} số liệu của đơn vị; còn thiếu: "
            f"{missing_text(s.missing, meta)}."
        )
    return head + body + " Đề nghị đơn vị khẩn trương gửi (bổ sung) số liệu để kịp tổng hợp."
