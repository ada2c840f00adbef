-- Issue 13: the reference date of each indicator (30/9 stock figures, 31/5 end-of-year
-- outcomes, calendar years) decides what a plain year in a file means; and the answers an
-- analyst gave to the reader's questions are kept with the batch they shaped.
ALTER TABLE indicators ADD COLUMN reference_date VARCHAR;

-- One row per answer used by a batch (kind, key as the question names them, the answer);
-- "skip-error-cells" records the choice to load a file without its error cells.
CREATE TABLE batch_answers (
    batch_id INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    question_key VARCHAR NOT NULL,
    answer VARCHAR NOT NULL
);

-- Stores made before this migration get the dates `etl init` would give the bundled catalogue
-- (data/reference/indicators.csv), so plain years keep their meaning until the next init.
UPDATE indicators SET reference_date = CASE
    WHEN period_type = 'calendar_year' THEN 'calendar'
    WHEN kind = 'level' OR regexp_matches(code, '_(bohoc|hoanthanh|totnghiep|xettn|duthi|lop5)$') THEN '31/5'
    ELSE '30/9'
END
WHERE reference_date IS NULL;
