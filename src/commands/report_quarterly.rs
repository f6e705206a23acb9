//! `ecoledger report quarterly 2024Q2`: the quarterly budget-vs-actual report.

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::ops::budget;
use crate::reports;
use crate::reports::budget::SubtotalBy;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_name = "QUARTER")]
    pub period: String,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
    #[command(flatten)]
    pub scope: super::ScopeArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    if let Ok(Period::Year(y)) = Period::parse(&args.period) {
        return Err(Error::bad_value("QUARTER", msg::is_a_year_use_annual(y)));
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
