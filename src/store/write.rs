//! The write path. [`Store::write`] runs a closure inside one `BEGIN IMMEDIATE`
//! transaction: it commits only if the closure returns `Ok`, so a command changes
//! everything it set out to or nothing. Inside, [`Tx`] reads the current state and
//! appends versions and history; it never updates or deletes.

use super::chain::{self, Appender, Chain, Field, Hasher, Head, Sealer};
use super::projects::{departments, project_from_row};
use super::state::{PROJECT_COLUMNS, PROJECT_FROM};
use super::Store;
use crate::domain::date::parse_date;
use crate::domain::money::{LEDGER_MAX_WAN, YUAN_PER_WAN};
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::{Error, LimitKind, Result};
use chrono::NaiveDate;
use rusqlite::{params, Transaction, TransactionBehavior};

/// Who writes, and when it was recorded.
#[derive(Clone, Debug)]
pub struct Stamp {
    pub actor: String,
    pub recorded_at: String,
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
    /// The effective date of the project's latest version.
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

/// Appends one version (with its departments and plan) and returns its id.
pub(super) fn insert_version(tx: &Transaction<'_>, v: &VersionRow<'_>) -> Result<i64> {
    let p = v.project;
    tx.prepare_cached(
        "INSERT INTO project_version
           (project_id, effective_date, change, table_no, group_name, description, status,
            estimate_yuan, stage, start_year, end_year, has_plan)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        p.id,
        v.effective_date,
        v.change,
        p.table,
        p.group,
        p.description,
        p.status.code(),
        p.estimate.yuan(),
        p.stage.code(),
        p.schedule.start,
        p.schedule.end,
        !v.plan.is_empty()
    ])?;
    let version = tx.last_insert_rowid();
    for (position, name) in p.departments.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO department (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
        )?
        .execute([name])?;
        let id: i64 = tx
            .prepare_cached("SELECT id FROM department WHERE name = ?1")?
            .query_row([name], |r| r.get(0))?;
        tx.prepare_cached(
            "INSERT INTO version_department (version_id, position, department_id) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![version, position as i64, id])?;
    }
    for (year, amount) in v.plan {
        tx.prepare_cached(
            "INSERT INTO version_plan_year (version_id, year, amount_yuan) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![version, year, amount.yuan()])?;
    }
    Ok(version)
}

/// A write transaction.
pub struct Tx<'a> {
    tx: Transaction<'a>,
    stamp: Stamp,
    /// The chains' last records, read on first use (the immediate transaction keeps
    /// them from moving under us).
    history_head: Option<Head>,
    spending_head: Option<Head>,
    /// The number of the next `N` id, once read.
    next_n: Option<i64>,
    hasher: Hasher,
    /// What the transaction added to, for the ledger's limits checked before commit.
    estimates_changed: bool,
    spending_changed: bool,
}

impl Store {
    /// Runs `f` in one immediate transaction, committed only when `f` succeeds.
    pub fn write<T>(
        &mut self,
        stamp: Stamp,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(Error::ReadOnlyLedger(self.path.clone()));
        }
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
        let mut w = Tx {
            tx,
            stamp,
            history_head: None,
            spending_head: None,
            next_n: None,
            hasher: Hasher::default(),
            estimates_changed: false,
            spending_changed: false,
        };
        let out = f(&mut w)?;
        w.check_limits()?;
        w.tx.commit()?;
        Ok(out)
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

    pub fn departments(&self) -> Result<Vec<String>> {
        departments(&self.tx)
    }

    pub fn categories(&self) -> Result<Vec<crate::domain::category::Category>> {
        super::projects::categories(&self.tx)
    }

    /// The current state of project `id`, or [`Error::UnknownProject`].
    pub fn state(&self, id: &str) -> Result<ProjectState> {
        // The latest version of this one project, straight from the index on
        // (project_id, id): no need to rebuild every project's state.
        let sql = format!(
            "WITH state AS (SELECT * FROM project_version WHERE project_id = :id ORDER BY id DESC LIMIT 1)
             SELECT {PROJECT_COLUMNS},
                    s.id, s.effective_date
             {PROJECT_FROM} WHERE s.project_id = :id"
        );
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::named_params! {":id": id})?;
        let Some(r) = rows.next()? else {
            return Err(Error::UnknownProject(id.to_string()));
        };
        let project = project_from_row(r)?;
        let version: i64 = r.get(13)?;
        let last: String = r.get(14)?;
        let date = |s: &str| parse_date(s).map_err(|e| Error::bad_value("database", e));
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
            last_effective: date(&last)?,
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
        self.tx.execute(
            "INSERT INTO project (id, no) VALUES (?1, ?2)",
            params![id, no],
        )?;
        Ok(())
    }

    /// Refuses to commit a transaction that takes the sum of the current estimates, or of
    /// all payments, past [`LEDGER_MAX_WAN`]: every total a report computes then stays
    /// exact. (A sum SQLite cannot even compute is past it too.) Only what the
    /// transaction added to is summed.
    fn check_limits(&self) -> Result<()> {
        let limit = Money::from_yuan(LEDGER_MAX_WAN * YUAN_PER_WAN);
        let mut sums = Vec::new();
        if self.estimates_changed {
            sums.push((
                LimitKind::Estimates,
                "SELECT COALESCE(SUM(estimate_yuan), 0) FROM project_version
                  WHERE id IN (SELECT MAX(id) FROM project_version GROUP BY project_id)",
            ));
        }
        if self.spending_changed {
            sums.push((
                LimitKind::Payments,
                "SELECT COALESCE(SUM(amount_yuan), 0) FROM spending WHERE amount_yuan > 0",
            ));
        }
        for (kind, sql) in sums {
            let total = match self.tx.query_row(sql, [], |r| r.get::<_, i64>(0)) {
                Ok(yuan) => Some(Money::from_yuan(yuan)),
                Err(e) if is_overflow(&e) => None,
                Err(e) => return Err(e.into()),
            };
            if total.is_none_or(|t| t > limit) {
                return Err(Error::LedgerLimit { kind, total });
            }
        }
        Ok(())
    }

    /// Appends the change's version and one history record per changed field.
    pub fn record(&mut self, c: &Change<'_>) -> Result<()> {
        self.estimates_changed = true;
        let effective = c.effective.format("%Y-%m-%d").to_string();
        let version = insert_version(
            &self.tx,
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
            self.append(Chain::History, &fields)?;
        }
        Ok(())
    }

    /// Appends a record to a chained table (`history`, `spending`); returns its id.
    pub(super) fn append(&mut self, chain: Chain, fields: &[Field<'_>]) -> Result<i64> {
        let (tx, head, hasher) = self.chain_parts(chain)?;
        chain::append(tx, chain, head, hasher, fields)
    }

    /// The transaction, the chain's last record (read on first use) and the hasher.
    fn chain_parts(&mut self, chain: Chain) -> Result<(&Transaction<'a>, &mut Head, &mut Hasher)> {
        let Tx {
            tx,
            history_head,
            spending_head,
            hasher,
            spending_changed,
            ..
        } = self;
        let slot = match chain {
            Chain::History => history_head,
            Chain::Spending => {
                *spending_changed = true;
                spending_head
            }
        };
        if slot.is_none() {
            *slot = Some(chain::head(tx, chain)?);
        }
        Ok((tx, slot.get_or_insert_with(Head::default), hasher))
    }

    /// A [`Sealer`] for records to be appended to `chain` after its current last one.
    pub fn sealer(&mut self, chain: Chain) -> Result<Sealer> {
        Ok(Sealer::new(self.chain_parts(chain)?.1.clone()))
    }

    /// An [`Appender`] for records sealed by [`Tx::sealer`], in the same order.
    pub fn appender(&mut self, chain: Chain) -> Result<Appender<'_>> {
        let (tx, head, _) = self.chain_parts(chain)?;
        chain::appender(tx, chain, head)
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
