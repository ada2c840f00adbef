-- The materialised values as the derivation views define them: every value of derived_indicator_values,
-- marked when it contains an unaccepted flagged one (flagged_indicator_values). The full refresh
-- stores all of it; the incremental refresh the rows of `refresh_scope` (store/refresh.py).
SELECT
    d.unit_code, d.indicator_code, d.year, d.value, d.origin, d.batch_id, d.n_units, d.n_expected, d.complete,
    f.unit_code IS NOT NULL AS flagged
FROM derived_indicator_values AS d
LEFT JOIN flagged_indicator_values AS f
    ON d.unit_code = f.unit_code AND d.indicator_code = f.indicator_code AND d.year = f.year
