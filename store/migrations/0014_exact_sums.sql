-- Issue 19: sums of the children's values are exact and do not depend on the order DuckDB adds
-- them in (each value as DECIMAL(38, 6), summed, then DOUBLE): the incremental refresh of
-- `indicator_values` (store/refresh.py) and a full one give the same table to the last bit, and
-- so do two full ones run in parallel. A summed ratio joins each child's numerator to its ratio
-- first, then to the denominator of the same child and year.

CREATE OR REPLACE VIEW child_aggregates AS
WITH child AS (
    SELECT v.*, u.parent_code
    FROM unit_own_values AS v
    INNER JOIN units AS u ON v.unit_code = u.code
    WHERE
        u.parent_code IS NOT NULL
        AND (u.valid_from IS NULL OR u.valid_from <= v.year)
        AND (u.valid_to IS NULL OR u.valid_to >= v.year)
),

summed AS (
    SELECT c.parent_code, c.indicator_code, c.year, sum(c.value::DECIMAL(38, 6))::DOUBLE AS value, count(*) AS n_units
    FROM child AS c
    INNER JOIN indicators AS i ON c.indicator_code = i.code
    WHERE i.aggregation = 'sum'
    GROUP BY c.parent_code, c.indicator_code, c.year
),

ratios AS (
    SELECT
        num.parent_code,
        num.ratio_code AS indicator_code,
        num.year,
        sum(num.value::DECIMAL(38, 6))::DOUBLE / sum(den.value::DECIMAL(38, 6))::DOUBLE * num.scale AS value,
        count(*) AS n_units
    FROM (
        SELECT c.*, i.code AS ratio_code, i.denominator, i.scale
        FROM child AS c
        INNER JOIN indicators AS i ON i.aggregation = 'ratio' AND c.indicator_code = i.numerator
    ) AS num
    INNER JOIN child AS den
        ON den.indicator_code = num.denominator
        AND den.unit_code = num.unit_code
        AND den.year = num.year
        AND den.value <> 0
    GROUP BY num.parent_code, num.ratio_code, num.year, num.scale
),

minima AS (
    SELECT c.parent_code, c.indicator_code, c.year, min(c.value) AS value, count(*) AS n_units
    FROM child AS c
    INNER JOIN indicators AS i ON c.indicator_code = i.code
    WHERE i.aggregation = 'min'
    GROUP BY c.parent_code, c.indicator_code, c.year
)

SELECT a.*, e.n_expected
FROM (
    SELECT * FROM summed
    UNION ALL SELECT * FROM ratios
    UNION ALL
    SELECT m.* FROM minima AS m
) AS a
INNER JOIN expected_children AS e ON a.parent_code = e.parent_code AND a.year = e.year
WHERE a.indicator_code NOT IN (SELECT code FROM indicators WHERE aggregation = 'min')
    OR a.n_units = e.n_expected;
