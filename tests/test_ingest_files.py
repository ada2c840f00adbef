"""Free-layout files end to end: each real-shaped fixture through the default reader and the
store, and a mixed folder through `python -m etl load`, with recall and wrong-value counts.

Expected values are typed by hand in etl/demo/free_files.py from what each file shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.cli import main
from etl.demo.free_files import BUILDERS, FreeFile, all_files
from etl.load.pipeline import load_content
from store import open_reader

Key = tuple[str, str, int]


def _stored(db: Path) -> dict[Key, tuple[float, str | None, str, str]]:
    con = open_reader(db)
    try:
        rows = con.execute(
            "SELECT unit_code, indicator_code, year, value, flags, sheet, cell FROM observations"
        ).fetchall()
    finally:
        con.close()
    return {(u, i, int(y)): (float(v), f, s, c) for u, i, y, v, f, s, c in rows}


@pytest.mark.parametrize("build", BUILDERS, ids=[b.__name__ for b in BUILDERS])
def test_each_fixture_loads_exactly_its_certain_values(store: Path, build) -> None:  # type: ignore[no-untyped-def]
    f: FreeFile = build()
    report = load_content(f.content, f.name, store, actor="test")
    assert report.status == "loaded", [(i.code, i.message) for i in report.issues if i.severity == "error"]
    got = {(v.unit_code, v.indicator_code, v.year): v.value for v in report.values}
    assert got == pytest.approx(f.expected)
    assert not (set(got) & f.uncertain)
    codes = {i.code for i in report.issues}
    assert f.codes <= codes, f.codes - codes
    assert report.source_kind and report.source_kind != "template"
    for key, flag in f.flags.items():
        assert flag in next(v.flags for v in report.values if (v.unit_code, v.indicator_code, v.year) == key)
    stored = _stored(store)
    assert all(sheet and cell for _v, _f, sheet, cell in stored.values())  # provenance of every value


def test_skipped_values_are_listed_with_their_cell(store: Path) -> None:
    f = BUILDERS[0]()
    report = load_content(f.content, f.name, store, dry_run=True)
    skipped = {(i.code, i.cell) for i in report.issues if i.severity == "warning"}
    assert ("formula-without-value", "F15") in skipped
    assert ("non-numeric-value", "E15") in skipped
    assert ("indicator-not-matched", "B14") in skipped
    assert all("không được nạp" in i.message for i in report.issues if i.code == "formula-without-value")


def test_unit_suggestion_is_offered_not_loaded(store: Path) -> None:
    f = BUILDERS[1]()
    report = load_content(f.content, f.name, store, dry_run=True)
    issue = next(i for i in report.issues if i.code == "unit-not-matched")
    assert issue.raw_value == "Thị xã Hòa Phong" and issue.suggestions == ("993",)
    assert "Huyện Hòa Phong (mã 993)" in issue.message


def test_mixed_folder_through_the_command_line(store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = all_files()
    folder = tmp_path / "incoming"
    folder.mkdir()
    for f in files:
        (folder / f.name).write_bytes(f.content)
    status = main(["load", *[str(folder / f.name) for f in files], "--db", str(store), "--user", "test"])
    out = capsys.readouterr().out
    assert status == 0, out
    stored = {k: v[0] for k, v in _stored(store).items()}
    expected = {k: v for f in files for k, v in f.expected.items()}
    uncertain = {k for f in files for k in f.uncertain}
    loaded_right = sum(1 for k, v in expected.items() if k in stored and stored[k] == pytest.approx(v))
    wrong = sum(1 for k, v in stored.items() if k in expected and v != pytest.approx(expected[k]))
    wrong += sum(1 for k in stored if k in uncertain or k not in expected)
    recall = loaded_right / len(expected)
    with capsys.disabled():
        print(
            f"\n[free-layout fixtures] files={len(files)} certain={len(expected)} loaded={loaded_right} "
            f"recall={recall:.3f} wrong={wrong} uncertain_not_loaded={len(uncertain - set(stored))}/{len(uncertain)}"
        )
    assert wrong == 0
    assert recall == 1.0
    assert "ĐÃ NẠP" in out


def test_same_folder_twice_is_unchanged(store: Path, tmp_path: Path) -> None:
    f = BUILDERS[2]()
    path = tmp_path / f.name
    path.write_bytes(f.content)
    assert main(["load", str(path), "--db", str(store), "--user", "t"]) == 0
    again = load_content(f.content, f.name, store)
    assert again.status == "unchanged"


def test_a_warned_value_that_loads_is_not_counted_as_not_loaded() -> None:
    """A year-on-year jump is a warning on a value that loads: the summary must not call it skipped."""
    from collections import Counter

    from etl.issues import make_issue
    from etl.load.outcome import skip_counts

    jump = make_issue("yoy-jump", file="a.xlsx", sheet="GD", cell="E12", value="117.660")
    unmatched = make_issue("unit-not-matched", file="a.xlsx", sheet="GD", cell="B7", raw_value="Huyện X")
    assert skip_counts(Counter(), [jump, unmatched], []) == Counter({"unit-not-matched": 1})
