"""Opinion survey summaries in plain Python: the share agreeing or satisfied with its number of
respondents and a Wilson 95 % interval, suppression of small cells (and of the cells that would
give them away), Likert distributions for the diverging bar, the change between two rounds,
open-text search without diacritics.

Rows are dicts as the named query ``survey_answers`` returns them. A scale answer counts in a
share when it is substantive (``side`` neg, mid or pos; "Không ý kiến" is ``none`` and left out
of both the numerator and the denominator); "agreeing" / "satisfied" means side ``pos`` (the top
two labels of a five-point scale). Answers come from a voluntary sample: every share is labelled
as such (SAMPLE_NOTE_VI) and the interval says only how far chance alone could move it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from vocab.text import fold_key

SAMPLE_NOTE_VI = "mẫu tự nguyện, chỉ tham khảo"
MIN_CELL = 5  # a breakdown cell with fewer respondents is not shown (nor one that would reveal it)
Z95 = 1.959963984540054
SUBSTANTIVE = ("neg", "mid", "pos")
Row = Mapping[str, Any]


def wilson(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of x successes in n trials (Wilson 1927)."""
    if n <= 0:
        return (math.nan, math.nan)
    p = x / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, centre - half), min(1.0, centre + half))


def suppressed_cells(counts: Mapping[Hashable, int], threshold: int = MIN_CELL) -> set[Hashable]:
    """Cells of one breakdown (whose total is shown) that must not be shown.

    Primary: 0 < n < threshold. Complementary: while only one cell is hidden, or the hidden
    cells together hold fewer than ``threshold`` respondents (the total minus the shown cells
    would give them), the smallest shown non-empty cell is hidden too.
    """
    return _complete(counts, {k for k, n in counts.items() if 0 < n < threshold}, threshold)


def suppressed_table(
    counts: Mapping[tuple[Hashable, Hashable], int], threshold: int = MIN_CELL
) -> set[tuple[Hashable, Hashable]]:
    """The cells of a two-way table (row and column totals shown) that must not be shown: the
    one-way rule applied to every row and every column until nothing changes."""
    hidden: set[tuple[Hashable, Hashable]] = {k for k, n in counts.items() if 0 < n < threshold}
    while True:
        before = len(hidden)
        for axis in (0, 1):
            lines: dict[Hashable, dict[tuple[Hashable, Hashable], int]] = defaultdict(dict)
            for key, n in counts.items():
                lines[key[axis]][key] = n
            for line in lines.values():
                if any(k in hidden for k in line):
                    hidden |= _complete(line, hidden & set(line), threshold)
        if len(hidden) == before:
            return hidden


def _complete(line: Mapping[Any, int], hidden: set[Any], threshold: int) -> set[Any]:
    hidden = set(hidden)
    while hidden:
        shown = sorted((n, str(k), k) for k, n in line.items() if k not in hidden and n > 0)
        if not shown or (len(hidden) > 1 and sum(line[k] for k in hidden) >= threshold):
            break
        hidden.add(shown[0][2])
    return hidden


@dataclass(frozen=True)
class Share:
    key: Hashable  # the district, group, round… (None = all respondents; "" = not given)
    n: int  # substantive answers
    positive: int
    share: float | None  # None when suppressed
    low: float | None
    high: float | None
    suppressed: bool = False


def positive_shares(rows: Iterable[Row], by: Callable[[Row], Hashable], threshold: int = MIN_CELL) -> list[Share]:
    """The share answering on the positive side, per value of ``by``, for the scale answers of
    ``rows`` (one question), with suppression; the first row is everyone (key None; never
    suppressed unless fewer than ``threshold`` answered at all)."""
    n: Counter[Hashable] = Counter()
    x: Counter[Hashable] = Counter()
    for row in rows:
        if row.get("side") in SUBSTANTIVE:
            key = by(row)
            n[key] += 1
            x[key] += row["side"] == "pos"
    hidden = suppressed_cells(n, threshold)
    total_n, total_x = sum(n.values()), sum(x.values())
    out = [_share(None, total_n, total_x, total_n < threshold)]
    out += [_share(k, n[k], x[k], k in hidden) for k in sorted(n, key=lambda k: (str(k) == "", str(k)))]
    return out


def _share(key: Hashable, n: int, x: int, hidden: bool) -> Share:
    if hidden or n == 0:
        return Share(key, n, x, None, None, None, True)
    low, high = wilson(x, n)
    return Share(key, n, x, x / n, low, high)


@dataclass(frozen=True)
class Distribution:
    key: Hashable
    n: int
    counts: tuple[tuple[str, str, int], ...]  # (label, side, count) in scale order
    suppressed: bool = False


def likert_distribution(
    rows: Iterable[Row], by: Callable[[Row], Hashable], threshold: int = MIN_CELL
) -> list[Distribution]:
    """Each label's count per value of ``by`` (substantive answers, in scale order), for the
    diverging stacked bar; suppressed cells carry no counts."""
    counts: dict[Hashable, Counter[tuple[int, str, str]]] = defaultdict(Counter)
    for row in rows:
        if row.get("side") in SUBSTANTIVE:
            counts[by(row)][(int(row["scale_order"]), str(row["choice"]), str(row["side"]))] += 1
    sizes = {k: sum(c.values()) for k, c in counts.items()}
    hidden = suppressed_cells(sizes, threshold)
    labels = sorted({label for c in counts.values() for label in c})
    out = []
    for key in sorted(counts, key=str):
        if key in hidden:
            out.append(Distribution(key, sizes[key], (), True))
        else:
            out.append(
                Distribution(
                    key, sizes[key], tuple((lab, side, counts[key][(o, lab, side)]) for o, lab, side in labels)
                )
            )
    return out


@dataclass(frozen=True)
class RoundChange:
    first: Share
    last: Share
    points: float | None  # percentage points, last minus first; None when either is hidden


def round_change(rows: Iterable[Row], first: str, last: str, threshold: int = MIN_CELL) -> RoundChange:
    """The positive share of one question in two rounds, and the change in percentage points."""
    shares = {s.key: s for s in positive_shares(rows, lambda r: str(r["round_label"]), threshold)[1:]}
    a = shares.get(first) or Share(first, 0, 0, None, None, None, True)
    b = shares.get(last) or Share(last, 0, 0, None, None, None, True)
    points = None if a.share is None or b.share is None else 100 * (b.share - a.share)
    return RoundChange(a, b, points)


def option_counts(rows: Iterable[Row], threshold: int = MIN_CELL) -> list[tuple[str, int, int]]:
    """(option, respondents choosing it, respondents answering) of a choice or checkbox
    question, most chosen first; options fewer than ``threshold`` chose are pooled as "Khác"."""
    chose: dict[str, set[tuple[int, int]]] = defaultdict(set)
    answering: set[tuple[int, int]] = set()
    for row in rows:
        if row.get("choice"):
            who = (int(row["batch_id"]), int(row["response_no"]))
            chose[str(row["choice"])].add(who)
            answering.add(who)
    small = {k for k, v in chose.items() if len(v) < threshold}
    pooled = set().union(*(chose[k] for k in small)) if small else set()
    out = [(k, len(v), len(answering)) for k, v in chose.items() if k not in small]
    if pooled:
        out.append(("Khác (gộp các lựa chọn ít người chọn)", len(pooled), len(answering)))
    return sorted(out, key=lambda t: (-t[1], t[0]))


def search_text(rows: Iterable[Row], query: str) -> list[Row]:
    """Open-text answers containing every word of ``query``, compared without diacritics or
    case ("phong hoc" finds "Phòng học")."""
    words = [fold_key(w) for w in query.split() if fold_key(w)]
    found = []
    for row in rows:
        text = row.get("text")
        if text and all(w in fold_key(str(text)) for w in words):
            found.append(row)
    return found


def rounds_of(rows: Sequence[Row]) -> list[str]:
    return sorted({str(r["round_label"]) for r in rows})
