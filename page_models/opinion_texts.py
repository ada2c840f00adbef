"""Open-text answers for analysts: search without diacritics, themes attached to an answer, and
quotes kept (anonymised) for the report. Every write is a new version (store.review); a quote
is masked again when saved, so what an analyst types cannot bring an e-mail or a phone number
back."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from pathlib import Path

import pandas as pd

from analysis.surveys import search_text
from etl.load.surveys.privacy import mask_text
from page_models.opinions import records
from store import write_session
from store.review import save_version, withdraw
from vocab.text import clean_text


class OpinionInputError(ValueError):
    """A theme or quote cannot be saved (Vietnamese message)."""


def texts_table(
    texts: pd.DataFrame,
    query: str,
    question_code: str | None,
    round_label: str | None,
    names: Mapping[Hashable, str],
    group_names: Mapping[Hashable, str],
) -> pd.DataFrame:
    """The matching answers, newest round first, with where each comes from and its themes."""
    rows = records(texts)
    rows = [r for r in rows if (question_code is None or r["question_code"] == question_code)]
    rows = [r for r in rows if round_label is None or str(r["round_label"]) == round_label]
    found = search_text(rows, query) if query.strip() else rows
    return pd.DataFrame(
        [
            {
                "batch_id": r["batch_id"],
                "response_no": r["response_no"],
                "question_code": r["question_code"],
                "Đợt": str(r["round_label"]),
                "Địa bàn": names.get(r["unit_code"] if isinstance(r["unit_code"], str) else "", ""),
                "Đối tượng": group_names.get(r["group_code"] if isinstance(r["group_code"], str) else "", ""),
                "Ý kiến": r["text"],
                "Chủ đề": r["themes"] if isinstance(r["themes"], str) else "",
            }
            for r in found
        ],
        columns=["batch_id", "response_no", "question_code", "Đợt", "Địa bàn", "Đối tượng", "Ý kiến", "Chủ đề"],
    )


def save_theme(db_path: Path, batch_id: int, response_no: int, question_code: str, theme: str, author: str) -> int:
    theme = clean_text(theme)
    if not theme:
        raise OpinionInputError("Hãy nhập tên chủ đề (ví dụ: thiếu giáo viên, cơ sở vật chất).")
    fields = {
        "batch_id": batch_id,
        "response_no": response_no,
        "question_code": question_code,
        "theme": mask_text(theme)[0],
        "status": "active",
    }
    with write_session(db_path) as con:
        return save_version(con, "survey_themes", fields, author)[0]


def save_quote(
    db_path: Path,
    batch_id: int,
    response_no: int,
    question_code: str,
    text: str,
    author: str,
    quote_id: int | None = None,
) -> int:
    """Keep (or edit, with ``quote_id``) a quote for the report; its text is masked again."""
    text = clean_text(text)
    if not text:
        raise OpinionInputError("Trích dẫn không được để trống.")
    fields = {
        "batch_id": batch_id,
        "response_no": response_no,
        "question_code": question_code,
        "text": mask_text(text)[0],
        "status": "active",
    }
    with write_session(db_path) as con:
        return save_version(con, "survey_quotes", fields, author, quote_id)[0]


def withdraw_quote(db_path: Path, quote_id: int, author: str) -> None:
    with write_session(db_path) as con:
        withdraw(con, "survey_quotes", quote_id, author)
