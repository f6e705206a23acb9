//! `ecoledger report annual 2024`: the year-end budget-vs-actual review.

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::domain::schedule::parse_year;
use crate::error::{Error, Result};
use crate::ops::budget;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_name = "YEAR")]
    pub year: String,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let year = parse_year(&args.year).map_err(|e| Error::bad_value("YEAR", e))?;
    // A bad --as-of is refused before the ledger is opened (or created).
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let period = Period::Year(year);
    let view = budget::report_view(&store, period, args.clocks.view(&store)?)?;
    let note = super::report_note(ctx, &store, period, view)?;
    let mut output = budget::annual(&store, year, view, ctx.lang)?;
    if let crate::render::Output::Table(t) = &mut output {
        t.note = note;
    }
    ctx.emit(&output)?;
    Ok(Outcome::Success)
}
