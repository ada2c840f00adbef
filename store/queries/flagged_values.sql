-- Warnings kept with active batches: the values validation flagged, whether each is still the
-- current value, and the latest analyst decision on it (view value_warnings, migration 0009).
-- A survey batch's warnings (an unknown district, an answer off the scale) are no values: they
-- are listed with the survey (docs/surveys.md).
SELECT
    w.batch_id,
    b.file_name,
    b.loaded_at,
    w.code,
    w.severity,
    w.unit_code,
    u.name AS unit_name,
    w.indicator_code,
    ind.name_vi AS indicator_name,
    ind.unit AS indicator_unit,
    ind.period_type,
    w.year,
    w.sheet,
    w.cell,
    w.raw_value,
    w.message,
    w.is_current,
    w.decision,
    w.decided_by,
    w.decided_at,
    w.decision_note
FROM value_warnings AS w
INNER JOIN batches AS b ON w.batch_id = b.batch_id
LEFT JOIN units AS u ON w.unit_code = u.code
LEFT JOIN indicators AS ind ON w.indicator_code = ind.code
WHERE NOT EXISTS (SELECT 1 FROM survey_batches AS s WHERE s.batch_id = w.batch_id)
ORDER BY b.loaded_at DESC, w.sheet, w.cell;
