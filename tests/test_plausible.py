"""Plausibility bounds, exactness and the display of absurd numbers (etl/resolve/plausible.py)."""

from __future__ import annotations

from etl.records import Value
from etl.reference.model import Reference
from etl.resolve.plausible import bounds, implausible_values, inexact_digits
from vocab.display import format_large


def where(v: Value) -> dict[str, object]:
    return {"file": "f.xlsx", "sheet": v.sheet, "cell": v.cell, "indicator": v.indicator_code}


def _value(unit: str, code: str, value: float, raw: str | None = None) -> Value:
    return Value(unit, code, 2015, value, raw or str(value), "Sheet", "B3")


def test_a_count_above_any_district_is_a_cell_error_but_a_province_may_have_it(reference: Reference) -> None:
    district = implausible_values([_value("993", "th_hs", 2_000_000)], reference, where)
    assert [(i.code, i.severity, i.cell) for i in district] == [("value-implausible", "error", "B3")]
    assert "2.000.000" in district[0].message and "1.000.000 học sinh" in district[0].message
    assert implausible_values([_value("99", "th_hs", 2_000_000)], reference, where) == []
    assert implausible_values([_value("993", "th_hs", 150_000)], reference, where) == []


def test_1e308_pupils_read_as_a_power_of_ten(reference: Reference) -> None:
    (issue,) = implausible_values([_value("99", "th_hs", 1e308)], reference, where)
    assert "1,0 × 10³⁰⁸" in issue.message


def test_numbers_from_2_to_the_53_are_not_exact(reference: Reference) -> None:
    assert inexact_digits(1234567890123456789012.0) == 22
    assert inexact_digits(9_007_199_254_740_991.0) is None
    flagged = _value("993", "th_hs_lop", 2.0**60, "1152921504606846976")
    flagged = Value(*[getattr(flagged, f) for f in ("unit_code", "indicator_code", "year", "value", "raw")],
                    "Sheet", "B3", ("not-exact",))  # fmt: skip
    assert [i.code for i in implausible_values([flagged], reference, where)] == ["value-not-exact"]


def test_every_bound_names_a_catalogue_unit_and_grows_from_district_to_province(reference: Reference) -> None:
    units = {i.unit for i in reference.indicators.values()}
    assert set(bounds()) <= units
    assert all(district < province for district, province in bounds().values())


def test_format_large_keeps_ordinary_numbers_plain() -> None:
    assert format_large(1234567) == "1.234.567"
    assert format_large(-2.5e20) == "-2,5 × 10²⁰"
