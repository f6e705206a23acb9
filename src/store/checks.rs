//! The figures `reconcile` compares: stated and computed subtotals, the allocation
//! views, and the grand total, all read in one snapshot.

use super::projects::categories;
use super::Store;
use crate::domain::category::Category;
use crate::domain::{Money, Schedule};
use crate::error::Result;

/// A project's estimate and schedule with the year allocation SQLite computed for it.
#[derive(Clone, Debug)]
pub struct ProjectAllocation {
    pub id: String,
    pub estimate: Money,
    pub schedule: Schedule,
    pub years: Vec<(i32, Money)>,
}

#[derive(Clone, Debug)]
pub struct ReconcileData {
    /// Each category with the sum of its projects' estimates.
    pub categories: Vec<(Category, Money)>,
    pub projects: Vec<ProjectAllocation>,
    /// Sum of estimates over all projects.
    pub grand_total: Money,
    /// `totals --by year`'s rows: the allocation summed per year.
    pub year_totals: Vec<(i32, Money)>,
    /// Sum of every department's share.
    pub department_shares: Money,
}

impl Store {
    pub fn reconcile_data(&self) -> Result<ReconcileData> {
        self.read(|c| {
            let mut sums = c.prepare_cached(
                "SELECT c.table_no, COALESCE(SUM(p.estimate_yuan), 0)
                   FROM category c LEFT JOIN project p ON p.table_no = c.table_no
                  GROUP BY c.table_no ORDER BY c.table_no",
            )?;
            let sums: Vec<(u8, i64)> = sums
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let categories = categories(c)?
                .into_iter()
                .map(|cat| {
                    let sum = sums
                        .iter()
                        .find(|(t, _)| *t == cat.table)
                        .map_or(0, |(_, s)| *s);
                    (cat, Money::from_yuan(sum))
                })
                .collect();

            // One pass over the projects joined with their allocation, in id order.
            let mut stmt = c.prepare_cached(
                "SELECT p.id, p.estimate_yuan, p.start_year, p.end_year, y.year, y.amount_yuan
                   FROM project p LEFT JOIN project_year y ON y.project_id = p.id
                  ORDER BY p.id, y.year",
            )?;
            let mut rows = stmt.query([])?;
            let mut projects: Vec<ProjectAllocation> = Vec::new();
            while let Some(r) = rows.next()? {
                let id: String = r.get(0)?;
                if projects.last().is_none_or(|p| p.id != id) {
                    projects.push(ProjectAllocation {
                        id,
                        estimate: Money::from_yuan(r.get(1)?),
                        schedule: Schedule {
                            start: r.get(2)?,
                            end: r.get(3)?,
                        },
                        years: Vec::new(),
                    });
                }
                if let (Some(year), Some(amount)) =
                    (r.get::<_, Option<i32>>(4)?, r.get::<_, Option<i64>>(5)?)
                {
                    if let Some(p) = projects.last_mut() {
                        p.years.push((year, Money::from_yuan(amount)));
                    }
                }
            }

            let grand_total: i64 = c.query_row(
                "SELECT COALESCE(SUM(estimate_yuan), 0) FROM project",
                [],
                |r| r.get(0),
            )?;
            let mut years = c.prepare_cached(
                "SELECT year, SUM(amount_yuan) FROM project_year GROUP BY year ORDER BY year",
            )?;
            let year_totals = years
                .query_map([], |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))))?
                .collect::<rusqlite::Result<_>>()?;
            let department_shares: i64 = c.query_row(
                "SELECT COALESCE(SUM(share_yuan), 0) FROM department_share",
                [],
                |r| r.get(0),
            )?;
            Ok(ReconcileData {
                categories,
                projects,
                grand_total: Money::from_yuan(grand_total),
                year_totals,
                department_shares: Money::from_yuan(department_shares),
            })
        })
    }
}
