-- The observations the values in scope are derived from, in a temporary table that the
-- derivation views read in place of the whole history (store/queries/refresh_restrict_inputs.sql):
-- the new batches' observations (newer than any other: they are current unless rolled back), the
-- whole history of each key of a rolled-back batch (an older observation may be current again),
-- and for every other input key only its current observation, the one the materialised table names.
CREATE TEMP TABLE observations AS
SELECT o.* FROM main.observations AS o
WHERE o.batch_id > $last_batch AND NOT list_contains($rolled_back, o.batch_id)
UNION ALL
SELECT o.* FROM main.observations AS o
SEMI JOIN (
    SELECT DISTINCT unit_code, indicator_code, year FROM main.observations WHERE list_contains($rolled_back, batch_id)
) AS k USING (unit_code, indicator_code, year)
WHERE o.batch_id <= $last_batch OR list_contains($rolled_back, o.batch_id)
UNION ALL
SELECT o.* FROM main.observations AS o
SEMI JOIN (
    SELECT t.batch_id, t.unit_code, t.indicator_code, t.year
    FROM main.indicator_values_table AS t
    SEMI JOIN refresh_inputs AS k USING (unit_code, indicator_code, year)
    ANTI JOIN (
        SELECT unit_code, indicator_code, year FROM main.observations
        WHERE batch_id > $last_batch OR list_contains($rolled_back, batch_id)
    ) AS c USING (unit_code, indicator_code, year)
    WHERE t.origin = 'reported'
) AS c USING (batch_id, unit_code, indicator_code, year)
