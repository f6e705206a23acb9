//! Opening a ledger file: pragmas, then one transaction that either creates the schema
//! from `schema.sql` and seeds the plan, or upgrades an older file version by version
//! (`PRAGMA user_version`). A file from a newer ecoledger is refused before anything is
//! written to it; an SQLite file that is not a ledger is refused too.

use super::{open_error, Store};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::seed;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema version this program writes and understands.
pub const CURRENT_VERSION: i64 = 9;

const SCHEMA: &str = include_str!("../../schema.sql");

/// Upgrades, in order: `(version it produces, SQL)`. A migration may use `:recorded_at`,
/// replaced by the upgrade's timestamp. A schema change adds a file here, updates
/// `schema.sql`, and bumps `CURRENT_VERSION`.
const MIGRATIONS: &[(i64, &str)] = &[
    (2, include_str!("migrations/0002_versions_and_history.sql")),
    (3, include_str!("migrations/0003_spending.sql")),
    (4, include_str!("migrations/0004_hash_chain.sql")),
    (5, include_str!("migrations/0005_journal.sql")),
    (6, include_str!("migrations/0006_indicators.sql")),
    (7, include_str!("migrations/0007_users_and_approval.sql")),
    (8, include_str!("migrations/0008_running_totals.sql")),
    (9, include_str!("migrations/0009_aggregates.sql")),
];

/// Whether the ledger at `path` can be written here: the file is not marked read-only
/// and its folder takes new files (SQLite keeps its journal beside the ledger). False on
/// read-only media and in folders this user may only read.
///
/// The ledger itself is never opened here: closing any descriptor of a file releases
/// every lock this process holds on it, including SQLite's (the dashboard has several
/// connections open at once). The probe is a file of its own.
fn writable_here(path: &Path) -> bool {
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return false;
    }
    use std::sync::atomic::{AtomicU64, Ordering};
    static PROBE: AtomicU64 = AtomicU64::new(0);
    let mut probe = path.as_os_str().to_os_string();
    probe.push(format!(
        ".probe-{}-{}",
        std::process::id(),
        PROBE.fetch_add(1, Ordering::Relaxed)
    ));
    let probe = PathBuf::from(probe);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => e.kind() == std::io::ErrorKind::AlreadyExists,
    }
}

/// A path as an SQLite URI with `immutable=1`: read without locks or journal files, for
/// a ledger on read-only media that nothing can change.
fn immutable_uri(path: &Path) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    format!(
        "file:{}?immutable=1",
        utf8_percent_encode(&path.to_string_lossy(), KEEP)
    )
}

/// What [`Store::create_or_upgrade`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Done {
    Created,
    Upgraded,
    /// Nothing: another process got there first.
    Nothing,
}

/// Whether opening made a new ledger or upgraded an old one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    Existing,
    Created,
    /// Upgraded from schema version `from`; the old file was copied to `backup` first.
    Upgraded {
        from: i64,
        backup: PathBuf,
    },
}

/// New ledger files are readable and writable by their owner and group only: a finance
/// ledger is nobody else's business, and never world-writable.
pub(super) fn restrict_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))
            .map_err(|e| Error::file(path, e))?;
    }
    Ok(())
}

/// The page cache of a reading connection, in KiB (as `PRAGMA cache_size` takes it,
/// negative). Reads scan each page about once, so a large cache buys little and costs
/// memory; writes raise it to [`WRITE_CACHE_KIB`] for their transaction, where index
/// pages are visited again and again.
pub(super) const READ_CACHE_KIB: i64 = -4_096;
pub(super) const WRITE_CACHE_KIB: i64 = -16_384;

impl Store {
    /// Opens the ledger at `path`, creating and seeding it if the file is missing or
    /// empty, and upgrading it if it is older. `clock` stamps what that writes.
    pub fn open(path: &Path, clock: &Clock) -> Result<(Store, Opened)> {
        // What was there before: a failed attempt leaves nothing of its own behind (no
        // empty file where it could not make a ledger).
        let side = |suffix: &str| {
            let mut name = path.as_os_str().to_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        let files = [
            path.to_path_buf(),
            side("-wal"),
            side("-shm"),
            side("-journal"),
        ];
        let before: Vec<bool> = files.iter().map(|f| f.exists()).collect();
        let opened = Store::open_or_create(path, clock);
        if opened.is_err() && !before[0] {
            for (file, existed) in files.iter().zip(before) {
                if !existed {
                    let _ = std::fs::remove_file(file);
                }
            }
        }
        opened
    }

    fn open_or_create(path: &Path, clock: &Clock) -> Result<(Store, Opened)> {
        let existed = path.exists();
        if existed && !writable_here(path) {
            return Store::open_read_only(path).map(|store| (store, Opened::Existing));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        if !existed {
            restrict_permissions(path)?;
        }
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
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "cache_size", READ_CACHE_KIB)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        };
        // Foreign keys are enforced only after an upgrade: migrations rebuild tables that
        // others reference, and check the keys themselves before they commit. (The
        // bundled SQLite enforces them by default, so turn them off explicitly; the
        // pragma has no effect inside a transaction, hence here.)
        let opened = if version < CURRENT_VERSION {
            // Keep the old file as it was before an upgrade touches it.
            let backup = if version > 0 {
                Some(store.keep_copy(version)?)
            } else {
                None
            };
            store.conn.pragma_update(None, "foreign_keys", "OFF")?;
            let done = store.create_or_upgrade(clock);
            match (done, backup) {
                (Ok(Done::Created), _) => Opened::Created,
                (Ok(Done::Upgraded), Some(backup)) => Opened::Upgraded {
                    from: version,
                    backup,
                },
                // Another process upgraded it while we waited for the lock; the copy is
                // of the same old file as its copy, under the same name.
                (Ok(_), _) => Opened::Existing,
                (Err(e), backup) => {
                    // The file is as it was; a copy of it is not worth keeping.
                    if let Some(b) = backup {
                        let _ = std::fs::remove_file(b);
                    }
                    return Err(e);
                }
            }
        } else {
            Opened::Existing
        };
        // WAL only once the file is at this version: the journal mode is written in the
        // file's header, so switching before an upgrade that then fails would leave an old
        // file changed; an upgrade that fails leaves it byte for byte as it was.
        store
            .conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| open_error(path, e))?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok((store, opened))
    }

    /// Opens a ledger that cannot be written here (read-only media or folder) for reading:
    /// as it is if SQLite can read it so (a single-file ledger, or one whose journal files
    /// are there to read), else as an immutable file. It must be at this version: an
    /// upgrade would have to write.
    fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let plain =
            Connection::open_with_flags(path, flags).and_then(|c| user_version(&c).map(|v| (c, v)));
        let (conn, version) = match plain {
            Ok(found) => found,
            Err(_) => {
                let c = Connection::open_with_flags(
                    immutable_uri(path),
                    flags | OpenFlags::SQLITE_OPEN_URI,
                )
                .map_err(|e| open_error(path, e))?;
                let v = user_version(&c).map_err(|e| open_error(path, e))?;
                (c, v)
            }
        };
        if version > CURRENT_VERSION {
            return Err(Error::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                known: CURRENT_VERSION,
            });
        }
        if version == 0 {
            return Err(Error::NotADatabase(path.to_path_buf()));
        }
        if version < CURRENT_VERSION {
            return Err(Error::bad_value(
                path.display().to_string(),
                crate::i18n::msg::upgrade_needs_writable(version),
            ));
        }
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "cache_size", READ_CACHE_KIB)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: true,
        })
    }

    /// A freshly seeded ledger in memory, with pages of `page_size` bytes (that of the file
    /// it is to replace): `init --force` copies it into the ledger file.
    pub fn fresh_in_memory(clock: &Clock, page_size: i64) -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "page_size", page_size)?;
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
            read_only: false,
        };
        store.create_or_upgrade(clock)?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(store)
    }

    /// Opens a ledger that must already exist at the current schema version: never creates,
    /// seeds or upgrades (a long-running server must not make a fresh ledger because the
    /// file was moved away). `read_only` opens it so that SQLite itself refuses writes.
    pub fn open_existing(path: &Path, read_only: bool) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::file(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "the ledger file is gone"),
            ));
        }
        if read_only || !writable_here(path) {
            return Store::open_read_only(path);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(path, e))?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let version = user_version(&conn).map_err(|e| open_error(path, e))?;
        if version != CURRENT_VERSION {
            return Err(if version > CURRENT_VERSION {
                Error::NewerSchema {
                    path: path.to_path_buf(),
                    found: version,
                    known: CURRENT_VERSION,
                }
            } else if version == 0 {
                Error::NotADatabase(path.to_path_buf())
            } else {
                Error::bad_value(
                    path.display().to_string(),
                    crate::i18n::msg::upgrade_with_command_line(version),
                )
            });
        }
        conn.pragma_update(None, "cache_size", READ_CACHE_KIB)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            read_only: false,
        })
    }

    /// Creates the schema and seeds, or applies upgrades, in one immediate transaction.
    /// Another process may have done it first while we waited for the lock, so the
    /// version is read again inside.
    fn create_or_upgrade(&mut self, clock: &Clock) -> Result<Done> {
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
            super::seed::insert(&tx, &seed::load()?, &clock.recorded_at())?;
            Done::Created
        } else if version < CURRENT_VERSION {
            // The timestamp is ours (digits, '-', ':', 'T', 'Z'), so quoting it is safe.
            let stamp = format!("'{}'", clock.recorded_at());
            for (to, sql) in MIGRATIONS.iter().filter(|(to, _)| *to > version) {
                if *to == 5 {
                    // Renamed tables keep their own names in other tables' references;
                    // the new tables refer to each other.
                    tx.pragma_update(None, "legacy_alter_table", "ON")?;
                }
                // Version 9 rebuilds `spending`: every chain must verify exactly as
                // before (same records, head and breaks, if any) or nothing changes.
                let chains_before = if *to == 9 {
                    Some(super::chain::verify(&tx, None)?)
                } else {
                    None
                };
                tx.execute_batch(&sql.replace(":recorded_at", &stamp))?;
                // Version 4's hashes (SQLite has no SHA-256) were computed here once;
                // version 5 replaces them, so an older ledger goes straight on.
                if *to == 5 {
                    tx.execute_batch(SCHEMA)?;
                    super::migrate::to_v5(&tx, version, &clock.recorded_at())?;
                    tx.pragma_update(None, "legacy_alter_table", "OFF")?;
                }
                // The page aggregates are filled from the records (the allocation rule
                // is the program's, so this step is not SQL alone).
                if let Some(before) = chains_before {
                    super::aggregates::rebuild(&tx)?;
                    let after = super::chain::verify(&tx, None)?;
                    if (before.records, before.rows, &before.head, &before.breaks)
                        != (after.records, after.rows, &after.head, &after.breaks)
                    {
                        return Err(Error::bad_value(
                            path.display().to_string(),
                            crate::i18n::msg::upgrade_changed_chain(),
                        ));
                    }
                }
                tx.pragma_update(None, "user_version", to)?;
            }
            Done::Upgraded
        } else {
            // Another process created or upgraded the file while we waited for the lock.
            return Ok(Done::Nothing);
        };
        // Keys were not enforced while the schema was built; check them all before commit.
        let broken: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_check)",
            [],
            |r| r.get(0),
        )?;
        if broken {
            return Err(Error::bad_value(
                path.display().to_string(),
                crate::i18n::msg::broken_references_left(),
            ));
        }
        tx.pragma_update(None, "user_version", CURRENT_VERSION)?;
        tx.commit()?;
        Ok(opened)
    }
}

impl Store {
    /// Copies the file as it is to `<name>.v<version>.bak` and returns where. One copy
    /// per version: a later attempt (say, after an upgrade that failed) replaces it with
    /// a fresh copy of the same old version rather than piling up copies.
    fn keep_copy(&self, version: i64) -> Result<PathBuf> {
        let name = self
            .path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let target = self.path.with_file_name(format!("{name}.v{version}.bak"));
        self.copy_to(&target, true)?;
        Ok(target)
    }
}

/// The names of the triggers `schema.sql` creates.
pub(super) fn schema_triggers() -> Vec<String> {
    SCHEMA
        .lines()
        .filter_map(|l| l.strip_prefix("CREATE TRIGGER "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn has_tables(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", [], |r| {
        r.get(0)
    })
}
