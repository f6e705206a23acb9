//! `report annual 2024`: the year-end review — each project's budget and spending per
//! quarter side by side, the year's totals, variance and execution rate, and to date;
//! then a subtotal per category and a total.

use super::budget::{
    budget_table, diff, execution_rate, leading_columns, split_fields, Figures, SubtotalBy,
};
use crate::domain::category::Category;
use crate::domain::period::quarters;
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::Result;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output};
use crate::store::spending::BudgetRow;

pub struct YearFigures {
    estimate: Money,
    budget_year: Money,
    budget_quarters: [Money; 4],
    actual_quarters: [Money; 4],
    budget_before: Money,
    actual_to_date: Money,
}

/// Index of the rate among the amounts: after variance_year.
const RATE_AT: usize = 12;

/// The table view's default columns, most important first.
pub const VIEW: [&str; 10] = [
    "row_type",
    "id",
    "actual_year_wan",
    "budget_year_wan",
    "execution_rate_year",
    "category",
    "description",
    "variance_year_wan",
    "estimate_wan",
    "status",
];

impl Figures for YearFigures {
    const WIDTH: usize = 15;

    fn amounts(&self) -> Vec<Money> {
        let actual_year: Money = self.actual_quarters.iter().copied().sum();
        let mut a = vec![self.estimate, self.budget_year];
        for q in 0..4 {
            a.push(self.budget_quarters[q]);
            a.push(self.actual_quarters[q]);
        }
        a.push(actual_year);
        a.push(diff(actual_year, self.budget_year));
        a.push(Money::from_fen(
            self.budget_before
                .fen()
                .saturating_add(self.budget_year.fen()),
        ));
        a.push(self.actual_to_date);
        a.push(diff(self.estimate, self.actual_to_date));
        a
    }

    fn rate(a: &[Money]) -> Cell {
        execution_rate(a[10], a[1]).map_or(Cell::Empty, Cell::Percent)
    }

    fn split(&self, parts: usize) -> Vec<Self> {
        let b = self.budget_quarters;
        let a = self.actual_quarters;
        let f = [
            self.estimate,
            self.budget_year,
            b[0],
            b[1],
            b[2],
            b[3],
            a[0],
            a[1],
            a[2],
            a[3],
            self.budget_before,
            self.actual_to_date,
        ];
        split_fields(f, parts)
            .into_iter()
            .map(
                |[e, by, b0, b1, b2, b3, a0, a1, a2, a3, bb, atd]| YearFigures {
                    estimate: e,
                    budget_year: by,
                    budget_quarters: [b0, b1, b2, b3],
                    actual_quarters: [a0, a1, a2, a3],
                    budget_before: bb,
                    actual_to_date: atd,
                },
            )
            .collect()
    }
}

pub fn build(
    rows: &[BudgetRow],
    categories: &[Category],
    year: i32,
    by: SubtotalBy,
    lang: Lang,
) -> Result<Output> {
    let items: Vec<(&Project, YearFigures)> = rows
        .iter()
        .map(|r| {
            (
                &r.project,
                YearFigures {
                    estimate: r.project.estimate,
                    budget_year: r.budget_year,
                    budget_quarters: quarters(r.budget_year),
                    actual_quarters: r.actual_quarters,
                    budget_before: r.budget_before,
                    actual_to_date: r.actual_to_date,
                },
            )
        })
        .collect();
    let mut columns = leading_columns(lang);
    columns.extend([
        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
        col("budget_year_wan", lang.pick(i18n::BUDGET_YEAR)),
        col("budget_q1_wan", lang.pick(i18n::BUDGET_Q[0])),
        col("actual_q1_wan", lang.pick(i18n::ACTUAL_Q[0])),
        col("budget_q2_wan", lang.pick(i18n::BUDGET_Q[1])),
        col("actual_q2_wan", lang.pick(i18n::ACTUAL_Q[1])),
        col("budget_q3_wan", lang.pick(i18n::BUDGET_Q[2])),
        col("actual_q3_wan", lang.pick(i18n::ACTUAL_Q[2])),
        col("budget_q4_wan", lang.pick(i18n::BUDGET_Q[3])),
        col("actual_q4_wan", lang.pick(i18n::ACTUAL_Q[3])),
        col("actual_year_wan", lang.pick(i18n::ACTUAL_YEAR)),
        col("variance_year_wan", lang.pick(i18n::VARIANCE_YEAR)),
        col("execution_rate_year", lang.pick(i18n::RATE_YEAR)),
        col("budget_to_date_wan", lang.pick(i18n::BUDGET_TO_DATE)),
        col("actual_to_date_wan", lang.pick(i18n::ACTUAL_TO_DATE)),
        col("remaining_wan", lang.pick(i18n::REMAINING)),
    ]);
    budget_table(
        &items,
        categories,
        RATE_AT,
        columns,
        VIEW.to_vec(),
        year.to_string(),
        by,
        lang,
    )
}
