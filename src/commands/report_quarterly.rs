//! `ecoledger report quarterly 2024Q2`: the quarterly budget-vs-actual report.

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::ops::budget;
use crate::reports;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_name = "QUARTER")]
    pub period: String,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let period = Period::parse(&args.period).map_err(|e| Error::bad_value("QUARTER", e))?;
    if let Period::Year(y) = period {
        return Err(Error::bad_value("QUARTER", msg::is_a_year_use_annual(y)));
    }
    let period = budget::parse_quarter(&period.to_string(), "QUARTER")?;
    // Bad flags are refused before the ledger is opened (or created).
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = budget::report_view(&store, period, args.clocks.view(&store)?)?;
    let note = super::report_note(ctx, &store, period, view)?;
    // Streamed: CSV and JSON go out as SQLite returns the projects.
    let lang = ctx.lang;
    ctx.emit_rows(reports::quarterly::template(period, lang), |table| {
        budget::quarterly_into(&store, period, view, lang, table)?;
        Ok(note)
    })?;
    Ok(Outcome::Success)
}
