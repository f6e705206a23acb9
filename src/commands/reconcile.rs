//! `ecoledger reconcile`: check the ledger against the plan's stated subtotals and the
//! allocation rule; exit 1 when anything differs.

use super::{Context, Outcome};
use crate::error::Result;
use crate::reports;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.clocks.view(&store)?;
    let data = store.reconcile_data(view)?;
    let result = reports::reconcile::build(&data, ctx.lang);
    ctx.emit(&result.output(ctx.lang))?;
    Ok(if result.passed() {
        Outcome::Success
    } else {
        Outcome::ChecksFailed
    })
}
