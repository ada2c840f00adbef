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

    @classmethod
    def from_store(cls, db_path: Path) -> TemplateSource:
        con = open_reader(db_path)
        try:
            groups = dict(con.execute("SELECT code, name_vi FROM indicator_groups").fetchall())
            return cls(Reference.from_store(con), groups)
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
            settings.review_years(),
            values,
            notice=notice,
        )
