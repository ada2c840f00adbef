-- Current values of the given indicators for every unit within the years.
SELECT
    v.unit_code,
    u.name AS unit_name,
    u.kind AS unit_kind,
    u.parent_code,
    u.sort_order AS unit_order,
    v.indicator_code,
    v.year,
    v.value,
    v.origin,
    v.n_units,
    v.n_expected,
    v.complete,
    v.flagged
FROM indicator_values AS v
INNER JOIN units AS u ON v.unit_code = u.code
WHERE
    list_contains($indicator_codes, v.indicator_code)
    AND v.year BETWEEN $first_year AND $last_year
ORDER BY v.indicator_code, u.sort_order, v.year;
