-- The (unit, indicator, year) keys a write session changed: the values and kept issues of its new
-- batches and of the batches it rolled back, and the values analysts accepted or revoked.
CREATE TEMP TABLE refresh_changed AS
SELECT unit_code, indicator_code, year
FROM observations
WHERE batch_id > $last_batch OR list_contains($rolled_back, batch_id)
UNION
SELECT unit_code, indicator_code, year
FROM batch_issues
WHERE
    (batch_id > $last_batch OR list_contains($rolled_back, batch_id))
    AND unit_code IS NOT NULL AND indicator_code IS NOT NULL AND year IS NOT NULL
UNION
SELECT unit_code, indicator_code, year
FROM value_acceptances
WHERE acceptance_id > $last_acceptance
