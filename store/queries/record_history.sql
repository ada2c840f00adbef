-- Every version of every note (the history: earlier text is kept), newest first.
SELECT note_id, version, kind, text, status, author, written_at
FROM notes
WHERE note_id = $note_id
ORDER BY version DESC;
