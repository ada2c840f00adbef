"""Câu trả lời đã lưu (analysts): the recipes, each version, the batches read with them; edit,
delete, export and import; and what the files of those batches load after an edit.

Plain Python over etl/load/recipes.py: the page only draws what these functions return.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.load.answer_meaning import AnswerError, answer_choices, answer_label, question_label
from etl.load.answers import AnswersFileError, read_recipe_file, recipe_csv
from etl.load.pipeline import check_content
from etl.load.recipes import STATUS_VI, Recipe, edit_recipe, import_recipe, load_recipe, withdraw_recipe
from etl.reading.worker import read_isolated
from etl.reference.model import Reference
from page_models.answers import ValueChanges, answers_table, value_changes, value_map
from store import fetch_df, fetch_rows, open_reader
from store.batches import original_file

ORIGIN_VI = {"load": "Lưu khi nạp tệp", "edit": "Sửa trên trang", "import": "Nhập từ tệp", "withdraw": "Xóa"}
BATCH_STATUS_VI = {"active": "Đang dùng", "rolled_back": "Đã hoàn tác"}
RECHECKED = 3  # files of the latest batches read again after an edit


@dataclass(frozen=True)
class RecipeDetail:
    recipe: Recipe
    answers: pd.DataFrame  # Câu hỏi, Câu trả lời
    versions: pd.DataFrame
    batches: pd.DataFrame
    choices: dict[tuple[str, str], list[str] | None]  # the answers each question allows (None: a row number)
    labels: dict[tuple[str, str], dict[str, str]]  # what each allowed answer means


@dataclass(frozen=True)
class FileRecheck:
    """A file a recipe read before, read again with the recipe as it is now."""

    batch_id: int
    file_name: str
    version: int  # the version the batch was read with
    changes: ValueChanges  # what the batch stored → what the file loads now


def recipe_table(db_path: Path, withdrawn: bool = False) -> pd.DataFrame:
    """One row per recipe (its latest version), as the page lists them."""
    with open_reader(db_path) as con:
        ref = Reference.from_store(con)
        frame = fetch_df(con, "recipe_list")
        rows = []
        for r in frame.to_dict("records"):
            if r["status"] != "active" and not withdrawn:
                continue
            recipe = load_recipe(con, int(r["recipe_id"]), int(r["version"]))
            assert recipe is not None
            rows.append(
                {
                    "recipe_id": int(r["recipe_id"]),
                    "Bên gửi": r["sender_name"] or r["sender_code"],
                    "Bố cục": layout_summary(str(r["layout_text"])),
                    "Câu trả lời": "; ".join(
                        f"{question_label(k, q)}: {answer_label(k, a, ref)}" for k, q, a in recipe.answers
                    ),
                    "Phiên bản": int(r["version"]),
                    "Người lưu": r["author"],
                    "Thời điểm": r["written_at"],
                    "Trạng thái": STATUS_VI.get(str(r["status"]), r["status"]),
                    "Các lô đã dùng": r["batch_ids"] or "",
                }
            )
    return pd.DataFrame(rows, columns=RECIPE_COLUMNS)


RECIPE_COLUMNS = [
    "recipe_id",
    "Bên gửi",
    "Bố cục",
    "Câu trả lời",
    "Phiên bản",
    "Người lưu",
    "Thời điểm",
    "Trạng thái",
    "Các lô đã dùng",
]


def layout_summary(text: str, lines: int = 3) -> str:
    """The first lines of a readable layout on one line: sheet name and title."""
    parts = [line.strip() for line in text.splitlines() if line.strip()]
    return " · ".join(parts[:lines]) + (" …" if len(parts) > lines else "")


def recipe_detail(db_path: Path, recipe_id: int) -> RecipeDetail | None:
    with open_reader(db_path) as con:
        recipe = load_recipe(con, recipe_id)
        if recipe is None:
            return None
        ref = Reference.from_store(con)
        versions = fetch_df(con, "recipe_versions", {"recipe_id": recipe_id})
        versions["answers"] = [
            "; ".join(f"{question_label(k, q)}: {answer_label(k, a, ref)}" for k, q, a in v.answers)
            for v in (load_recipe(con, recipe_id, int(n)) for n in versions["version"])
            if v is not None
        ]
        batches = fetch_df(con, "recipe_batches", {"recipe_id": recipe_id})
    versions[["source_file", "note"]] = versions[["source_file", "note"]].fillna("")
    versions["origin"] = versions["origin"].map(ORIGIN_VI)
    versions["status"] = versions["status"].map(STATUS_VI)
    batches["status"] = batches["status"].map(BATCH_STATUS_VI)
    keys = [(k, q) for k, q, _ in recipe.answers]
    choices = {(k, q): answer_choices(k, ref) for k, q in keys}
    labels = {(k, q): {a: answer_label(k, a, ref) for a in (choices[(k, q)] or [])} for k, q in keys}
    return RecipeDetail(recipe, answers_table(recipe.answers, ref), versions, batches, choices, labels)


def save_answers(
    db_path: Path, recipe_id: int, answers: Mapping[tuple[str, str], str], actor: str, note: str | None
) -> tuple[Recipe, list[FileRecheck]]:
    """The recipe edited (a new version), and what the files of its latest batches load now."""
    recipe = edit_recipe(db_path, recipe_id, answers, actor, note or None)
    return recipe, recheck_files(db_path, recipe_id)


def delete_recipe(db_path: Path, recipe_id: int, actor: str, note: str | None) -> int:
    return withdraw_recipe(db_path, recipe_id, actor, note or None)


def recheck_files(db_path: Path, recipe_id: int, limit: int = RECHECKED) -> list[FileRecheck]:
    """The archived files of the recipe's latest active batches checked again (the pipeline's
    check, with their sender), against what each batch stored."""
    with open_reader(db_path) as con:
        ref = Reference.from_store(con)
        batches = fetch_df(con, "recipe_batches", {"recipe_id": recipe_id})
        out = []
        for b in batches[batches["status"] == "active"].head(limit).to_dict("records"):
            archived = original_file(con, int(b["batch_id"]))
            if archived is None:
                continue
            name, content = archived
            report = check_content(content, name, con, sender_code=b["sender_code"] or None)
            rows = fetch_rows(con, "batch_observations", {"batch_id": int(b["batch_id"])})
            stored = {(str(u), str(i), int(y)): float(v) for u, i, y, v in rows}
            changes = value_changes(stored, value_map(report.values), ref)
            out.append(FileRecheck(int(b["batch_id"]), name, int(b["version"]), changes))
    return out


def export_answers(db_path: Path, recipe_id: int) -> bytes:
    """The recipe as an answers file (CSV), the format of ``--answers`` and ``recipe import``."""
    with open_reader(db_path) as con:
        recipe = load_recipe(con, recipe_id)
        ref = Reference.from_store(con)
    return recipe_csv(recipe, ref) if recipe else b""


def import_answers(
    db_path: Path,
    content: bytes,
    name: str,
    sender: str,
    actor: str,
    note: str | None = None,
    sample: tuple[str, bytes] | None = None,
) -> Recipe:
    """An uploaded answers file saved as the sender's recipe for the layout it names (or the layout
    of a sample data file). Raises AnswerError (Vietnamese)."""
    try:
        read = read_recipe_file(content.decode("utf-8-sig"), name)
    except UnicodeDecodeError as exc:
        raise AnswerError(f"Tệp {name} không phải văn bản UTF-8.") from exc
    except AnswersFileError as exc:
        raise AnswerError(str(exc)) from exc
    layout, text = read.layout, read.layout_text or ""
    if sample is not None:
        extracted = read_isolated(sample[1], sample[0])  # a sample file is read like any upload
        layout, text = extracted.layout_signature, extracted.layout_text or ""
    if not layout:
        raise AnswerError("Tệp câu trả lời không ghi bố cục: tải thêm một tệp số liệu mẫu có bố cục đó.")
    return import_recipe(db_path, sender, layout, text, read.answers, actor, note or None)
