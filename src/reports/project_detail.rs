//! `projects show`: every field of one project, its estimate revisions with their
//! differences, its year allocation (explicit plan or even spread) and its lead
//! departments with their shares of the estimate, and the indicators it serves.

use crate::domain::project::Project;
use crate::domain::Money;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Output, Record, Table};
use crate::store::projects::Revision;

pub struct Detail<'a> {
    pub project: &'a Project,
    pub revisions: &'a [Revision],
    pub years: &'a [(i32, Money)],
    pub shares: &'a [(String, Money)],
    /// The plan's indicators the project is linked to (`indicators link`), by number.
    pub indicators: &'a [String],
}

pub fn build(d: &Detail<'_>, lang: Lang) -> Output {
    let p = d.project;
    let (allocation_code, allocation) = if p.has_plan {
        ("explicit", i18n::PLAN_EXPLICIT)
    } else {
        ("even", i18n::PLAN_EVEN)
    };
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
            col("stage", lang.pick(i18n::STAGE)),
            Cell::code(p.stage.code(), p.stage.label(lang)),
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
            Cell::code(p.status.code(), p.status.label(lang)),
        ),
        (
            col("allocation", lang.pick(i18n::ALLOCATION)),
            Cell::code(allocation_code, lang.pick(allocation)),
        ),
        (
            col("indicators", lang.pick(i18n::IND_SERVED)),
            Cell::text(d.indicators.join("、")),
        ),
    ];
    let mut previous: Option<Money> = None;
    let revision_rows = d
        .revisions
        .iter()
        .map(|r| {
            let change = previous.map_or(Cell::Empty, |prev| {
                Cell::Money(Money::from_yuan(r.estimate.yuan() - prev.yuan()))
            });
            previous = Some(r.estimate);
            vec![
                Cell::text(&r.effective_date),
                Cell::code(r.stage.code(), r.stage.label(lang)),
                Cell::Money(r.estimate),
                change,
                Cell::text(&r.actor),
                Cell::text(&r.reason),
            ]
        })
        .collect();
    let year_rows = d
        .years
        .iter()
        .map(|(y, m)| vec![Cell::Int((*y).into()), Cell::Money(*m)])
        .collect();
    let share_rows = d
        .shares
        .iter()
        .map(|(n, m)| vec![Cell::text(n), Cell::Money(*m)])
        .collect();
    let table = |columns, rows| Table {
        columns,
        rows,
        ..Default::default()
    };
    Output::Record(Record {
        header: [
            col("field", lang.pick(i18n::FIELD)),
            col("value", lang.pick(i18n::VALUE)),
        ],
        fields,
        sections: vec![
            (
                col("revisions", lang.pick(i18n::REVISIONS)),
                table(
                    vec![
                        col("effective_date", lang.pick(i18n::EFFECTIVE_DATE)),
                        col("stage", lang.pick(i18n::STAGE)),
                        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
                        col("change_wan", lang.pick(i18n::CHANGE_WAN)),
                        col("actor", lang.pick(i18n::ACTOR)),
                        col("reason", lang.pick(i18n::REASON)),
                    ],
                    revision_rows,
                ),
            ),
            (
                col("years", lang.pick(i18n::YEAR_ALLOCATION)),
                table(
                    vec![
                        col("year", lang.pick(i18n::YEAR)),
                        col("amount_wan", lang.pick(i18n::AMOUNT_WAN)),
                    ],
                    year_rows,
                ),
            ),
            (
                col("department_shares", lang.pick(i18n::DEPARTMENT_SHARES)),
                table(
                    vec![
                        col("department", lang.pick(i18n::DEPARTMENT)),
                        col("estimate_share_wan", lang.pick(i18n::ESTIMATE_SHARE_WAN)),
                    ],
                    share_rows,
                ),
            ),
        ],
    })
}
