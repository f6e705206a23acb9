//! `ecoledger projects list`: the projects, filtered by category, department, year,
//! text or overdue, now or as of a date.

use super::{Context, Outcome, ViewArgs};
use crate::error::Result;
use crate::ops::filter::{project_filter, FilterInput};
use crate::reports;
use chrono::Datelike;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: super::FilterArgs,
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[arg(long)]
    pub overdue: bool,
    #[command(flatten)]
    pub view: ViewArgs,
}

/// Turns the flags into a filter, refusing unknown categories and departments.
pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    args.view.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.view.view(&store)?;
    let as_of_year = view
        .as_of_date()
        .map_or_else(|| ctx.clock.today().year(), |d| d.year());
    let input = FilterInput {
        year: args.year,
        search: args.search,
        overdue: args.overdue,
        ..args.filter.input()
    };
    let filter = project_filter(&store, &input, as_of_year)?;
    // Streamed: CSV and JSON go out as SQLite returns the projects.
    let lang = ctx.lang;
    ctx.emit_rows(reports::projects_list::template(lang), |table| {
        store.for_each_project(view, &filter, |p| {
            table.row(reports::projects_list::row(&p, lang))
        })?;
        Ok(None)
    })?;
    Ok(Outcome::Success)
}
