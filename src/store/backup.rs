//! Copies of the ledger: SQLite's online backup API, which copies a consistent snapshot
//! while other processes go on writing. The copy is written beside its destination and
//! renamed into place, so a half-written backup never carries the final name.

use super::chain::{self, ChainReport, Digest, Head};
use super::open::restrict_permissions;
use super::Store;
use crate::error::{Error, Result};
use crate::i18n::msg;
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
                msg::backup_exists(),
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
                        _ => return Err(Error::bad_value("backup", msg::ledger_stayed_locked())),
                    }
                }
            }
            // One self-contained file (no write-ahead log beside it), readable even on
            // read-only media.
            to.pragma_update(None, "journal_mode", "DELETE")?;
            to.close().map_err(|(_, e)| Error::Db(e))?;
            std::fs::rename(&temp, dest).map_err(|e| Error::file(dest, e))
        })();
        if copied.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        copied
    }

    /// Replaces the contents of the database file at `dest` with this ledger's, through
    /// SQLite itself (the online backup API writing into the live file), so that every
    /// process that has the file open sees the new contents: none can go on writing into
    /// a file that is no longer the ledger. It takes the file's write lock without
    /// waiting: when another process is writing, nothing is replaced and the error says so.
    pub fn copy_over(&self, dest: &Path) -> Result<()> {
        let mut to = Connection::open_with_flags(
            dest,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::file(dest, std::io::Error::other(e.to_string())))?;
        to.busy_timeout(Duration::ZERO)?;
        let busy = || Error::bad_value(dest.display().to_string(), msg::another_process_writing());
        {
            let backup = Backup::new(&self.conn, &mut to)?;
            match backup.step(-1) {
                Ok(StepResult::Done) => {}
                Ok(StepResult::Busy | StepResult::Locked) => return Err(busy()),
                Ok(_) => {
                    return Err(Error::bad_value(
                        dest.display().to_string(),
                        msg::copy_unfinished(),
                    ))
                }
                Err(e) if is_busy(&e) => return Err(busy()),
                Err(e) => return Err(e.into()),
            }
        }
        to.close().map_err(|(_, e)| Error::Db(e))?;
        Ok(())
    }

    /// The size of the pages of the SQLite file at `path` (read only).
    pub fn file_page_size(path: &Path) -> Result<i64> {
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::file(path, std::io::Error::other(e.to_string())))?;
        Ok(conn.query_row("PRAGMA page_size", [], |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`: `["ok"]` when the file is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Walks the journal and every table, recomputing every hash (see [`chain`]), and
    /// looks for the journal record `anchor` if given.
    pub fn verify_journal(&self, anchor: Option<&Digest>) -> Result<ChainReport> {
        self.read(|c| chain::verify(c, anchor))
    }

    /// The journal's last record known at `known` (all of it when `None`): the head a
    /// report was computed from.
    pub fn journal_head(&self, known: Option<i64>) -> Result<Head> {
        self.read(|c| match known {
            None => chain::head(c),
            Some(seq) => {
                let found = c.query_row(
                    "SELECT seq, hash, recorded_at FROM journal WHERE seq <= ?1 ORDER BY seq DESC LIMIT 1",
                    [seq],
                    |r| {
                        let hash: Vec<u8> = r.get(1)?;
                        let mut h = [0_u8; 32];
                        if hash.len() == 32 {
                            h.copy_from_slice(&hash);
                        }
                        Ok(Head { seq: r.get(0)?, hash: h, recorded_at: r.get(2)? })
                    },
                );
                match found {
                    Ok(h) => Ok(h),
                    Err(rusqlite::Error::QueryReturnedNoRows) => Ok(Head::default()),
                    Err(e) => Err(e.into()),
                }
            }
        })
    }

    /// The last journal record of the longest stretch recorded at or before `at` (a UTC
    /// time `YYYY-MM-DDTHH:MM:SSZ`): what the ledger held at that moment.
    pub fn journal_known_at(&self, at: &str) -> Result<i64> {
        self.read(|c| {
            let seq: i64 = c.query_row(
                "SELECT COALESCE((SELECT MIN(seq) - 1 FROM journal WHERE recorded_at > ?1),
                                 (SELECT COALESCE(MAX(seq), 0) FROM journal))",
                [at],
                |r| r.get(0),
            )?;
            Ok(seq)
        })
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
