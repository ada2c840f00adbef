-- The store's current reported values of one unit (validation context).
SELECT unit_code, indicator_code, year, value
FROM current_observations
WHERE unit_code = $unit_code;
