"""Colours: a fixed colour per district, the province colour, good/bad scales.

A district keeps the same colour on every chart because the colour is taken
from its position in the full registry list (``unit_colors`` is given ALL
district codes in registry order), not from the subset a chart shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import plotly.express as px

__all__ = [
    "FALLBACK_COLOR",
    "FLAG_COLOR",
    "GOOD_BAD_SCALE",
    "PROVINCE_COLOR",
    "QUALITATIVE_PALETTE",
    "TARGET_COLOR",
    "Colorscale",
    "sequential_scale",
    "unit_colors",
]

PROVINCE_COLOR = "#1f2937"  # near-black slate: the province line stands out
FALLBACK_COLOR = "#9ca3af"  # grey for a unit missing from the colour map
TARGET_COLOR = "#b91c1c"
FLAG_COLOR = "#d97706"  # amber ring: a value with an open quality warning (never a verdict colour)

Colorscale = list[list[float | str]]


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    channels = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _readable(hex_color: str) -> bool:
    """Visible on white (contrast ≥ about 2) and not confusable with PROVINCE_COLOR."""
    return 0.03 <= _luminance(hex_color) <= 0.45


# Dark24 + Light24 (48 colours), minus the near-black and the pale ones: 37 colours.
QUALITATIVE_PALETTE: tuple[str, ...] = tuple(
    c for c in (*px.colors.qualitative.Dark24, *px.colors.qualitative.Light24) if _readable(c)
)


def unit_colors(unit_codes: Sequence[str]) -> dict[str, str]:
    """Colour for each district code, by its position in ``unit_codes``.

    Pass every district code in registry order so that the mapping does not
    depend on which districts a chart shows. The palette repeats after
    ``len(QUALITATIVE_PALETTE)`` districts; a repeated code keeps its first colour.
    """
    colors: dict[str, str] = {}
    for code in unit_codes:
        if code not in colors:
            colors[code] = QUALITATIVE_PALETTE[len(colors) % len(QUALITATIVE_PALETTE)]
    return colors


# Diverging, bad (red) -> neutral (light) -> good (green); for values where
# high is good (reverse it, or flip the data, when low is good).
GOOD_BAD_SCALE: Colorscale = [
    [0.0, "#b2182b"],
    [0.25, "#ef8a62"],
    [0.5, "#f7f7f7"],
    [0.75, "#7fbf7b"],
    [1.0, "#1b7837"],
]

_GREENS: tuple[str, ...] = tuple(px.colors.sequential.YlGn)  # pale yellow -> dark green
_BLUES: tuple[str, ...] = tuple(px.colors.sequential.Blues)


def _even(colors: Sequence[str]) -> Colorscale:
    last = len(colors) - 1
    return [[i / last, c] for i, c in enumerate(colors)]


def sequential_scale(direction: Literal["up", "down", "neutral"] | str) -> Colorscale:
    """Colourscale in which the good end is green.

    "up": high values green; "down": low values green; "neutral": blue scale
    (dark = high) with no judgement. Raises ValueError for anything else.
    """
    if direction == "up":
        return _even(_GREENS)
    if direction == "down":
        return _even(_GREENS[::-1])
    if direction == "neutral":
        return _even(_BLUES)
    raise ValueError(f"direction must be 'up', 'down' or 'neutral', got {direction!r}")
