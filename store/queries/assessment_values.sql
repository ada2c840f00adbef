-- What the ten-year assessment needs, and no more: the province's values of every
-- indicator over the years, plus its districts' values in the province's latest year
-- of each indicator (to find districts lagging behind). At national scale this is
-- ~70k rows instead of ~850k.
WITH province AS (
    SELECT v.*
    FROM indicator_values AS v
    WHERE v.unit_code = $province_code AND v.year BETWEEN $first_year AND $last_year
),

latest AS (
    -- the latest year the assessment can use: a value that is not a partial aggregate
    SELECT indicator_code, max(year) AS year
    FROM province
    WHERE value IS NOT NULL AND coalesce(complete, TRUE)
    GROUP BY indicator_code
),

rows AS (
    SELECT * FROM province
    UNION ALL
    SELECT v.*
    FROM indicator_values AS v
    INNER JOIN units AS d ON v.unit_code = d.code
    INNER JOIN latest AS l ON v.indicator_code = l.indicator_code AND v.year = l.year
    WHERE d.parent_code = $province_code
)

SELECT
    r.unit_code,
    u.name AS unit_name,
    u.kind AS unit_kind,
    u.parent_code,
    u.sort_order AS unit_order,
    r.indicator_code,
    r.year,
    r.value,
    r.origin,
    r.n_units,
    r.n_expected,
    r.complete
FROM rows AS r
INNER JOIN units AS u ON r.unit_code = u.code
ORDER BY r.indicator_code, u.sort_order, r.year;
