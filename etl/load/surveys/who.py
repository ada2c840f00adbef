"""Where and who a respondent is: the district and respondent-group answers resolved once per
distinct value, by the analyst's answer (``unit`` / ``respondent-group`` questions, remembered
in recipes like any answer), else the unit registry or the group names; what neither knows
becomes a question with its options."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from etl.load.surveys.privacy import mask_text
from etl.load.surveys.roles import find_group, groups
from etl.questions import SKIP, FileAnswers, Option, Question
from etl.reference.model import Reference


@dataclass
class WhoResolver:
    ref: Reference
    answers: FileAnswers
    file_label: str
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (kind, value) → respondents
    asked: dict[tuple[str, str], Question] = field(default_factory=dict)

    def district(self, value: str, cell: str) -> tuple[str | None, bool]:
        """(unit code or None, whether the value is unknown)."""
        return self._resolve("unit", value, cell, self.ref.find_unit)

    def group(self, value: str, cell: str) -> tuple[str | None, bool]:
        return self._resolve("respondent-group", value, cell, find_group)

    def _resolve(self, kind: str, value: str, cell: str, find: Callable[[str], str | None]) -> tuple[str | None, bool]:
        if not value:
            return None, False
        self.counts[(kind, value)] += 1
        given = self.answers.get(kind, value)
        code = find(value)
        if code is None and (kind, value) not in self.asked:  # asked, and listed with its answer if given
            self.asked[(kind, value)] = self._question(kind, value, cell)
        if given is not None:
            return (None if given == SKIP else given), False
        return code, code is None

    def _question(self, kind: str, value: str, cell: str) -> Question:
        shown = mask_text(value)[0]
        if kind == "unit":
            candidates = self.ref.unit_candidates(value) or tuple(
                c for c, u in self.ref.units.items() if u.kind != "province"
            )
            options = [Option(c, f"{self.ref.units[c].name} (mã {c})") for c in candidates]
            options.append(Option(SKIP, "Không tính vào huyện nào"))
            guess = candidates[0] if len(candidates) == 1 else None
            prompt = f"Địa bàn «{shown}» là đơn vị nào?"
        else:
            options = [Option(g.code, g.label_vi) for g in groups().values()]
            options.append(Option(SKIP, "Không thuộc nhóm nào"))
            guess, prompt = None, f"Đối tượng «{shown}» thuộc nhóm nào?"
        return Question(kind, value, prompt, tuple(options), guess, self.file_label, cell=cell)

    def questions(self) -> list[Question]:
        """The questions asked, each option counting the respondents its answer would place."""
        out = []
        for key, q in self.asked.items():
            n = self.counts[key]
            out.append(
                Question(
                    q.kind,
                    q.key,
                    q.prompt_vi,
                    tuple(Option(o.value, o.label_vi, n) for o in q.options),
                    q.best_guess,
                    q.file,
                    cell=q.cell,
                )
            )
        return out
