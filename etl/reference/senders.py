"""Expected senders and reporting rounds (data/reference/senders.csv, rounds.csv).

A sender row names whose values it reports (``each-district``: one sender per
district, coded by the district's unit code; ``province``: the province) and
which indicators it is expected to send, as indicator codes or
``source:<source_dept>`` selectors over the catalogue. Only indicators that
are reported (not derived) are expected.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from etl.reference.files import read_csv_rows
from etl.reference.model import ReferenceDataError
from vocab.periods import DEADLINE_RULES

SENDER_KINDS = {"district", "department"}


def parse_senders(
    path: Path, units: list[dict[str, Any]], indicators: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Sender rows and (sender_code, indicator_code) rows; raises on any violation."""
    province = [u["code"] for u in units if u["parent_code"] is None]
    districts = [u for u in units if u["parent_code"] is not None]
    reported = [i for i in indicators if i["input"] == "reported"]
    problems: list[str] = []
    senders: list[dict[str, Any]] = []
    expected: list[dict[str, str]] = []
    for line, r in enumerate(read_csv_rows(path), start=2):
        where = f"{path.name}:{line}"
        if r["kind"] not in SENDER_KINDS:
            problems.append(f"{where}: kind '{r['kind']}' không hợp lệ (cho phép: {sorted(SENDER_KINDS)})")
        codes, bad = _select_indicators(r["indicators"], reported)
        problems += [f"{where}: không có chỉ tiêu báo cáo nào khớp '{b}'" for b in bad]
        if r["unit"] == "each-district":
            targets = [(d["code"], d["name"], d["code"]) for d in districts]
        elif r["unit"] == "province" and province:
            targets = [(r["code"], r["name"], province[0])]
        else:
            problems.append(f"{where}: unit phải là 'each-district' hoặc 'province'")
            continue
        for code, name, unit_code in targets:
            senders.append(
                {"code": code, "name": name, "kind": r["kind"], "unit_code": unit_code, "sort_order": len(senders)}
            )
            expected += [{"sender_code": code, "indicator_code": c} for c in codes]
    if len({s["code"] for s in senders}) != len(senders):
        problems.append(f"{path.name}: mã bên gửi bị trùng (kể cả mã huyện)")
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return senders, expected


def _select_indicators(spec: str, reported: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    codes: list[str] = []
    bad: list[str] = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        if part.startswith("source:"):
            found = [i["code"] for i in reported if i["source_dept"] == part.removeprefix("source:")]
        else:
            found = [i["code"] for i in reported if i["code"] == part]
        if not found:
            bad.append(part)
        codes += [c for c in found if c not in codes]
    return codes, bad


def parse_rounds(path: Path) -> list[dict[str, Any]]:
    """Round rows (code, name, deadline, first_year, last_year, and the optional baseline_year,
    as_of, deadline_inclusive, school_year_deadline); raises on any violation."""
    rows, problems = [], []
    for line, r in enumerate(read_csv_rows(path), start=2):
        where = f"{path.name}:{line}"
        try:
            deadline = date.fromisoformat(r["deadline"])
            first, last = int(r["first_year"]), int(r["last_year"])
            baseline = int(r["baseline_year"]) if r.get("baseline_year") else None
            as_of = date.fromisoformat(r["as_of"]) if r.get("as_of") else None
        except ValueError:
            problems.append(f"{where}: ngày phải có dạng YYYY-MM-DD, năm phải là số")
            continue
        if first > last:
            problems.append(f"{where}: first_year lớn hơn last_year")
        if baseline is not None and baseline > first:
            problems.append(f"{where}: baseline_year phải không lớn hơn first_year")
        inclusive = (r.get("deadline_inclusive") or "no").lower()
        if inclusive not in ("yes", "no"):
            problems.append(f"{where}: deadline_inclusive chỉ nhận yes hoặc no")
        rule = r.get("school_year_deadline") or "ending"
        if rule not in DEADLINE_RULES:
            problems.append(f"{where}: school_year_deadline chỉ nhận {' hoặc '.join(DEADLINE_RULES)}")
        rows.append(
            {
                "code": r["code"],
                "name": r["name"],
                "deadline": deadline,
                "first_year": first,
                "last_year": last,
                "baseline_year": baseline,
                "as_of": as_of,
                "deadline_inclusive": inclusive == "yes",
                "school_year_deadline": rule,
            }
        )
    if problems:
        raise ReferenceDataError("\n".join(problems))
    return rows
