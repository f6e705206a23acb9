//! Opening a ledger file: pragmas, then one transaction that either creates the schema
//! from `schema.sql` and seeds the plan, or upgrades an older file version by version
//! (`PRAGMA user_version`). A file from a newer ecoledger is refused before anything is
//! written to it; an SQLite file that is not a ledger is refused too.

use super::{open_error, Store};
use crate::error::{Error, Result};
use crate::seed;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The schema version this program writes and understands.
pub const CURRENT_VERSION: i64 = 1;

const SCHEMA: &str = include_str!("../../schema.sql");

/// Upgrades, in order: `(version it produces, SQL)`. Version 1 is the first schema, so
/// there is nothing to upgrade from yet; the next schema change adds `(2, include_str!(
/// "migrations/0002_….sql"))` here, updates `schema.sql`, and bumps `CURRENT_VERSION`.
const MIGRATIONS: &[(i64, &str)] = &[];

/// Whether opening made a new ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opened {
    Existing,
    Created,
}

impl Store {
    /// Opens the ledger at `path`, creating and seeding it if the file is missing or empty.
    pub fn open(path: &Path) -> Result<(Store, Opened)> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // Read the version before any pragma that writes, so that a newer or foreign
        // file is refused untouched.
        let version = user_version(&conn).map_err(|e| open_error(path, e))?;
        if version > CURRENT_VERSION {
            return Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                known: CURRENT_VERSION,
            });
        }
        if version == 0 && has_tables(&conn).map_err(|e| open_error(path, e))? {
            return Err(Error::ForeignDatabase(path.to_path_buf()));
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| open_error(path, e))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let opened = if version < CURRENT_VERSION {
            store.create_or_upgrade()?
        } else {
            Opened::Existing
        };
        Ok((store, opened))
    }

    /// Creates the schema and seeds, or applies upgrades, in one immediate transaction.
    /// Another process may have done it first while we waited for the lock, so the
    /// version is read again inside.
    fn create_or_upgrade(&mut self) -> Result<Opened> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        let opened = if version == 0 {
            if has_tables(&tx)? {
                return Err(Error::ForeignDatabase(path));
            }
            tx.execute_batch(SCHEMA)?;
            super::seed::insert(&tx, &seed::load()?)?;
            Opened::Created
        } else {
            for (to, sql) in MIGRATIONS.iter().filter(|(to, _)| *to > version) {
                tx.execute_batch(sql)?;
                tx.pragma_update(None, "user_version", to)?;
            }
            Opened::Existing
        };
        tx.pragma_update(None, "user_version", CURRENT_VERSION)?;
        tx.commit()?;
        Ok(opened)
    }
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn has_tables(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", [], |r| {
        r.get(0)
    })
}
