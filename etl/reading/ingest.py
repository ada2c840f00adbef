"""One entry point for every file: ``read_any(content, file_label) -> Extracted``.

1. The bytes say what the file is (etl/reading/sniff.py): empty, encrypted, not a
   spreadsheet and broken files are refused here with one issue each.
2. Our own template goes to :func:`etl.reading.template_reader.read_template`.
3. Anything else is read into grids with calamine (or csv), its legacy-encoded
   text converted, its tables found and read (etl/free_reader.py), and the
   decimal convention of its text numbers decided for the whole file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import cast

from etl.issues import make_issue
from etl.questions import NO_ANSWERS, FileAnswers
from etl.reading.bilingual import vietnamese_part
from etl.reading.file_facts import layout_of, reporting_unit_question, title_measure_question, year_evidence
from etl.reading.free_reader import read_sheet
from etl.reading.grid import Grid, read_workbook
from etl.reading.legacy_text import decode, detect_encoding
from etl.reading.limits import refuse_over_limits
from etl.reading.sniff import sniff
from etl.reading.template_reader import read_template
from etl.records import Extracted
from etl.reference.files import REFERENCE_DIR
from etl.reference.model import Reference
from etl.reference.template_layout import CODE_HEADER, DATA_SHEETS
from etl.resolve import convention
from etl.resolve.cells import WHOLE_KINDS
from vocab.text import clean_text, fold_key

_TEMPLATE_SHEETS = {fold_key(s.name) for s in DATA_SHEETS}
_ENCODING_VI = {"tcvn3": "TCVN3 (ABC, phông .VnTime)", "vni": "VNI (phông VNI-Times)"}


def read_any(
    content: bytes, file_label: str, ref: Reference | None = None, answers: FileAnswers = NO_ANSWERS
) -> Extracted:
    """Raw cells, issues and questions of any supported file; ``ref`` defaults to data/reference/.
    ``answers`` are the analyst's answers to this file's questions (etl/questions.py)."""
    sniffed = sniff(content)
    if sniffed.kind is None:
        out = Extracted("unknown")
        out.issues.append(make_issue(sniffed.problem or "file-unreadable", file=file_label, detail=sniffed.detail))
        return out
    refused = refuse_over_limits(content, sniffed, file_label)  # etl/reading/limits.py
    if isinstance(refused, Extracted):
        return refused
    if sniffed.kind == "csv":
        grids, source = refused, "csv"
    else:
        try:
            grids = read_workbook(content, sniffed.kind)
        except Exception as exc:  # calamine raises its own error types for broken workbooks
            out = Extracted("unknown")
            code = "file-encrypted" if "password" in str(exc).casefold() else "file-unreadable"
            out.issues.append(make_issue(code, file=file_label, detail=f"tệp bảng tính bị hỏng ({type(exc).__name__})"))
            return out
        source = "free-layout"
        if sniffed.kind == "xlsx" and _is_template(grids):
            return read_template(content, file_label, grids)
    return read_grids(grids, file_label, ref or _default_reference(), source, answers)


def read_grids(
    grids: list[Grid],
    file_label: str,
    ref: Reference,
    source: str = "free-layout",
    answers: FileAnswers = NO_ANSWERS,
) -> Extracted:
    out = Extracted(source)
    if not any(v is not None for g in grids for row in g.rows for v in row):
        out.issues.append(make_issue("workbook-empty", file=file_label))
        return out
    encoding = _convert_text(grids)
    if encoding != "unicode":
        out.issues.append(make_issue("legacy-encoding-converted", file=file_label, encoding=_ENCODING_VI[encoding]))
    layouts: Counter[str] = Counter()
    no_unit, no_measure, conflict = 0, Counter[str](), cast(tuple[str, ...], ())
    for grid in grids:
        if grid.hidden:
            if any(v is not None for row in grid.rows for v in row):
                out.issues.append(make_issue("hidden-sheet-skipped", file=file_label, sheet=grid.name))
            continue
        result = read_sheet(grid, file_label, ref, answers)
        out.cells += result.cells
        out.issues += result.issues
        out.questions += result.questions
        out.skip_counts.update(result.skip_counts)
        layouts.update(result.layouts)
        no_unit += result.missing_counts["unit"] if result.outside_unit is None else 0
        no_measure.update(result.no_measure)
        conflict = conflict or result.unit_conflict
    for question in (
        reporting_unit_question(no_unit, conflict, file_label, ref),
        title_measure_question(no_measure, file_label, ref),
    ):
        if question is not None:
            out.questions.append(question)
    out.year_evidence = year_evidence(grids, file_label)
    layout = layout_of(grids)
    out.layout_signature, out.layout_text = layout.signature, layout.text
    if not layouts:
        out.issues = [i for i in out.issues if i.code != "no-table-in-sheet"]
        out.issues.append(make_issue("layout-not-recognised", file=file_label))
    out.source_kind = f"{source}:{'+'.join(sorted(layouts))}" if layouts else source
    _apply_convention(out, file_label, ref)
    units = {c.unit_ref for c in out.cells}
    out.declared_unit = units.pop() if len(units) == 1 else None
    return out


def _is_template(grids: list[Grid]) -> bool:
    target = fold_key(CODE_HEADER)
    return any(
        fold_key(g.name) in _TEMPLATE_SHEETS
        and any(isinstance(row[0], str) and fold_key(row[0]) == target for row in g.rows[:20] if row)
        for g in grids
    )


def _convert_text(grids: list[Grid]) -> str:
    texts = [v for g in grids for row in g.rows for v in row if isinstance(v, str)]
    texts += [g.name for g in grids]
    fonts = {f for g in grids for f in g.fonts.values()}
    encoding = detect_encoding(texts, fonts)
    done: dict[tuple[str, bool], str | None] = {}  # a long CSV repeats its codes and labels
    for g in grids:
        g.name = clean_text(decode(g.name, encoding))
        for r, row in enumerate(g.rows):
            for c, v in enumerate(row):
                if isinstance(v, str):
                    upper = bool(g.fonts) and g.fonts.get((r, c), "").casefold().endswith("h")
                    if (v, upper) not in done:
                        done[(v, upper)] = clean_text(vietnamese_part(decode(v, encoding, upper))) or None
                    row[c] = done[(v, upper)]
    return encoding


def _apply_convention(out: Extracted, file_label: str, ref: Reference) -> None:
    texts = [c for c in out.cells if isinstance(c.raw, str)]
    whole = [
        str(c.raw)
        for c in texts
        if c.indicator_ref in ref.indicators and ref.indicators[c.indicator_ref].kind in WHOLE_KINDS and c.scale == 1
    ]
    decision = convention.decide((str(c.raw) for c in texts), whole)
    if decision.convention is None:
        code = "number-convention-conflict" if decision.reason == "conflict" else "number-convention-undecidable"
        out.issues.append(make_issue(code, file=file_label, raw_value=decision.example))
        return
    if decision.reason == "no-ambiguity":
        return
    names = {"vi": "Việt Nam (1.234,5)", "en": "tiếng Anh (1,234.5)"}
    out.issues.append(
        make_issue(
            "number-convention-decided",
            file=file_label,
            raw_value=decision.example,
            convention=names[decision.convention],
        )
    )
    kind = "vi-decided" if decision.convention == "vi" else "en"
    out.cells = [replace(c, convention=kind) if isinstance(c.raw, str) else c for c in out.cells]


_REFERENCE: list[Reference] = []


def _default_reference() -> Reference:
    """The reference CSV files, for callers without a store (tests, quick checks)."""
    if not _REFERENCE:
        from etl.reference.files import parse_indicators, parse_units

        indicators, ind_aliases = parse_indicators(REFERENCE_DIR / "indicators.csv")
        units, unit_aliases = parse_units(REFERENCE_DIR / "units.csv")
        _REFERENCE.append(Reference.from_rows(indicators, ind_aliases, units, unit_aliases))
    return _REFERENCE[0]
