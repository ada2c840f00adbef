-- Recompute every materialised value (a new store, a migration, or a catalogue or registry change).
-- The rows follow: store/queries/derived_values.sql, ordered by indicator, unit and year.
DELETE FROM indicator_values_table;
