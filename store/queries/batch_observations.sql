-- The values a batch stored (unit, indicator, year, value), whether or not they are current.
SELECT unit_code, indicator_code, year, value
FROM observations
WHERE batch_id = $batch_id
ORDER BY unit_code, indicator_code, year;
