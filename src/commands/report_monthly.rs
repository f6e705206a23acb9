//! `ecoledger report monthly 2024-05`: the month's budget-vs-actual report (月度执行).

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::ops::budget;

/// The monthly budget-vs-actual report (月度执行), with subtotals and a total.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger report monthly 2024-05
  ecoledger report monthly 2024-05 --department 区水利局 --format csv

The month's budget is its quarter's budget split over the quarter's three months by the
allocation rule (whole 元, the leftover to the earliest months): the three months of a quarter
add up to the quarter exactly. Spending counts by payment date. Year to date runs to the
month's end.")]
pub struct Args {
    /// The month, e.g. 2024-05.
    #[arg(value_name = "MONTH")]
    pub month: String,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
    #[command(flatten)]
    pub scope: super::ScopeArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let period = Period::parse(&args.month).map_err(|e| Error::bad_value("MONTH", e))?;
    let Period::Month(year, month) = period else {
        return Err(Error::bad_value(
            "MONTH",
            format!("'{}' is not a month; give one like 2024-05", args.month),
        ));
    };
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = budget::report_view(&store, period, args.clocks.view(&store)?)?;
    let scope = args.scope.scope(&store, year)?;
    let lang = ctx.lang;
    let note = super::report_note(ctx, &store, period, view)?;
    let note = super::with_scope_note(note, &args.scope, lang);
    let mut output = budget::monthly(&store, (year, month), view, &scope, lang)?;
    if let crate::render::Output::Table(t) = &mut output {
        t.note = super::join_notes(t.note.take(), note);
    }
    ctx.emit(&output)?;
    Ok(Outcome::Success)
}
