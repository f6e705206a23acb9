-- Version 5 → 6: the plan's indicators. Measurements of the indicators and basic
-- conditions of 表2-1, and links from indicators to the projects that serve them; the
-- indicator table itself is the plan's and is embedded in the program, not stored.
-- `IF NOT EXISTS` throughout: a ledger older than 5 gets these tables from schema.sql
-- on its way through version 5.
-- Measured values of the plan's indicators (表2-1) and basic conditions: one row per
-- value recorded, never changed; a value for a year is that year's latest row.
-- `indicator` addresses what was measured: `26`, a part `5.2`, a condition `C1` (the
-- program checks it against the table embedded in it). `value` is the text as given
-- (an exact decimal for a numeric criterion); `met` is a person's judgement of a text
-- criterion or condition (1 met, 0 not, NULL none given).
CREATE TABLE IF NOT EXISTS indicator_measurement (
    id             INTEGER PRIMARY KEY,
    indicator      TEXT NOT NULL CHECK (length(indicator) BETWEEN 1 AND 16),
    effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    year           INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    value          TEXT NOT NULL,
    met            INTEGER CHECK (met IN (0, 1)),
    source         TEXT NOT NULL,
    reason         TEXT,
    recorded_at    TEXT NOT NULL,
    actor          TEXT NOT NULL,
    jseq           INTEGER NOT NULL,
    rhash          BLOB NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS indicator_measurement_by_indicator
    ON indicator_measurement (indicator, year, id);

-- Which projects serve which indicator, as a log: a link is in force while its latest
-- row for (indicator, project) says 'link'.
CREATE TABLE IF NOT EXISTS indicator_link (
    id             INTEGER PRIMARY KEY,
    indicator      TEXT NOT NULL CHECK (length(indicator) BETWEEN 1 AND 16),
    effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    project_id     TEXT NOT NULL REFERENCES project (id),
    action         TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
    reason         TEXT,
    recorded_at    TEXT NOT NULL,
    actor          TEXT NOT NULL,
    jseq           INTEGER NOT NULL,
    rhash          BLOB NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS indicator_link_by_project ON indicator_link (project_id, id);

CREATE TRIGGER IF NOT EXISTS indicator_measurement_no_update BEFORE UPDATE ON indicator_measurement
BEGIN SELECT RAISE(ABORT, 'indicator measurements are append-only; record a new value'); END;
CREATE TRIGGER IF NOT EXISTS indicator_measurement_no_delete BEFORE DELETE ON indicator_measurement
BEGIN SELECT RAISE(ABORT, 'indicator measurements are append-only; record a new value'); END;
CREATE TRIGGER IF NOT EXISTS indicator_link_no_update BEFORE UPDATE ON indicator_link
BEGIN SELECT RAISE(ABORT, 'indicator links are a log; record an unlink'); END;
CREATE TRIGGER IF NOT EXISTS indicator_link_no_delete BEFORE DELETE ON indicator_link
BEGIN SELECT RAISE(ABORT, 'indicator links are a log; record an unlink'); END;
