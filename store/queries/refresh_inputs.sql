-- Every key the values in scope are derived from: a ratio's numerator and denominator, and a
-- parent's children (for its sums, minima and summed ratios), to the bottom of the registry.
CREATE TEMP TABLE refresh_inputs AS
WITH RECURSIVE needed (unit_code, indicator_code, year) AS (
    SELECT unit_code, indicator_code, year FROM refresh_scope
    UNION
    SELECT step.unit_code, step.indicator_code, step.year
    FROM (
        SELECT n.unit_code, p.part AS indicator_code, n.year
        FROM needed AS n
        INNER JOIN (
            SELECT code, numerator AS part FROM indicators WHERE aggregation = 'ratio'
            UNION ALL
            SELECT code, denominator AS part FROM indicators WHERE aggregation = 'ratio'
        ) AS p ON n.indicator_code = p.code
        UNION ALL
        SELECT c.code AS unit_code, n.indicator_code, n.year
        FROM needed AS n
        INNER JOIN units AS c ON n.unit_code = c.parent_code
    ) AS step
)

SELECT DISTINCT unit_code, indicator_code, year FROM needed
