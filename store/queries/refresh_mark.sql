-- What a write session starts from (store/refresh.py): the last batch and acceptance, and a
-- fingerprint of the catalogue and of the unit registry (a change there refreshes everything).
SELECT
    (SELECT coalesce(max(batch_id), 0) FROM batches) AS last_batch,
    (SELECT coalesce(max(acceptance_id), 0) FROM value_acceptances) AS last_acceptance,
    (SELECT md5(coalesce(string_agg(i::VARCHAR, chr(10) ORDER BY i::VARCHAR), '')) FROM indicators AS i) AS catalogue,
    (SELECT md5(coalesce(string_agg(u::VARCHAR, chr(10) ORDER BY u::VARCHAR), '')) FROM units AS u) AS registry
