-- Version 3 → 4: tamper evidence. History records and spending entries get `prev_hash`
-- and `hash` (see src/store/chain.rs); the upgrade computes them for existing rows.
ALTER TABLE history ADD COLUMN prev_hash TEXT;
ALTER TABLE history ADD COLUMN hash TEXT;
ALTER TABLE spending ADD COLUMN prev_hash TEXT;
ALTER TABLE spending ADD COLUMN hash TEXT;
