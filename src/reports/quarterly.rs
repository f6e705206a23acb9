//! `report quarterly 2024Q2`: each project's budget for the quarter, the year to date and
//! to date against what was spent, with the execution rate (预算执行率), then a subtotal
//! per category and a total.
//!
//! Budgets: the year's allocation (explicit plan or even spread) split into four quarters
//! by the allocation rule; year to date = quarters 1..q; to date = all earlier years plus
//! the year to date. `variance = actual − budget`; `remaining = estimate − actual to date`.

use super::budget::{
    budget_table, budget_template, diff, execution_rate, leading_columns, split_fields, Figures,
    Grouper, SubtotalBy,
};
use crate::domain::category::Category;
use crate::domain::period::{quarters, Period};
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::Result;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Column, Output, Table};
use crate::store::spending::BudgetRow;

/// A project's figures for one quarter, in column order.
pub struct QuarterFigures {
    estimate: Money,
    budget_year: Money,
    budget_quarter: Money,
    actual_quarter: Money,
    budget_ytd: Money,
    actual_ytd: Money,
    budget_to_date: Money,
    actual_to_date: Money,
}

impl QuarterFigures {
    pub fn new(row: &BudgetRow, quarter: u8) -> QuarterFigures {
        let q = usize::from(quarter);
        let budget_quarters = quarters(row.budget_year);
        let budget_ytd: Money = budget_quarters[..q].iter().copied().sum();
        QuarterFigures {
            estimate: row.project.estimate,
            budget_year: row.budget_year,
            budget_quarter: budget_quarters[q - 1],
            actual_quarter: row.actual_quarters[q - 1],
            budget_ytd,
            actual_ytd: row.actual_quarters[..q].iter().copied().sum(),
            budget_to_date: Money::from_yuan(row.budget_before.yuan() + budget_ytd.yuan()),
            actual_to_date: row.actual_to_date,
        }
    }
}

/// Index of the rate among the amounts: after variance_ytd.
const RATE_AT: usize = 7;

/// The table view's default columns, most important first.
pub const VIEW: [&str; 11] = [
    "row_type",
    "id",
    "actual_quarter_wan",
    "budget_quarter_wan",
    "execution_rate_ytd",
    "category",
    "description",
    "actual_ytd_wan",
    "budget_ytd_wan",
    "status",
    "remaining_wan",
];

impl Figures for QuarterFigures {
    const WIDTH: usize = 10;

    fn amounts(&self) -> Vec<Money> {
        vec![
            self.estimate,
            self.budget_year,
            self.budget_quarter,
            self.actual_quarter,
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
            self.budget_quarter,
            self.actual_quarter,
            self.budget_ytd,
            self.actual_ytd,
            self.budget_to_date,
            self.actual_to_date,
        ];
        split_fields(f, parts)
            .into_iter()
            .map(|[e, by, bq, aq, bytd, aytd, btd, atd]| QuarterFigures {
                estimate: e,
                budget_year: by,
                budget_quarter: bq,
                actual_quarter: aq,
                budget_ytd: bytd,
                actual_ytd: aytd,
                budget_to_date: btd,
                actual_to_date: atd,
            })
            .collect()
    }
}

pub fn build(
    rows: &[BudgetRow],
    categories: &[Category],
    period: Period,
    by: SubtotalBy,
    lang: Lang,
) -> Result<Output> {
    let quarter = period.last_quarter();
    let items: Vec<(&Project, QuarterFigures)> = rows
        .iter()
        .map(|r| (&r.project, QuarterFigures::new(r, quarter)))
        .collect();
    budget_table(
        &items,
        categories,
        RATE_AT,
        columns(lang),
        VIEW.to_vec(),
        period.to_string(),
        by,
        lang,
    )
}

/// The report without its rows, for [`Grouper`] to stream them into (the command line's
/// CSV and JSON); [`build`] gives the same table whole.
pub fn template(period: Period, lang: Lang) -> Table {
    budget_template(columns(lang), VIEW.to_vec(), period.to_string(), lang)
}

/// Groups the report's rows as they come (in category order) into subtotals and a total.
pub fn grouper(categories: &[Category], lang: Lang) -> Grouper<'_, QuarterFigures> {
    Grouper::new(categories, RATE_AT, lang)
}

fn columns(lang: Lang) -> Vec<Column> {
    let mut columns = leading_columns(lang);
    columns.extend([
        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
        col("budget_year_wan", lang.pick(i18n::BUDGET_YEAR)),
        col("budget_quarter_wan", lang.pick(i18n::BUDGET_QUARTER)),
        col("actual_quarter_wan", lang.pick(i18n::ACTUAL_QUARTER)),
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
