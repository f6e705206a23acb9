//! `report annual 2024 --compare 2023`: two years side by side — each project's budget
//! and spending in the year and in the other year, the year's execution rate, and the
//! changes — with subtotals and a total. A project in either year is listed; a year in
//! which it had no budget and no spending shows zeros.

use super::budget::{
    budget_table, diff, execution_rate, leading_columns, split_fields, Figures, SubtotalBy,
};
use crate::domain::category::Category;
use crate::domain::project::Project;
use crate::domain::Money;
use crate::error::Result;
use crate::i18n::{self, Lang};
use crate::render::{col, intern, Cell, Column, Output};
use crate::store::spending::BudgetRow;
use std::collections::HashMap;

/// A project's figures in the two years.
pub struct CompareFigures {
    estimate: Money,
    budget: Money,
    actual: Money,
    budget_other: Money,
    actual_other: Money,
}

const RATE_AT: usize = 3;

/// The table view's default columns, most important first.
pub const VIEW: [&str; 9] = [
    "row_type",
    "id",
    "budget_year_wan",
    "actual_year_wan",
    "budget_other_wan",
    "actual_other_wan",
    "actual_change_wan",
    "execution_rate_year",
    "category",
];

impl Figures for CompareFigures {
    const WIDTH: usize = 7;

    fn amounts(&self) -> Vec<Money> {
        vec![
            self.estimate,
            self.budget,
            self.actual,
            self.budget_other,
            self.actual_other,
            diff(self.budget, self.budget_other),
            diff(self.actual, self.actual_other),
        ]
    }

    fn rate(a: &[Money]) -> Cell {
        execution_rate(a[2], a[1]).map_or(Cell::Empty, Cell::Percent)
    }

    fn split(&self, parts: usize) -> Vec<Self> {
        let f = [
            self.estimate,
            self.budget,
            self.actual,
            self.budget_other,
            self.actual_other,
        ];
        split_fields(f, parts)
            .into_iter()
            .map(|[e, b, a, bo, ao]| CompareFigures {
                estimate: e,
                budget: b,
                actual: a,
                budget_other: bo,
                actual_other: ao,
            })
            .collect()
    }
}

fn year_actual(r: &BudgetRow) -> Money {
    r.actual_quarters.iter().copied().sum()
}

fn columns(year: i32, other: i32, lang: Lang) -> Vec<Column> {
    let label =
        |words: i18n::Words, y: i32| intern(lang.pick(words).replace("{year}", &y.to_string()));
    let mut columns = leading_columns(lang);
    columns.extend([
        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
        col("budget_year_wan", label(i18n::BUDGET_IN_YEAR, year)),
        col("actual_year_wan", label(i18n::ACTUAL_IN_YEAR, year)),
        col("execution_rate_year", label(i18n::RATE_IN_YEAR, year)),
        col("budget_other_wan", label(i18n::BUDGET_IN_YEAR, other)),
        col("actual_other_wan", label(i18n::ACTUAL_IN_YEAR, other)),
        col("budget_change_wan", lang.pick(i18n::BUDGET_CHANGE)),
        col("actual_change_wan", lang.pick(i18n::ACTUAL_CHANGE)),
    ]);
    columns
}

/// The comparison of `year` (its rows) with `other` (its rows).
pub fn build(
    rows: &[BudgetRow],
    other_rows: &[BudgetRow],
    categories: &[Category],
    (year, other): (i32, i32),
    by: SubtotalBy,
    lang: Lang,
) -> Result<Output> {
    let others: HashMap<&str, &BudgetRow> = other_rows
        .iter()
        .map(|r| (r.project.id.as_str(), r))
        .collect();
    let mut items: Vec<(&Project, CompareFigures)> = rows
        .iter()
        .map(|r| {
            let o = others.get(r.project.id.as_str());
            (
                &r.project,
                CompareFigures {
                    estimate: r.project.estimate,
                    budget: r.budget_year,
                    actual: year_actual(r),
                    budget_other: o.map_or(Money::ZERO, |o| o.budget_year),
                    actual_other: o.map_or(Money::ZERO, |o| year_actual(o)),
                },
            )
        })
        .collect();
    // Projects only in the other year, after the year's own.
    let here: std::collections::HashSet<&str> =
        rows.iter().map(|r| r.project.id.as_str()).collect();
    items.extend(
        other_rows
            .iter()
            .filter(|o| !here.contains(o.project.id.as_str()))
            .map(|o| {
                (
                    &o.project,
                    CompareFigures {
                        estimate: o.project.estimate,
                        budget: Money::ZERO,
                        actual: Money::ZERO,
                        budget_other: o.budget_year,
                        actual_other: year_actual(o),
                    },
                )
            }),
    );
    let mut output = budget_table(
        &items,
        categories,
        RATE_AT,
        columns(year, other, lang),
        VIEW.to_vec(),
        format!("{year} vs {other}"),
        by,
        lang,
    )?;
    if let Output::Table(t) = &mut output {
        t.title = Some(format!("{year}-{other}"));
    }
    Ok(output)
}
