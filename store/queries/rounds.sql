-- The current version of every reporting round, latest deadline first (the first is the current round).
SELECT
    round_code, version, name, deadline, first_year, last_year, baseline_year, as_of, deadline_inclusive,
    school_year_deadline, set_by, set_at
FROM current_rounds
ORDER BY deadline DESC, round_code;
