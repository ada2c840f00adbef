-- Recompute the materialised values from the derivation views (run inside a write session).
DELETE FROM indicator_values_table;
INSERT INTO indicator_values_table
SELECT * FROM derived_indicator_values
ORDER BY indicator_code, unit_code, year;
