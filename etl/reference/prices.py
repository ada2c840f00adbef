"""The consumer price index that deflates amounts (data/reference/deflator.csv), 2013 = 100.

Each row holds the annual average CPI's rise over the previous year and the index it
chains to; the file is checked for a chain that holds (to the rounding of two decimals),
so an edited rate cannot leave a stale index behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from etl.reference.files import read_csv_rows
from etl.reference.model import ReferenceDataError

BASE_YEAR = 2013


def parse_price_index(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for line, r in enumerate(read_csv_rows(path), start=2):
        try:
            year, level = int(r["year"]), float(r["index_2013"])
            change = float(r["cpi_change"]) if r["cpi_change"] else None
        except ValueError:
            problems.append(f"{path.name}:{line}: năm, mức tăng và chỉ số phải là số")
            continue
        if not r["source"] or not r["verification"]:
            problems.append(f"{path.name}:{line}: cần nguồn (source) và cách kiểm chứng (verification)")
        rows.append(
            {
                "year": year,
                "cpi_change": change,
                "index_2013": level,
                "verification": r["verification"],
                "source": r["source"],
            }
        )
    problems += _chain_problems(rows, path.name)
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return rows


def _chain_problems(rows: list[dict[str, Any]], file_name: str) -> list[str]:
    """The base year is 100, and each year's index is the previous one raised by its CPI change."""
    by_year = {int(r["year"]): (float(r["index_2013"]), r["cpi_change"]) for r in rows}
    problems = (
        []
        if by_year.get(BASE_YEAR, (None, None))[0] == 100.0
        else [f"{file_name}: chỉ số năm {BASE_YEAR} phải bằng 100"]
    )
    for year, (value, rise) in by_year.items():
        if year - 1 in by_year and rise is not None:
            chained = by_year[year - 1][0] * (1 + float(rise) / 100)
            if abs(chained - value) > 0.02:
                problems.append(f"{file_name}: chỉ số năm {year} không khớp mức tăng {rise}% so với {year - 1}")
    return problems
