-- Administrative changes of the units (renamed, upgraded, merged, split), oldest first.
SELECT c.year, c.change, c.from_code, f.name AS from_name, c.to_code, t.name AS to_name, c.note
FROM unit_changes AS c
LEFT JOIN units AS f ON c.from_code = f.code
LEFT JOIN units AS t ON c.to_code = t.code
ORDER BY c.year, c.from_code;
