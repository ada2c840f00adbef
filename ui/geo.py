"""The district boundary file the province supplies (optional), read once per file version.

``NQ29_GEOJSON``: path of a GeoJSON FeatureCollection of the province's districts
(default ``data/reference/districts.geojson``); ``NQ29_GEOJSON_CODE_PROPERTY``: the
feature property holding the GSO district code (default ``ma_huyen``). Without
the file the map page draws a tile map from the registry's tile_row/tile_col.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import streamlit as st

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "reference" / "districts.geojson"
DEFAULT_PROPERTY = "ma_huyen"


def geojson_path() -> Path:
    return Path(os.environ.get("NQ29_GEOJSON") or DEFAULT_PATH)


def code_property() -> str:
    return os.environ.get("NQ29_GEOJSON_CODE_PROPERTY") or DEFAULT_PROPERTY


@st.cache_data(max_entries=4, show_spinner=False)
def _read(path: str, mtime: float) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def boundaries() -> tuple[dict[str, Any] | None, str | None]:
    """(GeoJSON or None, a message when a supplied file cannot be used)."""
    path = geojson_path()
    if not path.exists():
        return None, None
    try:
        data = _read(str(path), path.stat().st_mtime)
    except (OSError, ValueError) as exc:
        return None, f"Không đọc được tệp ranh giới {path.name}: {exc}. Hiển thị bản đồ ô vuông."
    if data.get("type") != "FeatureCollection" or not data.get("features"):
        return None, f"Tệp ranh giới {path.name} không phải GeoJSON FeatureCollection. Hiển thị bản đồ ô vuông."
    return data, None
