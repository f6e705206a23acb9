//! `totals --by …`: one row per key with its project count and estimate, then a total
//! row. By department there is also each department's even share of the projects it
//! co-leads; only that share column adds up to the grand total.

use crate::domain::category::Category;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Table};
use crate::store::totals::{Key, Totals, TotalsBy};

pub fn build(by: TotalsBy, totals: &Totals, categories: &[Category], lang: Lang) -> Output {
    let key_label = match by {
        TotalsBy::Category => i18n::CATEGORY,
        TotalsBy::Group => i18n::GROUP,
        TotalsBy::Department => i18n::DEPARTMENT,
        TotalsBy::Year => i18n::YEAR,
        TotalsBy::Status => i18n::STATUS,
    };
    let mut columns = vec![
        col("key", lang.pick(key_label)),
        col("projects", lang.pick(i18n::PROJECTS)),
        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
    ];
    let with_share = by == TotalsBy::Department;
    if with_share {
        columns.push(col(
            "estimate_share_wan",
            lang.pick(i18n::ESTIMATE_SHARE_WAN),
        ));
    }
    let mut rows: Vec<Vec<Cell>> = totals
        .rows
        .iter()
        .map(|t| {
            let key = match &t.key {
                Key::Category(n) => Cell::text(
                    categories
                        .iter()
                        .find(|c| c.table == *n)
                        .map_or_else(|| n.to_string(), |c| c.label(lang).to_string()),
                ),
                Key::Group(g) | Key::Department(g) => Cell::text(g),
                Key::Year(y) => Cell::text(y.to_string()),
                Key::Status(s) => Cell::code(s.code(), s.label(lang)),
            };
            let mut row = vec![key, Cell::Int(t.projects), Cell::Money(t.estimate)];
            if with_share {
                row.push(t.share.map_or(Cell::Empty, Cell::Money));
            }
            row
        })
        .collect();
    // The total row counts each project once (a project spans several years and may
    // have several departments). Its amount is the sum of the rows above, except in the
    // department estimate column, which double-counts co-led projects and so shows the
    // grand total of distinct projects instead.
    let estimate_total = if with_share {
        totals.grand_total
    } else {
        totals.rows.iter().map(|t| t.estimate).sum()
    };
    let mut total = vec![
        Cell::code("total", lang.pick(i18n::TOTAL)),
        Cell::Int(totals.projects),
        Cell::Money(estimate_total),
    ];
    if with_share {
        total.push(Cell::Money(
            totals.rows.iter().filter_map(|t| t.share).sum(),
        ));
    }
    rows.push(total);
    let note = with_share.then(|| lang.pick(i18n::DEPARTMENT_NOTE).to_string());
    let mut strong = vec![false; rows.len() - 1];
    strong.push(true);
    Output::Table(Table {
        columns,
        rows,
        note,
        strong,
        title: Some(lang.pick(i18n::TOTALS_TITLE).to_string()),
        ..Default::default()
    })
}
