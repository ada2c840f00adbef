-- The answers that count (the current batch of each survey, round and form), one row per
-- answer, with the respondent's district and group and the question's mapping. No free text:
-- this query serves every viewer (free text: survey_texts, for analysts).
SELECT
    c.survey_code,
    c.round_label,
    a.batch_id,
    a.response_no,
    r.unit_code,
    r.group_code,
    a.question_code,
    q.header,
    q.kind,
    q.scale_code,
    q.task,
    q.indicators,
    a.choice,
    a.scale_order,
    a.side
FROM survey_answers AS a
JOIN current_survey_batches AS c ON a.batch_id = c.batch_id
JOIN survey_responses AS r ON a.batch_id = r.batch_id AND a.response_no = r.response_no
JOIN survey_questions AS q ON a.batch_id = q.batch_id AND a.question_code = q.question_code
WHERE ($survey_code IS NULL OR c.survey_code = $survey_code)
ORDER BY c.round_label, q.task NULLS LAST, a.question_code, a.batch_id, a.response_no;
