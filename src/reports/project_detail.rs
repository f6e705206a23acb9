//! `projects show`: every field of one project, its year allocation and its lead
//! departments with their shares of the estimate.

use crate::domain::project::Project;
use crate::domain::Money;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Record, Table};

pub fn build(
    p: &Project,
    years: &[(i32, Money)],
    shares: &[(String, Money)],
    lang: Lang,
) -> Output {
    let fields = vec![
        (col("id", lang.pick(i18n::ID)), Cell::text(&p.id)),
        (
            col("table", lang.pick(i18n::TABLE)),
            Cell::Int(p.table.into()),
        ),
        (
            col("category", lang.pick(i18n::CATEGORY)),
            Cell::text(p.category_label(lang)),
        ),
        (col("group", lang.pick(i18n::GROUP)), Cell::text(&p.group)),
        (
            col("description", lang.pick(i18n::DESCRIPTION)),
            Cell::text(&p.description),
        ),
        (
            col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
            Cell::Money(p.estimate),
        ),
        (
            col("schedule", lang.pick(i18n::SCHEDULE)),
            Cell::text(p.schedule.to_string()),
        ),
        (
            col("start_year", lang.pick(i18n::START_YEAR)),
            Cell::Int(p.schedule.start.into()),
        ),
        (
            col("end_year", lang.pick(i18n::END_YEAR)),
            Cell::Int(p.schedule.end.into()),
        ),
        (
            col("departments", lang.pick(i18n::DEPARTMENTS)),
            Cell::text(p.departments_joined()),
        ),
        (
            col("status", lang.pick(i18n::STATUS)),
            Cell::text(p.status.label(lang)),
        ),
    ];
    // Both sections add up to the estimate shown above, so they carry no total row.
    let year_rows = years
        .iter()
        .map(|(y, m)| vec![Cell::Int((*y).into()), Cell::Money(*m)])
        .collect();
    let share_rows = shares
        .iter()
        .map(|(d, m)| vec![Cell::text(d), Cell::Money(*m)])
        .collect();
    Output::Record(Record {
        header: [
            col("field", lang.pick(i18n::FIELD)),
            col("value", lang.pick(i18n::VALUE)),
        ],
        fields,
        sections: vec![
            (
                col("years", lang.pick(i18n::YEAR_ALLOCATION)),
                Table {
                    columns: vec![
                        col("year", lang.pick(i18n::YEAR)),
                        col("amount_wan", lang.pick(i18n::AMOUNT_WAN)),
                    ],
                    rows: year_rows,
                    note: None,
                },
            ),
            (
                col("department_shares", lang.pick(i18n::DEPARTMENT_SHARES)),
                Table {
                    columns: vec![
                        col("department", lang.pick(i18n::DEPARTMENT)),
                        col("estimate_share_wan", lang.pick(i18n::ESTIMATE_SHARE_WAN)),
                    ],
                    rows: share_rows,
                    note: None,
                },
            ),
        ],
    })
}
