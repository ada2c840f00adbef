"""The key indicators the overview shows first (codes of the public catalogue)."""

HEADLINE_INDICATORS = (
    "mn_tl_huydong_nt",
    "mn_tl_cqg",
    "th_tl_cqg",
    "thcs_tl_cqg",
    "thpt_tl_cqg",
    "th_tl_phong_kc",
    "th_tl_gv_datchuan",
    "th_hs_gv",
    "thcs_tl_bohoc",
    "thpt_tl_totnghiep",
    "ns_tl_chi_gd",
    "ld_tl_quadaotao",
)
