"""Every document the project cites is inside it, and the generated schema page is current."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from store.schema_doc import schema_markdown

ROOT = Path(__file__).resolve().parents[1]
CITED_DOC = re.compile(r"\bdocs/[\w./-]+\.md\b")
DOMAIN_SECTION = re.compile(r"docs/domain\.md, ([A-Z][a-z]+(?: [a-z-]+)*)")


def _tracked_text_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    return [ROOT / n for n in names if n.endswith((".py", ".md", ".sql", ".csv", ".toml")) and (ROOT / n).exists()]


def test_every_cited_document_exists_in_the_repository() -> None:
    missing = {
        f"{path.relative_to(ROOT)} → {doc}"
        for path in _tracked_text_files()
        for doc in CITED_DOC.findall(path.read_text(encoding="utf-8"))
        if not (ROOT / doc).exists()
    }
    assert not missing


def test_nothing_points_outside_the_repository() -> None:
    outside = [
        str(path.relative_to(ROOT))
        for path in _tracked_text_files()
        if path.name not in ("CHANGELOG.md", Path(__file__).name)
        and re.search(r"\.\./shared|shared/docs", path.read_text(encoding="utf-8"))
    ]
    assert outside == []


def test_cited_sections_of_the_domain_notes_exist() -> None:
    headings = {
        line[3:].strip()
        for line in (ROOT / "docs/domain.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    }
    cited = {
        section
        for path in _tracked_text_files()
        for section in DOMAIN_SECTION.findall(path.read_text(encoding="utf-8"))
    }
    assert cited and not {s for s in cited if not any(h.startswith(s) for h in headings)}


def test_schema_page_is_generated_from_the_current_migrations() -> None:
    assert (ROOT / "docs/schema.md").read_text(encoding="utf-8") == schema_markdown(), "run `make schema-doc`"


def test_readme_maps_every_page_to_existing_modules_and_queries() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### Page → page model") :]
    rows = [line for line in table.splitlines() if re.match(r"\| .* \(`\w+\.py`", line)]
    pages = {re.findall(r"`(\w+\.py)`", row)[0] for row in rows}
    assert pages == {p.name for p in (ROOT / "pages").glob("*.py")}
    for row in rows:
        model_cell, queries_cell = row.split("|")[2], row.split("|")[4]
        for module in re.findall(r"`((?:page_models|report)\.\w+)", model_cell):
            assert (ROOT / (module.replace(".", "/") + ".py")).exists(), module
        for name in re.findall(r"[a-z_]{4,}", queries_cell.split("(")[0]):
            assert (ROOT / "store/queries" / f"{name}.sql").exists(), name
