-- Every active batch with its sender and the date it was received.
SELECT
    b.batch_id,
    coalesce(s.sender_code, b.unit_code) AS sender_code,
    coalesce(s.received_on, CAST(b.loaded_at AS DATE)) AS received_on,
    b.file_name
FROM active_batches AS b
LEFT JOIN batch_sources AS s ON b.batch_id = s.batch_id
ORDER BY received_on, b.batch_id;
