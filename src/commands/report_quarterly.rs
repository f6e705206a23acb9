//! `ecoledger report quarterly 2024Q2`: the quarterly budget-vs-actual report.

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::ops::budget;
use crate::reports;

/// The quarterly budget-vs-actual report (预算执行情况), with category subtotals and a total.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger report quarterly 2024Q2
  ecoledger --lang zh report quarterly 2024Q2 --format csv --bom --out 2024Q2.csv
  ecoledger report quarterly 2024Q2 --format xlsx --out 2024Q2.xlsx
  ecoledger report quarterly 2024Q2 --as-of 2024-06-30 --format csv   (by effective dates: what happened by then)
  ecoledger report quarterly 2024Q2 --known-at 2024-07-15 --format csv (by recorded time: what the ledger said that day)

A quarter inside the closed books (`ecoledger period close`) is reported as of its end: the same
bytes whatever is recorded later. The table view ends with the ledger's chain head.

Rows: every project whose schedule covers the year or that has spending in it (row_type project),
a subtotal per category, and a total. Budgets split each year's allocation into quarters exactly.")]
pub struct Args {
    /// The quarter, e.g. 2024Q2.
    #[arg(value_name = "QUARTER")]
    pub period: String,
    /// Report the ledger as it stood at the end of this date (estimates, plans and
    /// statuses by effective date; spending recorded by then).
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let period = Period::parse(&args.period).map_err(|e| Error::bad_value("QUARTER", e))?;
    if let Period::Year(y) = period {
        return Err(Error::bad_value(
            "QUARTER",
            format!("'{y}' is a year; give a quarter like {y}Q2, or use `report annual {y}`"),
        ));
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
