//! `report monthly 2024-05` (月度执行): each project's budget for the month and the year
//! to date against what was spent, with the execution rate, then subtotals and a total.
//!
//! The month's budget is its quarter's budget split over the quarter's three months by
//! the allocation rule (in whole 元, the leftover to the earliest months), so the three
//! months of a quarter add up to the quarter exactly.

use super::budget::{
    budget_table, diff, execution_rate, leading_columns, split_fields, Figures, SubtotalBy,
};
use crate::domain::allocation::split_even;
use crate::domain::category::Category;
use crate::domain::period::quarters;
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::Result;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Column, Output};
use crate::store::spending::BudgetRow;

/// The three months' budgets of a quarter's budget.
pub fn months(quarter_budget: Money) -> [Money; 3] {
    let parts = split_even(quarter_budget, 3);
    [parts[0], parts[1], parts[2]]
}

/// A project's figures for one month, in column order.
pub struct MonthFigures {
    estimate: Money,
    budget_year: Money,
    budget_month: Money,
    actual_month: Money,
    budget_ytd: Money,
    actual_ytd: Money,
    budget_to_date: Money,
    actual_to_date: Money,
}

impl MonthFigures {
    /// `month` 1-12; `row` counts payments up to the month's end, and `actual_month`
    /// those from its first day.
    pub fn new(row: &BudgetRow, month: u8) -> MonthFigures {
        let q = usize::from((month - 1) / 3);
        let in_quarter = usize::from((month - 1) % 3);
        let budget_quarters = quarters(row.budget_year);
        let budget_months = months(budget_quarters[q]);
        let budget_ytd: Money = budget_quarters[..q]
            .iter()
            .chain(&budget_months[..=in_quarter])
            .copied()
            .sum();
        MonthFigures {
            estimate: row.project.estimate,
            budget_year: row.budget_year,
            budget_month: budget_months[in_quarter],
            actual_month: row.actual_month,
            budget_ytd,
            actual_ytd: row.actual_quarters.iter().copied().sum(),
            budget_to_date: Money::from_fen(row.budget_before.fen() + budget_ytd.fen()),
            actual_to_date: row.actual_to_date,
        }
    }
}

/// Index of the rate among the amounts: after variance_ytd.
const RATE_AT: usize = 7;

/// The table view's default columns, most important first.
pub const VIEW: [&str; 10] = [
    "row_type",
    "id",
    "actual_month_wan",
    "budget_month_wan",
    "execution_rate_ytd",
    "category",
    "description",
    "actual_ytd_wan",
    "budget_ytd_wan",
    "status",
];

impl Figures for MonthFigures {
    const WIDTH: usize = 10;

    fn amounts(&self) -> Vec<Money> {
        vec![
            self.estimate,
            self.budget_year,
            self.budget_month,
            self.actual_month,
            self.budget_ytd,
            self.actual_ytd,
            diff(self.actual_ytd, self.budget_ytd),
            self.budget_to_date,
            self.actual_to_date,
            diff(self.estimate, self.actual_to_date),
        ]
    }

    fn rate(a: &[Money]) -> Cell {
        execution_rate(a[5], a[4]).map_or(Cell::Empty, Cell::Percent)
    }

    fn split(&self, parts: usize) -> Vec<Self> {
        let f = [
            self.estimate,
            self.budget_year,
            self.budget_month,
            self.actual_month,
            self.budget_ytd,
            self.actual_ytd,
            self.budget_to_date,
            self.actual_to_date,
        ];
        split_fields(f, parts)
            .into_iter()
            .map(|[e, by, bm, am, bytd, aytd, btd, atd]| MonthFigures {
                estimate: e,
                budget_year: by,
                budget_month: bm,
                actual_month: am,
                budget_ytd: bytd,
                actual_ytd: aytd,
                budget_to_date: btd,
                actual_to_date: atd,
            })
            .collect()
    }
}

fn columns(lang: Lang) -> Vec<Column> {
    let mut columns = leading_columns(lang);
    columns.extend([
        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
        col("budget_year_wan", lang.pick(i18n::BUDGET_YEAR)),
        col("budget_month_wan", lang.pick(i18n::BUDGET_MONTH)),
        col("actual_month_wan", lang.pick(i18n::ACTUAL_MONTH)),
        col("budget_ytd_wan", lang.pick(i18n::BUDGET_YTD)),
        col("actual_ytd_wan", lang.pick(i18n::ACTUAL_YTD)),
        col("variance_ytd_wan", lang.pick(i18n::VARIANCE_YTD)),
        col("execution_rate_ytd", lang.pick(i18n::RATE_YTD)),
        col("budget_to_date_wan", lang.pick(i18n::BUDGET_TO_DATE)),
        col("actual_to_date_wan", lang.pick(i18n::ACTUAL_TO_DATE)),
        col("remaining_wan", lang.pick(i18n::REMAINING)),
    ]);
    columns
}

/// The monthly report of `year`-`month` from `rows` (read for that month).
pub fn build(
    rows: &[BudgetRow],
    categories: &[Category],
    (year, month): (i32, u8),
    by: SubtotalBy,
    lang: Lang,
) -> Result<Output> {
    let items: Vec<(&Project, MonthFigures)> = rows
        .iter()
        .map(|r| (&r.project, MonthFigures::new(r, month)))
        .collect();
    budget_table(
        &items,
        categories,
        RATE_AT,
        columns(lang),
        VIEW.to_vec(),
        format!("{year}-{month:02}"),
        by,
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_months_add_up_to_their_quarter_exactly() {
        for yuan in [0_i64, 1, 2, 3, 4, 5, 7, 10, 11, 125_001, 999_999_999] {
            let q = Money::from_yuan(yuan);
            let m = months(q);
            assert_eq!(m.iter().copied().sum::<Money>(), q, "{yuan}");
            assert!(m[0] >= m[1] && m[1] >= m[2], "earliest first: {m:?}");
            assert!(m[0].yuan() - m[2].yuan() <= 1);
        }
    }
}
