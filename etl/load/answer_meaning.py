"""What an answer means, in Vietnamese, which answers a question kind allows, and checking them.

Used wherever answers are shown or typed outside a file's own questions: the recipes page
(reading and editing a remembered answer), the recipe import and the command line.
"""

from __future__ import annotations

from collections.abc import Mapping

from etl.load.surveys.columns import ROLES_VI
from etl.load.surveys.roles import groups
from etl.questions import SKIP, YES
from etl.reading.file_facts import MEASURES
from etl.reference.model import Reference
from etl.resolve.year_convention import END, START
from vocab.labels import QUESTION_KINDS_VI

_UNIT_KINDS = ("reporting-unit", "unit", "total-row")
_YEAR_ANSWERS = {
    START: "năm bắt đầu năm học (2015 = năm học 2015-2016)",
    END: "năm kết thúc năm học (2015 = năm học 2014-2015)",
}


class AnswerError(ValueError):
    """An answer or a recipe cannot be saved; the message is Vietnamese and says why."""


def answer_label(kind: str, answer: str, ref: Reference) -> str:
    """The answer as the analyst reads it: "Thành phố Hải Phòng (mã 31)", "Không nạp", "dòng 5"."""
    if answer == SKIP:
        return "Không nạp"
    if kind in _UNIT_KINDS and answer in ref.units:
        return f"{ref.units[answer].name} (mã {answer})"
    if kind == "indicator" and answer in ref.indicators:
        return f"{ref.indicators[answer].name_vi} (mã {answer})"
    if kind == "year-convention":
        return _YEAR_ANSWERS.get(answer, answer)
    if kind == "header-row":
        return f"dòng {answer}"
    if kind == "skip-error-cells":
        return "Có" if answer == YES else "Không"
    if kind == "survey-column":
        return ROLES_VI.get(answer, answer)
    if kind == "respondent-group" and answer in groups():
        return groups()[answer].label_vi
    return answer


def question_label(kind: str, key: str) -> str:
    """What is asked: "Dòng tổng «TỔNG SỐ»", "Đơn vị báo cáo" (the key as the file writes it)."""
    name = QUESTION_KINDS_VI.get(kind, kind)
    name = name[:1].upper() + name[1:]
    return f"{name} «{key}»" if key else name


def answer_choices(kind: str, ref: Reference) -> list[str] | None:
    """Every answer a question kind allows (None: a row number, typed)."""
    if kind in _UNIT_KINDS:
        return [*ref.units, SKIP]
    if kind == "indicator":
        return [*ref.indicators, SKIP]
    if kind == "year-convention":
        return [START, END, SKIP]
    if kind == "title-measure":
        return [*MEASURES, SKIP]
    if kind == "survey-column":
        return list(ROLES_VI)
    if kind == "respondent-group":
        return [*groups(), SKIP]
    return None


def check_answers(answers: Mapping[tuple[str, str], str], ref: Reference) -> list[str]:
    """Vietnamese problems of answers to be remembered (empty when every one can be saved)."""
    problems = []
    for (kind, key), answer in answers.items():
        what = question_label(kind, key)
        if kind == "skip-error-cells":
            problems.append(f"{what}: không ghi nhớ được, vì các ô lỗi của mỗi tệp phải được xem riêng.")
            continue
        choices = answer_choices(kind, ref)
        if kind == "header-row":
            if not (answer.isdigit() and int(answer) > 0) and answer != SKIP:
                problems.append(f"{what}: '{answer}' không phải số thứ tự dòng.")
        elif choices is None:
            problems.append(f"{what}: loại câu hỏi không có.")
        elif answer not in choices:
            problems.append(f"{what}: '{answer}' không phải câu trả lời hợp lệ.")
    return problems
