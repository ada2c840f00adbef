-- Recompute the materialised values from the derivation views (run inside a write session),
-- marking every value that contains an unaccepted flagged one (flagged_indicator_values).
DELETE FROM indicator_values_table;
INSERT INTO indicator_values_table
SELECT
    d.unit_code, d.indicator_code, d.year, d.value, d.origin, d.batch_id, d.n_units, d.n_expected, d.complete,
    f.unit_code IS NOT NULL AS flagged
FROM derived_indicator_values AS d
LEFT JOIN flagged_indicator_values AS f
    ON d.unit_code = f.unit_code AND d.indicator_code = f.indicator_code AND d.year = f.year
ORDER BY d.indicator_code, d.unit_code, d.year;
