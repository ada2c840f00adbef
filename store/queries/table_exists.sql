-- Whether a table or view of the store exists (optional tables added by later migrations).
SELECT count(*) > 0 AS present
FROM information_schema.tables
WHERE table_name = $table_name;
