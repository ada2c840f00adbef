-- The original file archived with one batch.
SELECT b.file_name, f.content
FROM batch_files AS f
INNER JOIN batches AS b ON f.batch_id = b.batch_id
WHERE f.batch_id = $batch_id;
