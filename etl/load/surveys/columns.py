"""What each column of a form export holds: a plan per column, and the questions the analyst
answers when the header and the answers disagree.

Roles: ``timestamp`` (the submission time), ``meta`` (ID, start time: not an answer), ``pii``
(dropped at import), ``district``, ``group`` (the respondent group), ``question`` (an
answer column) and ``skip``. A column's role comes from, in order: the analyst's answer to
the question ``survey-column`` (key: the header), personal data (the header or most
answers), the questionnaire, the header words, and the answers themselves (a column whose
answers are district names is the district). A header that names the district or group over
answers that mostly are not is asked, never guessed silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.load.surveys.export import Export
from etl.load.surveys.privacy import personal_columns
from etl.load.surveys.questionnaire import QuestionDef, Questionnaire
from etl.load.surveys.roles import find_group, header_role, scale_of
from etl.questions import FileAnswers, Option, Question
from etl.reading.grid import cell_name
from etl.reference.model import Reference
from vocab.text import fold_key

ROLES_VI = {
    "district": "cột địa bàn (huyện, thị xã, thành phố)",
    "group": "cột đối tượng trả lời",
    "question": "một câu hỏi",
    "pii": "dữ liệu cá nhân: bỏ khi nạp",
    "skip": "không nạp",
}
_NAMES_SHARE = 0.8  # answers naming districts or groups make the column that role
_HINTED_SHARE = 0.5  # a header naming the role needs this share to be taken without asking
_CHOICE_MAX = 12


@dataclass(frozen=True)
class ColumnPlan:
    position: int  # 0-based column index
    header: str
    role: str
    why: str = ""  # for pii: how it was found
    code: str = ""  # question code
    kind: str = ""  # likert | choice | checkbox | text
    scale: str | None = None
    options: tuple[str, ...] = ()
    task: int | None = None
    indicators: tuple[str, ...] = ()


def plan_columns(
    export: Export, ref: Reference, questionnaire: Questionnaire, answers: FileAnswers, file_label: str
) -> tuple[list[ColumnPlan], list[Question]]:
    columns = [[row[i] for row in export.rows] for i in range(len(export.headers))]
    personal = personal_columns(export.headers, columns)
    plans: list[ColumnPlan] = []
    asked: list[Question] = []
    used_codes: set[str] = set()
    for i, (header, values) in enumerate(zip(export.headers, columns, strict=True)):
        given = answers.get("survey-column", header)
        qdef = questionnaire.match(header)
        role, guess = _role(header, values, qdef, ref, i in personal, i, export.tool)
        taken = {p.role for p in plans}
        if guess is not None and given is None:
            asked.append(_column_question(header, guess, file_label, i, len(export.rows)))
        role = given or role
        if role in {"district", "group"} and role in taken:
            role = "question"
        if role == "question":
            plans.append(_question_plan(i, header, values, qdef, used_codes, export))
        else:
            plans.append(
                ColumnPlan(i, header, role, personal.get(i, "câu trả lời của người nạp") if role == "pii" else "")
            )
    return plans, asked


def _role(
    header: str, values: list[str], qdef: QuestionDef | None, ref: Reference, personal: bool, i: int, tool: str
) -> tuple[str, str | None]:
    """(role, the role to ask about or None when the role is sure)."""
    if personal:
        return "pii", None
    hinted = header_role(header)
    if tool == "microsoft" and i < 3 and hinted is None:
        hinted = "meta"
    if qdef is not None and qdef.kind in {"district", "group"}:
        hinted = qdef.kind
    elif qdef is not None:
        return "question", None
    if hinted in {"timestamp", "meta"}:
        return hinted, None
    filled = sorted({v for v in values if v})
    units = sum(1 for v in filled if ref.find_unit(v) is not None) / len(filled) if filled else 0.0
    named_groups = sum(1 for v in filled if find_group(v) is not None) / len(filled) if filled else 0.0
    if hinted in {"district", "group"}:
        share = units if hinted == "district" else named_groups
        return (hinted, None) if share >= _HINTED_SHARE or not filled else ("question", hinted)
    if units >= _NAMES_SHARE and len(filled) >= 2:
        return "district", None
    if named_groups >= _NAMES_SHARE and len(filled) >= 2:
        return "group", None
    return "question", None


def _column_question(header: str, guess: str, file_label: str, i: int, n: int) -> Question:
    options = tuple(Option(role, label, n if role == guess else 0) for role, label in ROLES_VI.items())
    return Question(
        "survey-column",
        header,
        f"Cột «{header}» có phải {ROLES_VI[guess]}? Tiêu đề cho thấy vậy nhưng phần lớn câu trả lời không khớp.",
        options,
        guess,
        file_label,
        cell=cell_name(0, i),
    )


def _question_plan(
    i: int, header: str, values: list[str], qdef: QuestionDef | None, used: set[str], export: Export
) -> ColumnPlan:
    if qdef is not None:
        code = qdef.code if qdef.code not in used else f"{qdef.code}_{i + 1}"
        used.add(code)
        kind = qdef.kind if qdef.kind in {"likert", "choice", "checkbox", "text"} else "choice"
        return ColumnPlan(i, header, "question", "", code, kind, qdef.scale, qdef.options, qdef.task, qdef.indicators)
    code = "c_" + (fold_key(header)[:30] or str(i + 1))
    code = code if code not in used else f"{code}_{i + 1}"
    used.add(code)
    filled = [v for v in values if v]
    scale = scale_of(filled)
    if scale is not None:
        return ColumnPlan(i, header, "question", "", code, "likert", scale)
    if _joined(filled, export.checkbox_separators[0]):
        return ColumnPlan(i, header, "question", "", code, "checkbox")
    distinct = set(filled)
    if filled and len(distinct) <= _CHOICE_MAX and len(distinct) <= max(2, len(filled) // 2):
        return ColumnPlan(i, header, "question", "", code, "choice", options=tuple(sorted(distinct)))
    return ColumnPlan(i, header, "question", "", code, "text")


def _joined(values: list[str], separator: str) -> bool:
    """Answers of a question not in the questionnaire that look like joined options: at least a
    fifth contain the separator and its pieces come back across answers."""
    joined = [v for v in values if separator in v]
    if not values or len(joined) < max(2, len(values) // 5):
        return False
    pieces = [p.strip() for v in values for p in v.split(separator.strip()) if p.strip()]
    return len(set(pieces)) <= len(pieces) / 2
