"""Plotly charts for the dashboard (plain Python: no Streamlit import).

Every figure uses :func:`charts.style.apply_style`: Vietnamese separators
(",."), shared font, white template, compact margins, height ≈ 460 px.
"""

from charts.colors import GOOD_BAD_SCALE, PROVINCE_COLOR, sequential_scale, unit_colors
from charts.compare import disparity_figure, rank_change_figure, ranked_bar_figure
from charts.heatmap import heatmap_figure
from charts.style import apply_style
from charts.trend import trend_figure
from vocab.display import year_label

__all__ = [
    "GOOD_BAD_SCALE",
    "PROVINCE_COLOR",
    "apply_style",
    "disparity_figure",
    "heatmap_figure",
    "rank_change_figure",
    "ranked_bar_figure",
    "sequential_scale",
    "trend_figure",
    "unit_colors",
    "year_label",
]
