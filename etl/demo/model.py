"""The fictional province's numbers: smooth series for school years 2012-2013 … 2022-2023
(calendar years 2012 … 2022) with the stories a ten-year assessment must find (see
docs/demo.md). The paths are anchored on 2013 and 2023 (``trend``); the province holds what
it would have had on the 2023 round's date (etl.demo.build drops what was not yet known).

* strong gains: national-standard schools, solid classrooms, nursery enrolment,
  trained labour;
* a worsening indicator: lower-secondary dropout rises, most in the mountains;
* a lagging district (profile ``progress`` < 1 and low ``development``);
* a teacher shortage from 2019: teachers fall while pupils rise;
* a definition break: teacher qualification standard of 1/7/2020;
* one planted implausible value (planted_errors.csv) that validation flags.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from etl.reference.model import Reference

FIRST, LAST = 2013, 2023  # the anchors of the linear paths
YEARS = range(2012, 2023)  # school years 2012-2013 … 2022-2023, calendar years 2012 … 2022


@dataclass(frozen=True)
class Profile:
    code: str
    terrain: str
    population_2013: float
    population_growth: float
    development: float
    progress: float


Values = dict[tuple[str, int], float]


class DistrictModel:
    """Values for one district; `dev` (0..1) sets levels, `progress` scales the ten-year gains."""

    def __init__(self, p: Profile) -> None:
        self.p, self.dev = p, p.development
        self.rng = random.Random(int(p.code) * 7919)
        self.values: Values = {}

    # -- helpers ---------------------------------------------------------------
    def pop(self, y: int) -> float:
        return self.p.population_2013 * (1 + self.p.population_growth) ** (y - FIRST)

    def trend(self, y: int, start: float, end: float, cap: float = 100.0) -> float:
        """Linear path from `start` (2013) towards `end` (2023), scaled by the profile's progress."""
        frac = (y - FIRST) / (LAST - FIRST)
        return min(cap, start + (end - start) * frac * self.p.progress)

    def jitter(self, x: float, sd: float = 0.004) -> float:
        return x * (1 + self.rng.gauss(0, sd))

    def count(self, code: str, y: int, x: float) -> int:
        n = max(0, round(self.jitter(x)))
        self.values[(code, y)] = n
        return n

    def rate_pair(self, codes: tuple[str, str, str], y: int, population: float, pct: float) -> None:
        """Store denominator, numerator and the reported rate (1 decimal) consistently."""
        rate_code, num_code, den_code = codes
        den = self.count(den_code, y, population)
        num = min(den, round(den * pct / 100))
        self.values[(num_code, y)] = num
        self.values[(rate_code, y)] = round(100 * num / den, 1) if den else 0.0

    def share(self, code: str, y: int, total: int, pct: float) -> int:
        n = min(total, round(total * pct / 100))
        self.values[(code, y)] = n
        return n

    def cqg(self, y: int, start: float, end: float) -> float:
        """National-standard share; the 2018 rules made re-recognition dip in 2018–2019."""
        dip = {2018: 6.0, 2019: 3.0}.get(y, 0.0)
        return self.trend(y, start, end) - dip

    def qualified(self, y: int, old: tuple[float, float], new_start: float, gain: float) -> float:
        """Teachers meeting the qualification standard; the standard rose on 1/7/2020."""
        if y < 2020:
            return self.trend(y, *old)
        return min(97.0, new_start + gain * (y - 2020) * self.p.progress)

    def above(self, level: str, y: int, teachers: int, old: tuple[float, float], new: tuple[float, float]) -> None:
        """Teachers above the standard: a share of those meeting it; from 2020 "above" means a higher degree."""
        share = self.trend(y, *old) if y < 2020 else min(60.0, new[0] + new[1] * (y - 2020))
        at_standard = self.values[(f"{level}_gv_datchuan", y)]
        self.values[(f"{level}_gv_trenchuan", y)] = min(at_standard, round(teachers * share / 100))

    # -- levels -------------------------------------------------------------
    def build(self) -> Values:
        for y in YEARS:
            self.preschool(y)
            self.primary(y)
            self.lower_secondary(y)
            self.upper_secondary(y)
            self.public_pupils(y)
            self.vocational(y)
        return self.values

    def public_pupils(self, y: int) -> None:
        """Pupils of public preschools and schools (the per-pupil budget's denominator)."""
        v = self.values
        total = 0.93 * v[("mn_hs", y)] + 0.985 * v[("th_hs", y)] + 0.98 * v[("thcs_hs", y)] + 0.95 * v[("thpt_hs", y)]
        self.values[("hs_cl", y)] = round(total)

    def preschool(self, y: int) -> None:
        d, t, pop = self.dev, y - FIRST, self.pop(y)
        self.rate_pair(
            ("mn_tl_huydong_nt", "mn_tre_nt", "mn_dan_so_nt"),
            y,
            pop * 0.047 * (1 - 0.01 * t),
            self.trend(y, 12 + 18 * d, 24 + 20 * d),
        )
        self.rate_pair(
            ("mn_tl_huydong_mg", "mn_tre_mg", "mn_dan_so_mg"),
            y,
            pop * 0.049 * (1 - 0.006 * t),
            self.trend(y, 86 + 9 * d, 93 + 6 * d, cap=99.5),
        )
        self.rate_pair(
            ("mn_tl_tre5t", "mn_tre5t_ralop", "mn_dan_so_5t"),
            y,
            pop * 0.0163 * (1 - 0.006 * t),
            self.trend(y, 96.5 + 2.5 * d, 99.0 + 0.8 * d, cap=99.9),
        )
        children = self.values[("mn_tre_nt", y)] + self.values[("mn_tre_mg", y)]
        self.values[("mn_hs", y)] = children
        classes = self.count("mn_lop", y, self.values[("mn_tre_nt", y)] / 18 + self.values[("mn_tre_mg", y)] / 27)
        schools = self.count("mn_truong", y, pop / 5200 * (1 - 0.004 * t))
        self.share("mn_truong_cqg", y, schools, self.cqg(y, 14 + 26 * d, 42 + 38 * d))
        teachers = self.count("mn_gv", y, children / (15.0 - 1.5 * d))
        self.share("mn_gv_datchuan", y, teachers, self.qualified(y, (93 + 4 * d, 99.0), 68 + 10 * d, 4.0))
        self.above("mn", y, teachers, (38 + 25 * d, 72 + 20 * d), (14 + 16 * d, 3.0))
        rooms = self.count("mn_phong", y, classes * 0.96)
        self.share("mn_phong_kc", y, rooms, self.trend(y, 48 + 30 * d, 80 + 18 * d))
        self.values[("pc_mn5", y)] = 1 if y >= (2015 if self.p.progress >= 0.9 else 2016) else 0

    def primary(self, y: int) -> None:
        d, t, pop = self.dev, y - FIRST, self.pop(y)
        age_pop = pop * 0.075 * (1 + 0.012 * t)
        self.rate_pair(
            ("th_tl_dungtuoi", "th_hs_dungtuoi", "th_dan_so_6_10"),
            y,
            age_pop,
            self.trend(y, 97.0 + 2.0 * d, 98.8 + 1.0 * d, cap=99.9),
        )
        pupils = self.count("th_hs", y, age_pop * 1.015)
        self.rate_pair(
            ("th_tl_hoanthanh", "th_hs_hoanthanh", "th_hs_lop5"),
            y,
            pupils * 0.19,
            self.trend(y, 97.8 + 1.6 * d, 99.2 + 0.7 * d, cap=99.9),
        )
        classes = self.count("th_lop", y, pupils / (27 + 6 * d))
        schools = self.count("th_truong", y, pop / 5000 * (1 - 0.012 * max(0, t - 3)))
        self.share("th_truong_cqg", y, schools, self.cqg(y, 34 + 30 * d, 64 + 30 * d))
        ratio = 21.0 + 1.0 * d + (0.9 * (y - 2018) if y > 2018 else 0.0)
        teachers = self.count("th_gv", y, pupils / ratio)
        self.share("th_gv_datchuan", y, teachers, self.qualified(y, (96 + 3 * d, 99.5), 64 + 12 * d, 5.0))
        self.above("th", y, teachers, (68 + 20 * d, 90 + 8 * d), (1.0 + 3 * d, 0.5))
        two_sessions = self.trend(y, 52 + 34 * d, 84 + 15 * d)
        if not (self.p.code == "999" and y <= 2014):  # Mường Khoa did not count two-session pupils before 2015
            self.share("th_hs_2buoi", y, pupils, two_sessions)
        rooms = self.count("th_phong", y, classes * 1.0)
        self.share("th_phong_kc", y, rooms, self.trend(y, 62 + 26 * d, 84 + 15 * d))
        self.count("th_hs_bohoc", y, pupils * 0.0008 * (1.5 - d))
        self.values[("pc_th_muc", y)] = (
            1 if y <= FIRST else (3 if y >= (2016 if self.p.progress >= 0.9 else 2021) else 2)
        )
        self.values[("xmc_muc", y)] = 2 if y >= (2017 if self.p.progress >= 0.9 else 2020) else 1

    def lower_secondary(self, y: int) -> None:
        d, t, pop = self.dev, y - FIRST, self.pop(y)
        age_pop = pop * 0.056 * (1 + 0.008 * t)
        self.rate_pair(
            ("thcs_tl_dungtuoi", "thcs_hs_dungtuoi", "thcs_dan_so_11_14"),
            y,
            age_pop,
            self.trend(y, 87 + 7 * d, 92 + 6 * d, cap=99.5),
        )
        pupils = self.count("thcs_hs", y, age_pop * 0.975)
        self.rate_pair(
            ("thcs_tl_totnghiep", "thcs_hs_totnghiep", "thcs_hs_xettn"),
            y,
            pupils * 0.24,
            self.trend(y, 95.5 + 3.0 * d, 98.4 + 1.4 * d, cap=99.9),
        )
        classes = self.count("thcs_lop", y, pupils / (36 + 6 * d))
        schools = self.count("thcs_truong", y, pop / 7000 * (1 - 0.01 * max(0, t - 3)))
        self.share("thcs_truong_cqg", y, schools, self.cqg(y, 24 + 30 * d, 54 + 36 * d))
        ratio = 21.0 + 0.5 * d + (0.6 * (y - 2018) if y > 2018 else 0.0)
        teachers = self.count("thcs_gv", y, pupils / ratio)
        self.share("thcs_gv_datchuan", y, teachers, self.qualified(y, (95 + 4 * d, 99.5), 77 + 10 * d, 4.0))
        self.above("thcs", y, teachers, (44 + 25 * d, 66 + 22 * d), (2.0 + 4 * d, 0.5))
        rooms = self.count("thcs_phong", y, classes * 1.02)
        self.share("thcs_phong_kc", y, rooms, self.trend(y, 70 + 20 * d, 88 + 11 * d))
        # Dropout worsens (the trend ignores progress: it is not a gain).
        dropout = 0.6 + 0.8 * (1 - d) + (0.3 + 0.6 * (1 - d)) * t / (LAST - FIRST)
        self.count("thcs_hs_bohoc", y, pupils * dropout / 100)
        self.values[("pc_thcs_muc", y)] = (
            1 if y < (2016 if self.p.progress >= 0.9 else 2022) else (3 if d >= 0.95 and y >= 2018 else 2)
        )

    def upper_secondary(self, y: int) -> None:
        d, t, pop = self.dev, y - FIRST, self.pop(y)
        pupils = self.count("thpt_hs", y, pop * 0.034 * (1 + 0.01 * t) * (0.7 + 0.5 * d))
        classes = self.count("thpt_lop", y, pupils / 42)
        schools = max(1, self.count("thpt_truong", y, pop / 28000 * (0.8 + 0.4 * d)))
        self.values[("thpt_truong", y)] = schools
        self.share("thpt_truong_cqg", y, schools, self.cqg(y, 20 + 30 * d, 50 + 30 * d))
        teachers = self.count("thpt_gv", y, pupils / 19.5)
        self.share("thpt_gv_datchuan", y, teachers, self.trend(y, 97.0, 99.8))
        self.share("thpt_gv_trenchuan", y, teachers, self.trend(y, 8 + 8 * d, 18 + 10 * d))
        rooms = self.count("thpt_phong", y, classes * 1.05)
        self.share("thpt_phong_kc", y, rooms, self.trend(y, 80 + 15 * d, 92 + 8 * d))
        self.count("thpt_hs_bohoc", y, pupils * (2.0 + 1.5 * (1 - d) - (0.8 + 0.5 * (1 - d)) * t / 10) / 100)
        self.rate_pair(
            ("thpt_tl_totnghiep", "thpt_ts_totnghiep", "thpt_ts_duthi"),
            y,
            pupils * 0.31,
            self.trend(y, 88 + 8 * d, 97 + 2.5 * d, cap=99.8),
        )
        self.rate_pair(
            ("tn_tl_thpt", "tn_dat_thpt", "tn_dan_so"), y, pop * 0.062, self.trend(y, 52 + 30 * d, 76 + 20 * d, cap=98)
        )

    def vocational(self, y: int) -> None:
        d, t, pop = self.dev, y - FIRST, self.pop(y)
        covid = {2020: 0.82, 2021: 0.9}.get(y, 1.0)
        centres = 6 if self.p.terrain == "city" else 2 if self.p.terrain == "town" else 1
        self.values[("gdnn_coso", y)] = centres + (1 if y < 2015 and self.p.terrain != "city" else 0)
        intake = self.count("gdnn_tuyensinh", y, pop * 0.018 * (1 + 0.03 * t) * (0.7 + 0.5 * d) * covid)
        graduates = self.count("gdnn_totnghiep", y, intake * 0.85)
        employed = self.trend(y, 72 + 10 * d, 85 + 8 * d) - (3.0 if covid < 1 else 0.0)
        self.rate_pair(("gdnn_tl_vieclam", "gdnn_tn_vieclam", "gdnn_tn_khaosat"), y, graduates * 0.65, employed)
        self.rate_pair(
            ("ld_tl_quadaotao", "ld_qua_daotao", "ld_lucluong"),
            y,
            pop * 0.585 * (1 + 0.004 * t),
            self.trend(y, 38 + 20 * d, 62 + 14 * d),
        )
        graduates_pt = self.values[("thcs_hs", y)] * 0.235 + self.values[("thpt_hs", y)] * 0.30
        self.rate_pair(
            ("gdnn_tl_phanluong", "gdnn_ts_tnpt", "gdnn_tnpt"), y, graduates_pt, self.trend(y, 17 + 10 * d, 31 + 10 * d)
        )
        women = min(intake, round(intake * self.trend(y, 27 + 6 * d, 32 + 6 * d) / 100))
        self.values[("gdnn_tuyensinh_nu", y)] = women
        self.values[("gdnn_tl_nu", y)] = round(100 * women / intake, 1) if intake else 0.0
        rural = {2020: 0.8, 2021: 0.9}.get(y, 1.0)
        self.count("ld_nongthon_daotao", y, pop * 0.009 * (1.3 - d) * (1 + 0.02 * t) * rural)


def province_values(rows: list[dict[str, str]]) -> Values:
    """Province-level figures reported by departments (Finance; the labour-force survey).

    Education spending is split into capital spending (``ns_share_dtpt`` % of it: up with the
    solid-classroom programme to 2018, down in the COVID years) and recurrent spending (the rest).
    """
    values: Values = {}
    for row in rows:
        y = int(row["year"])
        total = float(row["ns_chi_tong"])
        values[("ns_chi_tong", y)] = total
        education = round(total * float(row["ns_share_gd"]) / 100)
        values[("ns_chi_gd", y)] = education
        capital = round(education * float(row["ns_share_dtpt"]) / 100)
        values[("ns_chi_dtpt_gd", y)] = capital
        values[("ns_chi_sngd", y)] = education - capital
        values[("ld_tl_bangcap", y)] = float(row["ld_tl_bangcap"])
    return values


def province_totals(districts: list[Values], ref: Reference, codes: list[str]) -> Values:
    """A department's province figures: district counts summed, rates from the summed parts."""
    totals: Values = {}
    years = {y for d in districts for (_, y) in d}
    for code in codes:
        ind = ref.indicators[code]
        for y in sorted(years):
            if ind.aggregation == "sum":
                # Units that existed in the year (a district merged away has no values after it).
                parts = [d.get((code, y)) for d in districts if any(k[1] == y for k in d)]
                if all(p is not None for p in parts):
                    totals[(code, y)] = float(sum(p for p in parts if p is not None))
            elif ind.aggregation == "ratio" and ind.numerator and ind.denominator:
                num = sum(d.get((ind.numerator, y), 0.0) for d in districts)
                den = sum(d.get((ind.denominator, y), 0.0) for d in districts)
                if den > 0:
                    totals[(code, y)] = round(num / den * (ind.scale or 100), 2)
    return totals


def apply_planted(
    values: Values, rows: list[dict[str, str]], unit_code: str, keep: Callable[[str], bool] = lambda _: True
) -> Values:
    """Multiply the planted cells of this unit by their factor (deliberate errors)."""
    out = dict(values)
    for row in rows:
        key = (row["indicator_code"], int(row["year"]))
        if row["unit_code"] == unit_code and key in out and keep(row["indicator_code"]):
            out[key] = round(out[key] * float(row["factor"]))
    return out
