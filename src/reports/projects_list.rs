//! `projects list`: one row per project with the columns the finance bureau files.

use crate::domain::project::Project;
use crate::i18n::{self, Lang};
use crate::render::{col, Cell, Column, Output, Table};

/// The listing without its rows.
pub fn template(lang: Lang) -> Table {
    Table {
        view: VIEW.to_vec(),
        ..Table::of(columns(lang))
    }
}

/// The table view's default columns, most important first.
pub const VIEW: [&str; 10] = [
    "id",
    "group",
    "estimate_wan",
    "status",
    "start_year",
    "end_year",
    "description",
    "departments",
    "category",
    "table",
];

/// The listing's columns.
pub fn columns(lang: Lang) -> Vec<Column> {
    vec![
        col("id", lang.pick(i18n::ID)),
        col("table", lang.pick(i18n::TABLE)),
        col("category", lang.pick(i18n::CATEGORY)),
        col("group", lang.pick(i18n::GROUP)),
        col("description", lang.pick(i18n::DESCRIPTION)),
        col("estimate_wan", lang.pick(i18n::ESTIMATE_WAN)),
        col("start_year", lang.pick(i18n::START_YEAR)),
        col("end_year", lang.pick(i18n::END_YEAR)),
        col("departments", lang.pick(i18n::DEPARTMENTS)),
        col("status", lang.pick(i18n::STATUS)),
    ]
}

/// One project's row.
pub fn row(p: &Project, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::text(&p.id),
        Cell::Int(p.table.into()),
        Cell::text(p.category_label(lang)),
        Cell::text(&p.group),
        Cell::text(&p.description),
        Cell::Money(p.estimate),
        Cell::Int(p.schedule.start.into()),
        Cell::Int(p.schedule.end.into()),
        Cell::text(p.departments_joined()),
        Cell::code(p.status.code(), p.status.label(lang)),
    ]
}

/// The whole listing at once (the dashboard); `projects list` streams the same rows
/// through [`columns`] and [`row`].
pub fn build(projects: &[Project], lang: Lang) -> Output {
    Output::Table(Table {
        rows: projects.iter().map(|p| row(p, lang)).collect(),
        ..template(lang)
    })
}
