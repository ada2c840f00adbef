-- Every current policy event, in time order, with the date its document was issued.
SELECT event_id, version, year, last_year, title, description, indicators, issued_on, author, written_at
FROM current_policy_events
ORDER BY year, event_id;
