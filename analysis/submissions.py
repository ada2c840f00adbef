"""Submission tracker: who has sent what for a reporting round, on time or late.

Derived from batches only (no manual ticking). A sender is expected to send a
set of indicators for every year of the round that could be known by the
deadline (an outcome of school year 2022-2023 is not, on 28/4/2023;
vocab.periods.known_on); an (indicator, year) counts as received on the first
date any active batch attributed to the sender held it. A district that ended
(merged, dissolved) before the round's last year is no expected sender.

Status per sender (on time = received by Round.last_on_time: "trước ngày 28/4"
read literally is 27/4, unless the round makes the deadline day on time):
- ``on_time``: everything expected received on time;
- ``late``: everything received, the last piece after that;
- ``partial``: something received, something still missing;
- ``missing``: nothing received (``pending`` instead while the deadline is ahead).
A sender with no catalogue indicators expected (e.g. a narrative report) is
complete with its first file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from analysis.rounds import Round

STATUS_LABELS_VI = {
    "on_time": "Đã nộp đúng hạn",
    "late": "Nộp muộn",
    "partial": "Nộp thiếu",
    "missing": "Chưa nộp",
    "pending": "Chưa nộp (chưa đến hạn)",
}
STATUS_ORDER = ("missing", "partial", "late", "pending", "on_time")


@dataclass(frozen=True)
class Sender:
    code: str
    name: str
    kind: str
    expected: tuple[str, ...]  # indicator codes
    years: tuple[int, ...] | None = None  # None: every year of the round (a unit valid only some years: those)
    # indicator → the last year that can be known by the deadline (absent: the round's last year)
    last_known: Mapping[str, int] = field(default_factory=dict)


@dataclass
class SenderStatus:
    sender: Sender
    status: str
    n_expected: int
    n_received: int
    n_files: int
    completed_on: date | None  # when the last expected piece arrived (complete senders only)
    first_received: date | None
    days_late: int | None
    missing: dict[str, list[int]] = field(default_factory=dict)  # indicator → missing years

    @property
    def share(self) -> float:
        return 1.0 if self.n_expected == 0 and self.n_files else self.n_received / max(self.n_expected, 1)

    @property
    def label(self) -> str:
        return STATUS_LABELS_VI[self.status]


Received = Mapping[tuple[str, str, int], date]  # (sender, indicator, year) → first date received


def sender_status(
    sender: Sender, round_: Round, received: Received, files: Sequence[date], as_of: date
) -> SenderStatus:
    """The status of one sender for one round, as of a date."""
    years = [y for y in round_.years if sender.years is None or y in sender.years]
    expected = [(code, y) for code in sender.expected for y in years if y <= sender.last_known.get(code, y)]
    dates = {key: received[(sender.code, *key)] for key in expected if (sender.code, *key) in received}
    missing: dict[str, list[int]] = {}
    for code, y in expected:
        if (code, y) not in dates:
            missing.setdefault(code, []).append(y)
    first = min([*dates.values(), *files], default=None)
    complete = not missing and (bool(dates) or (not expected and bool(files)))
    completed_on = (max(dates.values()) if dates else min(files)) if complete else None
    if complete:
        assert completed_on is not None
        status = "on_time" if round_.on_time(completed_on) else "late"
    elif dates:
        status = "partial"
    else:
        status = "pending" if as_of <= round_.last_on_time else "missing"
    days_late = (completed_on - round_.last_on_time).days if status == "late" and completed_on else None
    return SenderStatus(sender, status, len(expected), len(dates), len(files), completed_on, first, days_late, missing)


def tracker(
    senders: Iterable[Sender],
    round_: Round,
    received: Received,
    files: Mapping[str, Sequence[date]],
    as_of: date,
) -> list[SenderStatus]:
    return [sender_status(s, round_, received, files.get(s.code, ()), as_of) for s in senders]


def status_counts(statuses: Sequence[SenderStatus]) -> dict[str, int]:
    return {s: sum(1 for x in statuses if x.status == s) for s in STATUS_ORDER if any(x.status == s for x in statuses)}


def year_spans(years: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs: [2013, 2014, 2015, 2018] → [(2013, 2015), (2018, 2018)]."""
    spans: list[tuple[int, int]] = []
    for y in sorted(years):
        if spans and y == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], y)
        else:
            spans.append((y, y))
    return spans
