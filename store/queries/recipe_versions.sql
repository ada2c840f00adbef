-- Every version of a recipe, newest first.
SELECT version, origin, source_file, note, status, author, written_at
FROM recipes
WHERE recipe_id = $recipe_id
ORDER BY version DESC;
