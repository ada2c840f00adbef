"""One rule for what blocks what (README, docs/free_layouts.md).

* A file is refused whole only for a *file* error (issue catalogue, column ``blocks``): it
  cannot be read, is not what it claims (corrupt, empty, not a table, a reporting unit outside
  the registry), or its text numbers cannot be read with one convention.
* A *cell* error (a rate of 135 %, a numerator above its denominator, two different numbers
  for one value) blocks the file by default. Having seen the cells, the analyst may load the
  file without them: the ``skip-error-cells`` answer (``--skip-error-cells``). The skipped
  cells stay listed as warnings with the batch, and the choice is recorded with it.
* What the reader cannot decide is never an error: a warning (the value is skipped and
  listed) or a question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from etl.issues import Issue, blocks_file, make_issue
from etl.questions import YES, FileAnswers, Option, Question
from etl.records import Value
from etl.reference.model import Reference
from etl.resolve.validate import Key, validate_values

_MAX_ROUNDS = 3  # dropping a value can uncover another error (a rate without its numerator); a few rounds
_LISTED = 12


@dataclass
class Outcome:
    status: str  # rejected | validated | nothing
    values: list[Value]
    issues: list[Issue]
    question: Question | None = None  # skip-error-cells, when cell errors block the file


def apply_rule(
    values: Sequence[Value],
    issues: Sequence[Issue],
    ref: Reference,
    stored: Mapping[Key, float],
    file_label: str,
    answers: FileAnswers,
) -> Outcome:
    checked = validate_values(values, ref, stored, file_label)
    found = [*issues, *checked]
    if any(blocks_file(i) for i in found):
        return Outcome("rejected", list(values), found)
    errors = [i for i in found if i.severity == "error"]
    if not errors:
        return Outcome("validated", list(values), found)
    kept = _without(list(values), errors)
    for _ in range(_MAX_ROUNDS):
        checked = validate_values(kept, ref, stored, file_label)
        more = [i for i in checked if i.severity == "error"]
        if not more:
            break
        errors += [i for i in more if i not in errors]
        fewer = _without(kept, more)
        if len(fewer) == len(kept):
            return Outcome("rejected", list(values), found + more)  # an error no cell explains
        kept = fewer
    if not answers.skip_error_cells:
        return Outcome("rejected", list(values), found, _question(errors, len(kept), file_label))
    answers.get("skip-error-cells")  # remembered as used: the batch records the choice
    listed = ", ".join(_where(i) for i in errors[:_LISTED]) + ("…" if len(errors) > _LISTED else "")
    note = make_issue(
        "error-cells-skipped", file=file_label, raw_value=listed, n=len(errors), skipped=len(values) - len(kept)
    )
    rest = [i for i in issues if i.severity != "error"] + [i for i in checked if i.severity != "error"]
    return Outcome("validated", kept, [note, *(_as_skipped(i) for i in errors), *rest])


def _without(values: list[Value], errors: Sequence[Issue]) -> list[Value]:
    cells = {(i.sheet, i.cell) for i in errors}
    keys = {(i.unit_code, i.indicator_code, i.year) for i in errors if i.code == "duplicate-cell"}
    return [v for v in values if (v.sheet, v.cell) not in cells and (v.unit_code, v.indicator_code, v.year) not in keys]


def _as_skipped(issue: Issue) -> Issue:
    return replace(
        issue,
        severity="warning",
        message=f"{issue.message} Ô này không được nạp (người nạp chọn nạp tệp không kèm các ô lỗi).",
    )


def _where(issue: Issue) -> str:
    return f"{issue.sheet}!{issue.cell}" if issue.sheet and issue.cell else issue.cell or issue.sheet or "?"


def _question(errors: Sequence[Issue], n_kept: int, file_label: str) -> Question:
    listed = ", ".join(_where(i) for i in errors[:_LISTED])
    return Question(
        "skip-error-cells",
        "",
        f"Tệp có {len(errors)} ô lỗi ({listed}{'…' if len(errors) > _LISTED else ''}). Sau khi xem các ô này, "
        "có nạp tệp không kèm các ô lỗi không?",
        (
            Option(YES, f"Có: nạp {n_kept} giá trị, bỏ {len(errors)} ô lỗi", n_kept),
            Option("no", "Không: sửa tệp rồi gửi lại", 0),
        ),
        YES,
        file_label,
    )
