-- Version 8 → 9: the page aggregates and a leaner `spending`.
--
-- 1. `project_total`, `year_total` (kept by the write path) and `spending_month` (kept by
--    the trigger below): exact totals of the current state that the overview, `totals`
--    and the quarter's execution read instead of the whole ledger. Derived data outside
--    the chains; the upgrade fills them from the records (store/aggregates.rs, run by
--    open.rs right after this file) and `check` recomputes them.
-- 2. `spending` is rebuilt without the column-level UNIQUE on `reverses`, whose automatic
--    index held a NULL for every payment; a partial unique index holds only reversals.
--    The index on (date, project_id) is not made again: measured at 1,000,000 payments,
--    it saved a period's listing 70 ms and cost the import 1.2 s, 28 MB and `check` 2.5 s.
--    The rows are copied as they are (same ids, `jseq` and `rhash`), so every chain
--    verifies as before; the upgrade re-verifies them all before it commits.
--
-- `IF NOT EXISTS` on the new tables: a ledger older than 5 gets them from schema.sql on
-- its way through version 5.
CREATE TABLE IF NOT EXISTS project_total (
    table_no      INTEGER NOT NULL,
    status        TEXT NOT NULL,
    projects      INTEGER NOT NULL,
    estimate_yuan INTEGER NOT NULL,
    PRIMARY KEY (table_no, status)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS year_total (
    table_no    INTEGER NOT NULL,
    status      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    projects    INTEGER NOT NULL,
    amount_yuan INTEGER NOT NULL,
    q1_yuan     INTEGER NOT NULL,
    q2_yuan     INTEGER NOT NULL,
    q3_yuan     INTEGER NOT NULL,
    q4_yuan     INTEGER NOT NULL,
    PRIMARY KEY (table_no, status, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS spending_month (
    month      TEXT PRIMARY KEY,
    entries    INTEGER NOT NULL,
    amount_fen INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE spending_v9 (
    id               INTEGER PRIMARY KEY,
    project_id       TEXT NOT NULL REFERENCES project (id),
    date             TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount_fen       INTEGER NOT NULL CHECK (amount_fen <> 0),
    voucher          TEXT,
    note             TEXT,
    reverses         INTEGER REFERENCES spending (id),
    reason           TEXT,
    -- 1 when paid after the project was completed (尾款 / 质保金).
    after_completion INTEGER NOT NULL DEFAULT 0 CHECK (after_completion IN (0, 1)),
    import_id        INTEGER REFERENCES import_file (id),
    recorded_at      TEXT NOT NULL,
    actor            TEXT NOT NULL,
    jseq             INTEGER NOT NULL,
    rhash            BLOB NOT NULL,
    CHECK ((reverses IS NULL AND amount_fen > 0) OR (reverses IS NOT NULL AND amount_fen < 0))
) STRICT;

INSERT INTO spending_v9 (id, project_id, date, amount_fen, voucher, note, reverses, reason,
                         after_completion, import_id, recorded_at, actor, jseq, rhash)
SELECT id, project_id, date, amount_fen, voucher, note, reverses, reason,
       after_completion, import_id, recorded_at, actor, jseq, rhash
  FROM spending ORDER BY id;

DROP TABLE spending;
ALTER TABLE spending_v9 RENAME TO spending;

CREATE INDEX spending_by_project ON spending (project_id, date, amount_fen, voucher);
CREATE UNIQUE INDEX spending_reverses ON spending (reverses) WHERE reverses IS NOT NULL;

CREATE TRIGGER spending_no_update BEFORE UPDATE ON spending
BEGIN SELECT RAISE(ABORT, 'spending entries are never changed; record a reversal'); END;
CREATE TRIGGER spending_no_delete BEFORE DELETE ON spending
BEGIN SELECT RAISE(ABORT, 'spending entries are never changed; record a reversal'); END;
CREATE TRIGGER spending_running_total AFTER INSERT ON spending WHEN NEW.amount_fen > 0
BEGIN UPDATE running_total SET amount = amount + NEW.amount_fen WHERE kind = 'payments_fen'; END;
CREATE TRIGGER spending_month_total AFTER INSERT ON spending
BEGIN INSERT INTO spending_month (month, entries, amount_fen) VALUES (substr(NEW.date, 1, 7), 1, NEW.amount_fen) ON CONFLICT (month) DO UPDATE SET entries = entries + 1, amount_fen = amount_fen + excluded.amount_fen; END;
