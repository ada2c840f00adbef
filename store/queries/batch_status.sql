-- One batch and whether it is still active.
SELECT
    b.batch_id,
    b.file_name,
    EXISTS (
        SELECT 1 FROM batch_events AS e
        WHERE e.batch_id = b.batch_id AND e.event = 'rolled_back'
    ) AS rolled_back
FROM batches AS b
WHERE b.batch_id = $batch_id;
