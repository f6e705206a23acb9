//! `ecoledger indicators show NO`: one indicator in full — its tiers or parts, every
//! value recorded for it, and the projects linked to it with their estimate, status and
//! spending.

use super::{Context, Outcome};
use crate::error::Result;
use crate::{ops, reports};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub no: String,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let table = crate::seed::indicators()?;
    let store = ctx.open_store()?;
    let d = ops::indicator::detail(&store, &table, &args.no, ctx.lang)?;
    let measurements: Vec<_> = d.measurements.iter().collect();
    ctx.emit(&reports::indicators::show(
        d.indicator,
        &measurements,
        &d.linked,
        ctx.lang,
    ))?;
    Ok(Outcome::Success)
}
