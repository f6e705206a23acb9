//! `ecoledger indicators score --year Y`: every indicator's value, tier and points for a
//! year (its latest value for that year or before; the plan's 2021 value without one),
//! the total out of 100, and whether the basic conditions' veto applies.

use super::{Context, Outcome};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::reports;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    if !(reports::indicators::BASE_YEAR..=2200).contains(&args.year) {
        return Err(Error::bad_value(
            "--year",
            msg::err_indicator_year(args.year, chrono::Datelike::year(&ctx.clock.today())),
        ));
    }
    let table = crate::seed::indicators()?;
    let store = ctx.open_store()?;
    let measurements = store.measurements()?;
    let score = reports::indicators::score(&table, &measurements, args.year);
    ctx.emit(&reports::indicators::score_output(&table, &score, ctx.lang))?;
    Ok(Outcome::Success)
}
