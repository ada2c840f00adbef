"""What a plain year means in one file, decided once for the file (etl/resolve/years.py).

``YearConvention.year_of`` turns a cell's year label into the stored year (the school year's
first year for school-year indicators) or says why it cannot; ``issues`` and ``question``
report the decision once: one info issue for stock figures, one question for end-of-year
outcomes when nothing in the file decides, never one warning per cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from etl import settings
from etl.issues import Issue, make_issue
from etl.questions import SKIP, FileAnswers, Option, Question
from etl.records import RawCell
from etl.reference.model import Indicator
from etl.resolve.years import YearLabel, read_year_label

START, END = "start", "end"
_EVIDENCE_VI = {
    "stock-date": "tệp ghi số liệu tại thời điểm 30/9",
    "statistics-office": "nguồn là cơ quan thống kê",
}


class YearConvention:
    def __init__(
        self, cells: Sequence[RawCell], evidence: Sequence[tuple[str, str]], answers: FileAnswers, file_label: str
    ) -> None:
        self.file_label = file_label
        self.evidence = dict(evidence)
        self.answer = answers.get("year-convention")
        # Sheets that write school years as ranges: a plain year there is an odd label, not a convention.
        self.range_sheets = {c.sheet for c in cells if read_year_label(c.year_label).school_year}
        self.stock: Counter[int] = Counter()  # plain years read as school years by the statistical convention
        self.band: Counter[int] = Counter()  # plain years under "Năm học"
        self.outcome: list[RawCell] = []  # end-of-year outcomes with a plain year and nothing deciding
        self.outside: set[int] = set()
        self.accepted = settings.accepted_years()  # once per file, not once per value

    def year_of(self, rc: RawCell, label: YearLabel, indicator: Indicator) -> int | str:
        """The stored year, or the reason there is none: "period-type-mismatch" or "pending"."""
        assert label.year is not None
        school = indicator.period_type == "school_year"
        if label.school_year != school and not (school and label.plain):
            return "period-type-mismatch"  # a school-year range on a calendar indicator
        if not label.plain or not school:
            return self._checked(label.year)
        if rc.sheet in self.range_sheets:
            return "period-type-mismatch"
        if label.school_word:
            self.band[label.year] += 1
            return self._checked(label.year)
        if self.answer == START:
            return self._checked(label.year)
        if self.answer == END:
            return self._checked(label.year - 1)
        if indicator.reference_date == "30/9" or self.evidence:  # an unknown date (a catalogue row without one) asks
            self.stock[label.year] += 1  # the statistical convention, or the file's evidence for it
            return self._checked(label.year)
        if self.answer != SKIP:
            self.outcome.append(rc)
        return "pending"

    def _checked(self, year: int) -> int:
        if year not in self.accepted:
            self.outside.add(year)
        return year

    def issues(self) -> list[Issue]:
        out = []
        at: dict[str, Any] = {"file": self.file_label}
        if self.band or self.stock:
            plain = sorted(set(self.band) | set(self.stock))
            example = f"{plain[0]} = năm học {plain[0]}-{plain[0] + 1}"
            found = [_EVIDENCE_VI[k] for k in ("stock-date", "statistics-office") if k in self.evidence]
            if self.band:
                found.insert(0, 'các năm nằm dưới tiêu đề "Năm học"')
            if found:
                out.append(make_issue("year-convention-decided", raw_value=example, evidence="; ".join(found), **at))
            else:
                out.append(make_issue("year-convention-default", raw_value=example, **at))
        if self.outside:
            years = sorted(self.outside)
            review = settings.accepted_years()
            out.append(
                make_issue(
                    "year-outside-review",
                    raw_value=", ".join(map(str, years)) if len(years) <= 6 else f"{years[0]}–{years[-1]}",
                    first_year=review[0],
                    last_year=review[-1],
                    **at,
                )
            )
        return out

    def question(self, n_values: int) -> Question | None:
        if not self.outcome:
            return None
        example = read_year_label(self.outcome[0].year_label).year or 0
        return Question(
            "year-convention",
            "",
            f'Các chỉ tiêu kết quả cuối năm học (tốt nghiệp, hoàn thành chương trình, bỏ học) ghi năm "{example}" '
            f"mà tệp không cho biết là năm học nào ({n_values} giá trị). {example} là năm học bắt đầu hay kết thúc?",
            (
                Option(START, f"Năm học bắt đầu: {example} = năm học {example}-{example + 1}", n_values),
                Option(END, f"Năm học kết thúc: {example} = năm học {example - 1}-{example}", n_values),
                Option(SKIP, "Không nạp", 0),
            ),
            END,
            self.file_label,
            self.outcome[0].sheet,
            self.outcome[0].year_cell,
        )
