-- Version 7 → 8: the ledger's two running totals — the sum of the projects' current
-- estimates (元) and the sum of all payments (分, reversals not subtracted) — kept by
-- triggers on every insert, so that the overflow guard of each write reads two numbers
-- instead of re-summing the whole ledger. Derived data, not part of any chain: `check`
-- recomputes both and names a difference. `IF NOT EXISTS` and `OR REPLACE` throughout: a
-- ledger older than 5 gets the table from schema.sql on its way through version 5, and
-- the totals are recomputed here from the records whatever the path. Nothing existing
-- changes, so every chain verifies as before.
CREATE TABLE IF NOT EXISTS running_total (
    kind   TEXT PRIMARY KEY CHECK (kind IN ('estimates_yuan', 'payments_fen')),
    -- An integer; a sum past SQLite's integers would become a real, which the write's
    -- guard refuses like any total past the ledger's limit.
    amount ANY NOT NULL
) STRICT;

INSERT OR REPLACE INTO running_total (kind, amount)
SELECT 'estimates_yuan', COALESCE(SUM(estimate_yuan), 0) FROM project_version
 WHERE id IN (SELECT MAX(id) FROM project_version GROUP BY project_id);
INSERT OR REPLACE INTO running_total (kind, amount)
SELECT 'payments_fen', COALESCE(SUM(amount_fen), 0) FROM spending WHERE amount_fen > 0;

CREATE TRIGGER IF NOT EXISTS project_version_running_total AFTER INSERT ON project_version
BEGIN UPDATE running_total SET amount = amount + NEW.estimate_yuan - COALESCE((SELECT estimate_yuan FROM project_version WHERE project_id = NEW.project_id AND id < NEW.id ORDER BY id DESC LIMIT 1), 0) WHERE kind = 'estimates_yuan'; END;
CREATE TRIGGER IF NOT EXISTS spending_running_total AFTER INSERT ON spending WHEN NEW.amount_fen > 0
BEGIN UPDATE running_total SET amount = amount + NEW.amount_fen WHERE kind = 'payments_fen'; END;
