//! `ecoledger report annual 2024`: the year-end budget-vs-actual review.

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::domain::schedule::parse_year;
use crate::error::{Error, Result};
use crate::ops::budget;
use crate::reports;

/// The annual review: quarters side by side, the year, and to date, per project.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger report annual 2024
  ecoledger --lang zh report annual 2024 --format xlsx --out 2024年度.xlsx")]
pub struct Args {
    /// The year, e.g. 2024.
    #[arg(value_name = "YEAR")]
    pub year: String,
    /// Report the ledger as it stood at the end of this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let year = parse_year(&args.year).map_err(|e| Error::bad_value("YEAR", e))?;
    // A bad --as-of is refused before the ledger is opened (or created).
    budget::as_of_bounds(args.as_of.as_deref())?;
    let store = ctx.open_store()?;
    let rows = budget::rows(&store, Period::Year(year), args.as_of.as_deref())?;
    let categories = store.categories()?;
    ctx.emit(&reports::annual::build(&rows, &categories, year, ctx.lang)?)?;
    Ok(Outcome::Success)
}
