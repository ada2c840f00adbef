-- Core tables: reference data (replaced by `etl init`) and the append-only value store.
CREATE TABLE indicator_groups (
    code VARCHAR PRIMARY KEY,
    name_vi VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE indicators (
    code VARCHAR PRIMARY KEY,
    name_vi VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    group_code VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    numerator VARCHAR,
    denominator VARCHAR,
    scale DOUBLE,
    direction VARCHAR NOT NULL,
    period_type VARCHAR NOT NULL,
    input VARCHAR NOT NULL,
    aggregation VARCHAR NOT NULL,
    source_dept VARCHAR,
    min_value DOUBLE,
    max_value DOUBLE,
    break_year INTEGER,
    break_note VARCHAR,
    definition VARCHAR,
    sort_order INTEGER NOT NULL
);

CREATE TABLE indicator_aliases (
    indicator_code VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    alias_key VARCHAR NOT NULL
);

CREATE TABLE units (
    code VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    parent_code VARCHAR,
    valid_from INTEGER,
    valid_to INTEGER,
    sort_order INTEGER NOT NULL
);

CREATE TABLE unit_aliases (
    unit_code VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    alias_key VARCHAR NOT NULL,
    valid_from INTEGER,
    valid_to INTEGER
);

CREATE TABLE targets (
    indicator_code VARCHAR NOT NULL,
    unit_code VARCHAR,
    year INTEGER,
    comparator VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    scope VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    note VARCHAR
);

CREATE TABLE reference_notes (
    loaded_at TIMESTAMP NOT NULL,
    source_file VARCHAR NOT NULL,
    note VARCHAR NOT NULL
);

CREATE SEQUENCE batch_id_seq START 1;

-- One row per loaded file. Never updated or deleted; rollbacks are events.
CREATE TABLE batches (
    batch_id INTEGER PRIMARY KEY DEFAULT nextval('batch_id_seq'),
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    source_kind VARCHAR NOT NULL,
    unit_code VARCHAR,
    loaded_by VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    note VARCHAR,
    n_values INTEGER NOT NULL,
    n_warnings INTEGER NOT NULL
);

CREATE TABLE batch_events (
    batch_id INTEGER NOT NULL,
    event VARCHAR NOT NULL,
    event_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    note VARCHAR
);

-- Every value ever loaded, with its source cell. Append-only.
CREATE TABLE observations (
    batch_id INTEGER NOT NULL,
    unit_code VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE NOT NULL,
    raw_value VARCHAR,
    sheet VARCHAR,
    cell VARCHAR,
    flags VARCHAR
);

-- Validation issues (warnings) kept with the batch that loaded despite them.
CREATE TABLE batch_issues (
    batch_id INTEGER NOT NULL,
    code VARCHAR NOT NULL,
    severity VARCHAR NOT NULL,
    sheet VARCHAR,
    cell VARCHAR,
    unit_code VARCHAR,
    indicator_code VARCHAR,
    year INTEGER,
    raw_value VARCHAR,
    message VARCHAR NOT NULL
);

-- Facts about the store itself, e.g. whether it holds the illustrative demo province.
CREATE TABLE store_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
