-- Version 2 → 3: the spending ledger (actual disbursements), imported files, settings.

-- Actual disbursements (支出/拨付). A payment is positive; a reversal (冲销) is negative
-- and names the entry it reverses. Entries are never updated or deleted.
CREATE TABLE spending (
    id               INTEGER PRIMARY KEY,
    project_id       TEXT NOT NULL REFERENCES project (id),
    date             TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount_yuan      INTEGER NOT NULL CHECK (amount_yuan <> 0),
    voucher          TEXT,
    note             TEXT,
    reverses         INTEGER UNIQUE REFERENCES spending (id),
    reason           TEXT,
    -- 1 when paid after the project was completed (尾款 / 质保金).
    after_completion INTEGER NOT NULL DEFAULT 0 CHECK (after_completion IN (0, 1)),
    import_id        INTEGER REFERENCES import_file (id),
    recorded_at      TEXT NOT NULL,
    actor            TEXT NOT NULL,
    CHECK ((reverses IS NULL AND amount_yuan > 0) OR (reverses IS NOT NULL AND amount_yuan < 0))
) STRICT;

-- Covers the duplicate check (same project, date, amount, voucher) and per-project sums.
CREATE INDEX spending_by_project ON spending (project_id, date, amount_yuan, voucher);
CREATE INDEX spending_by_date ON spending (date, project_id);

-- Every imported file, by content, so that the same file is not imported twice.
CREATE TABLE import_file (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('spending', 'projects')),
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL
) STRICT;

CREATE INDEX import_file_by_hash ON import_file (kind, sha256);

-- Ledger settings, e.g. overspend = warn | stop.
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TRIGGER spending_no_update BEFORE UPDATE ON spending
BEGIN SELECT RAISE(ABORT, 'spending entries are never changed; record a reversal'); END;
CREATE TRIGGER spending_no_delete BEFORE DELETE ON spending
BEGIN SELECT RAISE(ABORT, 'spending entries are never changed; record a reversal'); END;
