//! The page aggregates (schema 9): exact totals of the current state, so that the
//! overview, `totals --by category|status|year` and a quarter's execution read a few
//! hundred rows instead of the whole ledger.
//!
//! - `project_total`: the current projects per category and status, how many and their
//!   estimates; `year_total`: their year allocation per category, status and year, with
//!   each quarter's budget (the sum of every project's own split of its year). Both are
//!   kept here, by the write path: every appended version takes out the share of the
//!   project's version before it and adds its own, computed with `domain::allocation`,
//!   summed per key over the write and written once before the write commits.
//! - `spending_month`: payments per month of their date, kept by an insert trigger
//!   (`schema.sql`; the bulk import drops it and recomputes).
//!
//! They are derived data outside the chains. `check` recomputes all three from the
//! records with SQL of its own (the allocation rule as `store::state` spells it) and
//! names every row that differs. Only the current view reads them: `--as-of`,
//! `--known-at` and `--original` compute from the records.

use super::state::View;
use super::Store;
use crate::domain::allocation::split_even;
use crate::domain::period::quarters;
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::{Error, LimitKind, Result};
use rusqlite::{Connection, OptionalExtension};
use std::collections::BTreeMap;

/// One project version's share of the aggregates: its keys, its estimate (元) and its
/// year allocation (元).
struct Share {
    table_no: i64,
    status: String,
    estimate: i64,
    years: Vec<(i64, i64)>,
}

impl Share {
    fn of(project: &Project, plan: &[(i32, Money)]) -> Share {
        let years = if plan.is_empty() {
            crate::domain::allocation::by_year(project.estimate, project.schedule)
        } else {
            plan.to_vec()
        };
        Share {
            table_no: i64::from(project.table),
            status: project.status.code().to_string(),
            estimate: project.estimate.yuan(),
            years: years
                .into_iter()
                .map(|(y, m)| (i64::from(y), m.yuan()))
                .collect(),
        }
    }

    /// The share of the latest version of `project_id` as stored, if it has one.
    fn latest(conn: &Connection, project_id: &str) -> Result<Option<Share>> {
        let found: Option<(i64, i64, String, i64, i64, i64, bool)> = conn
            .prepare_cached(
                "SELECT id, table_no, status, estimate_yuan, start_year, end_year, has_plan
                   FROM project_version WHERE project_id = ?1 ORDER BY id DESC LIMIT 1",
            )?
            .query_row([project_id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .optional()?;
        let Some((id, table_no, status, estimate, start, end, has_plan)) = found else {
            return Ok(None);
        };
        let years = if has_plan {
            conn.prepare_cached(
                "SELECT year, amount_yuan FROM version_plan_year WHERE version_id = ?1 ORDER BY year",
            )?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
        } else {
            let n = usize::try_from(end - start + 1).unwrap_or(0);
            (start..=end)
                .zip(split_even(Money::from_yuan(estimate), n))
                .map(|(y, m)| (y, m.yuan()))
                .collect()
        };
        Ok(Some(Share {
            table_no,
            status,
            estimate,
            years,
        }))
    }
}

/// What a write adds to the aggregates (or takes from them), summed per key until
/// [`Deltas::flush`]: a bulk import of 100,000 projects writes a few hundred rows once.
#[derive(Default)]
pub(super) struct Deltas {
    /// (table, status) → projects, estimate.
    projects: BTreeMap<(i64, String), [i128; 2]>,
    /// (table, status, year) → projects, amount, Q1–Q4.
    years: BTreeMap<(i64, String, i64), [i128; 6]>,
}

impl Deltas {
    /// For a version of `project` (with `plan`, empty for the even spread) about to be
    /// appended: the share of the project's version before it comes out, its own goes in.
    pub(super) fn replace(
        &mut self,
        conn: &Connection,
        project: &Project,
        plan: &[(i32, Money)],
    ) -> Result<()> {
        if let Some(old) = Share::latest(conn, &project.id)? {
            self.add(&old, -1);
        }
        self.add(&Share::of(project, plan), 1);
        Ok(())
    }

    fn add(&mut self, s: &Share, sign: i128) {
        let p = self
            .projects
            .entry((s.table_no, s.status.clone()))
            .or_default();
        p[0] += sign;
        p[1] += sign * i128::from(s.estimate);
        for &(year, amount) in &s.years {
            let y = self
                .years
                .entry((s.table_no, s.status.clone(), year))
                .or_default();
            y[0] += sign;
            y[1] += sign * i128::from(amount);
            for (q, part) in quarters(Money::from_yuan(amount)).iter().enumerate() {
                y[2 + q] += sign * i128::from(part.yuan());
            }
        }
    }

    /// Writes the summed changes into the aggregates and drops the rows no project is
    /// in any more. Runs after the write's limit check, so every sum fits.
    pub(super) fn flush(&mut self, conn: &Connection) -> Result<()> {
        let fit = |v: i128| {
            i64::try_from(v).map_err(|_| Error::LedgerLimit {
                kind: LimitKind::Estimates,
                total: None,
            })
        };
        let mut up = conn.prepare_cached(
            "INSERT INTO project_total (table_no, status, projects, estimate_yuan) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (table_no, status) DO UPDATE SET projects = projects + excluded.projects,
                    estimate_yuan = estimate_yuan + excluded.estimate_yuan",
        )?;
        for ((table_no, status), d) in std::mem::take(&mut self.projects) {
            if d != [0; 2] {
                up.execute(rusqlite::params![table_no, status, fit(d[0])?, fit(d[1])?])?;
            }
        }
        let mut up = conn.prepare_cached(
            "INSERT INTO year_total (table_no, status, year, projects, amount_yuan, q1_yuan, q2_yuan, q3_yuan, q4_yuan)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (table_no, status, year) DO UPDATE SET projects = projects + excluded.projects,
                    amount_yuan = amount_yuan + excluded.amount_yuan,
                    q1_yuan = q1_yuan + excluded.q1_yuan, q2_yuan = q2_yuan + excluded.q2_yuan,
                    q3_yuan = q3_yuan + excluded.q3_yuan, q4_yuan = q4_yuan + excluded.q4_yuan",
        )?;
        for ((table_no, status, year), d) in std::mem::take(&mut self.years) {
            if d != [0; 6] {
                up.execute(rusqlite::params![
                    table_no,
                    status,
                    year,
                    fit(d[0])?,
                    fit(d[1])?,
                    fit(d[2])?,
                    fit(d[3])?,
                    fit(d[4])?,
                    fit(d[5])?
                ])?;
            }
        }
        conn.execute_batch(
            "DELETE FROM project_total WHERE projects = 0; DELETE FROM year_total WHERE projects = 0;",
        )?;
        Ok(())
    }
}

/// Spending per month appended while its trigger is suspended (a bulk import), summed
/// as the rows go by and written at once: no sort of a million rows to group them.
#[derive(Default)]
pub struct MonthDeltas(BTreeMap<String, (i64, i128)>);

impl MonthDeltas {
    /// Counts one entry of `amount` dated `date` (`YYYY-MM-DD`).
    pub fn add(&mut self, date: &str, amount: Money) {
        let month = date.get(..7).unwrap_or(date);
        let m = match self.0.get_mut(month) {
            Some(m) => m,
            None => self.0.entry(month.to_string()).or_default(),
        };
        m.0 += 1;
        m.1 += i128::from(amount.fen());
    }

    /// Adds the counted entries to `spending_month`. A sum past SQLite's integers is
    /// refused as the ledger limit it also is.
    pub(super) fn flush(self, conn: &Connection) -> Result<()> {
        let mut up = conn.prepare_cached(
            "INSERT INTO spending_month (month, entries, amount_fen) VALUES (?1, ?2, ?3)
             ON CONFLICT (month) DO UPDATE SET entries = entries + excluded.entries,
                    amount_fen = amount_fen + excluded.amount_fen",
        )?;
        for (month, (entries, amount)) in self.0 {
            let amount = i64::try_from(amount).map_err(|_| Error::LedgerLimit {
                kind: LimitKind::Payments,
                total: None,
            })?;
            up.execute(rusqlite::params![month, entries, amount])?;
        }
        Ok(())
    }
}

/// The current projects per category and status, from the records.
const PROJECT_TOTAL_SQL: &str = "
SELECT table_no, status, COUNT(*), SUM(estimate_yuan) FROM project_version
 WHERE id IN (SELECT MAX(id) FROM project_version GROUP BY project_id)
 GROUP BY table_no, status";

/// The current year allocation per category, status and year, from the records: the
/// even spread (leftover 元 to the earliest years) or the explicit plan, and each year
/// split into quarters by the same rule (leftover 元 to the earliest quarters).
const YEAR_TOTAL_SQL: &str = "
WITH RECURSIVE
state AS (SELECT * FROM project_version
           WHERE id IN (SELECT MAX(id) FROM project_version GROUP BY project_id)),
span (table_no, status, year, end_year, k, n, est) AS (
    SELECT table_no, status, start_year, end_year, 0, end_year - start_year + 1, estimate_yuan
      FROM state WHERE has_plan = 0
    UNION ALL
    SELECT table_no, status, year + 1, end_year, k + 1, n, est FROM span WHERE year < end_year),
alloc (table_no, status, year, a) AS (
    SELECT table_no, status, year, est / n + (k < est % n) FROM span
    UNION ALL
    SELECT s.table_no, s.status, py.year, py.amount_yuan
      FROM state s JOIN version_plan_year py ON py.version_id = s.id WHERE s.has_plan = 1)
SELECT table_no, status, year, COUNT(*), SUM(a),
       SUM(a / 4 + (a % 4 > 0)), SUM(a / 4 + (a % 4 > 1)), SUM(a / 4 + (a % 4 > 2)), SUM(a / 4)
  FROM alloc GROUP BY table_no, status, year";

/// Spending per month of its date, from the records.
const SPENDING_MONTH_SQL: &str =
    "SELECT substr(date, 1, 7), COUNT(*), SUM(amount_fen) FROM spending GROUP BY 1";

/// Each aggregate: its table, its key columns, its value columns, and its recomputation.
const AGGREGATES: [(&str, &str, &str, &str); 3] = [
    (
        "project_total",
        "table_no, status",
        "projects, estimate_yuan",
        PROJECT_TOTAL_SQL,
    ),
    (
        "year_total",
        "table_no, status, year",
        "projects, amount_yuan, q1_yuan, q2_yuan, q3_yuan, q4_yuan",
        YEAR_TOTAL_SQL,
    ),
    (
        "spending_month",
        "month",
        "entries, amount_fen",
        SPENDING_MONTH_SQL,
    ),
];

/// Replaces every aggregate with its recomputation from the records (the upgrade to
/// schema 9).
/// A sum past SQLite's integers (a ledger written before the limits existed, or a bulk
/// import the limit check is about to refuse) leaves its table empty: the running totals
/// then say the aggregates cannot be trusted ([`kept`]) and readers use the records.
pub(super) fn rebuild(conn: &Connection) -> Result<()> {
    for (table, keys, values, sql) in AGGREGATES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
        match conn.execute(&format!("INSERT INTO {table} ({keys}, {values}) {sql}"), []) {
            Err(e) if super::write::is_overflow(&e) => {}
            other => {
                other?;
            }
        }
    }
    Ok(())
}

/// Whether the page aggregates hold the ledger's sums: both running totals are integers
/// (a sum past SQLite's integers, which only a ledger from before the limits or a file
/// changed behind the program's back can hold, cannot be kept; the records then say
/// what they can, with the error that they are too large to add up).
pub(super) fn kept(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT COUNT(*) = 2 FROM running_total WHERE typeof(amount) = 'integer'",
        [],
        |r| r.get(0),
    )?)
}

/// An aggregate row that differs from the records: the table, its key (`1/planned/2024`),
/// and what the file keeps and the records give (each as its named values,
/// `projects=18 amount_yuan=…`, or `—` if absent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AggregateMismatch {
    pub table: &'static str,
    pub key: String,
    pub kept: String,
    pub recomputed: String,
}

/// A quarter's budget (each project's own split of the year, summed) and the spending
/// dated in it, for the whole portfolio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuarterSums {
    pub budget: Money,
    pub actual: Money,
}

impl Store {
    /// Every aggregate row that differs from a recomputation from the records, in table
    /// and key order (a bug, or a change behind the program's back).
    pub fn aggregate_mismatches(&self) -> Result<Vec<AggregateMismatch>> {
        self.read(|c| {
            let mut out = Vec::new();
            for (table, keys, values, sql) in AGGREGATES {
                // The key as `1/planned/2024`; the values named, `projects=18 amount_yuan=…`.
                let text = |cols: &str, named: bool| {
                    cols.split(", ")
                        .map(|k| {
                            if named {
                                format!("'{k}=' || CAST({k} AS TEXT)")
                            } else {
                                format!("CAST({k} AS TEXT)")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(if named { " || ' ' || " } else { " || '/' || " })
                };
                // Rows kept that the records do not give (side 0), and rows the records
                // give that are not kept (side 1); a key on both sides differs. One
                // statement, so the recomputation is made once.
                let query = format!(
                    "WITH r ({keys}, {values}) AS MATERIALIZED ({sql})
                     SELECT 0, {kk}, {kv} FROM (SELECT {keys}, {values} FROM {table} EXCEPT SELECT * FROM r)
                     UNION ALL
                     SELECT 1, {kk}, {kv} FROM (SELECT * FROM r EXCEPT SELECT {keys}, {values} FROM {table})",
                    kk = text(keys, false),
                    kv = text(values, true),
                );
                let mut found: BTreeMap<String, [Option<String>; 2]> = BTreeMap::new();
                let mut stmt = c.prepare(&query)?;
                let mut rows = stmt.query([])?;
                loop {
                    match rows.next() {
                        Ok(Some(r)) => {
                            let side: usize = r.get(0)?;
                            found.entry(r.get(1)?).or_default()[side] = Some(r.get(2)?);
                        }
                        Ok(None) => break,
                        // Records past SQLite's integers (the ledger-limits row says so):
                        // an aggregate can only be kept empty, as an upgrade leaves it.
                        Err(e) if super::write::is_overflow(&e) => {
                            found.clear();
                            let kept: i64 = c.query_row(
                                &format!("SELECT COUNT(*) FROM {table}"),
                                [],
                                |r| r.get(0),
                            )?;
                            if kept > 0 {
                                found.insert(
                                    "*".to_string(),
                                    [
                                        Some(format!("{kept} rows")),
                                        Some(format!("> {}", i64::MAX)),
                                    ],
                                );
                            }
                            break;
                        }
                        Err(e) => return Err(e.into()),
                    }
                }
                out.extend(found.into_iter().map(|(key, [kept, recomputed])| {
                    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".to_string());
                    AggregateMismatch {
                        table,
                        key,
                        kept: dash(kept),
                        recomputed: dash(recomputed),
                    }
                }));
            }
            Ok(out)
        })
    }

    /// The budget and spending of quarter `quarter` (1–4) of `year`, from the
    /// aggregates: the current view only (`None` for any other).
    pub fn quarter_sums(&self, view: View, year: i32, quarter: u8) -> Result<Option<QuarterSums>> {
        if view != View::CURRENT || !(1..=4).contains(&quarter) {
            return Ok(None);
        }
        let column = ["q1_yuan", "q2_yuan", "q3_yuan", "q4_yuan"][usize::from(quarter) - 1];
        let first = 3 * (quarter - 1) + 1;
        let months: Vec<String> = (first..first + 3)
            .map(|m| format!("{year}-{m:02}"))
            .collect();
        self.read(|c| {
            if !kept(c)? {
                return Ok(None);
            }
            let budget: i64 = c.query_row(
                &format!("SELECT COALESCE(SUM({column}), 0) FROM year_total WHERE year = ?1"),
                [year],
                |r| r.get(0),
            )?;
            let actual: i64 = c.query_row(
                "SELECT COALESCE(SUM(amount_fen), 0) FROM spending_month WHERE month IN (?1, ?2, ?3)",
                rusqlite::params![months[0], months[1], months[2]],
                |r| r.get(0),
            )?;
            Ok(Some(QuarterSums {
                budget: Money::from_yuan(budget),
                actual: Money::from_fen(actual),
            }))
        })
    }
}
