-- Every current policy event, in time order.
SELECT event_id, version, year, last_year, title, description, indicators, author, written_at
FROM current_policy_events
ORDER BY year, event_id;
