"""The ready questionnaire: the shipped Apps Scripts and DOCX files are what the questionnaire
generates, every question is mapped to a task or is who/where, and a form made from it comes
back through the importer with every column known."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from docx import Document

from etl.cli_surveys import QUESTIONNAIRE_DIR
from etl.load.surveys.form_files import FAMILIES, Family, apps_script, options_of, questionnaire_docx, questions_for
from etl.load.surveys.pipeline import load_survey
from etl.load.surveys.questionnaire import shipped_questionnaire, task_names


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.code)
def test_the_shipped_files_are_generated_from_the_questionnaire(family: Family) -> None:
    form = shipped_questionnaire()
    script = (QUESTIONNAIRE_DIR / f"phieu_{family.code}.gs").read_text(encoding="utf-8")
    assert script == apps_script(form, family, []), "run `python -m etl survey questionnaire` (without a store)"
    shipped = [p.text for p in Document(str(QUESTIONNAIRE_DIR / f"phieu_{family.code}.docx")).paragraphs]
    fresh = [p.text for p in Document(io.BytesIO(questionnaire_docx(form, family, []))).paragraphs]
    assert shipped == fresh
    assert "FormApp.create(" in script and "setCollectEmail(false)" in script and "getPublishedUrl()" in script


def test_every_question_is_mapped_and_no_option_holds_a_separator() -> None:
    form = shipped_questionnaire()
    assert set(task_names()) == set(range(1, 10))
    for q in form.questions:
        assert q.kind in {"group", "district", "text"} or q.task in task_names(), q.code
        assert not any("," in o or ";" in o for o in q.options), q.code
    assert len({q.text_vi for q in form.questions}) == len(form.questions)  # Microsoft heads Likert rows by text
    covered = {q.task for q in form.questions if q.task}
    assert covered == set(range(1, 10))


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.code)
def test_a_form_made_from_the_questionnaire_comes_back_with_every_column_known(store: Path, family: Family) -> None:
    form = shipped_questionnaire()
    questions = questions_for(form, family)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Dấu thời gian", *(q.text_vi for q in questions)])
    for n in range(6):
        row = []
        for q in questions:
            options = options_of(q, family, ["Huyện Hòa Phong", "Huyện Tân Điền"])
            if q.kind == "text":
                row.append("Cần thêm giáo viên")
            elif q.kind == "checkbox":
                row.append(", ".join(options[: 1 + n % 3]))
            else:
                row.append(options[n % len(options)])
        writer.writerow([f"2023/04/1{n} 9:41:03 SA GMT+7", *row])
    report = load_survey(buffer.getvalue().encode(), "phieu.csv", store, dry_run=True)
    assert report.status == "validated" and not report.open_questions
    roles = {p.header: (p.role, p.code) for p in report.plans}
    for q in questions:
        expected = q.kind if q.kind in {"group", "district"} else "question"
        assert roles[q.text_vi][0] == expected, q.code
        assert expected != "question" or roles[q.text_vi][1] == q.code
    assert not [i for i in report.issues if i.severity != "info"]
