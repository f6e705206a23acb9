//! The ledger file. This module and its children are the only code that speaks SQL or
//! imports rusqlite: opening and migrating ([`open`]), seeding ([`seed`]), the state
//! reconstruction every read shares ([`state`]), one module of queries per aggregate
//! ([`projects`], [`totals`], [`checks`], [`history`]) and the write path ([`write`]).

pub mod aggregates;
pub mod backup;
pub mod chain;
pub mod checks;
pub mod history;
pub mod indicators;
pub mod migrate;
pub mod open;
pub mod pending;
pub mod periods;
pub mod projects;
pub mod seed;
pub mod spending;
pub mod state;
pub mod totals;
pub mod users;
pub mod write;

use crate::domain::Money;
use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub use open::CURRENT_VERSION;
pub use state::View;

/// An open ledger.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only because the file or its folder cannot be written here (read-only
    /// media, a read-only folder): reads work, writes are refused with a clear message.
    read_only: bool,
}

/// What `info` shows about a ledger.
#[derive(Clone, Debug)]
pub struct Summary {
    pub path: PathBuf,
    pub schema_version: i64,
    pub projects: i64,
    pub grand_total: Money,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` inside one read transaction, so that several queries see one snapshot
    /// even while another process writes (inside [`Store::snapshot`], that snapshot).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(&self.conn);
        }
        let tx = self.conn.unchecked_transaction()?;
        let out = f(&tx)?;
        tx.finish()?;
        Ok(out)
    }

    /// Runs `f` with every read it makes through this store in one read transaction: one
    /// state of the ledger for a whole page, however many queries it takes. Not for
    /// writes (a write transaction cannot start inside it).
    pub fn snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(self)?;
        tx.finish()?;
        Ok(out)
    }

    pub fn summary(&self) -> Result<Summary> {
        self.read(|c| {
            let schema_version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let (projects, total): (i64, i64) = c.query_row(
                &format!(
                    "{}SELECT COUNT(*), COALESCE(SUM(estimate_yuan), 0) FROM state",
                    state::STATE_SQL
                ),
                projects::named(&View::CURRENT.params()).as_slice(),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            Ok(Summary {
                path: self.path.clone(),
                schema_version,
                projects,
                grand_total: Money::from_yuan(total),
            })
        })
    }
}

/// Maps a rusqlite error met while opening `path` to the clearest user-facing error.
fn open_error(path: &Path, e: rusqlite::Error) -> Error {
    if path.is_dir() {
        return Error::file(path, std::io::Error::other("a folder, not a ledger file"));
    }
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotADatabase(path.to_path_buf()),
        Some(rusqlite::ErrorCode::CannotOpen)
            if path
                .parent()
                .is_some_and(|p| !p.as_os_str().is_empty() && !p.exists()) =>
        {
            Error::NoFolder(path.parent().map(Path::to_path_buf).unwrap_or_default())
        }
        _ => Error::file(path, std::io::Error::other(e.to_string())),
    }
}
