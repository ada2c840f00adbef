-- The review beyond numbers: analysts' notes on causes, policy events drawn on trend
-- charts, and the commendation register. Append-only: an edit is a new version of the
-- same id, a removal is a version with status 'withdrawn'; nothing is updated or deleted.

CREATE SEQUENCE note_id_seq START 1;
CREATE TABLE notes (
    note_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    indicator_code VARCHAR NOT NULL,
    unit_code VARCHAR,                 -- NULL: the province as a whole
    first_year INTEGER,
    last_year INTEGER,
    kind VARCHAR NOT NULL,             -- result_cause | weakness_cause | context | data_caveat
    text VARCHAR NOT NULL,
    status VARCHAR NOT NULL,           -- active | withdrawn
    author VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL,
    PRIMARY KEY (note_id, version)
);

CREATE SEQUENCE event_id_seq START 1;
CREATE TABLE policy_events (
    event_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    year INTEGER NOT NULL,
    last_year INTEGER,                 -- for a period, e.g. school closures 2020–2022
    title VARCHAR NOT NULL,
    description VARCHAR,
    indicators VARCHAR NOT NULL,       -- '*', or codes and group:<code> separated by ';'
    status VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL,
    PRIMARY KEY (event_id, version)
);

CREATE SEQUENCE nomination_id_seq START 1;
CREATE TABLE nominations (
    nomination_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    round_code VARCHAR NOT NULL,
    level VARCHAR NOT NULL,            -- district | province
    nominator_code VARCHAR NOT NULL,   -- a district's unit code or a department's sender code
    kind VARCHAR NOT NULL,             -- collective | model | individual
    name VARCHAR NOT NULL,
    position VARCHAR,                  -- position or address
    field VARCHAR NOT NULL,            -- education | vocational | management | other
    achievement VARCHAR NOT NULL,
    indicators VARCHAR,                -- related indicator codes separated by ';'
    status VARCHAR NOT NULL,           -- proposed | accepted | commended | withdrawn
    received_on DATE,
    file_name VARCHAR,
    author VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL,
    PRIMARY KEY (nomination_id, version)
);

-- The achievement report attached to a nomination version.
CREATE TABLE nomination_files (
    nomination_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (nomination_id, version)
);

CREATE VIEW current_notes AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY note_id ORDER BY version DESC) AS rn FROM notes
) WHERE rn = 1 AND status = 'active';

CREATE VIEW current_policy_events AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY version DESC) AS rn FROM policy_events
) WHERE rn = 1 AND status = 'active';

CREATE VIEW current_nominations AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY nomination_id ORDER BY version DESC) AS rn FROM nominations
) WHERE rn = 1 AND status <> 'withdrawn';
