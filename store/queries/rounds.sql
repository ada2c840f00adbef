-- The current version of every reporting round, latest deadline first.
SELECT round_code, version, name, deadline, first_year, last_year, set_by, set_at
FROM current_rounds
ORDER BY deadline DESC, round_code;
