-- The active batch that loaded these exact bytes, if any.
SELECT batch_id
FROM active_batches
WHERE sha256 = $sha256
ORDER BY batch_id DESC
LIMIT 1;
