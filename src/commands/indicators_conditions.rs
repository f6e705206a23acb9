//! `ecoledger indicators conditions [--year Y]`: the 7 basic conditions (基本条件) with
//! their 2021 status and their latest recorded one; any unmet condition vetoes the score.

use super::{Context, Outcome};
use crate::error::Result;
use crate::reports;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub clocks: super::ClockArgs,
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let table = crate::seed::indicators()?;
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.clocks.view(&store)?;
    let measurements = store.measurements_in(view)?;
    let year = args
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&ctx.clock.today()));
    let score = reports::indicators::score(&table, &measurements, year);
    ctx.emit(&reports::indicators::conditions(&table, &score, ctx.lang))?;
    Ok(Outcome::Success)
}
