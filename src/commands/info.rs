//! `ecoledger info`: the ledger's path, schema version, project count and grand total.

use super::{Context, Outcome};
use crate::error::Result;
use crate::reports;

/// Show where the ledger is and what it holds.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  ecoledger info\n  ecoledger info --format json")]
pub struct Args {}

pub fn run(ctx: &mut Context<'_>, _args: Args) -> Result<Outcome> {
    let store = ctx.open_store()?;
    let summary = store.summary()?;
    ctx.emit(&reports::info::build(&summary, ctx.lang))?;
    Ok(Outcome::Success)
}
