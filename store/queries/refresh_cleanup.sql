-- The incremental refresh's temporary tables, dropped before the write session commits.
DROP TABLE IF EXISTS temp.observations;
DROP TABLE IF EXISTS temp.batch_issues;
DROP TABLE IF EXISTS temp.value_acceptances;
DROP TABLE IF EXISTS temp.refresh_inputs;
DROP TABLE IF EXISTS temp.refresh_scope;
DROP TABLE IF EXISTS temp.refresh_changed;
