-- Analysts' notes on causes, per indicator (only run when the analyst_notes table exists).
SELECT indicator_code, note
FROM analyst_notes
WHERE note IS NOT NULL AND trim(note) <> ''
ORDER BY indicator_code;
