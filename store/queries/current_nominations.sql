-- Every current (not withdrawn) nomination with its nominator's name.
SELECT n.nomination_id, n.version, n.round_code, n.level, n.nominator_code,
       coalesce(s.name, u.name, n.nominator_code) AS nominator_name,
       n.kind, n.name, n.position, n.field, n.achievement, n.indicators, n.status, n.received_on,
       n.file_name, f.file_version IS NOT NULL AS has_file, f.file_version, n.author, n.written_at
FROM current_nominations AS n
LEFT JOIN senders AS s ON n.nominator_code = s.code
LEFT JOIN units AS u ON n.nominator_code = u.code
-- The newest file attached to any version: editing a nomination keeps its report.
LEFT JOIN (SELECT nomination_id, max(version) AS file_version FROM nomination_files GROUP BY nomination_id) AS f
    ON n.nomination_id = f.nomination_id
ORDER BY n.level, n.nominator_code, n.kind, n.nomination_id;
