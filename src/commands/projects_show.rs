//! `ecoledger projects show ID`: one project in full, now or as of a date.

use super::{Context, Outcome, ViewArgs};
use crate::domain::project::normalize_id;
use crate::error::Result;
use crate::reports;
use crate::reports::project_detail::Detail;

/// Show every field of one project, its year allocation and its departments.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  ecoledger projects show A5-04\n  ecoledger projects show a1-11 --format json"
)]
pub struct Args {
    /// Project id, e.g. A5-04 (case-insensitive).
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
    let detail = Detail {
        project: &project,
        revisions: &revisions,
        years: &years,
        shares: &shares,
    };
    ctx.emit(&reports::project_detail::build(&detail, ctx.lang))?;
    Ok(Outcome::Success)
}
