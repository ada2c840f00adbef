-- Administrative changes of the unit registry (issue 7) and tile-map positions.
-- Reference data, replaced together with the registry by `etl init`.

-- One row per event: renamed / upgraded (same unit, from_code may equal to_code),
-- merged (from_code's territory joins to_code from `year`), split (to_code is
-- carved out of from_code from `year`).
CREATE TABLE unit_changes (
    year INTEGER NOT NULL,
    change VARCHAR NOT NULL,
    from_code VARCHAR NOT NULL,
    to_code VARCHAR NOT NULL,
    note VARCHAR
);

-- Grid position of a district on the tile map drawn when no boundary file is supplied.
ALTER TABLE units ADD COLUMN tile_row INTEGER;
ALTER TABLE units ADD COLUMN tile_col INTEGER;
