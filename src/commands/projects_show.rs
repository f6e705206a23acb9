//! `ecoledger projects show ID`: one project in full, now or as of a date.

use super::{Context, Outcome, ViewArgs};
use crate::domain::project::normalize_id;
use crate::error::Result;
use crate::reports;
use crate::reports::project_detail::Detail;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub id: String,
    #[command(flatten)]
    pub view: ViewArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    args.view.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.view.view(&store)?;
    let id = normalize_id(&args.id);
    let project = store.project(view, &id)?;
    let revisions = store.revisions(view, &id)?;
    let years = store.project_years(view, &id)?;
    let shares = store.project_department_shares(view, &id)?;
    let indicators = store.indicators_of(&id)?;
    let detail = Detail {
        project: &project,
        revisions: &revisions,
        years: &years,
        shares: &shares,
        indicators: &indicators,
    };
    ctx.emit(&reports::project_detail::build(&detail, ctx.lang))?;
    Ok(Outcome::Success)
}
