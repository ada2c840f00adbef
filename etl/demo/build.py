"""Writing one filled template per unit of the demo province and loading them."""

from __future__ import annotations

from pathlib import Path

from etl.demo.model import DistrictModel, Profile, apply_planted, province_values
from etl.init_store import init_store
from etl.pipeline import FileReport, load_paths
from etl.reference import read_csv_rows
from etl.template_source import TemplateSource

DEMO_DATA = Path(__file__).resolve().parent
DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "demo"
DEMO_PROVINCE = "99"
DEMO_ACTOR = "demo"
NOTICE = "DỮ LIỆU MINH HỌA: tỉnh Sơn Hà và mọi số liệu trong tệp này là giả định, không dùng cho báo cáo thật."


def read_profiles() -> list[Profile]:
    return [
        Profile(
            r["code"],
            r["terrain"],
            float(r["population_2013"]),
            float(r["population_growth"]),
            float(r["development"]),
            float(r["progress"]),
        )
        for r in read_csv_rows(DEMO_DATA / "profiles.csv")
    ]


def demo_values() -> dict[str, dict[tuple[str, int], float]]:
    """Every demo unit's values keyed by unit code, planted errors included."""
    planted = read_csv_rows(DEMO_DATA / "planted_errors.csv")
    values = {p.code: apply_planted(DistrictModel(p).build(), planted, p.code) for p in read_profiles()}
    values[DEMO_PROVINCE] = province_values(read_csv_rows(DEMO_DATA / "province.csv"))
    return values


def write_demo_files(db_path: Path, out_dir: Path) -> list[Path]:
    source = TemplateSource.from_store(db_path)
    ref = source.reference
    missing = [code for code in demo_values() if code not in ref.units]
    if missing:
        raise ValueError(f"Demo units missing from the unit registry: {missing}")
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for code, values in demo_values().items():
        wb = source.build(code, values, notice=NOTICE)
        path = out_dir / f"minh_hoa_{code}_{_slug(ref.units[code].name)}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


def build_demo(db_path: Path, out_dir: Path | None = None) -> list[FileReport]:
    """Initialise the store with the demo registry, write the files, load them."""
    init_store(db_path)
    paths = write_demo_files(db_path, out_dir or DEFAULT_OUT)
    return load_paths(paths, db_path, actor=DEMO_ACTOR, note="Dữ liệu minh họa (tỉnh giả định Sơn Hà)")


def _slug(name: str) -> str:
    from etl.text import fold_key

    return fold_key(name)
