//! `ecoledger projects export`: every project as the `projects list` CSV, the format
//! `projects import` reads back.

use super::{Context, Outcome};
use crate::error::Result;
use crate::render::Format;
use crate::reports;
use crate::store::projects::ProjectFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.clocks.view(&store)?;
    ctx.render.format = Format::Csv;
    let lang = ctx.lang;
    ctx.emit_rows(reports::projects_list::template(lang), |table| {
        store.for_each_project(view, &ProjectFilter::default(), |p| {
            table.row(reports::projects_list::row(&p, lang))
        })?;
        Ok(None)
    })?;
    Ok(Outcome::Success)
}
