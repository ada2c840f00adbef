-- The latest value of every setting changed by an admin.
SELECT key, value FROM current_settings ORDER BY key;
