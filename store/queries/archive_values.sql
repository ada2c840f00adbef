-- Every value ever loaded, with its provenance and whether it is the one in use now.
SELECT
    o.unit_code,
    u.name AS unit_name,
    o.indicator_code,
    i.name_vi AS indicator_name,
    i.unit AS indicator_unit,
    o.year,
    o.value,
    o.raw_value,
    o.flags,
    o.batch_id,
    b.file_name,
    b.sha256 AS file_sha256,
    o.sheet,
    o.cell,
    b.loaded_by,
    b.loaded_at,
    s.sender_code,
    s.received_on,
    CASE
        WHEN rb.batch_id IS NOT NULL THEN 'rolled_back'
        WHEN c.batch_id IS NOT NULL THEN 'current'
        ELSE 'superseded'
    END AS status
FROM observations AS o
INNER JOIN batches AS b ON o.batch_id = b.batch_id
LEFT JOIN batch_sources AS s ON o.batch_id = s.batch_id
LEFT JOIN units AS u ON o.unit_code = u.code
LEFT JOIN indicators AS i ON o.indicator_code = i.code
LEFT JOIN (SELECT DISTINCT batch_id FROM batch_events WHERE event = 'rolled_back') AS rb ON o.batch_id = rb.batch_id
LEFT JOIN current_observations AS c
    ON o.batch_id = c.batch_id
    AND o.unit_code = c.unit_code
    AND o.indicator_code = c.indicator_code
    AND o.year = c.year
ORDER BY o.indicator_code, o.unit_code, o.year, o.batch_id;
