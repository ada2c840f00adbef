"""A reporting round: its window of years, its as-of date and how its deadlines read.

The 2023 review (docs/domain.md, The review) asks for school years 2013-2014 … 2022-2023 and
calendar years 2013 … 2022 (stored years 2013..2022), lets a reader compare with school year
2012-2013 (the last before NQ 29) instead of 2013-2014, and is judged as of its deadline,
28/4/2023: what was known then, against the targets issued by then.

* "trước ngày 28/4/2023" read literally means received by 27/4: the default; a round may make
  the deadline day itself on time (``deadline_inclusive``);
* "đến năm 2020" on a school-year indicator is school year 2019-2020 (``school_year_deadline``
  "ending", the default; vocab.periods.deadline_year).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["Round"]


@dataclass(frozen=True)
class Round:
    code: str
    name: str
    deadline: date
    first_year: int
    last_year: int
    baseline_year: int | None = None  # an earlier baseline a reader may choose instead of first_year
    as_of: date | None = None  # None: the deadline
    deadline_inclusive: bool = False
    school_year_deadline: str = "ending"

    @property
    def years(self) -> range:
        """The years the round asks for (first_year..last_year)."""
        return range(self.first_year, self.last_year + 1)

    @property
    def shown_years(self) -> range:
        """The years a reader may choose from: the earlier baseline, if any, through last_year."""
        return range(min(self.first_year, self.baseline_year or self.first_year), self.last_year + 1)

    @property
    def known_on(self) -> date:
        """The date the round is judged as of: what was known, and which targets were issued, by then."""
        return self.as_of or self.deadline

    @property
    def last_on_time(self) -> date:
        """The last day a file counts as on time."""
        return self.deadline if self.deadline_inclusive else self.deadline - timedelta(days=1)

    def on_time(self, received: date) -> bool:
        return received <= self.last_on_time

    def deadline_rule_text(self) -> str:
        """How the tracker reads the deadline, in words."""
        if self.deadline_inclusive:
            return f"Hạn nộp ngày {self.deadline:%d/%m/%Y}: tệp nhận trong ngày {self.deadline:%d/%m/%Y} vẫn đúng hạn."
        return (
            f"Hạn nộp “trước ngày {self.deadline:%d/%m/%Y}”: đúng hạn khi nhận đến hết ngày "
            f"{self.last_on_time:%d/%m/%Y}; tệp nhận ngày {self.deadline:%d/%m/%Y} là nộp muộn."
        )
