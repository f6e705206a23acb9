//! `ecoledger info`: the ledger's path, schema version, project count and grand total.

use super::{Context, Outcome};
use crate::error::Result;
use crate::reports;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &mut Context<'_>, _args: Args) -> Result<Outcome> {
    let store = ctx.open_store()?;
    let summary = store.summary()?;
    ctx.emit(&reports::info::build(&summary, ctx.lang))?;
    Ok(Outcome::Success)
}
