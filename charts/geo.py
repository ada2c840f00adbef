"""Small GeoJSON helpers for the district map (no I/O, no Streamlit).

The map draws the boundaries on plain x/y axes (longitude, latitude) rather
than a plotly ``geo`` subplot: a geo subplot fetches its base map from a CDN
when the page renders, and the dashboard must work with no network.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = [
    "area",
    "aspect",
    "centroid",
    "extent",
    "feature_code",
    "normalise_code",
    "outer_rings",
    "px_per_degree",
    "rings",
]


def normalise_code(value: object) -> str:
    """A GSO district code as the registry writes it: 380 → "380", 1 → "001", "1.0" → "001"."""
    text = str(value).strip()
    if text.replace(".", "", 1).isdigit():
        return f"{int(float(text)):03d}"
    return text


def feature_code(feature: Mapping[str, Any], code_property: str) -> str:
    return normalise_code((feature.get("properties") or {}).get(code_property, ""))


def _area(ring: Sequence[Sequence[float]]) -> float:
    """Signed planar area (lon, lat): positive when counter-clockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, [*ring[1:], ring[0]], strict=True)) / 2


def rings(feature: Mapping[str, Any]) -> list[list[list[float]]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon feature."""
    geometry = feature.get("geometry") or {}
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        return list(coordinates)
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def outer_rings(feature: Mapping[str, Any]) -> list[list[list[float]]]:
    geometry = feature.get("geometry") or {}
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        return [coordinates[0]] if coordinates else []
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in coordinates if polygon]
    return []


def area(feature: Mapping[str, Any]) -> float:
    """Planar area in square degrees (to draw large districts first, enclosed ones on top)."""
    return sum(abs(_area(r)) for r in outer_rings(feature))


def mid_latitude(features: Sequence[Mapping[str, Any]]) -> float:
    lats = [p[1] for f in features for r in outer_rings(f) for p in r]
    return (min(lats) + max(lats)) / 2 if lats else 0.0


def aspect(features: Sequence[Mapping[str, Any]]) -> float:
    """y/x scale ratio that makes a degree of latitude as long as it is on the ground."""
    return 1 / max(math.cos(math.radians(mid_latitude(features))), 0.1)


def centroid(feature: Mapping[str, Any]) -> tuple[float, float]:
    """A label point: the area-weighted centre of the largest polygon's outer ring."""
    outer = outer_rings(feature)
    if not outer:
        return (0.0, 0.0)
    ring = max(outer, key=lambda r: abs(_area(r)))
    area = _area(ring)
    if area == 0:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    pairs = list(zip(ring, [*ring[1:], ring[0]], strict=True))
    cx = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs) / (6 * area)
    cy = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairs) / (6 * area)
    return (cx, cy)


def extent(feature: Mapping[str, Any]) -> tuple[float, float]:
    """(width, height) of a feature's largest polygon in degrees, the height as drawn (× aspect):
    the room a label at its centre has."""
    outer = outer_rings(feature)
    if not outer:
        return (0.0, 0.0)
    ring = max(outer, key=lambda r: abs(_area(r)))
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    # A label at the centre of an irregular shape has about 60% of its bounding box.
    return ((max(xs) - min(xs)) * 0.6, (max(ys) - min(ys)) * aspect([feature]) * 0.6)


def px_per_degree(features: Sequence[Mapping[str, Any]], width_px: float, height_px: float) -> float:
    """Screen px per degree of longitude when the features fill a ``width_px`` × ``height_px`` panel."""
    xs = [p[0] for f in features for r in outer_rings(f) for p in r]
    ys = [p[1] for f in features for r in outer_rings(f) for p in r]
    if not xs:
        return 0.0
    lon = max(max(xs) - min(xs), 1e-9)
    lat = max((max(ys) - min(ys)) * aspect(features), 1e-9)
    return min(width_px / lon, height_px / lat)
