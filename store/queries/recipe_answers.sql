-- The answers of one version of a recipe.
SELECT kind, question_key, answer
FROM recipe_answers
WHERE recipe_id = $recipe_id AND version = $version
ORDER BY kind, question_key;
