-- Free-text answers (personal data masked at import) of the current batches, with each
-- answer's active themes. For analysts only (the page asks the role before it runs this).
SELECT
    c.survey_code,
    c.round_label,
    a.batch_id,
    a.response_no,
    r.unit_code,
    r.group_code,
    a.question_code,
    q.header,
    a.text,
    (SELECT string_agg(t.theme, '; ' ORDER BY t.theme) FROM current_survey_themes AS t
     WHERE t.batch_id = a.batch_id AND t.response_no = a.response_no AND t.question_code = a.question_code) AS themes
FROM survey_answers AS a
JOIN current_survey_batches AS c ON a.batch_id = c.batch_id
JOIN survey_responses AS r ON a.batch_id = r.batch_id AND a.response_no = r.response_no
JOIN survey_questions AS q ON a.batch_id = q.batch_id AND a.question_code = q.question_code
WHERE a.text IS NOT NULL AND ($survey_code IS NULL OR c.survey_code = $survey_code)
ORDER BY c.round_label, a.question_code, a.batch_id, a.response_no;
