-- Every value ever loaded for one cell of the store, newest first.
SELECT
    o.batch_id,
    b.file_name,
    b.loaded_at,
    b.loaded_by,
    o.value,
    o.raw_value,
    o.sheet,
    o.cell,
    EXISTS (
        SELECT 1 FROM batch_events AS e
        WHERE e.batch_id = o.batch_id AND e.event = 'rolled_back'
    ) AS rolled_back
FROM observations AS o
INNER JOIN batches AS b ON o.batch_id = b.batch_id
WHERE o.unit_code = $unit_code AND o.indicator_code = $indicator_code AND o.year = $year
ORDER BY o.batch_id DESC;
