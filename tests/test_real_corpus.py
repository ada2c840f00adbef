"""The real corpus (tests/fixtures/real/, INDEX.md): published tables nobody on the team wrote,
each loaded through ``python -m etl load`` into a store with its province's registry and the
source's answers file, and compared with the truth typed by hand from the publication.

Fails if any loaded value is wrong (a truth value differs, or a value loads where the truth
has none) or if the corpus recall (truth values loaded correctly / truth values) falls below
95 %. A value is compared by (unit, indicator, year): a yearbook page that prints a total twice
loads it once. Prints one recall line per source.
"""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from etl.cli import main
from etl.reference.init_store import init_store
from store import open_reader

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
Key = tuple[str, str, int]
MIN_RECALL = 0.95


@dataclass(frozen=True)
class Source:
    slug: str
    file: str
    registry: str
    publisher: str
    kind: str
    tables: tuple[str, ...]

    @property
    def path(self) -> Path:
        return REAL / self.slug / self.file

    @property
    def answers(self) -> Path | None:
        path = REAL / self.slug / "answers.csv"
        return path if path.exists() else None

    def truth(self) -> list[dict[str, str]]:
        with (REAL / self.slug / "truth.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))


def sources() -> list[Source]:
    with (REAL / "corpus.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Source(r["slug"], r["file"], r["registry"], r["publisher"], r["kind"], tuple(r["tables"].split(";")))
        for r in rows
    ]


@pytest.fixture(scope="module")
def registry_stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One initialised store per province registry, copied for each source."""
    base = tmp_path_factory.mktemp("real_registries")
    out = {}
    for code in sorted({s.registry for s in sources()}):
        path = base / f"store_{code}.duckdb"
        init_store(path, REAL / "registries" / f"units_{code}.csv")
        out[code] = path
    return out


def _load(source: Source, store: Path, with_answers: bool = True) -> tuple[int, dict[Key, float]]:
    args = ["load", str(source.path), "--db", str(store), "--user", "corpus-test"]
    if source.answers and with_answers:
        args += ["--answers", str(source.answers)]
    status = main(args)
    con = open_reader(store)
    try:
        rows = con.execute("SELECT unit_code, indicator_code, year, value FROM current_observations").fetchall()
    finally:
        con.close()
    return status, {(u, i, int(y)): float(v) for u, i, y, v in rows}


def _answers_count(source: Source) -> int:
    if source.answers is None:
        return 0
    with source.answers.open(encoding="utf-8-sig", newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["answer"].strip())


def test_real_corpus_loads_right_values(
    registry_stores: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, wrong_all, right_all, total_all, answers_all, unanswered = [], [], 0, 0, 0, 0
    distinct: set[tuple[str, Key]] = set()  # one truth value per province registry and key, however many sources
    for source in sources():
        store = tmp_path / f"{source.slug}.duckdb"
        shutil.copyfile(registry_stores[source.registry], store)
        status, stored = _load(source, store)
        truth = source.truth()
        expected = {_key(t): float(t["value"]) for t in truth if t["value"]}
        right = sum(1 for k, v in expected.items() if k in stored and stored[k] == pytest.approx(v))
        wrong = _wrong(stored, expected)
        answers = _answers_count(source)
        if source.answers:  # the same source without its answers, to show what the answers add
            bare = tmp_path / f"{source.slug}_bare.duckdb"
            shutil.copyfile(registry_stores[source.registry], bare)
            bare_stored = _load(source, bare, False)[1]
            unanswered += sum(1 for k, v in expected.items() if bare_stored.get(k) == pytest.approx(v))
            wrong_all += [(f"{source.slug} (no answers)", *w) for w in _wrong(bare_stored, expected)]
        else:
            unanswered += right
        lines.append(
            f"[real corpus] {source.slug}: truth={len(expected)} loaded={right} recall={right / len(expected):.3f} "
            f"wrong={len(wrong)} answers={answers} status={status}"
        )
        wrong_all += [(source.slug, *w) for w in wrong]
        right_all, total_all, answers_all = right_all + right, total_all + len(expected), answers_all + answers
        distinct |= {(source.registry, k) for k in expected}
    publishers = {s.publisher for s in sources()}
    distinct_tables = {t for s in sources() for t in s.tables}
    recall = right_all / total_all
    with capsys.disabled():
        print()
        print("\n".join(lines))
        print(
            f"[real corpus] sources={len(sources())} published tables={len(distinct_tables)} "
            f"publishers={len(publishers)} truth={total_all} (distinct {len(distinct)}) loaded={right_all} "
            f"recall={recall:.3f} wrong={len(wrong_all)} answers={answers_all} "
            f"(recall without any answer {unanswered / total_all:.3f})"
        )
    assert wrong_all == []
    assert recall >= MIN_RECALL
    assert len(distinct_tables) >= 10 and len(publishers) >= 6 and len(distinct) >= 300
    assert answers_all <= len(sources()), "at most one answer per source on average"


def _wrong(stored: dict[Key, float], expected: dict[Key, float]) -> list[tuple[Key, float, object]]:
    """Values loaded where the truth has another value, or none at all (a blank or not a catalogue value)."""
    return [(k, v, expected.get(k)) for k, v in stored.items() if k not in expected or v != pytest.approx(expected[k])]


def _key(t: dict[str, str]) -> Key:
    return (t["unit_gso_code"], t["indicator_code"], int(t["year"]))


@pytest.mark.parametrize("source", sources(), ids=lambda s: s.slug)
def test_truth_points_at_the_printed_cell(source: Source) -> None:
    """Each truth row's printed value is what the fixture holds at its cell: the files are kept
    as collected and the truth was typed against them."""
    for t in source.truth():
        assert _printed(source, t["sheet"], t["cell"]) == t["value_as_printed"], (t["sheet"], t["cell"])


def _printed(source: Source, sheet: str, cell: str) -> str:
    match = re.fullmatch(r"([A-Z]+)(\d+)", cell)
    assert match is not None
    if source.path.suffix == ".csv":
        text = source.path.read_text(encoding="utf-8-sig")
        delimiter = ";" if text.count(";") > text.count(",") else ","
        rows = list(csv.reader(text.splitlines(), delimiter=delimiter))
        return rows[int(match[2]) - 1][column_index_from_string(match[1]) - 1]
    value = load_workbook(source.path, read_only=True)[sheet][cell].value
    return "" if value is None else str(value)
