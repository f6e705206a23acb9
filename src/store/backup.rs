//! Copies of the ledger: SQLite's online backup API, which copies a consistent snapshot
//! while other processes go on writing. The copy is written beside its destination and
//! renamed into place, so a half-written backup never carries the final name.

use super::chain::{self, Chain, ChainReport};
use super::open::restrict_permissions;
use super::Store;
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use std::path::Path;
use std::time::Duration;

impl Store {
    /// Writes a consistent copy of the ledger to `dest` (which must not exist).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        self.copy_to(dest, false)
    }

    /// Writes a consistent copy of the ledger to `dest`, replacing it only if `replace`.
    pub(super) fn copy_to(&self, dest: &Path, replace: bool) -> Result<()> {
        if !replace && dest.exists() {
            return Err(Error::bad_value(
                dest.display().to_string(),
                "already exists; choose a new file name",
            ));
        }
        let mut name = dest.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".tmp-{}", std::process::id()));
        let temp = dest.with_file_name(name);
        let copied = (|| -> Result<()> {
            let mut to = Connection::open(&temp)
                .map_err(|e| Error::file(&temp, std::io::Error::other(e.to_string())))?;
            restrict_permissions(&temp)?;
            {
                let backup = Backup::new(&self.conn, &mut to)?;
                // One step copies everything under one read snapshot; retry while
                // another writer holds a lock SQLite cannot wait out.
                let mut tries = 0;
                loop {
                    match backup.step(-1)? {
                        StepResult::Done => break,
                        StepResult::More => continue,
                        _ if tries < 100 => {
                            tries += 1;
                            std::thread::sleep(Duration::from_millis(50));
                        }
                        _ => {
                            return Err(Error::bad_value(
                                "backup",
                                "the ledger stayed locked; try again",
                            ))
                        }
                    }
                }
            }
            to.close().map_err(|(_, e)| Error::Db(e))?;
            std::fs::rename(&temp, dest).map_err(|e| Error::file(dest, e))
        })();
        if copied.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        copied
    }

    /// `PRAGMA integrity_check`: `["ok"]` when the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Walks a hash chain (history or spending) and reports where it breaks.
    pub fn verify_chain(&self, which: Chain) -> Result<ChainReport> {
        self.read(|c| chain::walk(c, which, false))
    }
}
