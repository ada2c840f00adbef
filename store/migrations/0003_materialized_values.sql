-- Reading the derivation views costs ~1.6 s per query at national scale (BENCHMARKS.md), so
-- the derivation moves to `derived_indicator_values` and every write session refreshes a
-- table from it (store.connection.write_session). `indicator_values` stays the public view.
ALTER VIEW indicator_values RENAME TO derived_indicator_values;

CREATE TABLE indicator_values_table AS
SELECT * FROM derived_indicator_values
ORDER BY indicator_code, unit_code, year;

CREATE VIEW indicator_values AS
SELECT unit_code, indicator_code, year, value, origin, batch_id, n_units, n_expected
FROM indicator_values_table;
