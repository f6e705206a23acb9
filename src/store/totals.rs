//! Totals aggregated inside SQLite: by category, group, department, year and status.
//! Each is one GROUP BY over the projects (or the allocation views), never a loop of
//! queries per project.

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

impl Store {
    pub fn totals(&self, by: TotalsBy) -> Result<Totals> {
        self.read(|c| {
            let rows = match by {
                TotalsBy::Category => c
                    .prepare_cached(
                        "SELECT c.table_no, COUNT(p.id), COALESCE(SUM(p.estimate_yuan), 0)
                           FROM category c LEFT JOIN project p ON p.table_no = c.table_no
                          GROUP BY c.table_no ORDER BY c.table_no",
                    )?
                    .query_map([], |r| keyed(r, Key::Category(r.get(0)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
                TotalsBy::Group => c
                    .prepare_cached(
                        "SELECT group_name, COUNT(*), SUM(estimate_yuan) FROM project
                          GROUP BY table_no, group_name ORDER BY table_no, MIN(no), group_name",
                    )?
                    .query_map([], |r| keyed(r, Key::Group(r.get(0)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
                TotalsBy::Department => c
                    .prepare_cached(
                        "SELECT d.name, COUNT(*), SUM(p.estimate_yuan), SUM(s.share_yuan)
                           FROM department_share s
                           JOIN department d ON d.id = s.department_id
                           JOIN project p ON p.id = s.project_id
                          GROUP BY d.id ORDER BY SUM(s.share_yuan) DESC, d.name",
                    )?
                    .query_map([], |r| {
                        let mut row = keyed(r, Key::Department(r.get(0)?))?;
                        row.share = Some(Money::from_yuan(r.get(3)?));
                        Ok(row)
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
                TotalsBy::Year => c
                    .prepare_cached(
                        "SELECT year, COUNT(*), SUM(amount_yuan) FROM project_year
                          GROUP BY year ORDER BY year",
                    )?
                    .query_map([], |r| keyed(r, Key::Year(r.get(0)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
                TotalsBy::Status => {
                    let found = c
                        .prepare_cached(
                            "SELECT status, COUNT(*), SUM(estimate_yuan) FROM project GROUP BY status",
                        )?
                        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))?
                        .collect::<rusqlite::Result<Vec<(String, i64, i64)>>>()?;
                    if let Some((code, _, _)) = found.iter().find(|(code, _, _)| Status::from_code(code).is_none()) {
                        return Err(Error::bad_value("database", format!("unknown status '{code}'")));
                    }
                    // Every status in lifecycle order, including those no project has.
                    Status::ALL
                        .into_iter()
                        .map(|status| {
                            let hit = found.iter().find(|(code, _, _)| code == status.code());
                            let (projects, estimate) = hit.map_or((0, 0), |(_, n, e)| (*n, *e));
                            KeyedTotal { key: Key::Status(status), projects, estimate: Money::from_yuan(estimate), share: None }
                        })
                        .collect()
                }
            };
            let (projects, total): (i64, i64) = c.query_row(
                "SELECT COUNT(*), COALESCE(SUM(estimate_yuan), 0) FROM project",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            Ok(Totals { rows, projects, grand_total: Money::from_yuan(total) })
        })
    }
}
