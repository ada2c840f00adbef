-- The quotes analysts kept for the report (current versions), with where they come from.
SELECT
    qt.quote_id,
    qt.version,
    qt.batch_id,
    qt.response_no,
    qt.question_code,
    qt.text,
    qt.author,
    qt.written_at,
    c.survey_code,
    c.round_label,
    r.unit_code,
    r.group_code
FROM current_survey_quotes AS qt
JOIN survey_responses AS r ON qt.batch_id = r.batch_id AND qt.response_no = r.response_no
LEFT JOIN survey_batches AS c ON qt.batch_id = c.batch_id
WHERE ($survey_code IS NULL OR c.survey_code = $survey_code)
ORDER BY c.round_label, qt.question_code, qt.quote_id;
