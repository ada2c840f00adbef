-- Issue 20: opinion surveys (Google Forms / Microsoft Forms exports) as data beside the
-- indicators. A survey file is a batch like an indicator file (batches, batch_events for
-- rollback, batch_files for the kept file, batch_issues); the kept file is the export without
-- its personal-data columns and with personal data in free text masked: the raw export is
-- never stored. Append-only: a newer file of the same survey and round supersedes the older
-- one (the latest active batch counts); themes and quotes are versioned like notes.

-- Which survey and round a batch holds, and the tool that exported it.
CREATE TABLE survey_batches (
    batch_id INTEGER PRIMARY KEY,
    survey_code VARCHAR NOT NULL,      -- e.g. nq29 (the questionnaire's code)
    round_label VARCHAR NOT NULL,      -- e.g. 2023: the survey round (two rounds give a change)
    tool VARCHAR NOT NULL,             -- google | microsoft | unknown
    form_signature VARCHAR NOT NULL,   -- the export's header row: a re-export of the same form supersedes
    n_responses INTEGER NOT NULL,
    dropped_columns VARCHAR NOT NULL   -- the personal-data columns dropped at import, ' | '-separated
);

-- The questions (columns) of a batch, mapped to the resolution's tasks and to indicators.
CREATE TABLE survey_questions (
    batch_id INTEGER NOT NULL,
    question_code VARCHAR NOT NULL,    -- the questionnaire's code, or one made from the header
    position INTEGER NOT NULL,         -- column number in the export (1 = A)
    header VARCHAR NOT NULL,           -- the column header as exported
    kind VARCHAR NOT NULL,             -- likert | choice | checkbox | text
    scale_code VARCHAR,                -- of a likert question (etl/config/survey_scales.csv)
    task INTEGER,                      -- the resolution's task 1-9 (data/reference/survey_questions.csv)
    indicators VARCHAR,                -- indicator codes the question explains, ';'-separated
    PRIMARY KEY (batch_id, question_code)
);

-- One row per respondent: when, where and who (never a name, e-mail, phone or ID number).
CREATE TABLE survey_responses (
    batch_id INTEGER NOT NULL,
    response_no INTEGER NOT NULL,      -- the row in the export (2 = first respondent)
    submitted_at TIMESTAMP,
    unit_code VARCHAR,                 -- the district (units.code); NULL: not given
    group_code VARCHAR,                -- giao_vien | can_bo_quan_ly | phu_huynh | hoc_sinh | nguoi_dan
    PRIMARY KEY (batch_id, response_no)
);

-- Answers: one row per respondent and question, and per chosen option for checkbox questions.
CREATE TABLE survey_answers (
    batch_id INTEGER NOT NULL,
    response_no INTEGER NOT NULL,
    question_code VARCHAR NOT NULL,
    choice VARCHAR,                    -- the option or scale label (canonical form)
    scale_order INTEGER,               -- of a scale label: 1 = most negative, 0 = no opinion
    side VARCHAR,                      -- of a scale label: neg | mid | pos | none (no opinion)
    text VARCHAR                       -- free text, or an "other" answer; personal data masked
);

-- Analysts' themes attached to an open-text answer, and quotes kept for the report.
CREATE SEQUENCE survey_theme_id_seq START 1;
CREATE TABLE survey_themes (
    theme_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    batch_id INTEGER NOT NULL,
    response_no INTEGER NOT NULL,
    question_code VARCHAR NOT NULL,
    theme VARCHAR NOT NULL,
    status VARCHAR NOT NULL,           -- active | withdrawn
    author VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL,
    PRIMARY KEY (theme_id, version)
);

CREATE SEQUENCE survey_quote_id_seq START 1;
CREATE TABLE survey_quotes (
    quote_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    batch_id INTEGER NOT NULL,
    response_no INTEGER NOT NULL,
    question_code VARCHAR NOT NULL,
    text VARCHAR NOT NULL,             -- the quote as it will be printed (anonymised)
    status VARCHAR NOT NULL,
    author VARCHAR NOT NULL,
    written_at TIMESTAMP NOT NULL,
    PRIMARY KEY (quote_id, version)
);

-- The batches that count: active, and the latest of their survey, round and form (two forms of
-- one round, e.g. one for teachers and one for parents, add up; a re-export of a form replaces it).
CREATE VIEW current_survey_batches AS
SELECT * EXCLUDE (rn) FROM (
    SELECT s.*, row_number() OVER (PARTITION BY s.survey_code, s.round_label, s.form_signature ORDER BY s.batch_id DESC) AS rn
    FROM survey_batches AS s
    WHERE NOT EXISTS (
        SELECT 1 FROM batch_events AS e WHERE e.batch_id = s.batch_id AND e.event = 'rolled_back'
    )
) WHERE rn = 1;

CREATE VIEW current_survey_themes AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY theme_id ORDER BY version DESC) AS rn FROM survey_themes
) WHERE rn = 1 AND status = 'active';

CREATE VIEW current_survey_quotes AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY quote_id ORDER BY version DESC) AS rn FROM survey_quotes
) WHERE rn = 1 AND status = 'active';
