-- Every batch, newest first, with its status.
SELECT
    b.batch_id,
    b.loaded_at,
    b.loaded_by,
    b.file_name,
    b.unit_code,
    u.name AS unit_name,
    b.source_kind,
    b.n_values,
    b.n_warnings,
    CASE WHEN e.batch_id IS NULL THEN 'active' ELSE 'rolled_back' END AS status,
    e.event_at AS rolled_back_at,
    e.actor AS rolled_back_by,
    b.note,
    b.sha256
FROM batches AS b
LEFT JOIN units AS u ON b.unit_code = u.code
LEFT JOIN batch_events AS e ON b.batch_id = e.batch_id AND e.event = 'rolled_back'
ORDER BY b.batch_id DESC;
