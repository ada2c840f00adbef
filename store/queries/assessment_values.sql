-- What the ten-year assessment needs, and no more: the province's values of every
-- indicator over the years, plus its districts' values in the province's latest usable year
-- of each definition version of each indicator (to find districts lagging behind). A usable
-- province value is complete (every district in) and carries no unaccepted flagged value.
-- At national scale this is ~70k rows instead of ~850k.
WITH province AS (
    SELECT v.*
    FROM indicator_values AS v
    WHERE v.unit_code = $province_code AND v.year BETWEEN $first_year AND $last_year
),

breaks AS (
    SELECT
        code AS indicator_code,
        list_transform(
            list_filter(
                string_split(concat_ws(';', CAST(break_year AS VARCHAR), later_breaks), ';'), lambda x: x <> ''
            ),
            lambda x: CAST(x AS INTEGER)
        ) AS years
    FROM indicators
),

latest AS (
    SELECT p.indicator_code, max(p.year) AS year
    FROM province AS p
    INNER JOIN breaks AS b ON p.indicator_code = b.indicator_code
    WHERE p.value IS NOT NULL AND coalesce(p.complete, TRUE) AND NOT coalesce(p.flagged, FALSE)
    GROUP BY p.indicator_code, len(list_filter(b.years, lambda y: y <= p.year))
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
    r.complete,
    r.flagged
FROM rows AS r
INNER JOIN units AS u ON r.unit_code = u.code
ORDER BY r.indicator_code, u.sort_order, r.year;
