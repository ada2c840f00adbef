-- Headline facts about the store for the home page.
SELECT
    (SELECT name FROM units WHERE parent_code IS NULL ORDER BY sort_order LIMIT 1) AS province_name,
    (SELECT code FROM units WHERE parent_code IS NULL ORDER BY sort_order LIMIT 1) AS province_code,
    (SELECT count(*) FROM units WHERE parent_code IS NOT NULL) AS n_districts,
    (SELECT count(*) FROM indicators) AS n_indicators,
    (SELECT count(*) FROM current_observations) AS n_values,
    (SELECT count(*) FROM active_batches) AS n_batches,
    (SELECT min(year) FROM current_observations) AS first_year,
    (SELECT max(year) FROM current_observations) AS last_year,
    (SELECT max(loaded_at) FROM active_batches) AS last_loaded_at,
    (
        SELECT max(coalesce(s.received_on, CAST(b.loaded_at AS DATE)))
        FROM active_batches AS b LEFT JOIN batch_sources AS s ON b.batch_id = s.batch_id
    ) AS last_received_on,
    coalesce((SELECT value = '1' FROM store_meta WHERE key = 'illustrative'), FALSE) AS illustrative;
