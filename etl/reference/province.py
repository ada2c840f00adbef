"""A province's unit registry from the official list in ``vietnam-provinces`` 0.6.0.

The package ships the GSO codes and names of the 63 provinces and their 696
districts as of 2025-01-04 (``__data_version__``). Its enums (``DistrictEnum``)
omit the five island districts that have no communes, and every district's
``division_type`` there says "huyện", so the list is read from the package's
``nested-divisions.json`` and the kind is taken from the name's prefix
(Quận, Thành phố, Thị xã, Huyện). Codes are written the GSO way, with leading
zeros: province "01", district "001".

The registry is written to an editable CSV (with an empty changes file beside
it) so that the province can add the units that no longer existed in 2025 and
record its administrative changes before loading it.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etl.reference.model import ReferenceDataError
from etl.reference.unit_changes import changes_path
from vocab.text import fold_key, strip_unit_prefix, unit_key

REGISTRY_COLUMNS = ("code", "name", "kind", "parent_code", "aliases", "valid_from", "valid_to", "tile_row", "tile_col")
CHANGE_COLUMNS = ("year", "change", "from_code", "to_code", "note")
PROVINCE_DIR = Path(__file__).resolve().parents[2] / "data" / "province"


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    kind: str
    parent_code: str | None


def official_divisions() -> list[dict[str, Any]]:
    """The package's nested list: provinces with their districts (and wards, unused)."""
    import vietnam_provinces  # a runtime dependency, only needed by `init --province`

    with Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH).open(encoding="utf-8") as handle:
        data: list[dict[str, Any]] = json.load(handle)
    return data


def find_province(text: str, divisions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The province named by a GSO code ("38", "038") or any spelling of its name."""
    provinces = divisions if divisions is not None else official_divisions()
    cleaned = text.strip()
    if cleaned.isdigit():
        found = [p for p in provinces if int(p["code"]) == int(cleaned)]
    else:
        key = unit_key(cleaned) or fold_key(cleaned)
        found = [p for p in provinces if unit_key(p["name"]) == key or fold_key(p["codename"]) == fold_key(cleaned)]
    if len(found) != 1:
        raise ReferenceDataError(f"Không tìm thấy tỉnh/thành phố '{text}' trong danh mục (mã GSO hoặc tên).")
    return found[0]


def province_units(province: dict[str, Any]) -> list[OfficialUnit]:
    """The province and its districts, in GSO code order."""
    code = f"{int(province['code']):02d}"
    units = [OfficialUnit(code, province["name"], "province", None)]
    for district in sorted(province["districts"], key=lambda d: int(d["code"])):
        kind = strip_unit_prefix(district["name"])[1] or "district"
        units.append(OfficialUnit(f"{int(district['code']):03d}", district["name"], kind, code))
    return units


def registry_path(province_code: str, folder: Path = PROVINCE_DIR) -> Path:
    return folder / f"units_{province_code}.csv"


def write_registry(units: list[OfficialUnit], path: Path) -> None:
    """The registry CSV and its (empty) changes file; an existing file is never overwritten."""
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGISTRY_COLUMNS)
        writer.writeheader()
        for u in units:
            writer.writerow({"code": u.code, "name": u.name, "kind": u.kind, "parent_code": u.parent_code or ""})
    changes = changes_path(path)
    if not changes.exists():
        with changes.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(CHANGE_COLUMNS)


def prepare_registry(text: str, folder: Path = PROVINCE_DIR) -> tuple[Path, bool]:
    """(registry path, whether it was written now); a file already there (perhaps
    edited by the province) is kept and reused."""
    province = find_province(text)
    path = registry_path(f"{int(province['code']):02d}", folder)
    if path.exists():
        return path, False
    write_registry(province_units(province), path)
    return path, True
