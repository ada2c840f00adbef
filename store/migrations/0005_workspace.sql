-- Analysts' workspace: who sent each file and when it was received, the original
-- file kept with its batch, reporting rounds with deadlines, expected senders, and
-- settings. Everything is append-only: a new version supersedes, nothing is updated.

-- One row per batch (side table: batches itself is never altered or updated).
CREATE TABLE batch_sources (
    batch_id INTEGER PRIMARY KEY,
    sender_code VARCHAR,
    received_on DATE NOT NULL
);

-- The original uploaded file, byte for byte, so it can be downloaded again.
CREATE TABLE batch_files (
    batch_id INTEGER PRIMARY KEY,
    content BLOB NOT NULL
);

-- Who is expected to send what (reference data, replaced by `etl init`).
CREATE TABLE senders (
    code VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,           -- district | department
    unit_code VARCHAR,               -- the unit whose values the sender reports
    sort_order INTEGER NOT NULL
);

CREATE TABLE sender_indicators (
    sender_code VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL
);

-- Reporting rounds; the current definition of a round is its latest version.
CREATE TABLE reporting_rounds (
    round_code VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    deadline DATE NOT NULL,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    set_by VARCHAR NOT NULL,
    set_at TIMESTAMP NOT NULL,
    PRIMARY KEY (round_code, version)
);

-- Application settings changed by admins; the latest row per key wins.
CREATE TABLE app_settings (
    key VARCHAR NOT NULL,
    value VARCHAR NOT NULL,
    set_by VARCHAR NOT NULL,
    set_at TIMESTAMP NOT NULL
);

CREATE VIEW current_rounds AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY round_code ORDER BY version DESC) AS rn
    FROM reporting_rounds
) WHERE rn = 1;

CREATE VIEW current_settings AS
SELECT key, value, set_by, set_at FROM (
    SELECT *, row_number() OVER (PARTITION BY key ORDER BY set_at DESC) AS rn FROM app_settings
) WHERE rn = 1;
