-- Expected senders with the years their unit existed (districts), in registry order.
SELECT s.code, s.name, s.kind, s.unit_code, u.valid_from, u.valid_to
FROM senders AS s
LEFT JOIN units AS u ON s.unit_code = u.code
ORDER BY s.sort_order;
