-- The current recipe of a sender for a layout (at most one: a new one for the same pair is a new version).
SELECT recipe_id, version
FROM current_recipes
WHERE sender_code = $sender_code AND layout_signature = $layout_signature
ORDER BY recipe_id DESC
LIMIT 1;
