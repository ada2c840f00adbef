"""Definition versions of an indicator: the stretches between its catalogue break years.

An indicator whose definition changed in 2020 (teacher qualification under the 2019
Education Law) has two versions: up to 2019 and from 2020. A change, a trend or a target
verdict is computed within one version, never across a break (docs/domain.md, Definition
breaks). A dated target belongs to the version holding the year it is judged on; a target
for every year applies to each version.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

import pandas as pd

__all__ = ["breaks_of", "version_label", "version_of", "version_spans"]


def breaks_of(meta: Mapping[str, Any]) -> list[int]:
    """The break years of a catalogue row: break_year, then later_breaks (';'-separated)."""
    years = []
    first = meta.get("break_year")
    if first is not None and not pd.isna(first):
        years.append(int(first))
    later = meta.get("later_breaks")
    if isinstance(later, str):
        years += [int(y) for y in later.split(";") if y.strip()]
    return sorted(set(years))


def version_of(year: int, breaks: list[int]) -> int:
    """0 before the first break, 1 from it, 2 from the second …"""
    return sum(1 for b in breaks if b <= int(year))


def version_spans(breaks: list[int], first_year: int, last_year: int) -> list[tuple[int, int, int]]:
    """(version, first, last) of every version that overlaps first_year..last_year."""
    edges = [first_year, *[b for b in breaks if first_year < b <= last_year], last_year + 1]
    return [(version_of(lo, breaks), lo, hi - 1) for lo, hi in pairwise(edges)]


def version_label(meta: Mapping[str, Any], version: int) -> str:
    """The catalogue's label of a version ("chuẩn trình độ đào tạo theo Luật Giáo dục 2019"), or "" without one."""
    labels = meta.get("version_labels")
    if not isinstance(labels, str):
        return ""
    parts = [p.strip() for p in labels.split("|")]
    return parts[version] if 0 <= version < len(parts) else ""
