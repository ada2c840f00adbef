-- The values to recompute: the changed keys, the ratio indicators built on them (a unit's own rate
-- computed from a changed part, and so on up), and the parents' aggregates of all of these.
-- A parent's aggregate feeds nothing further (aggregates sum the children's own values).
CREATE TEMP TABLE refresh_scope AS
WITH RECURSIVE own (unit_code, indicator_code, year) AS (
    SELECT unit_code, indicator_code, year FROM refresh_changed
    UNION
    SELECT o.unit_code, i.code, o.year
    FROM own AS o
    INNER JOIN indicators AS i ON i.aggregation = 'ratio' AND o.indicator_code IN (i.numerator, i.denominator)
)

SELECT unit_code, indicator_code, year FROM own
UNION
SELECT u.parent_code, o.indicator_code, o.year
FROM own AS o
INNER JOIN units AS u ON o.unit_code = u.code
WHERE u.parent_code IS NOT NULL
