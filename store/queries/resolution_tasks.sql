-- The nine tasks and solutions of NQ 29-NQ/TW, in their order (findings are grouped by them).
SELECT number, title, short_title, verification, note
FROM resolution_tasks
ORDER BY number;
