-- Every (sender, indicator, year) held by an active batch, with the first date it was received.
-- A batch's sender is the one recorded at load time, else its unit (stores older than the tracker).
SELECT
    coalesce(s.sender_code, b.unit_code) AS sender_code,
    o.indicator_code,
    o.year,
    min(coalesce(s.received_on, CAST(b.loaded_at AS DATE))) AS received_on
FROM observations AS o
INNER JOIN active_batches AS b ON o.batch_id = b.batch_id
LEFT JOIN batch_sources AS s ON b.batch_id = s.batch_id
WHERE o.year BETWEEN $first_year AND $last_year
GROUP BY ALL;
