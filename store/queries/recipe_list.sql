-- The latest version of every recipe (withdrawn ones too), newest first, with its sender's name,
-- its number of answers and the batches read with any of its versions.
SELECT r.recipe_id, r.version, r.sender_code, s.name AS sender_name, r.layout_signature, r.layout_text,
       r.origin, r.source_file, r.note, r.status, r.author, r.written_at,
       (SELECT count(*) FROM recipe_answers AS a WHERE a.recipe_id = r.recipe_id AND a.version = r.version)
           AS n_answers,
       (SELECT string_agg(CAST(b.batch_id AS VARCHAR), ', ' ORDER BY b.batch_id)
        FROM batch_recipes AS b WHERE b.recipe_id = r.recipe_id) AS batch_ids
FROM (
    SELECT *, row_number() OVER (PARTITION BY recipe_id ORDER BY version DESC) AS rn FROM recipes
) AS r
LEFT JOIN senders AS s ON r.sender_code = s.code
WHERE r.rn = 1
ORDER BY r.status, r.recipe_id DESC;
