-- Analysts' current notes per indicator, with the unit's name, for the report's findings.
SELECT n.indicator_code, n.kind, n.text, u.name AS unit_name, n.first_year, n.last_year
FROM current_notes AS n
LEFT JOIN units AS u ON n.unit_code = u.code
WHERE trim(n.text) <> ''
ORDER BY n.indicator_code, n.note_id;
