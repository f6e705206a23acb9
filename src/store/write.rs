//! The write path. [`Store::write`] runs a closure inside one `BEGIN IMMEDIATE`
//! transaction: it commits only if the closure returns `Ok`, so a command changes
//! everything it set out to or nothing. Inside, [`Tx`] reads the current state and
//! appends rows through the transaction's journal record (`chain::Journal`); it never
//! updates or deletes.
//!
//! Every write passes the same checks here, so that no command can forget one: its
//! clock is not behind the ledger's latest record nor ahead of the system clock; no row
//! it adds is dated inside a closed period; the ledger's sums stay within its limits.

use super::aggregates::Deltas;
use super::chain::{Appender, Field, Journal, Sealer, Table};
use super::projects::{departments, project_from_row};
use super::state::{PROJECT_COLUMNS, PROJECT_FROM};
use super::Store;
use crate::domain::date::parse_date;
use crate::domain::money::{LEDGER_MAX_WAN, YUAN_PER_WAN};
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::{Error, LimitKind, Result};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// Who writes, and when it was recorded; on a ledger with users, also how the writer
/// proves who they are (checked by [`Store::write`] before anything is written).
#[derive(Clone, Debug)]
pub struct Stamp {
    pub actor: String,
    pub recorded_at: String,
    pub proof: Proof,
}

/// What a writer offers as proof of who they are. Only a ledger with users asks.
#[derive(Clone, Default)]
pub enum Proof {
    /// Nothing: the program itself (seed, upgrades), or a ledger without users.
    #[default]
    None,
    /// The command line: whether `actor` was named (`--by`, `ECOLEDGER_USER`) rather
    /// than left to the OS login; the OS login running this process (from the kernel's
    /// user id, not the environment); and the password given, if any.
    Cli {
        named: bool,
        login: Option<String>,
        password: Option<String>,
    },
    /// The dashboard: a session that signed in with `actor`'s password.
    Session,
    /// The dashboard's read-only token: it may not write at all.
    ReadOnly,
}

/// A password is never printed, not even in a debug dump.
impl std::fmt::Debug for Proof {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Proof::None => f.write_str("None"),
            Proof::Cli {
                named,
                login,
                password,
            } => f
                .debug_struct("Cli")
                .field("named", named)
                .field("login", login)
                .field("password", &password.as_ref().map(|_| "…"))
                .finish(),
            Proof::Session => f.write_str("Session"),
            Proof::ReadOnly => f.write_str("ReadOnly"),
        }
    }
}

/// One changed field for the history: old and new as text people read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The action recorded for this field when it differs from the change's (an import
    /// that also starts a project records `start` for the status).
    pub action: Option<&'static str>,
}

impl FieldChange {
    /// The history rows of a project's creation: every field, new.
    pub fn creation(p: &Project) -> Vec<FieldChange> {
        vec![
            FieldChange::new("category", None, p.category.clone()),
            FieldChange::new("group", None, p.group.clone()),
            FieldChange::new("description", None, p.description.clone()),
            FieldChange::new("estimate_wan", None, p.estimate.plain()),
            FieldChange::new("stage", None, p.stage.code().to_string()),
            FieldChange::new("schedule", None, p.schedule.to_string()),
            FieldChange::new("departments", None, p.departments_joined()),
            FieldChange::new("status", None, p.status.code().to_string()),
        ]
    }

    pub fn new(
        field: &'static str,
        old: impl Into<Option<String>>,
        new: impl Into<Option<String>>,
    ) -> FieldChange {
        FieldChange {
            field,
            old: old.into(),
            new: new.into(),
            action: None,
        }
    }
}

/// A project's current state as the write path needs it.
#[derive(Clone, Debug)]
pub struct ProjectState {
    pub project: Project,
    /// The explicit annual plan; empty for the even spread.
    pub plan: Vec<(i32, Money)>,
    /// The latest effective date among the project's versions that are not dated after
    /// today (a version dated in the future by a release before that was refused does
    /// not lock the project: a change dated today supersedes it).
    pub last_effective: NaiveDate,
}

/// What one change appends.
pub struct Change<'a> {
    pub after: &'a Project,
    pub plan: &'a [(i32, Money)],
    pub effective: NaiveDate,
    /// The kind of version: status, estimate, schedule, plan, edit or create.
    pub change: &'static str,
    /// The command, for the history (start, estimate, reschedule, …).
    pub action: &'static str,
    pub fields: Vec<FieldChange>,
    pub reason: Option<String>,
    pub note: Option<String>,
}

pub(super) struct VersionRow<'a> {
    pub project: &'a Project,
    pub plan: &'a [(i32, Money)],
    pub effective_date: &'a str,
    pub change: &'a str,
}

/// The id of department `name`, added (to `journal`'s record) if it is new.
fn department_id(conn: &Connection, journal: &mut Journal, name: &str) -> Result<i64> {
    let found = conn
        .prepare_cached("SELECT id FROM department WHERE name = ?1")?
        .query_row([name], |r| r.get(0));
    match found {
        Ok(id) => Ok(id),
        Err(rusqlite::Error::QueryReturnedNoRows) => {
            journal.insert(conn, Table::Department, &[Field::Text(name)])
        }
        Err(e) => Err(e.into()),
    }
}

/// Appends one version (with its departments and plan) and returns its id.
/// Its share of the page aggregates goes into `aggregates` (in place of the share of
/// the project's version before it), for the write to flush.
pub(super) fn insert_version(
    conn: &Connection,
    journal: &mut Journal,
    aggregates: &mut Deltas,
    v: &VersionRow<'_>,
) -> Result<i64> {
    let p = v.project;
    aggregates.replace(conn, p, v.plan)?;
    let version = journal.insert(
        conn,
        Table::ProjectVersion,
        &[
            Field::Text(&p.id),
            Field::Text(v.effective_date),
            Field::Text(v.change),
            Field::Int(i64::from(p.table)),
            Field::Text(&p.group),
            Field::Text(&p.description),
            Field::Text(p.status.code()),
            Field::Int(p.estimate.yuan()),
            Field::Text(p.stage.code()),
            Field::Int(i64::from(p.schedule.start)),
            Field::Int(i64::from(p.schedule.end)),
            Field::Int(i64::from(!v.plan.is_empty())),
        ],
    )?;
    for (position, name) in p.departments.iter().enumerate() {
        let id = department_id(conn, journal, name)?;
        journal.insert(
            conn,
            Table::VersionDepartment,
            &[
                Field::Int(version),
                Field::Int(position as i64),
                Field::Int(id),
            ],
        )?;
    }
    for (year, amount) in v.plan {
        journal.insert(
            conn,
            Table::VersionPlanYear,
            &[
                Field::Int(version),
                Field::Int(i64::from(*year)),
                Field::Int(amount.yuan()),
            ],
        )?;
    }
    Ok(version)
}

/// A write transaction.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    stamp: Stamp,
    /// The journal record this write appends, with every row it adds.
    journal: Journal,
    /// The number of the next `N` id, once read.
    next_n: Option<i64>,
    /// What the write changes in the page aggregates, written before it commits.
    aggregates: Deltas,
}

impl Store {
    /// Runs `f` in one immediate transaction, committed only when `f` succeeds and the
    /// write passes the checks every write passes (see the module's doc).
    pub fn write<T>(
        &mut self,
        stamp: Stamp,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_or_try(stamp, f, true)
    }

    /// [`Store::write`] that runs everything — `f` and every check a write passes — and
    /// then rolls back: what the write would do, with nothing written (`--dry-run`).
    pub fn write_dry<T>(
        &mut self,
        stamp: Stamp,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        self.write_or_try(stamp, f, false)
    }

    fn write_or_try<T>(
        &mut self,
        mut stamp: Stamp,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
        commit: bool,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnlyLedger(self.path.clone()));
        }
        crate::clock::check_not_ahead(&stamp.recorded_at)?;
        self.conn
            .pragma_update(None, "cache_size", super::open::WRITE_CACHE_KIB)?;
        // The busy timeout waits for other writers; should SQLite still report the file
        // busy (or locked), try again a bounded number of times before giving up.
        let mut attempt = 0;
        let tx = loop {
            match self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
            {
                Ok(tx) => break tx,
                Err(e) if is_busy(&e) && attempt < 5 => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(50 << attempt));
                }
                Err(e) => return Err(e.into()),
            }
        };
        // Who writes, proved before anything is read for the write: on a ledger with
        // users, a known, enabled user with a password or a mapped OS login.
        let signed = super::users::authorize(&tx, &mut stamp)?;
        let journal = Journal::begin(&tx, &stamp.recorded_at, &stamp.actor)?;
        check_clock_forward(&tx, &journal, &stamp.recorded_at)?;
        let mut w = Tx {
            tx,
            stamp,
            journal,
            next_n: None,
            aggregates: Deltas::default(),
        };
        let out = f(&mut w)?;
        w.check_limits()?;
        w.aggregates.flush(&w.tx)?;
        w.check_open_periods()?;
        // The role check: what the write did, judged by the tables it appended to,
        // against the writer's roles; and the record of how the writer signed in.
        if let Some(signed) = &signed {
            super::users::check_duties(signed, &w.journal)?;
            if w.journal.rows() > 0 {
                let method = signed.method.code();
                w.insert(
                    Table::WriteAuth,
                    &[Field::Text(&signed.name), Field::Text(method)],
                )?;
            }
        }
        let Tx { tx, journal, .. } = w;
        journal.finish(&tx)?;
        if commit {
            tx.commit()?;
        } else {
            tx.rollback()?;
        }
        Ok(out)
    }
}

/// Refuses a write whose clock is earlier than the ledger's latest record: recorded time
/// only moves forward, so what the ledger said at any moment stays reproducible. (A
/// record stamped in the future by a release that allowed it does not count: it could
/// only block every write until then.)
fn check_clock_forward(conn: &Connection, journal: &Journal, now: &str) -> Result<()> {
    let latest = &journal.head().recorded_at;
    if latest.as_str() <= now {
        return Ok(());
    }
    let acceptable = crate::clock::latest_acceptable();
    let floor: Option<String> = if latest.as_str() <= acceptable.as_str() {
        Some(latest.clone())
    } else {
        conn.query_row(
            "SELECT MAX(recorded_at) FROM journal WHERE recorded_at <= ?1",
            [&acceptable],
            |r| r.get(0),
        )?
    };
    match floor {
        Some(floor) if floor.as_str() > now => Err(Error::ClockBehind {
            now: now.to_string(),
            latest: floor,
        }),
        _ => Ok(()),
    }
}

impl<'a> Tx<'a> {
    /// The transaction, for the store's own modules.
    pub(super) fn conn(&self) -> &Transaction<'a> {
        &self.tx
    }

    pub(super) fn stamp(&self) -> &Stamp {
        &self.stamp
    }

    /// Appends a row of `table` to this write's journal record; returns its id.
    pub(super) fn insert(&mut self, table: Table, fields: &[Field<'_>]) -> Result<i64> {
        self.journal.insert(&self.tx, table, fields)
    }

    /// When this write is recorded.
    pub fn recorded_at(&self) -> &str {
        &self.stamp.recorded_at
    }

    /// Names what the write does in its journal record (the first name given stays).
    pub fn name_action(&mut self, action: &str) {
        self.journal.name_action(action);
    }

    /// Today, as the write's clock has it (the date of its recorded-at time).
    fn today(&self) -> &str {
        self.stamp.recorded_at.get(..10).unwrap_or_default()
    }

    pub fn departments(&self) -> Result<Vec<String>> {
        departments(&self.tx)
    }

    pub fn categories(&self) -> Result<Vec<crate::domain::category::Category>> {
        super::projects::categories(&self.tx)
    }

    /// The current state of project `id` (its latest version), or
    /// [`Error::UnknownProject`].
    pub fn state(&self, id: &str) -> Result<ProjectState> {
        self.state_of(id, None)
    }

    /// Project `id` as it stood on `date`: its latest version effective then (the first
    /// version if none was yet), for judging a payment by the project's state on its date.
    pub fn state_on(&self, id: &str, date: &str) -> Result<ProjectState> {
        match self.state_of(id, Some(date)) {
            Err(Error::UnknownProject(_)) => self.state_of(id, Some("")),
            other => other,
        }
    }

    /// The version of project `id` with the largest id, among those effective on or
    /// before `on` when given (`Some("")`: the project's first version).
    fn state_of(&self, id: &str, on: Option<&str>) -> Result<ProjectState> {
        // One project's versions, straight from the index on (project_id, id): no need
        // to rebuild every project's state.
        let pick = match on {
            None => "ORDER BY id DESC LIMIT 1",
            Some("") => "ORDER BY id LIMIT 1",
            Some(_) => "AND effective_date <= :on ORDER BY id DESC LIMIT 1",
        };
        let sql = format!(
            "WITH state AS (SELECT * FROM project_version WHERE project_id = :id {pick})
             SELECT {PROJECT_COLUMNS},
                    s.id,
                    (SELECT MAX(effective_date) FROM project_version
                      WHERE project_id = :id AND effective_date <= :today)
             {PROJECT_FROM} WHERE s.project_id = :id"
        );
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let today = self.today().to_string();
        let on = on.unwrap_or_default().to_string();
        let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":id", &id), (":today", &today)];
        if sql.contains(":on") {
            params.push((":on", &on));
        }
        let mut rows = stmt.query(params.as_slice())?;
        let Some(r) = rows.next()? else {
            return Err(Error::UnknownProject(id.to_string()));
        };
        let project = project_from_row(r)?;
        let version: i64 = r.get(13)?;
        let last: Option<String> = r.get(14)?;
        let last = match last {
            Some(d) => parse_date(&d).map_err(|e| Error::bad_value("database", e))?,
            None => NaiveDate::MIN,
        };
        let plan = if project.has_plan {
            let mut stmt = self.tx.prepare_cached(
                "SELECT year, amount_yuan FROM version_plan_year WHERE version_id = ?1 ORDER BY year",
            )?;
            let plan = stmt
                .query_map([version], |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))))?
                .collect::<rusqlite::Result<_>>()?;
            plan
        } else {
            Vec::new()
        };
        Ok(ProjectState {
            project,
            plan,
            last_effective: last,
        })
    }

    /// The id for the next project added by hand: `N0001`, `N0002`, …
    pub fn next_new_id(&mut self) -> Result<String> {
        // Read once per transaction (a scan), then counted on in memory.
        let n = match self.next_n {
            Some(n) => n,
            None => self.tx.query_row(
                "SELECT COALESCE(MAX(CAST(substr(id, 2) AS INTEGER)), 0) + 1 FROM project WHERE id GLOB 'N[0-9]*'",
                [],
                |r| r.get(0),
            )?,
        };
        self.next_n = Some(n + 1);
        Ok(format!("N{n:04}"))
    }

    /// Adds a new project's identity row, ordered after every project there is (so after
    /// the appendix projects of its table).
    pub fn create_project(&mut self, id: &str) -> Result<()> {
        let no: i64 =
            self.tx
                .query_row("SELECT COALESCE(MAX(rowid), 0) + 1 FROM project", [], |r| {
                    r.get(0)
                })?;
        self.insert(Table::Project, &[Field::Text(id), Field::Int(no)])?;
        Ok(())
    }

    /// Refuses to commit a transaction that takes the sum of the current estimates, or of
    /// all payments, past [`LEDGER_MAX_WAN`]: every total a report computes then stays
    /// exact. The sums are the running totals the insert triggers keep (so a write costs
    /// the same at any size of ledger); a total that is not an integer (past SQLite's
    /// integers) or is missing from the file is summed from the records instead. Only
    /// what the transaction added to is checked.
    fn check_limits(&self) -> Result<()> {
        let limit = Money::from_yuan(LEDGER_MAX_WAN * YUAN_PER_WAN);
        /// A limited sum: what it is, its running total, its full query, and the unit.
        type Sum<'q> = (LimitKind, &'q str, &'q str, fn(i64) -> Money);
        let mut sums: Vec<Sum<'_>> = Vec::new();
        if self.journal.touched(Table::ProjectVersion) {
            sums.push((
                LimitKind::Estimates,
                "estimates_yuan",
                super::checks::ESTIMATES_SUM,
                Money::from_yuan,
            ));
        }
        if self.journal.touched(Table::Spending) {
            sums.push((
                LimitKind::Payments,
                "payments_fen",
                super::checks::PAYMENTS_SUM,
                Money::from_fen,
            ));
        }
        for (kind, running, sql, money) in sums {
            let total = match super::checks::kept_total(&self.tx, running)? {
                Some(Value::Integer(n)) => Some(money(n)),
                // Past SQLite's integers (a real), or missing: the records say.
                _ => super::checks::records_sum(&self.tx, sql)?.map(money),
            };
            if total.is_none_or(|t| t > limit) {
                return Err(Error::LedgerLimit { kind, total });
            }
        }
        Ok(())
    }

    /// Refuses a write that records anything dated inside a closed period: a version
    /// effective, or a payment dated, on or before the books' closed-through date.
    fn check_open_periods(&self) -> Result<()> {
        let Some(earliest) = self.journal.earliest_dated() else {
            return Ok(());
        };
        match super::periods::closed_through(&self.tx)? {
            Some(close) if earliest <= close.through.as_str() => Err(Error::ClosedPeriod {
                date: earliest.to_string(),
                period: close.period,
                through: close.through,
                closed_at: close.recorded_at,
                by: close.actor,
            }),
            _ => Ok(()),
        }
    }

    /// Appends the change's version and one history record per changed field.
    pub fn record(&mut self, c: &Change<'_>) -> Result<()> {
        self.name_action(c.action);
        let effective = c.effective.format("%Y-%m-%d").to_string();
        let version = insert_version(
            &self.tx,
            &mut self.journal,
            &mut self.aggregates,
            &VersionRow {
                project: c.after,
                plan: c.plan,
                effective_date: &effective,
                change: c.change,
            },
        )?;
        let stamp = self.stamp.clone();
        for f in &c.fields {
            let fields = history_fields(
                &stamp,
                &effective,
                Some(&c.after.id),
                f.action.unwrap_or(c.action),
                f.field,
                f.old.as_deref(),
                f.new.as_deref(),
                (c.reason.as_deref(), c.note.as_deref()),
                Some(version),
            );
            self.insert(Table::History, &fields)?;
        }
        Ok(())
    }

    /// A [`Sealer`] for rows of `table` to be appended next (hashed on another thread).
    pub fn sealer(&mut self, table: Table) -> Result<Sealer> {
        self.journal.sealer(&self.tx, table)
    }

    /// An [`Appender`] for rows sealed by [`Tx::sealer`], in the same order.
    pub fn appender(&mut self, table: Table) -> Result<Appender<'_>> {
        self.journal.appender(&self.tx, table)
    }

    /// This write's journal record number (for a report of what was written).
    pub fn journal_seq(&self) -> i64 {
        self.journal.seq()
    }
}

/// SQLite's "integer overflow" from `SUM`: a sum beyond an `i64`.
pub(super) fn is_overflow(e: &rusqlite::Error) -> bool {
    e.to_string().contains("integer overflow")
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// A history record's fields in chain order.
#[allow(clippy::too_many_arguments)]
pub(super) fn history_fields<'a>(
    stamp: &'a Stamp,
    effective: &'a str,
    project: Option<&'a str>,
    action: &'a str,
    field: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    (reason, note): (Option<&'a str>, Option<&'a str>),
    version: Option<i64>,
) -> [Field<'a>; 11] {
    [
        Field::Text(&stamp.recorded_at),
        Field::Text(effective),
        Field::Text(&stamp.actor),
        Field::text(project),
        Field::Text(action),
        Field::Text(field),
        Field::text(old),
        Field::text(new),
        Field::text(reason),
        Field::text(note),
        Field::int(version),
    ]
}
