-- Every survey batch, newest first: its survey and round, whether it counts now.
SELECT
    s.batch_id,
    s.survey_code,
    s.round_label,
    s.tool,
    s.n_responses,
    s.dropped_columns,
    b.file_name,
    b.loaded_by,
    b.loaded_at,
    c.batch_id IS NOT NULL AS current,
    e.batch_id IS NOT NULL AS rolled_back
FROM survey_batches AS s
JOIN batches AS b ON s.batch_id = b.batch_id
LEFT JOIN current_survey_batches AS c ON s.batch_id = c.batch_id
LEFT JOIN batch_events AS e ON s.batch_id = e.batch_id AND e.event = 'rolled_back'
ORDER BY s.batch_id DESC;
