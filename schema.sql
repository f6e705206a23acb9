-- ecoledger schema, version 9: the whole current schema. A new database is created
-- from this file in one transaction; an existing one is upgraded by the numbered
-- migrations in src/store/migrations/ (see src/store/open.rs). Change it only together
-- with a new migration and a bump of CURRENT_VERSION.
--
-- Money is an INTEGER, never a float: estimates, plans and stated totals in 元
-- (`_yuan`, 1 元 = 0.0001 万元), payments in 分 (`amount_fen`, 1 分 = 0.000001 万元).
-- Dates are TEXT 'YYYY-MM-DD'; recorded-at times are TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC).
--
-- Tamper evidence (src/store/chain.rs): every row of every table below carries `jseq`,
-- the journal record of the write that made it, and `rhash`, the SHA-256 of its own
-- fields. Each journal record holds the digest of its rows' hashes and is chained to the
-- record before it. Nothing is ever updated or deleted: triggers refuse it.

-- One record per write: who, when, what, and the digest of the rows it added.
CREATE TABLE journal (
    seq         INTEGER PRIMARY KEY,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    rows        INTEGER NOT NULL CHECK (rows > 0),
    digest      BLOB NOT NULL CHECK (length(digest) = 32),
    hash        BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

-- One row per appendix table of the plan (附表1–附表6).
CREATE TABLE category (
    table_no          INTEGER PRIMARY KEY CHECK (table_no BETWEEN 1 AND 99),
    name              TEXT NOT NULL UNIQUE,
    name_en           TEXT NOT NULL,
    stated_total_yuan INTEGER NOT NULL,
    jseq              INTEGER NOT NULL,
    rhash             BLOB NOT NULL
) STRICT;

-- Departments, one canonical spelling each.
CREATE TABLE department (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0 AND instr(name, '、') = 0),
    jseq  INTEGER NOT NULL,
    rhash BLOB NOT NULL
) STRICT;

-- A project's identity. Everything that can change lives in project_version.
-- `no` orders projects within their table: the plan's 序号 for appendix projects.
CREATE TABLE project (
    id    TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 32),
    no    INTEGER NOT NULL,
    jseq  INTEGER NOT NULL,
    rhash BLOB NOT NULL
) STRICT;

-- Every state a project has been in. A command that changes a project appends a whole
-- new version; versions are never updated or deleted. The state at a date is the
-- project's version with the largest id among those effective on or before it: each
-- project's effective dates never decrease with id (the write path refuses a change
-- effective before the project's latest one), so that is a consistent prefix.
CREATE TABLE project_version (
    id             INTEGER PRIMARY KEY,
    project_id     TEXT NOT NULL REFERENCES project (id),
    effective_date TEXT NOT NULL CHECK (effective_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    change         TEXT NOT NULL
                   CHECK (change IN ('seed', 'create', 'status', 'estimate', 'schedule', 'plan', 'edit')),
    table_no       INTEGER NOT NULL REFERENCES category (table_no),
    group_name     TEXT NOT NULL,
    description    TEXT NOT NULL,
    status         TEXT NOT NULL
                   CHECK (status IN ('planned', 'in_progress', 'suspended', 'completed', 'cancelled')),
    estimate_yuan  INTEGER NOT NULL CHECK (estimate_yuan >= 0),
    stage          TEXT NOT NULL
                   CHECK (stage IN ('estimate', 'preliminary', 'budget', 'settlement', 'final')),
    start_year     INTEGER NOT NULL CHECK (start_year BETWEEN 1900 AND 2200),
    end_year       INTEGER NOT NULL CHECK (end_year BETWEEN start_year AND 2200),
    -- 1 when version_plan_year holds an explicit annual plan (分年度计划) for this version;
    -- 0 for the even spread.
    has_plan       INTEGER NOT NULL DEFAULT 0 CHECK (has_plan IN (0, 1)),
    jseq           INTEGER NOT NULL,
    rhash          BLOB NOT NULL
) STRICT;

CREATE INDEX project_version_by_project ON project_version (project_id, id);
CREATE INDEX project_version_by_date ON project_version (effective_date, project_id);

-- Lead departments of a version, in the order listed (position 0 first).
CREATE TABLE version_department (
    version_id    INTEGER NOT NULL REFERENCES project_version (id),
    position      INTEGER NOT NULL CHECK (position >= 0),
    department_id INTEGER NOT NULL REFERENCES department (id),
    jseq          INTEGER NOT NULL,
    rhash         BLOB NOT NULL,
    PRIMARY KEY (version_id, position),
    UNIQUE (version_id, department_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX version_department_by_department ON version_department (department_id);

-- An explicit annual plan: one row per schedule year, adding up to the estimate.
CREATE TABLE version_plan_year (
    version_id  INTEGER NOT NULL REFERENCES project_version (id),
    year        INTEGER NOT NULL,
    amount_yuan INTEGER NOT NULL CHECK (amount_yuan >= 0),
    jseq        INTEGER NOT NULL,
    rhash       BLOB NOT NULL,
    PRIMARY KEY (version_id, year)
) STRICT, WITHOUT ROWID;

-- The audit log (变更记录): one row per changed field, who, when, why.
CREATE TABLE history (
    id             INTEGER PRIMARY KEY,
    recorded_at    TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    actor          TEXT NOT NULL,
    project_id     TEXT REFERENCES project (id),
    action         TEXT NOT NULL,
    field          TEXT NOT NULL,
    old_value      TEXT,
    new_value      TEXT,
    reason         TEXT,
    note           TEXT,
    version_id     INTEGER REFERENCES project_version (id),
    jseq           INTEGER NOT NULL,
    rhash          BLOB NOT NULL
) STRICT;

CREATE INDEX history_by_project ON history (project_id, id);

-- Actual disbursements (支出/拨付), exact to the 分. A payment is positive; a reversal
-- (冲销) is negative and names the entry it reverses.
CREATE TABLE spending (
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

-- Covers the duplicate check (same project, date, amount, voucher) and per-project sums.
-- (Version 9 dropped the index on (date, project_id): measured at 1,000,000 payments it
-- saved a period's listing 70 ms and cost the import 1.2 s, 28 MB and `check` 2.5 s.)
CREATE INDEX spending_by_project ON spending (project_id, date, amount_fen, voucher);
-- An entry is reversed at most once. Partial (version 9): only reversals are in it, not a
-- NULL for every payment (10 MB and 0.3 s of a 1,000,000-payment import).
CREATE UNIQUE INDEX spending_reverses ON spending (reverses) WHERE reverses IS NOT NULL;

-- Every imported file, by content, so that the same file is not imported twice.
CREATE TABLE import_file (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('spending', 'projects')),
    sha256      TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    jseq        INTEGER NOT NULL,
    rhash       BLOB NOT NULL
) STRICT;

CREATE INDEX import_file_by_hash ON import_file (kind, sha256);

-- Ledger settings (overspend = warn | stop, …), as a log: a setting's value is its
-- latest row.
CREATE TABLE setting (
    id    INTEGER PRIMARY KEY,
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    jseq  INTEGER NOT NULL,
    rhash BLOB NOT NULL
) STRICT;

CREATE INDEX setting_by_key ON setting (key, id);

-- Period closes (结账) and reopenings (反结账). A close records the canonical CSV hashes
-- of the period's reports (`reports`, JSON: {"report": "sha256", …}); who and when are
-- its journal record's.
CREATE TABLE period_close (
    id           INTEGER PRIMARY KEY,
    action       TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    period       TEXT NOT NULL,
    through_date TEXT NOT NULL CHECK (through_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason       TEXT NOT NULL,
    reports      TEXT NOT NULL,
    jseq         INTEGER NOT NULL,
    rhash        BLOB NOT NULL
) STRICT;

-- Measured values of the plan's indicators (表2-1) and basic conditions: one row per
-- value recorded, never changed; a value for a year is that year's latest row.
-- `indicator` addresses what was measured: `26`, a part `5.2`, a condition `C1` (the
-- program checks it against the table embedded in it). `value` is the text as given
-- (an exact decimal for a numeric criterion); `met` is a person's judgement of a text
-- criterion or condition (1 met, 0 not, NULL none given).
CREATE TABLE indicator_measurement (
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

CREATE INDEX indicator_measurement_by_indicator
    ON indicator_measurement (indicator, year, id);

-- Which projects serve which indicator, as a log: a link is in force while its latest
-- row for (indicator, project) says 'link'.
CREATE TABLE indicator_link (
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

CREATE INDEX indicator_link_by_project ON indicator_link (project_id, id);

-- User accounts, as a log: every change (add, password, roles, disable) appends the
-- user's whole new state; a user's current state is their latest row. Nobody is ever
-- deleted, because the history names them. `password` is an Argon2id PHC string (salt
-- and parameters included); nothing else about the password is kept.
CREATE TABLE user_account (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
    roles       TEXT NOT NULL,
    os_user     TEXT,
    password    TEXT CHECK (password IS NULL OR password LIKE '$argon2id$%'),
    disabled    INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    action      TEXT NOT NULL CHECK (action IN ('add', 'passwd', 'roles', 'disable')),
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    jseq        INTEGER NOT NULL,
    rhash       BLOB NOT NULL
) STRICT;

CREATE INDEX user_account_by_name ON user_account (name, id);

-- How the writer of a journal record proved who they are (password, os-user), one row
-- per write on a ledger with users. A write on a ledger without users has none: nobody
-- signed in.
CREATE TABLE write_auth (
    id     INTEGER PRIMARY KEY,
    actor  TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('password', 'os-user', 'token-read-only')),
    jseq   INTEGER NOT NULL,
    rhash  BLOB NOT NULL
) STRICT;

CREATE INDEX write_auth_by_jseq ON write_auth (jseq);

-- Payments at or above the approval threshold, waiting for a second person (待复核).
-- They are not spending until approved: an approval appends the `spending` entry (dated
-- the payment's own date) and a review row; a rejection appends only the review.
CREATE TABLE pending_payment (
    id          INTEGER PRIMARY KEY,
    project_id  TEXT NOT NULL REFERENCES project (id),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    voucher     TEXT,
    note        TEXT,
    import_id   INTEGER REFERENCES import_file (id),
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    jseq        INTEGER NOT NULL,
    rhash       BLOB NOT NULL
) STRICT;

-- The decision on a pending payment, at most one: `approve` names the spending entry it
-- made, `reject` says why.
CREATE TABLE payment_review (
    id          INTEGER PRIMARY KEY,
    pending_id  INTEGER NOT NULL UNIQUE REFERENCES pending_payment (id),
    action      TEXT NOT NULL CHECK (action IN ('approve', 'reject')),
    entry       INTEGER REFERENCES spending (id),
    reason      TEXT,
    recorded_at TEXT NOT NULL,
    actor       TEXT NOT NULL,
    jseq        INTEGER NOT NULL,
    rhash       BLOB NOT NULL,
    CHECK ((action = 'approve' AND entry IS NOT NULL) OR (action = 'reject' AND entry IS NULL AND reason IS NOT NULL))
) STRICT;

-- Nothing is ever updated or deleted; the database itself refuses it.
-- The ledger's two running totals (version 8): the sum of the projects' current estimates
-- (元) and of all payments (分, reversals not subtracted), kept by the triggers below on
-- every insert so that each write's overflow guard reads them instead of re-summing the
-- ledger. Derived data, outside the chains; `check` recomputes both.
CREATE TABLE running_total (
    kind   TEXT PRIMARY KEY CHECK (kind IN ('estimates_yuan', 'payments_fen')),
    amount ANY NOT NULL
) STRICT;
INSERT OR IGNORE INTO running_total (kind, amount) VALUES ('estimates_yuan', 0), ('payments_fen', 0);

-- The page aggregates (version 9): exact totals of the current state that the overview,
-- `totals` and the reports read instead of the whole ledger. Derived data, outside the
-- chains, kept inside each write's transaction and recomputed by `check`, which names any
-- row that differs from the records.
-- The current projects (each project's latest version) per category and status: how
-- many, and their estimates (元). Kept by the write path (store/aggregates.rs).
CREATE TABLE project_total (
    table_no      INTEGER NOT NULL,
    status        TEXT NOT NULL,
    projects      INTEGER NOT NULL,
    estimate_yuan INTEGER NOT NULL,
    PRIMARY KEY (table_no, status)
) STRICT, WITHOUT ROWID;

-- The current projects' year allocation (explicit plan or even spread) per category,
-- status and year: how many projects have the year, its amount, and each quarter's
-- budget — the sum of every project's own split of its year into quarters, because the
-- split of a sum is not the sum of the splits (元). Kept by the write path.
CREATE TABLE year_total (
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

-- Spending per month of its date (`2024-05`): entries and their sum (分, reversals
-- included), kept by the trigger below.
CREATE TABLE spending_month (
    month      TEXT PRIMARY KEY,
    entries    INTEGER NOT NULL,
    amount_fen INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER category_no_update BEFORE UPDATE ON category
BEGIN SELECT RAISE(ABORT, 'categories are append-only'); END;
CREATE TRIGGER category_no_delete BEFORE DELETE ON category
BEGIN SELECT RAISE(ABORT, 'categories are append-only'); END;
CREATE TRIGGER department_no_update BEFORE UPDATE ON department
BEGIN SELECT RAISE(ABORT, 'departments are append-only'); END;
CREATE TRIGGER department_no_delete BEFORE DELETE ON department
BEGIN SELECT RAISE(ABORT, 'departments are append-only'); END;
CREATE TRIGGER project_no_update BEFORE UPDATE ON project
BEGIN SELECT RAISE(ABORT, 'projects are append-only'); END;
CREATE TRIGGER project_no_delete BEFORE DELETE ON project
BEGIN SELECT RAISE(ABORT, 'projects are append-only'); END;
CREATE TRIGGER project_version_no_update BEFORE UPDATE ON project_version
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER project_version_no_delete BEFORE DELETE ON project_version
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_department_no_update BEFORE UPDATE ON version_department
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_department_no_delete BEFORE DELETE ON version_department
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_plan_year_no_update BEFORE UPDATE ON version_plan_year
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER version_plan_year_no_delete BEFORE DELETE ON version_plan_year
BEGIN SELECT RAISE(ABORT, 'project versions are append-only'); END;
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER spending_no_update BEFORE UPDATE ON spending
BEGIN SELECT RAISE(ABORT, 'spending entries are never changed; record a reversal'); END;
CREATE TRIGGER spending_no_delete BEFORE DELETE ON spending
BEGIN SELECT RAISE(ABORT, 'spending entries are never changed; record a reversal'); END;
CREATE TRIGGER import_file_no_update BEFORE UPDATE ON import_file
BEGIN SELECT RAISE(ABORT, 'imported files are append-only'); END;
CREATE TRIGGER import_file_no_delete BEFORE DELETE ON import_file
BEGIN SELECT RAISE(ABORT, 'imported files are append-only'); END;
CREATE TRIGGER setting_no_update BEFORE UPDATE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are a log; record a new value'); END;
CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
BEGIN SELECT RAISE(ABORT, 'settings are a log; record a new value'); END;
CREATE TRIGGER period_close_no_update BEFORE UPDATE ON period_close
BEGIN SELECT RAISE(ABORT, 'period closes are append-only; reopen the period'); END;
CREATE TRIGGER period_close_no_delete BEFORE DELETE ON period_close
BEGIN SELECT RAISE(ABORT, 'period closes are append-only; reopen the period'); END;
CREATE TRIGGER indicator_measurement_no_update BEFORE UPDATE ON indicator_measurement
BEGIN SELECT RAISE(ABORT, 'indicator measurements are append-only; record a new value'); END;
CREATE TRIGGER indicator_measurement_no_delete BEFORE DELETE ON indicator_measurement
BEGIN SELECT RAISE(ABORT, 'indicator measurements are append-only; record a new value'); END;
CREATE TRIGGER indicator_link_no_update BEFORE UPDATE ON indicator_link
BEGIN SELECT RAISE(ABORT, 'indicator links are a log; record an unlink'); END;
CREATE TRIGGER indicator_link_no_delete BEFORE DELETE ON indicator_link
BEGIN SELECT RAISE(ABORT, 'indicator links are a log; record an unlink'); END;
CREATE TRIGGER user_account_no_update BEFORE UPDATE ON user_account
BEGIN SELECT RAISE(ABORT, 'user accounts are a log; record a change'); END;
CREATE TRIGGER user_account_no_delete BEFORE DELETE ON user_account
BEGIN SELECT RAISE(ABORT, 'user accounts are a log; disable a user instead'); END;
CREATE TRIGGER write_auth_no_update BEFORE UPDATE ON write_auth
BEGIN SELECT RAISE(ABORT, 'sign-in records are append-only'); END;
CREATE TRIGGER write_auth_no_delete BEFORE DELETE ON write_auth
BEGIN SELECT RAISE(ABORT, 'sign-in records are append-only'); END;
CREATE TRIGGER pending_payment_no_update BEFORE UPDATE ON pending_payment
BEGIN SELECT RAISE(ABORT, 'pending payments are never changed; approve or reject them'); END;
CREATE TRIGGER pending_payment_no_delete BEFORE DELETE ON pending_payment
BEGIN SELECT RAISE(ABORT, 'pending payments are never changed; approve or reject them'); END;
CREATE TRIGGER payment_review_no_update BEFORE UPDATE ON payment_review
BEGIN SELECT RAISE(ABORT, 'payment reviews are append-only'); END;
CREATE TRIGGER payment_review_no_delete BEFORE DELETE ON payment_review
BEGIN SELECT RAISE(ABORT, 'payment reviews are append-only'); END;
CREATE TRIGGER project_version_running_total AFTER INSERT ON project_version
BEGIN UPDATE running_total SET amount = amount + NEW.estimate_yuan - COALESCE((SELECT estimate_yuan FROM project_version WHERE project_id = NEW.project_id AND id < NEW.id ORDER BY id DESC LIMIT 1), 0) WHERE kind = 'estimates_yuan'; END;
CREATE TRIGGER spending_running_total AFTER INSERT ON spending WHEN NEW.amount_fen > 0
BEGIN UPDATE running_total SET amount = amount + NEW.amount_fen WHERE kind = 'payments_fen'; END;
CREATE TRIGGER spending_month_total AFTER INSERT ON spending
BEGIN INSERT INTO spending_month (month, entries, amount_fen) VALUES (substr(NEW.date, 1, 7), 1, NEW.amount_fen) ON CONFLICT (month) DO UPDATE SET entries = entries + 1, amount_fen = amount_fen + excluded.amount_fen; END;
