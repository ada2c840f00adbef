-- The active batch that loaded these exact bytes with these answers ($answers is
-- store.batches.answers_key of the batch's answers; '' for a load without answers), if any.
SELECT b.batch_id
FROM active_batches AS b
WHERE
    b.sha256 = $sha256
    AND coalesce((
        SELECT string_agg(a.kind || '=' || a.question_key || '=' || a.answer, '|' ORDER BY a.kind, a.question_key, a.answer)
        FROM batch_answers AS a
        WHERE a.batch_id = b.batch_id
    ), '') = $answers
ORDER BY b.batch_id DESC
LIMIT 1;
