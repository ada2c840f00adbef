"""What a row of an indicator-rows table is: an indicator, a school level under a measure, a
measure heading, a split by ownership or a multi-level school type, or a band.

Yearbooks put the measure in the title or in a heading row with the all-levels figure
("Số lớp học (Lớp)", "Số học sinh bình quân một giáo viên") and the level in the rows below
("Tiểu học - Primary"); "Công lập" / "Ngoài công lập" rows split the row above by ownership.
A heading's own values (all levels together) and the ownership rows are not catalogue
indicators: they are skipped and counted, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.questions import SKIP, FileAnswers
from etl.reading.sections import Sections
from etl.reference.model import Reference
from etl.resolve.keywords import fold_words, vocabulary
from etl.resolve.names import NameMatch, match_indicator, strip_numbering


@dataclass
class RowMeaning:
    indicator: str | None = None
    measure: str | None = None  # a unit of measure in parentheses after the name
    skip: str | None = None  # ownership | multilevel | measure-total | band | unmatched | answered-skip
    match: NameMatch | None = None  # the failed match, for the warning
    level: str | None = None  # a level-only label ("Tiểu học"): the column or the measure completes it


class IndicatorRows:
    """Reads the label column of an indicator-rows table row by row, keeping the block measure."""

    def __init__(self, sections: Sections, title_measure: str | None, ref: Reference, answers: FileAnswers) -> None:
        self.sections = sections
        self.title_measure = title_measure
        self.block_measure: str | None = None
        self.block_unknown = False  # under a heading the catalogue does not know ("Tỷ lệ lưu ban")
        self.ref = ref
        self.answers = answers

    def meaning(self, label: str, parent: str | None) -> RowMeaning:
        vocab = vocabulary()
        text = strip_numbering(label)
        answer = self.answers.get("indicator", text)
        if answer == SKIP:
            return RowMeaning(skip="answered-skip")
        if answer in self.ref.indicators:
            return RowMeaning(answer)
        kind = vocab.label_kind(text)
        if kind in ("ownership", "multilevel", "band"):
            return RowMeaning(skip=kind)
        if (self.block_measure is not None or self.block_unknown) and needs_level(label, self.ref):
            self.block_measure, self.block_unknown = label, False  # the next heading, not a name under a level
            return RowMeaning(skip="measure-total")
        levels = self.sections.levels
        match = match_indicator(label, levels, self.ref)
        if match.code:
            self.block_measure, self.block_unknown = None, False
            return RowMeaning(match.code, match.measure)
        level = level_only(text)
        if level is not None:
            if self.block_unknown:
                return RowMeaning(skip="unknown-heading", level=level)  # never under an older measure
            measure = self.block_measure or self.title_measure
            found = match_indicator(measure, {level}, self.ref) if measure else None
            if found and found.code:
                return RowMeaning(found.code, found.measure, level=level)
            # A measure without this level in the catalogue ("Tỷ lệ đi học đúng tuổi" of THPT) is skipped;
            # a level row under no measure at all waits for the title's measure (a question).
            return RowMeaning(skip="level-not-in-catalogue", level=level) if measure else RowMeaning(level=level)
        if needs_level(label, self.ref) and not match.ambiguous:
            self.block_measure, self.block_unknown = label, False
            return RowMeaning(skip="measure-total")
        if not _is_part(text):  # "Trong đó: Nữ" is a part of the row above, not a heading
            self.block_measure, self.block_unknown = None, True
        return RowMeaning(skip="unmatched", match=match)


def _is_part(text: str) -> bool:
    words = fold_words(text)
    return any(words.startswith(prefix) for prefix in vocabulary().strip_prefixes)


def level_only(text: str) -> str | None:
    """The level a label names and nothing else ("Tiểu học", "II. TRUNG HỌC CƠ SỞ")."""
    vocab = vocabulary()
    found = vocab.level_in(text)
    if len(found) != 1:
        return None
    words = fold_words(strip_numbering(text))
    for keyword, _level in vocab.levels:  # longest first: "trung hoc pho thong" before "pho thong"
        words = words.replace(keyword, " ")
    for group in vocab.level_groups:
        words = words.replace(group, " ")
    return next(iter(found)) if not words.strip() else None


def needs_level(label: str, ref: Reference) -> bool:
    """A measure that names an indicator only once a level is given ("Số lớp học (Lớp)")."""
    if match_indicator(label, set(), ref).code:
        return False
    return any(match_indicator(label, {level}, ref).code for level in ("mn", "th", "thcs", "thpt"))
