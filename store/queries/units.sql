-- The unit registry in display order (the province first).
SELECT code, name, kind, parent_code, valid_from, valid_to, sort_order, tile_row, tile_col
FROM units
ORDER BY (parent_code IS NOT NULL), sort_order;
