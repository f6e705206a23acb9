//! `ecoledger report quarterly 2024Q2`: the quarterly budget-vs-actual report.

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::ops::budget;
use crate::reports;
use crate::reports::budget::SubtotalBy;

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
a subtotal per category, and a total. Budgets split each year's allocation into quarters exactly.

Cuts: --category, --department and --status narrow the projects (each repeatable: any of them);
--subtotal-by department gives a subtotal per lead department instead, a co-led project's figures
shared among its departments so that the subtotals add up to the total:
  ecoledger report quarterly 2024Q2 --department 区水利局 --department 区生态环境局
  ecoledger report quarterly 2024Q2 --category 5 --status in_progress
  ecoledger report quarterly 2024Q2 --subtotal-by department")]
pub struct Args {
    /// The quarter, e.g. 2024Q2.
    #[arg(value_name = "QUARTER")]
    pub period: String,
    /// Report the ledger as it stood at the end of this date (estimates, plans and
    /// statuses by effective date; spending recorded by then).
    #[command(flatten)]
    pub clocks: super::ClockArgs,
    #[command(flatten)]
    pub scope: super::ScopeArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    if let Ok(Period::Year(y)) = Period::parse(&args.period) {
        return Err(Error::bad_value(
            "QUARTER",
            format!("'{y}' is a year; give a quarter like {y}Q2, or use `report annual {y}`"),
        ));
    }
    let period = budget::parse_quarter(&args.period, "QUARTER")?;
    // Bad flags are refused before the ledger is opened (or created).
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = budget::report_view(&store, period, args.clocks.view(&store)?)?;
    let scope = args.scope.scope(&store, period.year())?;
    let lang = ctx.lang;
    let note = super::report_note(ctx, &store, period, view)?;
    let note = super::with_scope_note(note, &args.scope, lang);
    if scope.by == SubtotalBy::Department {
        // Grouped by department: the rows are gathered first.
        let mut output = budget::quarterly(&store, period, view, &scope, lang)?;
        if let crate::render::Output::Table(t) = &mut output {
            t.note = super::join_notes(t.note.take(), note);
        }
        ctx.emit(&output)?;
        return Ok(Outcome::Success);
    }
    // Streamed: CSV and JSON go out as SQLite returns the projects.
    ctx.emit_rows(reports::quarterly::template(period, lang), |table| {
        budget::quarterly_into(&store, period, view, &scope, lang, table)?;
        Ok(note)
    })?;
    Ok(Outcome::Success)
}
