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
