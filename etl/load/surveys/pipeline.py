"""Loading a form export as one batch: checked in full, then written in one transaction or not
at all, with the same dry run, recipes, "same bytes load once" and rollback as indicator files
(etl/load/pipeline.py). The batch keeps the export without personal data (etl/load/surveys/kept.py)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import duckdb

from etl.issues import make_issue
from etl.load.pipeline import current_user
from etl.load.recipes import recipe_for, remembered, save_recipe, with_recipe
from etl.load.stored import issue_row
from etl.load.surveys.check import SurveyReport, check_survey
from etl.load.surveys.questionnaire import Questionnaire, shipped_questionnaire
from etl.questions import Answers, FileAnswers
from etl.reference.model import Reference
from store import fetch_rows, open_reader, write_session
from store.batches import NewBatch, active_batch_for, answers_key, record_batch
from store.reference import insert_rows

DEFAULT_SURVEY = "nq29"


def check_survey_file(
    content: bytes,
    file_label: str,
    con: duckdb.DuckDBPyConnection,
    answers: FileAnswers | None = None,
    *,
    sender_code: str | None = None,
    recipes: bool = True,
    questionnaire: Questionnaire | None = None,
) -> SurveyReport:
    """Check one export; the answers remembered for its sender and layout are used under the
    analyst's own unless ``recipes`` is False (etl/load/recipes.py)."""
    answers = answers if answers is not None else FileAnswers()
    ref = Reference.from_store(con)
    form = questionnaire or shipped_questionnaire()
    report = check_survey(content, file_label, ref, form, answers)
    match = recipe_for(con, report.layout_signature, sender_code, None)
    if match.recipe is not None and recipes:
        report = check_survey(content, file_label, ref, form, with_recipe(answers, match.recipe))
        report.recipe = match.recipe
    report.sender_code = match.sender_code if (recipes or match.source != "layout") else sender_code
    return report


def load_survey(
    content: bytes,
    file_label: str,
    db_path: Path,
    *,
    dry_run: bool = False,
    actor: str | None = None,
    note: str | None = None,
    sender_code: str | None = None,
    received_on: date | None = None,
    survey_code: str = DEFAULT_SURVEY,
    round_label: str | None = None,
    answers: FileAnswers | None = None,
    recipes: bool = True,
    remember: bool = False,
    questionnaire: Questionnaire | None = None,
) -> SurveyReport:
    """Check an export and, unless dry-run or refused, load it as one batch of survey
    ``survey_code`` and round ``round_label`` (default: the year of the last submission)."""
    answers = answers if answers is not None else FileAnswers()
    sha = hashlib.sha256(content).hexdigest()
    with open_reader(db_path) as con:
        report = check_survey_file(
            content, file_label, con, answers, sender_code=sender_code, recipes=recipes, questionnaire=questionnaire
        )
        senders = {str(row[0]) for row in fetch_rows(con, "sender_codes")}
        previous = active_batch_for(con, sha, answers_key(report.answers_used)) if report.ok else None
    report.survey_code, report.round_label = survey_code, round_label or _round_of(report)
    if previous is not None:
        return _unchanged(report, previous)
    if sender_code is not None and sender_code not in senders:
        report.issues.insert(0, make_issue("unknown-sender", file=file_label, detail=sender_code))
        report.status = "rejected"
    if dry_run or not report.ok:
        return report
    who = actor or current_user()
    with write_session(db_path) as wcon:
        previous = active_batch_for(wcon, sha, answers_key(report.answers_used))
        if previous is not None:
            return _unchanged(report, previous)
        if remember and report.sender_code and report.layout_signature:
            learned = remembered(report.answers_used, answers.given, report.recipe)
            saved = save_recipe(
                wcon,
                report.sender_code,
                report.layout_signature,
                report.layout_text or "",
                learned,
                who,
                origin="load",
                source_file=Path(file_label).name,
            )
            report.recipe = saved or report.recipe
        batch = NewBatch(
            Path(file_label).name,
            sha,
            f"survey:{report.tool}",
            None,
            who,
            note,
            report.sender_code,
            received_on,
            tuple(report.answers_used),
            (report.recipe.recipe_id, report.recipe.version) if report.recipe else None,
        )
        report.batch_id = record_batch(wcon, batch, [], [issue_row(i) for i in report.issues], report.kept)
        _insert_survey(wcon, report)
    report.status = "loaded"
    return report


def _insert_survey(con: duckdb.DuckDBPyConnection, report: SurveyReport) -> None:
    batch_id = report.batch_id
    insert_rows(
        con,
        "survey_batches",
        [
            {
                "batch_id": batch_id,
                "survey_code": report.survey_code,
                "round_label": report.round_label,
                "tool": report.tool,
                "form_signature": report.layout_signature,
                "n_responses": len(report.responses),
                "dropped_columns": " | ".join(p.header for p in report.dropped),
            }
        ],
    )
    insert_rows(
        con,
        "survey_questions",
        [
            {
                "batch_id": batch_id,
                "question_code": p.code,
                "position": p.position + 1,
                "header": p.header,
                "kind": p.kind,
                "scale_code": p.scale,
                "task": p.task,
                "indicators": ";".join(p.indicators) or None,
            }
            for p in report.question_plans
        ],
    )
    insert_rows(con, "survey_responses", [{"batch_id": batch_id, **vars(r)} for r in report.responses])
    insert_rows(con, "survey_answers", [{"batch_id": batch_id, **vars(a)} for a in report.answers])


def _round_of(report: SurveyReport) -> str:
    years = [r.submitted_at.year for r in report.responses if r.submitted_at is not None]
    return str(max(years)) if years else str(date.today().year)


def _unchanged(report: SurveyReport, batch_id: int) -> SurveyReport:
    issue = make_issue("already-loaded", file=report.file, batch_id=batch_id)
    return replace(report, status="unchanged", issues=[issue], questions=[], batch_id=batch_id)


def load_survey_paths(
    paths: Sequence[Path], db_path: Path, answers: Answers | None = None, **options: object
) -> list[SurveyReport]:
    """Each export checked and loaded on its own (``options`` are those of :func:`load_survey`)."""
    answers = answers or Answers()
    reports = []
    for path in paths:
        try:
            content = path.read_bytes()
        except OSError as exc:
            issue = make_issue("file-unreadable", file=path.name, detail=exc.strerror or str(exc))
            reports.append(SurveyReport(path.name, "rejected", issues=[issue]))
            continue
        reports.append(load_survey(content, path.name, db_path, answers=answers.for_file(path.name), **options))  # type: ignore[arg-type]
    return reports
