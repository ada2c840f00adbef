-- Numbers a leader can quote (issue 15): every definition version of an indicator and when
-- a year's figure is known; targets with their issue date, article and how they were checked;
-- a reporting round's window, as-of date and deadline readings; the consumer price index;
-- the date of a policy event; and analysts' acceptances of flagged values, with a `flagged`
-- mark on every value that contains an unaccepted one.

-- The catalogue (reference data, replaced by `etl init`).
ALTER TABLE indicators ADD COLUMN later_breaks VARCHAR;   -- break years after break_year, ';'-separated
ALTER TABLE indicators ADD COLUMN version_labels VARCHAR; -- one label per definition version, '|'-separated
ALTER TABLE indicators ADD COLUMN display_unit VARCHAR;   -- the unit leaders read, e.g. tỷ đồng for triệu đồng
ALTER TABLE indicators ADD COLUMN deflate VARCHAR;        -- 'cpi': an amount also shown at 2013 prices
ALTER TABLE indicators ADD COLUMN per_head VARCHAR;       -- the count an amount is also shown per head of

-- Targets: range targets (value .. value_max), the date the source was issued (a target issued
-- after a round's as-of date never decides a verdict in that round), its article, and how the
-- row was checked (text | secondary | unverified | illustrative).
ALTER TABLE targets ADD COLUMN value_max DOUBLE;
ALTER TABLE targets ADD COLUMN issued_on DATE;
ALTER TABLE targets ADD COLUMN article VARCHAR;
ALTER TABLE targets ADD COLUMN verification VARCHAR;

-- Reporting rounds: an earlier baseline a reader may choose (2012 = school year 2012-2013, the
-- last before NQ 29), the as-of date (NULL = the deadline), whether the deadline day itself is
-- on time ("trước ngày 28/4" read literally is not), and how "đến năm N" reads on school years.
ALTER TABLE reporting_rounds ADD COLUMN baseline_year INTEGER;
ALTER TABLE reporting_rounds ADD COLUMN as_of DATE;
ALTER TABLE reporting_rounds ADD COLUMN deadline_inclusive BOOLEAN DEFAULT FALSE;
ALTER TABLE reporting_rounds ADD COLUMN school_year_deadline VARCHAR DEFAULT 'ending';

CREATE OR REPLACE VIEW current_rounds AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY round_code ORDER BY version DESC) AS rn
    FROM reporting_rounds
) WHERE rn = 1;

-- Annual average consumer price index (data/reference/deflator.csv), 2013 = 100.
CREATE TABLE price_index (
    year INTEGER PRIMARY KEY,
    cpi_change DOUBLE,               -- average CPI of the year vs the previous year, %
    index_2013 DOUBLE NOT NULL,
    verification VARCHAR NOT NULL,
    source VARCHAR NOT NULL
);

-- The date an event's document was issued: an event after a round's as-of date is not drawn.
ALTER TABLE policy_events ADD COLUMN issued_on DATE;

CREATE OR REPLACE VIEW current_policy_events AS
SELECT * EXCLUDE (rn) FROM (
    SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY version DESC) AS rn FROM policy_events
) WHERE rn = 1 AND status = 'active';

-- An analyst's decision on a value flagged at load. Append-only: the latest decision for a
-- batch's value wins (accepted, or revoked); a newer file's value is flagged anew.
CREATE SEQUENCE acceptance_id_seq START 1;
CREATE TABLE value_acceptances (
    acceptance_id INTEGER PRIMARY KEY,
    batch_id INTEGER NOT NULL,
    unit_code VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    decision VARCHAR NOT NULL CHECK (decision IN ('accepted', 'revoked')),
    note VARCHAR,
    decided_by VARCHAR NOT NULL,
    decided_at TIMESTAMP NOT NULL
);

CREATE VIEW latest_acceptances AS
SELECT * FROM value_acceptances
QUALIFY row_number() OVER (
    PARTITION BY batch_id, unit_code, indicator_code, year ORDER BY acceptance_id DESC
) = 1;

-- Every warning kept with an active batch, whether its value is still the current one, and the
-- latest analyst decision on it (the quality page lists these).
CREATE VIEW value_warnings AS
SELECT
    i.*,
    o.batch_id IS NOT NULL AS is_current,
    d.decision,
    d.decided_by,
    d.decided_at,
    d.note AS decision_note
FROM batch_issues AS i
INNER JOIN active_batches AS b ON i.batch_id = b.batch_id
LEFT JOIN current_observations AS o
    ON
        i.batch_id = o.batch_id
        AND i.unit_code = o.unit_code
        AND i.indicator_code = o.indicator_code
        AND i.year = o.year
LEFT JOIN latest_acceptances AS d
    ON
        i.batch_id = d.batch_id
        AND i.unit_code = d.unit_code
        AND i.indicator_code = d.indicator_code
        AND i.year = d.year
WHERE i.severity = 'warning';

-- Current values with an open warning: not accepted.
CREATE VIEW open_value_flags AS
SELECT DISTINCT unit_code, indicator_code, year, batch_id
FROM value_warnings
WHERE is_current AND coalesce(decision, '') <> 'accepted';

-- Every value that contains a flagged one: the flagged value itself, a unit's rate computed
-- from a flagged part, and a parent's aggregate over a child's flagged value or part.
CREATE VIEW flagged_indicator_values AS
WITH own AS (
    SELECT unit_code, indicator_code, year FROM open_value_flags
    UNION
    SELECT f.unit_code, i.code AS indicator_code, f.year
    FROM open_value_flags AS f
    INNER JOIN indicators AS i ON i.aggregation = 'ratio' AND f.indicator_code IN (i.numerator, i.denominator)
    WHERE NOT EXISTS (
        SELECT 1 FROM current_observations AS r
        WHERE r.unit_code = f.unit_code AND r.indicator_code = i.code AND r.year = f.year
    )
),

parents AS (
    SELECT u.parent_code AS unit_code, f.indicator_code, f.year
    FROM own AS f
    INNER JOIN units AS u ON f.unit_code = u.code
    WHERE u.parent_code IS NOT NULL
    UNION
    SELECT u.parent_code AS unit_code, i.code AS indicator_code, f.year
    FROM own AS f
    INNER JOIN units AS u ON f.unit_code = u.code
    INNER JOIN indicators AS i ON i.aggregation = 'ratio' AND f.indicator_code IN (i.numerator, i.denominator)
    WHERE u.parent_code IS NOT NULL
)

SELECT unit_code, indicator_code, year FROM own
UNION
SELECT p.unit_code, p.indicator_code, p.year
FROM parents AS p
WHERE NOT EXISTS (
    SELECT 1 FROM unit_own_values AS o
    WHERE o.unit_code = p.unit_code AND o.indicator_code = p.indicator_code AND o.year = p.year
);

ALTER TABLE indicator_values_table ADD COLUMN flagged BOOLEAN;

CREATE OR REPLACE VIEW indicator_values AS
SELECT unit_code, indicator_code, year, value, origin, batch_id, n_units, n_expected, complete, flagged
FROM indicator_values_table;
