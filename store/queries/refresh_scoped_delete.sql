DELETE FROM main.indicator_values_table AS t
USING refresh_scope AS s
WHERE t.unit_code = s.unit_code AND t.indicator_code = s.indicator_code AND t.year = s.year
