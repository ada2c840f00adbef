-- Every batch (file load) with its sender, receipt date and rollback, if any.
SELECT
    b.batch_id,
    b.file_name,
    b.sha256 AS file_sha256,
    b.source_kind,
    b.unit_code,
    b.loaded_by,
    b.loaded_at,
    b.note,
    b.n_values,
    b.n_warnings,
    s.sender_code,
    s.received_on,
    e.event_at AS rolled_back_at,
    e.actor AS rolled_back_by,
    e.note AS rollback_note
FROM batches AS b
LEFT JOIN batch_sources AS s ON b.batch_id = s.batch_id
LEFT JOIN batch_events AS e ON b.batch_id = e.batch_id AND e.event = 'rolled_back'
ORDER BY b.batch_id;
