//! `ecoledger totals --by KEY`: project counts and estimates per category, group,
//! department, year or status, with a total row.

use super::{Context, Outcome, ViewArgs};
use crate::error::Result;
use crate::reports;
use crate::store::totals::TotalsBy;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = TotalsBy::Category)]
    pub by: TotalsBy,
    #[command(flatten)]
    pub view: ViewArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    args.view.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.view.view(&store)?;
    let totals = store.totals(view, args.by)?;
    let categories = store.categories()?;
    ctx.emit(&reports::totals::build(
        args.by,
        &totals,
        &categories,
        ctx.lang,
    ))?;
    Ok(Outcome::Success)
}
