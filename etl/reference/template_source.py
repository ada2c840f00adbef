"""Templates for the units of a store: the reference read once, a workbook per unit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from etl import settings
from etl.reference.model import Reference
from etl.reference.template_writer import build_template
from store import open_reader


@dataclass(frozen=True)
class TemplateSource:
    reference: Reference
    group_names: dict[str, str]
    years: range = settings.review_years()

    @classmethod
    def from_store(cls, db_path: Path, for_round: bool = False) -> TemplateSource:
        """The reference of the store. The template's years are the standard ones (settings), or with
        ``for_round`` those of the store's current round (the latest deadline), its earlier baseline
        included: school years 2012-2013 … 2022-2023 for the 2023 review."""
        con = open_reader(db_path)
        try:
            groups = dict(con.execute("SELECT code, name_vi FROM indicator_groups").fetchall())
            row = (
                con.execute(
                    "SELECT least(first_year, coalesce(baseline_year, first_year)), last_year FROM current_rounds "
                    "ORDER BY deadline DESC, round_code LIMIT 1"
                ).fetchone()
                if for_round
                else None
            )
            years = range(int(row[0]), int(row[1]) + 1) if row else settings.review_years()
            return cls(Reference.from_store(con), groups, years)
        finally:
            con.close()

    def build(
        self, unit_code: str, values: Mapping[tuple[str, int], float] | None = None, notice: str | None = None
    ) -> Workbook:
        """The standard template of one unit (KeyError for a code not in the registry)."""
        return build_template(
            self.reference.units[unit_code],
            self.reference.indicators.values(),
            self.group_names,
            self.years,
            values,
            notice=notice,
        )
