-- Every current note with its indicator's and unit's names.
SELECT n.note_id, n.version, n.indicator_code, i.name_vi AS indicator_name, n.unit_code, u.name AS unit_name,
       n.first_year, n.last_year, n.kind, n.text, n.author, n.written_at
FROM current_notes AS n
LEFT JOIN indicators AS i ON n.indicator_code = i.code
LEFT JOIN units AS u ON n.unit_code = u.code
ORDER BY n.indicator_code, n.note_id;
