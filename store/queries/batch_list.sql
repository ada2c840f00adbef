-- Every batch, newest first, with its status, sender and whether its original file is kept.
SELECT
    b.batch_id,
    b.loaded_at,
    b.loaded_by,
    b.file_name,
    b.unit_code,
    u.name AS unit_name,
    s.sender_code,
    sd.name AS sender_name,
    s.received_on,
    b.source_kind,
    b.n_values,
    b.n_warnings,
    CASE WHEN e.batch_id IS NULL THEN 'active' ELSE 'rolled_back' END AS status,
    e.event_at AS rolled_back_at,
    e.actor AS rolled_back_by,
    e.note AS rollback_note,
    b.note,
    b.sha256,
    f.batch_id IS NOT NULL AS has_file
FROM batches AS b
LEFT JOIN units AS u ON b.unit_code = u.code
LEFT JOIN batch_sources AS s ON b.batch_id = s.batch_id
LEFT JOIN senders AS sd ON s.sender_code = sd.code
LEFT JOIN batch_events AS e ON b.batch_id = e.batch_id AND e.event = 'rolled_back'
LEFT JOIN (SELECT batch_id FROM batch_files) AS f ON b.batch_id = f.batch_id
ORDER BY b.batch_id DESC;
