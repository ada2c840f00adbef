-- Issue 14: answers remembered per sender and layout ("recipes"). A recipe holds the answers an
-- analyst gave to the reader's questions for one sender's files of one layout (the layout
-- signature of etl/reading/file_facts.py: sheet names and header rows without years and numbers);
-- the next file of that sender and layout is read with them and asks nothing.
-- Append-only, versioned like notes: an edit is a new version of the same recipe_id, a deletion
-- a version with status 'withdrawn'; nothing is updated or deleted.

CREATE SEQUENCE recipe_id_seq START 1;
CREATE TABLE recipes (
    recipe_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    sender_code VARCHAR NOT NULL,      -- senders.code (who sends files of this layout)
    layout_signature VARCHAR NOT NULL, -- FileReport.layout_signature
    layout_text VARCHAR NOT NULL,      -- the same layout, readable: sheet names and header rows
    origin VARCHAR NOT NULL,           -- load | edit | import | withdraw: how this version was made
    source_file VARCHAR,               -- the file whose answers made the version (origin 'load')
    note VARCHAR,
    status VARCHAR NOT NULL,           -- active | withdrawn
    author VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL,
    PRIMARY KEY (recipe_id, version)
);

-- The answers of each version, as the answers file writes them (kind, key, answer).
CREATE TABLE recipe_answers (
    recipe_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    question_key VARCHAR NOT NULL,
    answer VARCHAR NOT NULL,
    PRIMARY KEY (recipe_id, version, kind, question_key)
);

-- The recipe version a batch was read with (its answers used are in batch_answers).
CREATE TABLE batch_recipes (
    batch_id INTEGER PRIMARY KEY,
    recipe_id INTEGER NOT NULL,
    version INTEGER NOT NULL
);

CREATE VIEW current_recipes AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY recipe_id ORDER BY version DESC) AS rn FROM recipes
) WHERE rn = 1 AND status = 'active';
