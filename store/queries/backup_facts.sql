-- What a backup's manifest records about the store it copied.
SELECT
    (SELECT max(version) FROM schema_migrations) AS schema_version,
    (SELECT count(*) FROM active_batches) AS n_batches,
    (SELECT count(*) FROM current_observations) AS n_values,
    (SELECT count(*) FROM observations) AS n_observations;
