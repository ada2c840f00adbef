-- The store's current reported values of one unit (validation context), from the materialised
-- values (the same rows as current_observations, without reading the unit's whole history).
SELECT unit_code, indicator_code, year, value
FROM indicator_values
WHERE unit_code = $unit_code AND origin = 'reported';
