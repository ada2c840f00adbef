"""Every issue code used in the code has a message; the docs list every code."""

from __future__ import annotations

import re
from pathlib import Path

from etl.issues import SEVERITIES, catalogue, catalogue_markdown, make_issue

ROOT = Path(__file__).resolve().parent.parent


def codes_used_in_code() -> set[str]:
    pattern = re.compile(r"""make_issue\(\s*["']([a-z0-9-]+)["']""")
    return {m for path in (ROOT / "etl").rglob("*.py") for m in pattern.findall(path.read_text(encoding="utf-8"))}


def test_every_used_code_has_a_catalogue_entry() -> None:
    used = codes_used_in_code()
    assert len(used) >= 15
    assert used <= set(catalogue())


def test_every_entry_has_a_valid_severity_and_a_message() -> None:
    for code, entry in catalogue().items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code)
        assert entry.severity in SEVERITIES and entry.message_vi.strip(), code
        if entry.severity == "error":
            assert entry.hint_vi.strip(), f"{code}: an error must say how to fix it"


def test_the_foundation_checks_exist() -> None:
    required = {
        "unknown-unit",
        "unknown-indicator",
        "year-out-of-range",
        "non-numeric-value",
        "negative-count",
        "rate-out-of-range",
        "numerator-above-denominator",
        "duplicate-cell",
        "yoy-jump",
    }
    assert required <= set(catalogue())
    assert catalogue()["yoy-jump"].severity == "warning"


def test_every_catalogue_entry_renders_without_missing_fields() -> None:
    for code in catalogue():
        issue = make_issue(code, file="a.xlsx")
        assert "{" not in issue.message and issue.message


def test_docs_are_generated_from_the_catalogue() -> None:
    doc = (ROOT / "docs" / "issues.md").read_text(encoding="utf-8")
    assert doc == catalogue_markdown(), "run: python -m etl.issues > docs/issues.md"
    assert [code for code in catalogue() if f"`{code}`" not in doc] == []
