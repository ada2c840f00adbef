-- Province-reported counts and amounts next to the sum of the districts' values, with how many
-- districts that sum covers (n_units) out of those that existed (n_expected).
WITH province AS (
    SELECT o.unit_code, o.indicator_code, o.year, o.value
    FROM current_observations AS o
    INNER JOIN units AS u ON o.unit_code = u.code
    INNER JOIN indicators AS i ON o.indicator_code = i.code
    WHERE u.parent_code IS NULL AND i.aggregation = 'sum'
),

districts AS (
    SELECT u.parent_code, v.indicator_code, v.year, sum(v.value) AS value, count(*) AS n_units
    FROM indicator_values AS v
    INNER JOIN units AS u ON v.unit_code = u.code
    WHERE u.parent_code IS NOT NULL
    GROUP BY u.parent_code, v.indicator_code, v.year
)

SELECT
    p.unit_code,
    p.indicator_code,
    i.name_vi AS indicator_name,
    i.unit,
    p.year,
    p.value AS province_value,
    d.value AS district_sum,
    d.n_units,
    e.n_expected
FROM province AS p
INNER JOIN districts AS d
    ON p.unit_code = d.parent_code AND p.indicator_code = d.indicator_code AND p.year = d.year
INNER JOIN indicators AS i ON p.indicator_code = i.code
LEFT JOIN expected_children AS e ON p.unit_code = e.parent_code AND p.year = e.year
ORDER BY i.sort_order, p.year;
