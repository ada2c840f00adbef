-- The batches read with a recipe: which version, the file, when, by whom, the sender, active or rolled back.
SELECT b.batch_id, r.version, b.file_name, b.loaded_at, b.loaded_by, s.sender_code, b.n_values,
       CASE WHEN e.batch_id IS NULL THEN 'active' ELSE 'rolled_back' END AS status
FROM batch_recipes AS r
INNER JOIN batches AS b ON r.batch_id = b.batch_id
LEFT JOIN batch_sources AS s ON b.batch_id = s.batch_id
LEFT JOIN batch_events AS e ON b.batch_id = e.batch_id AND e.event = 'rolled_back'
WHERE r.recipe_id = $recipe_id
ORDER BY b.batch_id DESC;
