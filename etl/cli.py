"""Command line: python -m etl {init,template,load,alias,recipe,survey,batches,rollback,demo,
backup,restore,export-archive} [--db PATH]."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from etl.cli_admin import add_admin_parsers, cmd_backup, cmd_export_archive, cmd_restore
from etl.cli_recipes import add_recipe_parser, cmd_recipe
from etl.cli_surveys import add_survey_parser, cmd_survey
from etl.load.console import render_report, render_summary
from etl.load.pipeline import current_user, load_paths
from etl.reference.init_store import init_store
from etl.reference.model import ReferenceDataError
from etl.reference.template_source import TemplateSource
from store import (
    StoreBusyError,
    StoreMissingError,
    StoreUnreadableError,
    StoreWalError,
    fetch_df,
    open_reader,
    resolve_db_path,
    write_session,
)
from store.batches import RollbackError, rollback_batch


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database file (default: $NQ29_DB or data/nq29.duckdb)")
    parser = argparse.ArgumentParser(prog="python -m etl", description="Nạp và quản lý số liệu tổng kết NQ 29.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("init", parents=[common], help="create/migrate the store, load reference data")
    registry = p.add_mutually_exclusive_group()
    registry.add_argument("--units", type=Path, help="unit registry CSV replacing the demo province's")
    registry.add_argument(
        "--province", help="official registry of a province (GSO code or name, e.g. 38 or 'Thanh Hoá')"
    )
    p.add_argument(
        "--registry-dir", type=Path, default=None, help="folder for the --province registry (default data/province)"
    )
    p = sub.add_parser("template", parents=[common], help="write the Excel template for one unit")
    p.add_argument("--unit", required=True, help="unit code, e.g. 993")
    p.add_argument("-o", "--output", required=True, type=Path)
    p = sub.add_parser(
        "load", parents=[common], help="validate and load files: our template or free layouts (xlsx, xls, csv)"
    )
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--dry-run", action="store_true", help="validate only, write nothing")
    p.add_argument("--user", help="who loads (default: the login name)")
    p.add_argument("--note", help="a note kept with each batch")
    p.add_argument("--sender", help="sender code from senders.csv (default: the file's district)")
    p.add_argument(
        "--received", type=date.fromisoformat, help="date the file was received, YYYY-MM-DD (default: today)"
    )
    p.add_argument("--answers", type=Path, help="CSV file,kind,key,answer: answers to the questions a dry run printed")
    p.add_argument(
        "--write-answers",
        type=Path,
        metavar="FILE",
        help="write every open question with its best guess to FILE (check it, then pass it to --answers)",
    )
    p.add_argument(
        "--skip-error-cells",
        action="store_true",
        help="load files without their error cells (after seeing them); the skipped cells are printed and kept",
    )
    p.add_argument(
        "--no-recipes",
        action="store_true",
        help="ignore the answers remembered for a file's sender and layout (recipes)",
    )
    p.add_argument(
        "--remember",
        action="store_true",
        help="save the answers each loaded file used as its sender's recipe for its layout",
    )
    p = sub.add_parser("alias", parents=[common], help="confirm that a name in files means a unit or indicator")
    p.add_argument("kind", choices=["unit", "indicator"])
    p.add_argument("text", help='the name as written in the file, e.g. "Phòng GD huyện Hoà Phong"')
    p.add_argument("code", help="the unit or indicator code it means")
    p.add_argument("--user", help="who confirms (default: the login name)")
    add_recipe_parser(sub, common)
    add_survey_parser(sub, common)
    sub.add_parser("batches", parents=[common], help="list loaded batches")
    p = sub.add_parser("rollback", parents=[common], help="undo one batch (kept in history)")
    p.add_argument("batch", type=int)
    p.add_argument("--user")
    p.add_argument("--note")
    p = sub.add_parser("demo", parents=[common], help="build the illustrative demo province")
    p.add_argument("--out", type=Path, default=None, help="folder for the filled templates (default data/demo)")
    add_admin_parsers(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db = resolve_db_path(args.db)
    try:
        return int(COMMANDS[args.command](args, db))
    except StoreMissingError:
        print(f"Chưa có cơ sở dữ liệu {db}. Chạy: python -m etl init --db {db}", file=sys.stderr)
    except StoreUnreadableError as exc:
        print(
            f"Không mở được cơ sở dữ liệu ({exc}). Không ghi gì. Khôi phục bản sao lưu gần nhất: "
            "python -m etl restore TỆP_SAO_LƯU",
            file=sys.stderr,
        )
    except StoreBusyError:
        print(f"Cơ sở dữ liệu {db} đang được ghi bởi tiến trình khác; thử lại sau.", file=sys.stderr)
    except ReferenceDataError as exc:
        print(f"Dữ liệu tham chiếu không hợp lệ:\n{exc}", file=sys.stderr)
    except StoreWalError as exc:
        print(
            f"Bên cạnh cơ sở dữ liệu có tệp nhật ký dở dang {exc}: một chương trình khác đã mở và ghi trực tiếp "
            "vào cơ sở dữ liệu. Không ghi gì để tránh mất dữ liệu; hãy liên hệ người quản trị.",
            file=sys.stderr,
        )
    except Exception as exc:  # an internal error: its own exit status, distinct from "a file was rejected"
        print(f"Lỗi nội bộ: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3
    return 2


def cmd_init(args: argparse.Namespace, db: Path) -> int:
    units = args.units
    if args.province:
        from etl.reference.province import PROVINCE_DIR, prepare_registry

        units, written = prepare_registry(args.province, args.registry_dir or PROVINCE_DIR)
        print(f"{'Đã ghi' if written else 'Dùng'} danh mục đơn vị {units} (sửa tệp này rồi chạy lại để bổ sung).")
    notes = init_store(db, units)
    for note in notes:
        print(f"Ghi chú: {note}")
    print(f"Đã khởi tạo cơ sở dữ liệu {db}.")
    return 0


def cmd_template(args: argparse.Namespace, db: Path) -> int:
    source = TemplateSource.from_store(db, for_round=True)
    ref = source.reference
    if args.unit not in ref.units:
        print(f"Không có đơn vị mã {args.unit} trong danh mục.", file=sys.stderr)
        return 2
    wb = source.build(args.unit)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    wb.save(args.output)
    print(f"Đã tạo biểu mẫu cho {ref.units[args.unit].name}: {args.output}")
    return 0


def cmd_load(args: argparse.Namespace, db: Path) -> int:
    from etl.load.answers import AnswersFileError, read_answers, write_answers
    from etl.questions import Answers

    try:
        answers = read_answers(args.answers, args.skip_error_cells) if args.answers else None
    except AnswersFileError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    reports = load_paths(
        args.files,
        db,
        dry_run=args.dry_run,
        actor=args.user,
        note=args.note,
        sender_code=args.sender,
        received_on=args.received,
        answers=answers or Answers(skip_error_cells=args.skip_error_cells),
        recipes=not args.no_recipes,
        remember=args.remember,
    )
    for report in reports:
        print(render_report(report))
        print()
    print(render_summary(reports))
    if args.write_answers:
        n = write_answers(args.write_answers, reports)
        print(
            f"Đã ghi {n} câu hỏi (kèm câu trả lời gợi ý) vào {args.write_answers}; "
            "sửa nếu cần rồi chạy lại với --answers."
        )
    return 0 if all(r.ok for r in reports) else 1


def cmd_alias(args: argparse.Namespace, db: Path) -> int:
    from etl.load.aliases import AliasError, save_alias

    try:
        save_alias(db, args.kind, args.text, args.code, args.user or current_user())
    except AliasError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    kind = "đơn vị" if args.kind == "unit" else "chỉ tiêu"
    print(f'Đã ghi: tên "{args.text}" là {kind} mã {args.code}. Các tệp nạp sau sẽ khớp tên này.')
    return 0


def cmd_batches(args: argparse.Namespace, db: Path) -> int:
    con = open_reader(db)
    try:
        frame = fetch_df(con, "batch_list")
    finally:
        con.close()
    if frame.empty:
        print("Chưa có lô dữ liệu nào.")
        return 0
    for row in frame.to_dict("records"):
        status = "đang dùng"
        if row["status"] != "active":
            status = f"đã hoàn tác ({row['rolled_back_at']:%d/%m/%Y %H:%M})"
        print(
            f"Lô {row['batch_id']:>4} | {row['loaded_at']:%d/%m/%Y %H:%M} | {row['loaded_by']} | "
            f"{row['file_name']} | {row['unit_name'] or '-'} | {row['n_values']} giá trị, "
            f"{row['n_warnings']} cảnh báo | {status}"
        )
    return 0


def cmd_rollback(args: argparse.Namespace, db: Path) -> int:
    try:
        with write_session(db) as con:
            file_name = rollback_batch(con, args.batch, args.user or current_user(), args.note)
    except RollbackError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Đã hoàn tác lô {args.batch} ({file_name}); các giá trị trước lô này được dùng lại.")
    return 0


def cmd_demo(args: argparse.Namespace, db: Path) -> int:
    from etl.demo import build_demo  # the generator is only needed here

    reports = build_demo(db, args.out)
    for report in reports:
        if report.issues:
            print(render_report(report))
    print(render_summary(reports))
    return 0 if all(r.ok for r in reports) else 1


COMMANDS = {
    "init": cmd_init,
    "template": cmd_template,
    "load": cmd_load,
    "alias": cmd_alias,
    "recipe": cmd_recipe,
    "survey": cmd_survey,
    "batches": cmd_batches,
    "rollback": cmd_rollback,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export-archive": cmd_export_archive,
}
