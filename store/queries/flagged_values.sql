-- Warnings kept with active batches: the values validation flagged.
SELECT
    i.batch_id,
    b.file_name,
    b.loaded_at,
    i.code,
    i.severity,
    i.unit_code,
    u.name AS unit_name,
    i.indicator_code,
    ind.name_vi AS indicator_name,
    i.year,
    i.sheet,
    i.cell,
    i.raw_value,
    i.message
FROM batch_issues AS i
INNER JOIN active_batches AS b ON i.batch_id = b.batch_id
LEFT JOIN units AS u ON i.unit_code = u.code
LEFT JOIN indicators AS ind ON i.indicator_code = ind.code
WHERE i.severity = 'warning'
ORDER BY b.loaded_at DESC, i.sheet, i.cell;
