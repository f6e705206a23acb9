//! Totals aggregated inside SQLite: by category, group, department, year and status.
//! Each is one GROUP BY over the projects (or the allocation views), never a loop of
//! queries per project.

use super::projects::query_state;
use super::state::View;
use super::Store;
use crate::domain::project::Status;
use crate::domain::Money;
use crate::error::{Error, Result};
use rusqlite::Row;

/// What a total is keyed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TotalsBy {
    Category,
    Group,
    Department,
    Year,
    Status,
}

/// The key of one totals row, as stored (labels are the report's business).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Category(u8),
    Group(String),
    Department(String),
    Year(i32),
    Status(Status),
}

/// One totals row. `share` is only set for departments: the department's even share of
/// each project it leads or co-leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyedTotal {
    pub key: Key,
    pub projects: i64,
    pub estimate: Money,
    pub share: Option<Money>,
}

/// The rows of one `totals --by` query, plus the grand total over distinct projects.
#[derive(Clone, Debug)]
pub struct Totals {
    pub rows: Vec<KeyedTotal>,
    pub projects: i64,
    pub grand_total: Money,
}

fn keyed(r: &Row<'_>, key: Key) -> rusqlite::Result<KeyedTotal> {
    Ok(KeyedTotal {
        key,
        projects: r.get(1)?,
        estimate: Money::from_yuan(r.get(2)?),
        share: None,
    })
}

/// The distinct projects' count and estimate sum, as two extra columns: SQLite computes
/// these uncorrelated subqueries once, over the same materialised state.
const DISTINCT_TOTALS: &str =
    "(SELECT COUNT(*) FROM state), (SELECT COALESCE(SUM(estimate_yuan), 0) FROM state)";

/// [`DISTINCT_TOTALS`] from the page aggregates.
const KEPT_DISTINCT_TOTALS: &str = "(SELECT COALESCE(SUM(projects), 0) FROM project_total),
     (SELECT COALESCE(SUM(estimate_yuan), 0) FROM project_total)";

/// The rows of `kept_sql` over the page aggregates when they are `kept`, else of
/// `state_sql` over the projects' state in `view`; each row made by `f`.
fn kept_or_state<T>(
    c: &rusqlite::Connection,
    view: View,
    kept: bool,
    kept_sql: &str,
    state_sql: &str,
    mut f: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    if !kept {
        return query_state(c, view, state_sql, Vec::new(), f);
    }
    let mut stmt = c.prepare_cached(kept_sql)?;
    let rows = stmt
        .query_map([], &mut f)?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(rows)
}

impl Store {
    /// The totals by `by` in `view`. In the current view, by category, status and year
    /// they are read from the page aggregates (store/aggregates.rs), a few hundred rows
    /// at any size of ledger; every other view and key is computed from the records.
    pub fn totals(&self, view: View, by: TotalsBy) -> Result<Totals> {
        self.read(|c| {
            let kept = view == View::CURRENT && super::aggregates::kept(c)?;
            let mut distinct: Option<(i64, i64)> = None;
            let rows = match by {
                TotalsBy::Category => {
                    let key = |r: &Row<'_>| keyed(r, Key::Category(r.get(0)?));
                    let found: Vec<KeyedTotal> = kept_or_state(
                        c,
                        view,
                        kept,
                        "SELECT table_no, SUM(projects), SUM(estimate_yuan) FROM project_total GROUP BY table_no",
                        "SELECT table_no, COUNT(*), SUM(estimate_yuan) FROM state GROUP BY table_no",
                        key,
                    )?;
                    // Every category in table order, including those no project has.
                    super::projects::categories(c)?
                        .into_iter()
                        .map(|cat| {
                            let key = Key::Category(cat.table);
                            found.iter().find(|t| t.key == key).cloned().unwrap_or(KeyedTotal {
                                key,
                                projects: 0,
                                estimate: Money::ZERO,
                                share: None,
                            })
                        })
                        .collect()
                }
                TotalsBy::Group => query_state(
                    c,
                    view,
                    "SELECT s.group_name, COUNT(*), SUM(s.estimate_yuan)
                       FROM state s JOIN project p ON p.id = s.project_id
                      GROUP BY s.table_no, s.group_name ORDER BY s.table_no, MIN(p.no), s.group_name",
                    Vec::new(),
                    |r| keyed(r, Key::Group(r.get(0)?)),
                )?,
                TotalsBy::Department => query_state(
                    c,
                    view,
                    &format!("SELECT d.name, COUNT(*), SUM(sh.estimate_yuan), SUM(sh.share_yuan), {DISTINCT_TOTALS}
                       FROM share sh
                       JOIN department d ON d.id = sh.department_id
                      GROUP BY d.id ORDER BY SUM(sh.share_yuan) DESC, d.name"),
                    Vec::new(),
                    |r| {
                        let mut row = keyed(r, Key::Department(r.get(0)?))?;
                        row.share = Some(Money::from_yuan(r.get(3)?));
                        distinct = Some((r.get(4)?, r.get(5)?));
                        Ok(row)
                    },
                )?,
                TotalsBy::Year => {
                    let key = |r: &Row<'_>| {
                        distinct = Some((r.get(3)?, r.get(4)?));
                        keyed(r, Key::Year(r.get(0)?))
                    };
                    kept_or_state(
                        c,
                        view,
                        kept,
                        &format!("SELECT year, SUM(projects), SUM(amount_yuan), {KEPT_DISTINCT_TOTALS}
                                    FROM year_total GROUP BY year HAVING SUM(projects) > 0 ORDER BY year"),
                        &format!("SELECT year, COUNT(*), SUM(amount_yuan), {DISTINCT_TOTALS} FROM alloc GROUP BY year ORDER BY year"),
                        key,
                    )?
                }
                TotalsBy::Status => {
                    let row = |r: &Row<'_>| Ok((r.get(0)?, r.get(1)?, r.get(2)?));
                    let found: Vec<(String, i64, i64)> = kept_or_state(
                        c,
                        view,
                        kept,
                        "SELECT status, SUM(projects), SUM(estimate_yuan) FROM project_total GROUP BY status",
                        "SELECT status, COUNT(*), SUM(estimate_yuan) FROM state GROUP BY status",
                        row,
                    )?;
                    if let Some((code, _, _)) =
                        found.iter().find(|(code, _, _)| Status::from_code(code).is_none())
                    {
                        return Err(Error::bad_value(
                            "database",
                            crate::i18n::msg::unknown_status_code(code),
                        ));
                    }
                    // Every status in lifecycle order, including those no project has.
                    Status::ALL
                        .into_iter()
                        .map(|status| {
                            let hit = found.iter().find(|(code, _, _)| code == status.code());
                            let (projects, estimate) = hit.map_or((0, 0), |(_, n, e)| (*n, *e));
                            KeyedTotal {
                                key: Key::Status(status),
                                projects,
                                estimate: Money::from_yuan(estimate),
                                share: None,
                            }
                        })
                        .collect()
                }
            };
            // Categories, groups and statuses partition the projects: their rows add up
            // to the totals. Departments (co-leading) and years (a project spans several)
            // do not: their rows carry the distinct projects' count and sum, read in the
            // same statement (one rebuild of the state); no rows means no projects.
            let (projects, total) = match by {
                TotalsBy::Category | TotalsBy::Group | TotalsBy::Status => (
                    rows.iter().map(|r| r.projects).sum(),
                    rows.iter().map(|r| r.estimate.yuan()).sum(),
                ),
                TotalsBy::Department | TotalsBy::Year => distinct.unwrap_or_default(),
            };
            Ok(Totals { rows, projects, grand_total: Money::from_yuan(total) })
        })
    }
}

/// One cell of a two-key matrix: the keys and the amount (in 元).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixCell {
    pub row: Key,
    pub column: Key,
    pub amount: Money,
    /// Where the row and column keys sort (a group by its table and first project).
    pub order: (i64, i64),
}

/// The SQL expression of `by` over the matrix's source rows.
fn key_sql(by: TotalsBy) -> &'static str {
    match by {
        TotalsBy::Category => "s.table_no",
        TotalsBy::Group => "s.group_name",
        TotalsBy::Department => "d.name",
        TotalsBy::Year => "c.year",
        TotalsBy::Status => "s.status",
    }
}

fn key_from(by: TotalsBy, r: &Row<'_>, i: usize) -> rusqlite::Result<Key> {
    Ok(match by {
        TotalsBy::Category => Key::Category(r.get(i)?),
        TotalsBy::Group => Key::Group(r.get(i)?),
        TotalsBy::Department => Key::Department(r.get(i)?),
        TotalsBy::Year => Key::Year(r.get(i)?),
        TotalsBy::Status => {
            let code: String = r.get(i)?;
            Key::Status(Status::from_code(&code).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    i,
                    rusqlite::types::Type::Text,
                    format!("unknown status {code}").into(),
                )
            })?)
        }
    })
}

impl Store {
    /// The estimates totalled by two keys at once (`totals --by category --by year`), one
    /// GROUP BY in SQLite. By year, each estimate is spread over its years; by
    /// department, shared among its departments (by year and department together: each
    /// year's amount shared) — always by the allocation rule, so that the cells add up
    /// to the grand total exactly.
    pub fn matrix(&self, view: View, rows: TotalsBy, columns: TotalsBy) -> Result<Vec<MatrixCell>> {
        let has = |k: TotalsBy| rows == k || columns == k;
        let (source, amount) = match (has(TotalsBy::Year), has(TotalsBy::Department)) {
            (true, true) => (
                "(SELECT a.project_id, a.year, vd.department_id,
                         a.amount_yuan / n.n + (vd.position < a.amount_yuan % n.n) AS amount_yuan
                    FROM alloc a JOIN state s2 ON s2.project_id = a.project_id
                    JOIN (SELECT version_id, COUNT(*) AS n FROM version_department
                           WHERE version_id IN (SELECT id FROM state) GROUP BY version_id) n
                      ON n.version_id = s2.id
                    JOIN version_department vd ON vd.version_id = s2.id) c
                 JOIN state s ON s.project_id = c.project_id
                 JOIN department d ON d.id = c.department_id",
                "c.amount_yuan",
            ),
            (true, false) => (
                "alloc c JOIN state s ON s.project_id = c.project_id",
                "c.amount_yuan",
            ),
            (false, true) => (
                "share c JOIN state s ON s.project_id = c.project_id
                 JOIN department d ON d.id = c.department_id",
                "c.share_yuan",
            ),
            (false, false) => ("state s", "s.estimate_yuan"),
        };
        let tail = format!(
            "SELECT {}, {}, SUM({amount}), MIN(s.table_no * 1000000 + p.no)
               FROM {source} JOIN project p ON p.id = s.project_id
              GROUP BY 1, 2",
            key_sql(rows),
            key_sql(columns)
        );
        self.read(|c| {
            query_state(c, view, &tail, Vec::new(), |r| {
                let first: i64 = r.get(3)?;
                Ok(MatrixCell {
                    row: key_from(rows, r, 0)?,
                    column: key_from(columns, r, 1)?,
                    amount: Money::from_yuan(r.get(2)?),
                    order: (first, first),
                })
            })
        })
    }
}
