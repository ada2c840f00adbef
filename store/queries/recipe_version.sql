-- One version of a recipe ($version NULL: the latest), with its sender's name.
SELECT r.recipe_id, r.version, r.sender_code, s.name AS sender_name, r.layout_signature, r.layout_text,
       r.origin, r.source_file, r.note, r.status, r.author, r.written_at
FROM recipes AS r
LEFT JOIN senders AS s ON r.sender_code = s.code
WHERE r.recipe_id = $recipe_id
    AND r.version = coalesce($version, (SELECT max(version) FROM recipes WHERE recipe_id = $recipe_id));
