-- The senders that have a current recipe for a layout.
SELECT DISTINCT sender_code
FROM current_recipes
WHERE layout_signature = $layout_signature
ORDER BY sender_code;
