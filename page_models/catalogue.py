"""Danh mục chỉ tiêu: the catalogue with formulas and targets, searchable without diacritics."""

from __future__ import annotations

import pandas as pd

from analysis.catalogue_search import formula_text, search_catalogue
from page_models.tables import goal_text
from vocab.display import deadline_text, target_text
from vocab.labels import VERIFICATION_LABELS_VI

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
        targets_vi=[
            _targets_for(targets, code, unit, period)
            for code, unit, period in zip(found["code"], found["unit"], found["period_type"], strict=True)
        ],
    )


def _targets_for(targets: pd.DataFrame, code: str, unit: str, period_type: str) -> str:
    rows = targets[targets["indicator_code"] == code]
    return "\n".join(f"{goal_text(t, unit, period_type)}; {t['source']}" for t in _plain_rows(rows))


TARGET_COLUMNS = {
    "indicator": "Chỉ tiêu",
    "goal": "Mục tiêu",
    "deadline": "Thời hạn",
    "source": "Văn bản",
    "issued_on": "Ngày ban hành",
    "article": "Điều, khoản, mục",
    "verification": "Kiểm chứng",
    "note": "Ghi chú",
}


def targets_table(targets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Every target with its document, issue date, article and how it was checked (column headers Vietnamese)."""
    meta = catalogue.set_index("code")
    rows = []
    for t in _plain_rows(targets):
        unit, period = str(meta.at[t["indicator_code"], "unit"]), str(meta.at[t["indicator_code"], "period_type"])
        rows.append(
            {
                "indicator": meta.at[t["indicator_code"], "name_vi"],
                "goal": target_text(t, unit),
                "deadline": deadline_text(t["year"], period),
                "source": t["source"],
                "issued_on": "" if t["issued_on"] is None else f"{pd.Timestamp(t['issued_on']):%d/%m/%Y}",
                "article": t.get("article") or "",
                "verification": VERIFICATION_LABELS_VI.get(str(t.get("verification")), ""),
                "note": t.get("note") or "",
            }
        )
    return pd.DataFrame(rows, columns=list(TARGET_COLUMNS)).rename(columns=TARGET_COLUMNS)


def _plain_rows(frame: pd.DataFrame) -> list[dict]:
    return [
        {str(k): (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in r.items()}
        for r in frame.to_dict("records")
    ]
