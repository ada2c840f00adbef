-- Issue 16: findings are grouped by the nine tasks and solutions of NQ 29-NQ/TW (Phần III).
-- The tasks are reference data (data/reference/tasks.csv, replaced by `etl init`); every
-- indicator names the task its findings belong to (indicators.csv, column `task`).
CREATE TABLE resolution_tasks (
    number INTEGER PRIMARY KEY,      -- 1..9, as numbered in the resolution
    title VARCHAR NOT NULL,          -- the task's wording, used as a heading of the report
    short_title VARCHAR NOT NULL,    -- a short form for the pages
    verification VARCHAR NOT NULL,   -- text | secondary | unverified: how the wording was checked
    note VARCHAR
);

ALTER TABLE indicators ADD COLUMN task INTEGER;

-- Stores made before this migration get the tasks `etl init` gives the bundled catalogue
-- (data/reference/indicators.csv), so findings keep a task until the next init.
UPDATE indicators SET task = CASE
    WHEN group_code = 'tai_chinh' OR regexp_matches(code, '_(phong|phong_kc|tl_phong_kc)$') THEN 7
    WHEN regexp_matches(code, '_(gv|gv_datchuan|tl_gv_datchuan|gv_trenchuan|tl_gv_trenchuan|hs_gv|gv_lop)$') THEN 6
    WHEN regexp_matches(code, '_(truong_cqg|tl_cqg)$') THEN 5
    WHEN regexp_matches(code, '^(thcs|thpt)_(tl_totnghiep|hs_totnghiep|hs_xettn|ts_totnghiep|ts_duthi)$') THEN 3
    WHEN regexp_matches(code, '_(hs_2buoi|tl_2buoi|tl_hoanthanh|hs_hoanthanh|hs_lop5)$') THEN 2
    ELSE 4
END
WHERE task IS NULL;
