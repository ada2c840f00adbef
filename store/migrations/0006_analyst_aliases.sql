-- Names an analyst confirmed for a unit or an indicator while loading a file
-- ("Phòng GD huyện Hoà Phong" is unit 993). Append-only: a later row for the same
-- (kind, alias_key) replaces the earlier one when the reference is read; nothing is
-- updated or deleted, so who confirmed what and when stays on record.
CREATE TABLE analyst_aliases (
    alias_id INTEGER PRIMARY KEY,
    kind VARCHAR NOT NULL CHECK (kind IN ('unit', 'indicator')),
    alias VARCHAR NOT NULL,
    alias_key VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    created_by VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE SEQUENCE analyst_alias_ids START 1;
