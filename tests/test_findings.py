"""Every generated sentence of the demo pack, read as the official who signs the report would.

The findings of the province, of every district and of the People's Council's report
(page_models.findings, through report.draft) are checked: the direction a sentence states
agrees with its heading and its indicator, none of the phrasings the office rewrote appears,
at most 8 findings per heading with the rest in the appendix table, and no change smaller than
its kind's threshold (analysis.materiality) is stated as a result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.budget import presented_catalogue
from page_models.findings import LIMIT, Finding, FindingSet
from report.content import Options
from report.draft import Draft, load_draft
from store import fetch_df, open_reader

BANNED = {
    "a signed change ('thay đổi +30,1')": re.compile(r"thay đổi [+-]|[+−]\d"),
    "'điểm %' for percentage points": re.compile(r"điểm %"),
    "a level or amount 'tăng từ X lên Y'": re.compile(r"(tăng|giảm) từ [\d.,]+ (lên|xuống)"),
    "the internal label 'Ghi chú của chuyên viên'": re.compile(r"Ghi chú của chuyên viên"),
    "a full document citation (the list of sources names it)": re.compile(r"theo [^;.]*? ngày \d{1,2}/\d{1,2}/\d{4}"),
    "an English word": re.compile(r"\b(the|and|target|None|nan)\b"),
}
# Words a result never says of its own indicator, and a weakness never.
NOT_UNDER = {
    "result": re.compile(r"chưa đạt|chỉ đạt|không đạt|chuyển từ đạt sang chưa đạt"),
    "weakness": re.compile(r"vượt mục tiêu|đã đạt mục tiêu|; đạt mục tiêu|trước thời hạn|hướng tới mục tiêu"),
}
MOVE = re.compile(r"\b(tăng|giảm) [\d.,]+ [^;]*?so với (năm|năm học) \d{4}")
NUMBER = re.compile(r"(?<![\d/])\d{1,3}(?:\.\d{3})*(?:,\d+)?(?![\d/])")
YEAR = re.compile(r"^(19|20)\d\d$")


def _nested_brackets(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > 1:
            return True
    return False


def _own_part(text: str) -> str:
    """The sentence without the districts left behind (their direction is the districts', not the indicator's)."""
    return text.split(" Địa bàn còn ")[0]


@pytest.fixture(scope="module")
def drafts(demo_store: Path) -> list[Draft]:
    con = open_reader(demo_store)
    try:
        units = fetch_df(con, "units")
    finally:
        con.close()
    districts = [str(c) for c in units[units["parent_code"].notna()]["code"]]
    made = [load_draft(demo_store, Options(variant=v)) for v in ("province", "hdnd")]
    return made + [load_draft(demo_store, Options(variant="district", unit_code=d)) for d in districts]


@pytest.fixture(scope="module")
def catalogue(demo_store: Path) -> dict[str, dict[str, object]]:
    con = open_reader(demo_store)
    try:
        frame = presented_catalogue(fetch_df(con, "catalogue"))
    finally:
        con.close()
    return {str(r["code"]): r for r in frame.to_dict("records")}


def _every(found: FindingSet) -> list[Finding]:
    return [f for t in found.tasks for f in (*t.results, *t.weaknesses, *t.more)]


def test_the_demo_has_findings_for_every_report(drafts: list[Draft]) -> None:
    for draft in drafts:
        assert draft.findings.results and draft.findings.weaknesses, draft.unit_name
    assert sum(len(_every(d.findings)) for d in drafts) > 300  # the checks below read a real number of sentences


def test_every_sentence_agrees_with_its_heading_and_its_indicator(
    drafts: list[Draft], catalogue: dict[str, dict[str, object]]
) -> None:
    wrong = []
    for draft in drafts:
        for finding in _every(draft.findings):
            meta = catalogue[finding.indicator_codes[0]]
            direction, own = str(meta["direction"]), _own_part(finding.text)
            if direction == "neutral" and finding.reason not in ("target_met", "target_late", "target_missed"):
                wrong.append((draft.unit_name, "a neutral indicator as a finding", finding.text))
            if NOT_UNDER[finding.side].search(own):
                wrong.append((draft.unit_name, f"wrong words under {finding.side}", finding.text))
            for match in MOVE.finditer(own):
                better = (match.group(1) == "tăng") == (direction == "up")
                if better != (finding.side == "result"):
                    wrong.append((draft.unit_name, f"'{match.group(0)}' under {finding.side}", finding.text))
    assert not wrong, "\n".join(map(str, wrong[:20]))


def test_no_sentence_uses_a_banned_phrasing(drafts: list[Draft]) -> None:
    wrong = []
    for draft in drafts:
        texts = [f.text for f in _every(draft.findings)] + [c.text for c in draft.findings.causes]
        texts += [s.text for facts in draft.facts.values() for s in facts]
        texts += [note for f in _every(draft.findings) for note in f.notes]
        for text in texts:
            wrong += [(why, text) for why, pattern in BANNED.items() if pattern.search(text)]
            if _nested_brackets(text):
                wrong.append(("nested brackets", text))
    assert not wrong, "\n".join(map(str, wrong[:20]))


def test_amounts_carry_their_unit_levels_read_as_levels_counts_as_fractions(
    drafts: list[Draft], catalogue: dict[str, dict[str, object]]
) -> None:
    wrong = []
    for draft in drafts:
        statements = [(f.indicator_codes[0], f.text, f.reason) for f in _every(draft.findings)]
        statements = [(c, t, "merged" if len(f.indicator_codes) > 1 else r)
                      for (c, t, r), f in zip(statements, _every(draft.findings), strict=True)]  # fmt: skip
        statements += [(code, s.text, "fact") for code, s in draft.unit.facts(list(catalogue))]
        for code, text, reason in statements:
            meta = catalogue[code]
            own = _own_part(text).split(" theo ")[0]  # document numbers are not amounts
            if meta["kind"] == "amount":
                numbers = [n for n in NUMBER.findall(own) if not YEAR.match(n)]
                with_unit = re.findall(r"\d(?:[\d.]*)(?:,\d+)? (?:tỷ|triệu|nghìn) đồng", own)
                if len(with_unit) < len(numbers) - own.count("%"):
                    wrong.append(("an amount without its unit", text))
            if meta["kind"] == "level" and "mức độ" not in own:
                wrong.append(("a level not read as 'mức độ n'", text))
            late = reason == "target_late" and meta["kind"] not in ("level", "status")
            if late and not re.search(r"chậm \d+ năm so với mục tiêu", text):
                wrong.append(("a late target without 'chậm … năm so với mục tiêu'", text))
            parts = [catalogue.get(str(meta.get("numerator")), {}), catalogue.get(str(meta.get("denominator")), {})]
            counted = all(p.get("kind") == "count" for p in parts) and parts[0].get("unit") == parts[1].get("unit")
            stored = {c for c, _ in draft.unit.context.values}
            counted = counted and {meta.get("numerator"), meta.get("denominator")} <= stored  # parts reported
            if meta["kind"] == "rate" and counted and reason != "merged" and not re.search(r"\d/\d", own):
                wrong.append(("a rate of counts without 'X/Y'", text))
            if " điểm phần trăm" in own and meta["unit"] != "%":
                wrong.append(("percentage points of a figure that is no share", text))
    assert not wrong, "\n".join(map(str, wrong[:20]))


def test_at_most_eight_per_heading_the_rest_in_the_appendix_ordered_by_importance(drafts: list[Draft]) -> None:
    for draft in drafts:
        found = draft.findings
        assert len(found.results) <= LIMIT and len(found.weaknesses) <= LIMIT
        for task in found.tasks:
            assert len(task.results) <= LIMIT and len(task.weaknesses) <= LIMIT
            for side, shown in (("result", task.results), ("weakness", task.weaknesses)):
                later = [f for f in task.more if f.side == side]
                assert not later or len(shown) == LIMIT  # the appendix holds only what did not fit
                assert all(a.order <= b.order for a, b in zip(shown + later, (shown + later)[1:], strict=False))
        overview = found.results + found.weaknesses
        assert all(f in (*found.task(f.task).results, *found.task(f.task).weaknesses) for f in overview)


def test_no_result_rests_on_a_change_below_its_threshold(drafts: list[Draft]) -> None:
    for draft in drafts:
        for finding in _every(draft.findings):
            if finding.reason == "improved":
                assert -finding.order[2] >= 1, finding.text  # weight: thresholds the change measures


def test_the_province_overview_leads_with_target_verdicts_and_keeps_the_worsening_dropout(
    drafts: list[Draft],
) -> None:
    province = drafts[0].findings
    assert province.weaknesses[0].reason == "target_missed"
    assert {f.reason for f in province.results[:3]} <= {"target_met", "target_early", "target_late"}
    dropout = [f for f in province.weaknesses if "thcs_tl_bohoc" in f.indicator_codes]
    assert dropout and "trung học cơ sở bỏ học" in dropout[0].text and "tăng" in dropout[0].text
    levels = [f for f in _every(province) if f.text.startswith("Toàn tỉnh đạt chuẩn xóa mù chữ")]
    assert levels and "mức độ 2 từ năm học" in levels[0].text
    assert levels[0] not in province.results  # a level reached years ago does not lead the overview


def test_the_statements_of_resources_say_what_their_target_verdict_says(drafts: list[Draft]) -> None:
    draft = drafts[1]  # the People's Council's report
    assert draft.variant == "hdnd"
    table = draft.unit.view.table
    wrong, judged = [], 0
    for code, sentence in draft.unit.facts(list(dict.fromkeys(table["indicator_code"]))):
        row = table[table["indicator_code"] == code].sort_values("version").iloc[-1]
        verdict, text = row["verdict"], sentence.text
        if not isinstance(verdict, str) or row["target_scope"] == "norm":
            continue
        judged += 1
        if verdict == "not_met" and bool(row["target_due"]) and ("chưa đạt" not in text or "; đạt mục tiêu" in text):
            wrong.append(("a missed target stated as met", text))
        if verdict in ("met", "exceeded") and "chưa đạt" in text:
            wrong.append(("a met target stated as missed", text))
        if verdict == "met_late" and "chậm" not in text:
            wrong.append(("a late target without its delay", text))
    assert judged >= 5 and not wrong, "\n".join(map(str, wrong))
