-- Values of the given indicators for one unit in two years (baseline and latest).
SELECT
    i.code AS indicator_code,
    i.name_vi,
    i.unit,
    i.direction,
    i.break_year,
    i.period_type,
    v.year,
    v.value,
    v.origin,
    v.n_units,
    v.n_expected
FROM indicators AS i
INNER JOIN indicator_values AS v ON i.code = v.indicator_code
WHERE
    v.unit_code = $unit_code
    AND list_contains($indicator_codes, i.code)
    AND v.year IN ($baseline_year, $latest_year)
ORDER BY i.sort_order, v.year;
