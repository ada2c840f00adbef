-- Every target with its legal source: issue date, article and how it was checked.
SELECT
    t.indicator_code,
    t.unit_code,
    t.year,
    t.comparator,
    t.value,
    t.value_max,
    t.scope,
    t.source,
    t.note,
    t.issued_on,
    t.article,
    t.verification
FROM targets AS t
ORDER BY t.indicator_code, t.year NULLS FIRST, t.scope;
