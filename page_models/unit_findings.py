"""A unit's findings from the store's rows: the one call behind Tổng quan, Đánh giá and the report drafts.

The province's findings rest on its usable figures (page_models.assessment); a district's
on its own, with the province's beside them ("toàn tỉnh: 79,5%") and held to the national
targets and the province's own (a district's Party committee adopts the province's
targets; docs/findings.md, A district's report).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from page_models.assessment import AssessmentView, build_assessment
from page_models.common import usable_only
from page_models.finding_notes import notes_from
from page_models.findings import FindingSet, build_findings, value_map
from page_models.sentences import Context, Sentence, fact_sentence

__all__ = ["UnitFindings", "unit_findings"]


@dataclass
class UnitFindings:
    view: AssessmentView
    findings: FindingSet
    context: Context

    def facts(self, codes: Sequence[str]) -> list[tuple[str, Sentence]]:
        """A neutral statement of each indicator's latest definition version (the People's Council's
        resources), in the order given; indicators without a usable figure are left out."""
        table = self.view.table
        out = []
        for code in codes:
            rows = table[table["indicator_code"] == code]
            if rows.empty:
                continue
            row = rows.sort_values("version").iloc[-1]
            out.append((code, fact_sentence({str(k): v for k, v in row.to_dict().items()}, self.context)))
        return out


def unit_findings(
    values: pd.DataFrame,
    catalogue: pd.DataFrame,
    targets: pd.DataFrame,
    tasks: pd.DataFrame,
    notes: pd.DataFrame,
    units: pd.DataFrame,
    unit_code: str,
    province_code: str,
    first_year: int,
    last_year: int,
    *,
    as_of: date | None = None,
    deadline_rule: str = "ending",
    province_values: pd.DataFrame | None = None,
) -> UnitFindings:
    """The assessment and findings of `unit_code` (the province, or one of its districts).

    ``values``: the unit's rows of the assessment_values query as leaders read them
    (analysis.budget.present); ``province_values`` the province's, for a district.
    """
    unit_code, province_code = str(unit_code), str(province_code)
    district = unit_code != province_code
    if district:
        own = targets["unit_code"].astype("string") == province_code
        targets = targets.assign(unit_code=targets["unit_code"].where(~own.fillna(False).to_numpy(), None))
    view = build_assessment(
        values, catalogue, targets, unit_code, first_year, last_year, as_of=as_of, deadline_rule=deadline_rule
    )
    kinds = dict(zip(units["code"].astype(str), units["kind"].astype(str), strict=True))
    compare = None
    if district and province_values is not None:
        compare = value_map(usable_only(province_values), province_code)
    context = Context(
        values=value_map(usable_only(values), unit_code),
        catalogue={str(r["code"]): {str(k): v for k, v in r.items()} for r in catalogue.to_dict("records")},
        unit_kind="province" if not district else kinds.get(unit_code, "district"),
        compare=compare,
    )
    found = build_findings(view.table, catalogue, tasks, context, notes_from(notes, unit_code if district else None))
    return UnitFindings(view, found, context)
