-- The indicator catalogue with group names, component names and aliases.
SELECT
    i.code,
    i.name_vi,
    i.name_en,
    i.group_code,
    g.name_vi AS group_name,
    g.sort_order AS group_order,
    i.level,
    i.unit,
    i.kind,
    i.numerator,
    num.name_vi AS numerator_name,
    i.denominator,
    den.name_vi AS denominator_name,
    i.scale,
    i.direction,
    i.period_type,
    i.reference_date,
    i.input,
    i.aggregation,
    i.source_dept,
    i.min_value,
    i.max_value,
    i.break_year,
    i.break_note,
    i.definition,
    i.later_breaks,
    i.version_labels,
    i.display_unit,
    i.deflate,
    i.per_head,
    i.task,
    t.title AS task_title,
    (
        SELECT string_agg(a.alias, '; ' ORDER BY a.alias)
        FROM indicator_aliases AS a
        WHERE a.indicator_code = i.code AND a.alias <> i.name_vi
    ) AS aliases,
    i.sort_order
FROM indicators AS i
LEFT JOIN indicator_groups AS g ON i.group_code = g.code
LEFT JOIN resolution_tasks AS t ON i.task = t.number
LEFT JOIN indicators AS num ON i.numerator = num.code
LEFT JOIN indicators AS den ON i.denominator = den.code
ORDER BY g.sort_order, i.sort_order;
