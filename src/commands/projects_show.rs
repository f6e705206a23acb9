//! `ecoledger projects show ID`: one project in full.

use super::{Context, Outcome};
use crate::domain::project::normalize_id;
use crate::error::Result;
use crate::reports;

/// Show every field of one project, its year allocation and its departments.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  ecoledger projects show A5-04\n  ecoledger projects show a1-11 --format json"
)]
pub struct Args {
    /// Project id, e.g. A5-04 (case-insensitive).
    pub id: String,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let store = ctx.open_store()?;
    let id = normalize_id(&args.id);
    let project = store.project(&id)?;
    let years = store.project_years(&id)?;
    let shares = store.project_department_shares(&id)?;
    ctx.emit(&reports::project_detail::build(
        &project, &years, &shares, ctx.lang,
    ))?;
    Ok(Outcome::Success)
}
