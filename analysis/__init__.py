"""Analysis functions for the provincial education dashboard (2013-2023 review).

Plain pandas; no Streamlit. Every function takes one indicator at a time as a
long-form series (unit_code, year, value) with NaN for missing values.
"""

from analysis.change import assess_change, baseline_latest, trend_class
from analysis.disparity import disparity
from analysis.ranking import rank_change, rank_units
from analysis.targets import judge, target_verdict

__all__ = [
    "assess_change",
    "baseline_latest",
    "disparity",
    "judge",
    "rank_change",
    "rank_units",
    "target_verdict",
    "trend_class",
]
