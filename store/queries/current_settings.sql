-- The latest value of every setting changed by an admin.
SELECT key, value, set_by, set_at FROM current_settings ORDER BY key;
