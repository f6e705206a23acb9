-- Version 6 → 7: user accounts and roles, who proved what for each write, and payment
-- approval (复核). `IF NOT EXISTS` throughout: a ledger older than 5 gets these tables
-- from schema.sql on its way through version 5. Nothing existing changes, so every
-- chain verifies as before.

-- User accounts, as a log: every change (add, password, roles, disable) appends the
-- user's whole new state; a user's current state is their latest row. Nobody is ever
-- deleted, because the history names them. `password` is an Argon2id PHC string (salt
-- and parameters included); nothing else about the password is kept.
CREATE TABLE IF NOT EXISTS user_account (
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

CREATE INDEX IF NOT EXISTS user_account_by_name ON user_account (name, id);

-- How the writer of a journal record proved who they are (password, os-user), one row
-- per write on a ledger with users. A write on a ledger without users has none: nobody
-- signed in.
CREATE TABLE IF NOT EXISTS write_auth (
    id     INTEGER PRIMARY KEY,
    actor  TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('password', 'os-user', 'token-read-only')),
    jseq   INTEGER NOT NULL,
    rhash  BLOB NOT NULL
) STRICT;

CREATE INDEX IF NOT EXISTS write_auth_by_jseq ON write_auth (jseq);

-- Payments at or above the approval threshold, waiting for a second person (待复核).
-- They are not spending until approved: an approval appends the `spending` entry (dated
-- the payment's own date) and a review row; a rejection appends only the review.
CREATE TABLE IF NOT EXISTS pending_payment (
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
CREATE TABLE IF NOT EXISTS payment_review (
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

CREATE TRIGGER IF NOT EXISTS user_account_no_update BEFORE UPDATE ON user_account
BEGIN SELECT RAISE(ABORT, 'user accounts are a log; record a change'); END;
CREATE TRIGGER IF NOT EXISTS user_account_no_delete BEFORE DELETE ON user_account
BEGIN SELECT RAISE(ABORT, 'user accounts are a log; disable a user instead'); END;
CREATE TRIGGER IF NOT EXISTS write_auth_no_update BEFORE UPDATE ON write_auth
BEGIN SELECT RAISE(ABORT, 'sign-in records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS write_auth_no_delete BEFORE DELETE ON write_auth
BEGIN SELECT RAISE(ABORT, 'sign-in records are append-only'); END;
CREATE TRIGGER IF NOT EXISTS pending_payment_no_update BEFORE UPDATE ON pending_payment
BEGIN SELECT RAISE(ABORT, 'pending payments are never changed; approve or reject them'); END;
CREATE TRIGGER IF NOT EXISTS pending_payment_no_delete BEFORE DELETE ON pending_payment
BEGIN SELECT RAISE(ABORT, 'pending payments are never changed; approve or reject them'); END;
CREATE TRIGGER IF NOT EXISTS payment_review_no_update BEFORE UPDATE ON payment_review
BEGIN SELECT RAISE(ABORT, 'payment reviews are append-only'); END;
CREATE TRIGGER IF NOT EXISTS payment_review_no_delete BEFORE DELETE ON payment_review
BEGIN SELECT RAISE(ABORT, 'payment reviews are append-only'); END;
