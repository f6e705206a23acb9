//! The figures `reconcile` compares, all read in one snapshot: the plan's stated
//! subtotals, the seeded (original) and current estimates per table, and the current
//! allocation of every project.

use super::projects::{categories, for_each_state_row, query_state};
use super::state::View;
use super::Store;
use crate::domain::category::Category;
use crate::domain::{Money, Schedule};
use crate::error::Result;
use std::collections::BTreeMap;

/// A project's current estimate and schedule with the year allocation SQLite computed.
#[derive(Clone, Debug)]
pub struct ProjectAllocation {
    pub id: String,
    pub estimate: Money,
    pub schedule: Schedule,
    /// Whether `years` is an explicit annual plan rather than the even spread.
    pub has_plan: bool,
    pub years: Vec<(i32, Money)>,
}

/// One appendix table with the sum of its projects' estimates as seeded and as now.
#[derive(Clone, Debug)]
pub struct CategorySums {
    pub category: Category,
    pub original: Money,
    pub current: Money,
}

#[derive(Clone, Debug)]
pub struct ReconcileData {
    pub categories: Vec<CategorySums>,
    pub projects: Vec<ProjectAllocation>,
    /// Sums of estimates over all projects: as seeded, and now.
    pub original_total: Money,
    pub current_total: Money,
    /// The current allocation summed per year.
    pub year_totals: Vec<(i32, Money)>,
    /// The sum of every department's current share.
    pub department_shares: Money,
}

fn sums_by_table(c: &rusqlite::Connection, view: View) -> Result<Vec<(u8, Money)>> {
    query_state(
        c,
        view,
        "SELECT table_no, SUM(estimate_yuan) FROM state GROUP BY table_no",
        Vec::new(),
        |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))),
    )
}

impl Store {
    pub fn reconcile_data(&self) -> Result<ReconcileData> {
        self.read(|c| {
            let original = sums_by_table(c, View::Original)?;
            let current = sums_by_table(c, View::Current)?;
            let find = |list: &[(u8, Money)], t: u8| {
                list.iter().find(|(n, _)| *n == t).map_or(Money::ZERO, |(_, m)| *m)
            };
            let categories = categories(c)?
                .into_iter()
                .map(|category| CategorySums {
                    original: find(&original, category.table),
                    current: find(&current, category.table),
                    category,
                })
                .collect();

            // One pass over the projects joined with their allocation, in id order, each
            // row folded in as it comes (a project, then its years). The year totals are
            // summed from the same rows rather than by another pass over `alloc`.
            let mut projects: Vec<ProjectAllocation> = Vec::new();
            let mut by_year: BTreeMap<i32, i64> = BTreeMap::new();
            for_each_state_row(
                c,
                View::Current,
                "SELECT s.project_id, s.estimate_yuan, s.start_year, s.end_year, s.has_plan, a.year, a.amount_yuan
                   FROM state s LEFT JOIN alloc a ON a.project_id = s.project_id
                  ORDER BY s.project_id, a.year",
                Vec::new(),
                |r| {
                    let id = r.get_ref(0)?.as_str().map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
                    })?;
                    if projects.last().is_none_or(|p| p.id != id) {
                        projects.push(ProjectAllocation {
                            id: id.to_string(),
                            estimate: Money::from_yuan(r.get(1)?),
                            schedule: Schedule { start: r.get(2)?, end: r.get(3)? },
                            has_plan: r.get(4)?,
                            years: Vec::new(),
                        });
                    }
                    let year: Option<i32> = r.get(5)?;
                    let amount: Option<i64> = r.get(6)?;
                    if let (Some(year), Some(amount), Some(p)) = (year, amount, projects.last_mut()) {
                        p.years.push((year, Money::from_yuan(amount)));
                        *by_year.entry(year).or_insert(0) += amount;
                    }
                    Ok(())
                },
            )?;
            let year_totals = by_year
                .into_iter()
                .map(|(y, m)| (y, Money::from_yuan(m)))
                .collect();
            let department_shares = query_state(
                c,
                View::Current,
                "SELECT COALESCE(SUM(share_yuan), 0) FROM share",
                Vec::new(),
                |r| Ok(Money::from_yuan(r.get(0)?)),
            )?
            .into_iter()
            .sum();
            Ok(ReconcileData {
                original_total: original.iter().map(|(_, m)| *m).sum(),
                current_total: current.iter().map(|(_, m)| *m).sum(),
                categories,
                projects,
                year_totals,
                department_shares,
            })
        })
    }
}

/// The ledger's two limited sums, in 元, computed wide (each value split into its high and
/// low 32 bits, summed apart by SQLite, joined here in an `i128`), so that even a ledger
/// written before the limits can be measured against them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LedgerSums {
    pub estimates_yuan: i128,
    pub payments_yuan: i128,
}

impl Store {
    pub fn ledger_sums(&self) -> Result<LedgerSums> {
        self.read(|c| {
            let wide = |sql: &str| -> Result<i128> {
                let (hi, lo): (i64, i64) = c.query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))?;
                Ok((i128::from(hi) << 32) + i128::from(lo))
            };
            Ok(LedgerSums {
                estimates_yuan: wide(
                    "SELECT COALESCE(SUM(estimate_yuan >> 32), 0), COALESCE(SUM(estimate_yuan & 4294967295), 0)
                       FROM project_version
                      WHERE id IN (SELECT MAX(id) FROM project_version GROUP BY project_id)",
                )?,
                payments_yuan: wide(
                    "SELECT COALESCE(SUM(amount_yuan >> 32), 0), COALESCE(SUM(amount_yuan & 4294967295), 0)
                       FROM spending WHERE amount_yuan > 0",
                )?,
            })
        })
    }
}
