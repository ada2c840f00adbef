"""``python -m etl survey {load,list}``: opinion survey exports (docs/surveys.md). A survey
batch is rolled back like any other: ``python -m etl rollback ID``."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from store import fetch_df, open_reader

QUESTIONNAIRE_DIR = Path(__file__).resolve().parents[1] / "data" / "questionnaire"


def add_survey_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("survey", parents=[common], help="opinion surveys: Google Forms / Microsoft Forms exports")
    actions = p.add_subparsers(dest="action", required=True)
    q = actions.add_parser("load", parents=[common], help="check and load survey exports (xlsx, csv)")
    q.add_argument("files", nargs="+", type=Path)
    q.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    q.add_argument("--survey", default="nq29", help="survey code (default nq29: the shipped questionnaire)")
    q.add_argument("--round", dest="round_label", help="survey round, e.g. 2023 (default: year of the last answer)")
    q.add_argument("--user")
    q.add_argument("--note")
    q.add_argument("--sender", help="sender code from senders.csv")
    q.add_argument("--received", type=date.fromisoformat, help="date received, YYYY-MM-DD")
    q.add_argument("--answers", type=Path, help="answers file (file,kind,key,answer)")
    q.add_argument("--write-answers", type=Path, metavar="FILE", help="write the open questions to FILE")
    q.add_argument("--no-recipes", action="store_true", help="ignore remembered answers")
    q.add_argument("--remember", action="store_true", help="remember the answers for the sender and layout")
    actions.add_parser("list", parents=[common], help="list the survey batches")
    q = actions.add_parser(
        "questionnaire", parents=[common], help="write the ready questionnaire: DOCX (Microsoft Forms) and Apps Script"
    )
    q.add_argument("--out", type=Path, default=QUESTIONNAIRE_DIR, help=f"folder (default {QUESTIONNAIRE_DIR})")


def cmd_survey(args: argparse.Namespace, db: Path) -> int:
    if args.action == "questionnaire":
        return _questionnaire(args.out, db)
    return _load(args, db) if args.action == "load" else _list(db)


def _questionnaire(out: Path, db: Path) -> int:
    """One DOCX and one Apps Script per respondent family; the district list from the store's
    registry when there is a store (else a typed answer)."""
    from etl.load.surveys.form_files import FAMILIES, apps_script, questionnaire_docx
    from etl.load.surveys.questionnaire import shipped_questionnaire
    from etl.reference.model import Reference

    districts: list[str] = []
    if db.exists():
        with open_reader(db) as con:
            ref = Reference.from_store(con)
        districts = [u.name for u in ref.units.values() if u.kind != "province" and u.valid_to is None]
    out.mkdir(parents=True, exist_ok=True)
    form = shipped_questionnaire()
    for family in FAMILIES:
        (out / f"phieu_{family.code}.docx").write_bytes(questionnaire_docx(form, family, districts))
        (out / f"phieu_{family.code}.gs").write_text(apps_script(form, family, districts), encoding="utf-8")
        print(f"Đã ghi {out / f'phieu_{family.code}.docx'} và {out / f'phieu_{family.code}.gs'}")
    return 0


def _load(args: argparse.Namespace, db: Path) -> int:
    from etl.load.answers import AnswersFileError, read_answers, write_answers
    from etl.load.surveys.console import render_survey_report, render_survey_summary
    from etl.load.surveys.pipeline import load_survey_paths

    try:
        answers = read_answers(args.answers) if args.answers else None
    except AnswersFileError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    reports = load_survey_paths(
        args.files,
        db,
        answers,
        dry_run=args.dry_run,
        actor=args.user,
        note=args.note,
        sender_code=args.sender,
        received_on=args.received,
        survey_code=args.survey,
        round_label=args.round_label,
        recipes=not args.no_recipes,
        remember=args.remember,
    )
    for report in reports:
        print(render_survey_report(report))
        print()
    print(render_survey_summary(reports))
    if args.write_answers:
        n = write_answers(args.write_answers, reports)
        print(f"Đã ghi {n} câu hỏi vào {args.write_answers}; sửa nếu cần rồi chạy lại với --answers.")
    return 0 if all(r.ok for r in reports) else 1


def _list(db: Path) -> int:
    with open_reader(db) as con:
        frame = fetch_df(con, "survey_batch_list")
    if frame.empty:
        print("Chưa có lô khảo sát nào.")
        return 0
    for row in frame.to_dict("records"):
        status = "đang dùng" if row["current"] else ("đã hoàn tác" if row["rolled_back"] else "đã thay bằng lô sau")
        print(
            f"Lô {row['batch_id']:>4} | {row['survey_code']} đợt {row['round_label']} | {row['tool']} | "
            f"{row['file_name']} | {row['n_responses']} người trả lời | "
            f"bỏ cột: {row['dropped_columns'] or '-'} | {status}"
        )
    return 0
