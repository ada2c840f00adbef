-- Every target with its legal source.
SELECT
    t.indicator_code,
    t.unit_code,
    t.year,
    t.comparator,
    t.value,
    t.scope,
    t.source,
    t.note
FROM targets AS t
ORDER BY t.indicator_code, t.year NULLS FIRST, t.scope;
