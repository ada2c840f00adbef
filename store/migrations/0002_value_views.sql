-- Views deriving the current state from the append-only tables.

CREATE VIEW active_batches AS
SELECT b.*
FROM batches AS b
WHERE NOT EXISTS (
    SELECT 1 FROM batch_events AS e
    WHERE e.batch_id = b.batch_id AND e.event = 'rolled_back'
);

-- The value of the newest active batch wins for each (unit, indicator, year).
CREATE VIEW current_observations AS
SELECT o.*
FROM observations AS o
INNER JOIN active_batches AS b ON o.batch_id = b.batch_id
QUALIFY row_number() OVER (
    PARTITION BY o.unit_code, o.indicator_code, o.year ORDER BY o.batch_id DESC
) = 1;

-- A unit's own values: reported, else computed from its own numerator and denominator.
CREATE VIEW unit_own_values AS
WITH ratio_defs AS (
    SELECT code, numerator, denominator, scale
    FROM indicators
    WHERE aggregation = 'ratio'
),

computed AS (
    SELECT
        num.unit_code,
        d.code AS indicator_code,
        num.year,
        num.value / den.value * d.scale AS value
    FROM ratio_defs AS d
    INNER JOIN current_observations AS num ON num.indicator_code = d.numerator
    INNER JOIN current_observations AS den
        ON den.indicator_code = d.denominator
        AND den.unit_code = num.unit_code
        AND den.year = num.year
    WHERE den.value <> 0
)

SELECT unit_code, indicator_code, year, value, 'reported' AS origin, batch_id
FROM current_observations
UNION ALL
SELECT c.unit_code, c.indicator_code, c.year, c.value, 'computed' AS origin, NULL AS batch_id
FROM computed AS c
WHERE NOT EXISTS (
    SELECT 1 FROM current_observations AS r
    WHERE r.unit_code = c.unit_code AND r.indicator_code = c.indicator_code AND r.year = c.year
);

-- Child units that existed in a year, per parent: the denominator of coverage.
CREATE VIEW expected_children AS
SELECT p.code AS parent_code, y.year, count(c.code) AS n_expected
FROM units AS p
CROSS JOIN (SELECT DISTINCT year FROM observations) AS y
INNER JOIN units AS c
    ON c.parent_code = p.code
    AND (c.valid_from IS NULL OR c.valid_from <= y.year)
    AND (c.valid_to IS NULL OR c.valid_to >= y.year)
GROUP BY p.code, y.year;

-- Aggregates of child units: counts summed, rates from summed numerators and
-- denominators (over the children reporting both), levels as the minimum when
-- every child reported.
CREATE VIEW child_aggregates AS
WITH child AS (
    SELECT v.*, u.parent_code
    FROM unit_own_values AS v
    INNER JOIN units AS u ON v.unit_code = u.code
    WHERE u.parent_code IS NOT NULL
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
    WHERE i.aggregation = 'ratio'
    GROUP BY num.parent_code, i.code, num.year, i.scale
    HAVING sum(den.value) <> 0
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

-- The public contract: the current value of every reported and derived
-- indicator for every unit, the province included.
CREATE VIEW indicator_values AS
SELECT
    unit_code, indicator_code, year, value, origin, batch_id,
    NULL::BIGINT AS n_units, NULL::BIGINT AS n_expected
FROM unit_own_values
UNION ALL
SELECT
    a.parent_code AS unit_code, a.indicator_code, a.year, a.value,
    'aggregated' AS origin, NULL AS batch_id, a.n_units, a.n_expected
FROM child_aggregates AS a
WHERE NOT EXISTS (
    SELECT 1 FROM unit_own_values AS o
    WHERE o.unit_code = a.parent_code AND o.indicator_code = a.indicator_code AND o.year = a.year
);
