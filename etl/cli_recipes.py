"""``python -m etl recipe {list,export,import,withdraw}``: answers remembered per sender and layout.

A recipe converts to and from the ``--answers`` CSV file (etl/load/answers.py): ``export ID -o
FILE`` writes it with its layout in extra columns; ``import FILE --sender CODE`` saves a file's
answers as that sender's recipe for the layout the file names (or ``--layout SIGNATURE``, or
``--like DATA_FILE``: the layout of a data file). docs/recipes.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from etl.load.answer_meaning import AnswerError
from etl.load.answers import AnswersFileError, read_recipe_file, recipe_csv
from etl.load.pipeline import current_user
from etl.load.recipes import STATUS_VI, import_recipe, read_recipe, withdraw_recipe
from etl.reading.worker import read_isolated
from etl.reference.model import Reference
from store import fetch_df, open_reader


def add_recipe_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("recipe", parents=[common], help="answers remembered per sender and layout (recipes)")
    actions = p.add_subparsers(dest="action", required=True)
    actions.add_parser("list", parents=[common], help="list the recipes")
    q = actions.add_parser("export", parents=[common], help="write a recipe as an answers file (CSV)")
    q.add_argument("recipe", type=int)
    q.add_argument("-o", "--output", required=True, type=Path)
    q = actions.add_parser("import", parents=[common], help="save an answers file as a sender's recipe")
    q.add_argument("file", type=Path)
    q.add_argument("--sender", required=True, help="sender code from senders.csv")
    layout = q.add_mutually_exclusive_group()
    layout.add_argument("--layout", help="layout signature (default: the file's layout column)")
    layout.add_argument("--like", type=Path, metavar="DATA_FILE", help="take the layout of this data file")
    q.add_argument("--user", help="who saves (default: the login name)")
    q.add_argument("--note")
    q = actions.add_parser("withdraw", parents=[common], help="delete a recipe (kept as a withdrawn version)")
    q.add_argument("recipe", type=int)
    q.add_argument("--user")
    q.add_argument("--note")


def cmd_recipe(args: argparse.Namespace, db: Path) -> int:
    return int({"list": _list, "export": _export, "import": _import, "withdraw": _withdraw}[args.action](args, db))


def _list(args: argparse.Namespace, db: Path) -> int:
    with open_reader(db) as con:
        frame = fetch_df(con, "recipe_list")
    if frame.empty:
        print("Chưa có bộ câu trả lời nào được lưu.")
        return 0
    for r in frame.to_dict("records"):
        first = str(r["layout_text"]).splitlines()[1:2] or [""]
        print(
            f"Bộ {r['recipe_id']:>3} | phiên bản {r['version']} | {STATUS_VI.get(r['status'], r['status'])} | "
            f"{r['sender_name'] or r['sender_code']} | {r['n_answers']} câu trả lời | {r['author']} "
            f"{r['written_at']:%d/%m/%Y %H:%M} | lô: {r['batch_ids'] or '-'} | {first[0].strip()}"
        )
    return 0


def _export(args: argparse.Namespace, db: Path) -> int:
    recipe = read_recipe(db, args.recipe)
    if recipe is None:
        print(f"Không có bộ câu trả lời số {args.recipe}.", file=sys.stderr)
        return 1
    with open_reader(db) as con:
        ref = Reference.from_store(con)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(recipe_csv(recipe, ref))
    print(f"Đã ghi bộ câu trả lời số {recipe.recipe_id} (phiên bản {recipe.version}) vào {args.output}.")
    return 0


def _import(args: argparse.Namespace, db: Path) -> int:
    try:
        read = read_recipe_file(args.file.read_text(encoding="utf-8-sig"), args.file.name)
        layout, text = args.layout or read.layout, read.layout_text or ""
        if args.like is not None:
            extracted = read_isolated(args.like.read_bytes(), args.like.name)
            layout, text = extracted.layout_signature, extracted.layout_text or ""
        if not layout:
            raise AnswerError("Tệp không ghi bố cục: thêm --layout MÃ_BỐ_CỤC hoặc --like TỆP_SỐ_LIỆU.")
        recipe = import_recipe(db, args.sender, layout, text, read.answers, args.user or current_user(), args.note)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Không đọc được tệp: {exc}", file=sys.stderr)
        return 2
    except (AnswersFileError, AnswerError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(
        f"Đã lưu bộ câu trả lời số {recipe.recipe_id} (phiên bản {recipe.version}) cho bên gửi {args.sender}: "
        f"{len(recipe.answers)} câu trả lời."
    )
    return 0


def _withdraw(args: argparse.Namespace, db: Path) -> int:
    try:
        version = withdraw_recipe(db, args.recipe, args.user or current_user(), args.note)
    except AnswerError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Đã xóa bộ câu trả lời số {args.recipe} (giữ lại ở phiên bản {version}); các tệp sau sẽ được hỏi lại.")
    return 0
