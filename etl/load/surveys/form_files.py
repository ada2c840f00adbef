"""The ready questionnaire as form files: a DOCX laid out for Microsoft Forms' Quick Import and a
Google Apps Script that creates the Google form, one of each per respondent family, built from
data/reference/survey_questions.csv so that the exports come back in the shape the importer knows
(question texts as headers, the scale labels it maps, no comma or semicolon inside an option).

Quick Import's rules are not documented where this project could read them; the DOCX follows the
widely recognised layout (a numbered question per paragraph, its options lettered beneath), and
after importing, the analyst checks each question's type (docs/surveys.md, "A ready questionnaire").
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.shared import Pt

from etl.load.surveys.questionnaire import QuestionDef, Questionnaire, task_names
from etl.load.surveys.roles import groups, scales

TITLE = "Phiếu khảo sát ý kiến — Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW"
PRIVACY_VI = (
    "Phiếu không hỏi họ tên, số điện thoại, e-mail hay số giấy tờ của người trả lời; xin đừng ghi các "
    "thông tin đó vào câu trả lời. Kết quả chỉ được tổng hợp theo địa bàn và đối tượng, nhóm dưới 5 người "
    "không được công bố (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân)."
)
MAX_CHOICES = 3


@dataclass(frozen=True)
class Family:
    code: str
    audience_vi: str
    groups: tuple[str, ...]


FAMILIES = (
    Family("nha_giao", "dành cho nhà giáo và cán bộ quản lý giáo dục", ("giao_vien", "can_bo_quan_ly")),
    Family("nhan_dan", "dành cho cha mẹ học sinh, học sinh và người dân", ("phu_huynh", "hoc_sinh", "nguoi_dan")),
)


def questions_for(form: Questionnaire, family: Family) -> list[QuestionDef]:
    """The family's questions: who they are, where, then by task, free text last."""
    picked = [q for q in form.questions if "*" in q.groups or set(q.groups) & set(family.groups)]
    order = {"group": 0, "district": 1}
    return sorted(picked, key=lambda q: (order.get(q.kind, 2), q.kind == "text", q.task or 0))


def options_of(q: QuestionDef, family: Family, districts: Sequence[str]) -> list[str]:
    if q.kind == "group":
        return [groups()[g].label_vi for g in family.groups]
    if q.kind == "district":
        return list(districts)
    if q.kind == "likert" and q.scale:
        return [label.label for label in sorted(scales()[q.scale], key=lambda s: (s.order == 0, s.order))]
    return list(q.options)


def _note(q: QuestionDef) -> str:
    if q.kind == "checkbox":
        return f" (chọn tối đa {MAX_CHOICES})" if "tối đa" not in q.text_vi else ""
    return ""


def questionnaire_docx(form: Questionnaire, family: Family, districts: Sequence[str]) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    document.add_heading(f"{TITLE} ({family.audience_vi})", level=1)
    document.add_paragraph(PRIVACY_VI)
    task = None
    for n, q in enumerate(questions_for(form, family), start=1):
        if q.task and q.task != task:
            task = q.task
            document.add_paragraph(f"Nhiệm vụ {task}: {task_names().get(task, '')}").runs[0].bold = True
        document.add_paragraph(f"{n}. {q.text_vi}{_note(q)}")
        for letter, option in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", options_of(q, family, districts), strict=False):
            document.add_paragraph(f"{letter}. {option}").paragraph_format.space_after = Pt(0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def apps_script(form: Questionnaire, family: Family, districts: Sequence[str]) -> str:
    """A Google Apps Script (FormApp) that creates the family's form and logs its two addresses."""
    title = json.dumps(f"{TITLE} ({family.audience_vi})", ensure_ascii=False)
    lines = [
        "// Tạo biểu mẫu Google: mở script.google.com, dán tệp này, chạy hàm taoPhieuKhaoSat.",
        "// Sinh từ data/reference/survey_questions.csv (python -m etl survey questionnaire); không sửa tay.",
        "function taoPhieuKhaoSat() {",
        f"  var form = FormApp.create({title});",
        f"  form.setDescription({json.dumps(PRIVACY_VI, ensure_ascii=False)});",
        "  form.setCollectEmail(false);",
        "  form.setProgressBar(true);",
        "  if (form.setPublished) { form.setPublished(true); }  // forms made by script may start unpublished",
    ]
    task = None
    for q in questions_for(form, family):
        if q.task and q.task != task:
            task = q.task
            name = json.dumps(f"Nhiệm vụ {task}: {task_names().get(task, '')}", ensure_ascii=False)
            lines.append(f"  form.addPageBreakItem().setTitle({name});")
        lines.append(_item(q, options_of(q, family, districts)))
    lines += [
        "  Logger.log('Địa chỉ gửi người trả lời: ' + form.getPublishedUrl());",
        "  Logger.log('Địa chỉ sửa biểu mẫu: ' + form.getEditUrl());",
        "}",
        "",
    ]
    return "\n".join(lines)


def _item(q: QuestionDef, options: list[str]) -> str:
    title = json.dumps(q.text_vi, ensure_ascii=False)
    values = json.dumps(options, ensure_ascii=False)
    if q.kind == "text":
        return f"  form.addParagraphTextItem().setTitle({title});"
    if q.kind == "district" and not options:
        return f"  form.addTextItem().setTitle({title}).setRequired(true);"
    if q.kind == "district":
        return f"  form.addListItem().setTitle({title}).setChoiceValues({values}).setRequired(true);"
    if q.kind == "checkbox":
        rule = f"FormApp.createCheckboxValidation().requireSelectAtMost({MAX_CHOICES}).build()"
        return f"  form.addCheckboxItem().setTitle({title}).setChoiceValues({values}).setValidation({rule});"
    required = ".setRequired(true)" if q.kind == "group" else ""
    return f"  form.addMultipleChoiceItem().setTitle({title}).setChoiceValues({values}){required};"
