"""Colours: a fixed neutral colour per district, the province colour, good/bad colours and scales.

A district keeps the same colour on every chart because the colour is taken
from its position in the full registry list (``unit_colors`` is given ALL
district codes in registry order), not from the subset a chart shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import plotly.express as px

__all__ = [
    "BAD_COLOR",
    "BAR_COLOR",
    "FALLBACK_COLOR",
    "FLAG_COLOR",
    "GOOD_BAD_SCALE",
    "GOOD_COLOR",
    "PROVINCE_COLOR",
    "QUALITATIVE_PALETTE",
    "TARGET_COLOR",
    "Colorscale",
    "sequential_scale",
    "unit_colors",
]

PROVINCE_COLOR = "#111827"  # near-black: the province line stands out from every district
FALLBACK_COLOR = "#9ca3af"  # grey for a unit missing from the colour map
TARGET_COLOR = "#475569"  # slate: a target is a reference, neither good nor bad
FLAG_COLOR = "#d97706"  # amber ring: a value with an open quality warning (never a verdict colour)
BAR_COLOR = "#64748b"  # one neutral colour for ranked bars: the rank is the message, not the district's hue

# Verdicts: blue = good, vermillion = bad (Okabe-Ito); the pair stays distinct under
# deuteranopia and protanopia, and a verdict word is always written beside the colour.
GOOD_COLOR = "#0072b2"
BAD_COLOR = "#d55e00"

Colorscale = list[list[float | str]]

# Identity of a district: muted, mid-light hues with no red and no pure green, so that no
# district's colour reads as a verdict; distinct in lightness as well as hue.
QUALITATIVE_PALETTE: tuple[str, ...] = (
    "#4e79a7",  # steel blue
    "#b07aa1",  # mauve
    "#9c755f",  # brown
    "#59a5b5",  # teal blue
    "#a68b2c",  # ochre
    "#7666a8",  # violet
    "#5f7f96",  # slate blue
    "#c0876b",  # clay
    "#3f8f8a",  # deep teal
    "#8f6f9f",  # plum
    "#6d6d6d",  # grey
    "#2f5f8f",  # navy
)


def unit_colors(unit_codes: Sequence[str]) -> dict[str, str]:
    """Colour for each district code, by its position in ``unit_codes``.

    Pass every district code in registry order so that the mapping does not
    depend on which districts a chart shows. The palette repeats after
    ``len(QUALITATIVE_PALETTE)`` districts (a chart with that many lines labels them
    directly or by a legend, never by colour alone); a repeated code keeps its first colour.
    """
    colors: dict[str, str] = {}
    for code in unit_codes:
        if code not in colors:
            colors[code] = QUALITATIVE_PALETTE[len(colors) % len(QUALITATIVE_PALETTE)]
    return colors


# Diverging, bad (vermillion) -> neutral (light) -> good (blue); for values where high is
# good (reverse it, or flip the data, when low is good). Safe for red-green colour blindness.
GOOD_BAD_SCALE: Colorscale = [
    [0.0, "#b35806"],
    [0.25, "#f1a340"],
    [0.5, "#f7f7f7"],
    [0.75, "#92c5de"],
    [1.0, "#2166ac"],
]

_GOOD_END: tuple[str, ...] = tuple(px.colors.sequential.YlGnBu)  # pale yellow -> dark blue (good)
_NEUTRAL: tuple[str, ...] = tuple(px.colors.sequential.Purples)  # no judgement


def _even(colors: Sequence[str]) -> Colorscale:
    last = len(colors) - 1
    return [[i / last, c] for i, c in enumerate(colors)]


def sequential_scale(direction: Literal["up", "down", "neutral"] | str) -> Colorscale:
    """Colourscale in which the good end is dark blue (pale yellow the bad end: ordered by
    lightness, so it reads the same under colour blindness and in grey print).

    "up": high values good; "down": low values good; "neutral": a purple scale
    (dark = high) with no judgement. Raises ValueError for anything else.
    """
    if direction == "up":
        return _even(_GOOD_END)
    if direction == "down":
        return _even(_GOOD_END[::-1])
    if direction == "neutral":
        return _even(_NEUTRAL)
    raise ValueError(f"direction must be 'up', 'down' or 'neutral', got {direction!r}")
