-- Which reported indicators each unit has a current value for, per year.
SELECT o.unit_code, o.indicator_code, o.year
FROM current_observations AS o
WHERE o.year BETWEEN $first_year AND $last_year;
