"""Raw cells of a free-layout table: the value with its unit, indicator, year and unit of measure,
and the check that a column's unit of measure holds for all its values.

A GSO export heads every year "Pupil (Thous. Pupil)" but writes 2015 and 2016 in persons
(156556 where 2014 says 144): a value that is about a thousand times its series under the
header's multiplier, and in line with it without, is not in the header's unit. It is skipped
with one warning per column, never loaded scaled or unscaled.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import median
from typing import Any, cast

from etl.issues import Issue, make_issue
from etl.reading.free_layout import Column
from etl.reading.grid import Grid, cell_name
from etl.records import RawCell
from etl.reference.model import Reference
from etl.resolve.cells import UNKNOWN_FORMAT
from etl.resolve.keywords import measure_factor
from etl.resolve.years import read_year_label
from vocab.numbers import parse_number

_OUTLIER_FACTOR = 100  # a value this many times its series' median is in another unit
_MIN_SERIES = 3


@dataclass(frozen=True)
class Place:
    """Where a value's dimensions were found."""

    unit: str
    indicator: str
    year_label: object
    unit_cell: str | None
    indicator_cell: str | None
    year_cell: str | None
    measure: str | None  # the unit of measure written for it ("nghìn học sinh")


def year_text(label: object, band: bool) -> object:
    """A plain year under a "Năm học" band carries the band: "Năm học 2015" (docs/domain.md, Year labels)."""
    if band and not isinstance(label, bool) and read_year_label(label).plain:
        return f"Năm học {label}"
    return label


def share_indicator(code: str, measure: str | None, ref: Reference) -> str:
    """A count or an amount written in "%" is its share: "Chi sự nghiệp giáo dục…" in a budget
    structure table (Đơn vị tính: %) is the rate whose numerator it is, when exactly one is."""
    ind = ref.indicators[code]
    if measure is None or ind.kind not in ("count", "amount") or measure_factor(measure, "%") != 1:
        return code
    rates = [c for c, i in ref.indicators.items() if i.kind == "rate" and i.numerator == code]
    return rates[0] if len(rates) == 1 else code


def raw_cell(
    grid: Grid, r: int, col: Column, value: object, place: Place, ref: Reference, at: dict[str, Any], out: Any
) -> RawCell | None:
    pos = (r, col.index)
    where = {**at, "cell": cell_name(r, col.index)}
    if pos in grid.formulas:
        out.issues.append(make_issue("formula-without-value", raw_value=grid.formulas[pos], **where))
        return None
    if pos in grid.not_finite:
        out.issues.append(make_issue("value-not-finite", raw_value=grid.errors[pos], **where))
        return None
    raw = grid.errors.get(pos, value)
    scale, unit_label, flags = 1.0, None, cast(tuple[str, ...], ())
    if place.measure:
        factor = measure_factor(place.measure, ref.indicators[place.indicator].unit)
        if factor is None:
            unit_label = place.measure  # resolve reports the mismatch and skips the value
        elif factor != 1:
            scale, flags = factor, (f"scaled-x{factor:g}",)
            out.issues.append(
                make_issue(
                    "measure-scaled",
                    raw_value=place.measure,
                    expected=ref.indicators[place.indicator].unit,
                    factor=f"{factor:g}",
                    **{**at, "cell": place.indicator_cell or col.header_cell},
                )
            )
    return RawCell(
        grid.name,
        where["cell"],
        place.unit,
        place.indicator,
        place.year_label,
        raw,
        "0%" if pos in grid.percent else ("General" if grid.formats_known else UNKNOWN_FORMAT),
        place.unit_cell,
        place.indicator_cell,
        place.year_cell,
        unit_label,
        scale,
        "vi",
        flags,
    )


def drop_scale_outliers(cells: list[RawCell], headers: dict[str, str], at: dict[str, Any]) -> list[Issue]:
    """Removes from ``cells`` the scaled values that are in another unit than their header says;
    ``headers`` maps a value cell to its header cell. One warning per header."""
    series: dict[tuple[str, str], list[tuple[RawCell, float]]] = defaultdict(list)
    for c in cells:
        number = _number(c.raw)
        if c.scale != 1 and number is not None:
            series[(c.unit_ref, c.indicator_ref)].append((c, number))
    outliers: dict[str, list[RawCell]] = defaultdict(list)
    for values in series.values():
        if len(values) < _MIN_SERIES:
            continue
        middle = median(n * c.scale for c, n in values)
        for c, n in values:
            if middle and n * c.scale > _OUTLIER_FACTOR * middle and n < 5 * middle:
                outliers[headers.get(c.cell, c.cell)].append(c)
    dropped = {id(c) for group in outliers.values() for c in group}
    cells[:] = [c for c in cells if id(c) not in dropped]
    return [
        make_issue(
            "measure-scale-inconsistent",
            raw_value=", ".join(c.cell for c in group[:5]),
            skipped=len(group),
            n=len(group),
            factor=f"{group[0].scale:g}",
            **{**at, "sheet": group[0].sheet, "cell": header},
        )
        for header, group in outliers.items()
    ]


def _number(raw: object) -> float | None:
    parsed = parse_number(raw)
    if parsed.value is not None:
        return parsed.value
    try:
        return float(str(raw))
    except ValueError:
        return None
