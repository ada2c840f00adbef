"""Danh mục chỉ tiêu: the catalogue with formulas and targets, searchable without diacritics."""

from __future__ import annotations

import pandas as pd

from analysis.catalogue_search import formula_text, search_catalogue
from vocab.display import deadline_text, target_text

DIRECTION_VI = {"up": "Càng cao càng tốt", "down": "Càng thấp càng tốt", "neutral": "Không đánh giá tốt/xấu"}
PERIOD_VI = {
    "30/9": "Năm học (số liệu tại thời điểm 30/9)",
    "31/5": "Năm học (kết quả cuối năm học, 31/5)",
    "calendar": "Năm dương lịch",
}


def build_catalogue(catalogue: pd.DataFrame, targets: pd.DataFrame, text: str) -> pd.DataFrame:
    """Matching indicators with Vietnamese labels for direction, period, formula and targets."""
    found = search_catalogue(catalogue, text)
    return found.assign(
        formula=[formula_text(row) for _, row in found.iterrows()],
        direction_vi=found["direction"].map(DIRECTION_VI),
        period_vi=found["reference_date"].map(PERIOD_VI),
        targets_vi=[_targets_for(targets, code, unit) for code, unit in zip(found["code"], found["unit"], strict=True)],
    )


def _targets_for(targets: pd.DataFrame, code: str, unit: str) -> str:
    rows = targets[targets["indicator_code"] == code]
    parts = []
    for _, t in rows.iterrows():
        when = deadline_text(t["year"])
        parts.append(f"{target_text({str(k): v for k, v in t.to_dict().items()}, unit)} ({when}; {t['source']})")
    return "\n".join(parts)
