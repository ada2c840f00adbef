-- One indicator for the chosen units (all when $unit_codes is NULL) and years.
SELECT
    v.unit_code,
    u.name AS unit_name,
    u.kind AS unit_kind,
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
    v.indicator_code = $indicator_code
    AND ($unit_codes IS NULL OR list_contains($unit_codes, v.unit_code))
    AND v.year BETWEEN $first_year AND $last_year
ORDER BY u.sort_order, v.year;
