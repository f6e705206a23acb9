//! The portfolio at a glance, for the dashboard's overview page and the static HTML
//! report: the grand total, estimates by category and by year (as chart bars), the
//! projects by status, a quarter's execution rate and the overdue projects.
//!
//! Every figure comes from the same store totals as `ecoledger totals`, so the page and
//! the command line cannot disagree.

use super::budget::execution_rate;
use super::{projects_list, totals};
use crate::domain::category::Category;
use crate::domain::period::{quarters, Period};
use crate::domain::project::Project;
use crate::domain::Money;
use crate::i18n::Lang;
use crate::render::Output;
use crate::store::spending::BudgetRow;
use crate::store::totals::{Key, Totals, TotalsBy};
use rust_decimal::Decimal;

/// One bar of a chart: a machine key, the label people read, and the amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub key: String,
    pub label: String,
    pub value: Money,
}

/// Budget against spending for one quarter, all projects together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarterExecution {
    pub period: Period,
    pub budget: Money,
    pub actual: Money,
    /// Actual ÷ budget in percent (one decimal); none when nothing was budgeted.
    pub rate: Option<Decimal>,
}

#[derive(Clone, Debug)]
pub struct Overview {
    pub projects: i64,
    pub grand_total: Money,
    pub by_category: Vec<Bar>,
    pub by_year: Vec<Bar>,
    /// Projects and estimates by status, with a total (as `totals --by status`).
    pub by_status: Output,
    pub quarter: QuarterExecution,
    /// The overdue projects (as `projects list --overdue`).
    pub overdue: Output,
    pub overdue_count: usize,
}

/// The data the overview is made of, as the store returns it.
pub struct OverviewData<'a> {
    pub by_category: &'a Totals,
    pub by_year: &'a Totals,
    pub by_status: &'a Totals,
    pub categories: &'a [Category],
    /// The quarter's budget against its spending (from [`quarter_execution`] over the
    /// budget rows, or from the page aggregates: the same sums).
    pub quarter: QuarterExecution,
    pub overdue: &'a [Project],
    /// How many projects are overdue (`overdue` may hold only the first of them).
    pub overdue_count: usize,
}

pub fn build(data: &OverviewData<'_>, lang: Lang) -> Overview {
    let by_category = data
        .by_category
        .rows
        .iter()
        .map(|t| {
            let (key, label) = match &t.key {
                Key::Category(n) => (
                    n.to_string(),
                    data.categories
                        .iter()
                        .find(|c| c.table == *n)
                        .map_or_else(|| n.to_string(), |c| c.label(lang).to_string()),
                ),
                other => (format!("{other:?}"), format!("{other:?}")),
            };
            Bar {
                key,
                label,
                value: t.estimate,
            }
        })
        .collect();
    let by_year = data
        .by_year
        .rows
        .iter()
        .filter_map(|t| match t.key {
            Key::Year(y) => Some(Bar {
                key: y.to_string(),
                label: y.to_string(),
                value: t.estimate,
            }),
            _ => None,
        })
        .collect();
    Overview {
        projects: data.by_category.projects,
        grand_total: data.by_category.grand_total,
        by_category,
        by_year,
        by_status: totals::build(TotalsBy::Status, data.by_status, data.categories, lang),
        quarter: data.quarter.clone(),
        overdue: projects_list::build(data.overdue, lang),
        overdue_count: data.overdue_count,
    }
}

/// The quarter's budget (each project's year budget split by the allocation rule) and
/// the spending dated in it, summed over every project.
pub fn quarter_execution(rows: &[BudgetRow], period: Period) -> QuarterExecution {
    let q = usize::from(period.last_quarter()) - 1;
    // In 分: spending keeps its 分 (a budget is whole 元 anyway).
    let (budget, actual) = rows.iter().fold((0i64, 0i64), |(b, a), row| {
        (
            b + quarters(row.budget_year)[q].fen(),
            a + row.actual_quarters[q].fen(),
        )
    });
    execution(period, Money::from_fen(budget), Money::from_fen(actual))
}

/// A quarter's execution from its budget and spending.
pub fn execution(period: Period, budget: Money, actual: Money) -> QuarterExecution {
    QuarterExecution {
        period,
        budget,
        actual,
        rate: execution_rate(actual, budget),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::project::{Stage, Status};
    use crate::domain::Schedule;

    fn row(budget_year: Money, actual_quarters: [i64; 4]) -> BudgetRow {
        BudgetRow {
            project: Project {
                id: "A1-01".into(),
                table: 1,
                category: String::new(),
                category_en: String::new(),
                group: String::new(),
                description: String::new(),
                estimate: budget_year,
                schedule: Schedule::new(2024, 2024).unwrap(),
                departments: Vec::new(),
                status: Status::InProgress,
                stage: Stage::Estimate,
                has_plan: false,
            },
            budget_year,
            budget_before: Money::ZERO,
            actual_quarters: actual_quarters.map(Money::from_fen),
            actual_to_date: Money::ZERO,
            actual_month: Money::ZERO,
        }
    }

    /// The asked quarter's budget and spending, summed over the projects in 分: two
    /// payments of 1.5 元 make 3 元, not 2 or 4.
    #[test]
    fn a_quarters_execution_sums_its_own_quarter_to_the_fen() {
        let rows = [
            // 10 万元 a year: 25,000 元 a quarter; Q2 spending 1 万元 and 1.5 元.
            row(Money::from_yuan(100_000), [7, 1_000_150, 9, 11]),
            // 3 元 a year: 1, 1, 1, 0 元 by quarter; Q2 spending 1.5 元.
            row(Money::from_yuan(3), [0, 150, 0, 5]),
        ];
        assert_eq!(
            quarter_execution(&rows, Period::Quarter(2024, 2)),
            QuarterExecution {
                period: Period::Quarter(2024, 2),
                budget: Money::from_yuan(25_001),
                actual: Money::from_fen(1_000_300),
                // 1,000,300 ÷ 2,500,100 = 40.0104%.
                rate: Some(Decimal::new(400, 1)),
            }
        );
        assert_eq!(
            quarter_execution(&rows, Period::Quarter(2024, 4)),
            QuarterExecution {
                period: Period::Quarter(2024, 4),
                budget: Money::from_yuan(25_000),
                actual: Money::from_fen(16),
                rate: Some(Decimal::new(0, 1)),
            }
        );
        // A month counts as its quarter; nothing budgeted has no rate.
        let none = quarter_execution(&[row(Money::ZERO, [0, 0, 0, 0])], Period::Month(2024, 5));
        assert_eq!((none.budget, none.rate), (Money::ZERO, None));
    }
}
