-- Aggregates count only children that existed in the year, skip children whose
-- denominator is zero, and say whether every expected child is covered
-- (`complete`): a partial sum must never pass for the province total.

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
    SELECT c.parent_code, c.indicator_code, c.year, sum(c.value) AS value, count(*) AS n_units
    FROM child AS c
    INNER JOIN indicators AS i ON c.indicator_code = i.code
    WHERE i.aggregation = 'sum'
    GROUP BY c.parent_code, c.indicator_code, c.year
),

ratios AS (
    SELECT
        num.parent_code,
        i.code AS indicator_code,
        num.year,
        sum(num.value) / sum(den.value) * i.scale AS value,
        count(*) AS n_units
    FROM indicators AS i
    INNER JOIN child AS num ON num.indicator_code = i.numerator
    INNER JOIN child AS den
        ON den.indicator_code = i.denominator
        AND den.unit_code = num.unit_code
        AND den.year = num.year
        AND den.value <> 0
    WHERE i.aggregation = 'ratio'
    GROUP BY num.parent_code, i.code, num.year, i.scale
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

CREATE OR REPLACE VIEW derived_indicator_values AS
SELECT
    unit_code, indicator_code, year, value, origin, batch_id,
    NULL::BIGINT AS n_units, NULL::BIGINT AS n_expected, TRUE AS complete
FROM unit_own_values
UNION ALL
SELECT
    a.parent_code AS unit_code, a.indicator_code, a.year, a.value,
    'aggregated' AS origin, NULL AS batch_id, a.n_units, a.n_expected,
    a.n_units = a.n_expected AS complete
FROM child_aggregates AS a
WHERE NOT EXISTS (
    SELECT 1 FROM unit_own_values AS o
    WHERE o.unit_code = a.parent_code AND o.indicator_code = a.indicator_code AND o.year = a.year
);

ALTER TABLE indicator_values_table ADD COLUMN complete BOOLEAN;

CREATE OR REPLACE VIEW indicator_values AS
SELECT unit_code, indicator_code, year, value, origin, batch_id, n_units, n_expected, complete
FROM indicator_values_table;
