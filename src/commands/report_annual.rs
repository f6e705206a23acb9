//! `ecoledger report annual 2024`: the year-end budget-vs-actual review, optionally
//! beside another year (`--compare 2023`).

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::domain::schedule::parse_year;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::ops::budget;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_name = "YEAR")]
    pub year: String,
    #[arg(long, value_name = "YEAR")]
    pub compare: Option<String>,
    /// Report the ledger as it stood at the end of this date.
    #[command(flatten)]
    pub clocks: super::ClockArgs,
    #[command(flatten)]
    pub scope: super::ScopeArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let year = parse_year(&args.year).map_err(|e| Error::bad_value("YEAR", e))?;
    let other = args
        .compare
        .as_deref()
        .map(|y| parse_year(y).map_err(|e| Error::bad_value("--compare", e)))
        .transpose()?;
    if other == Some(year) {
        return Err(Error::bad_value("--compare", msg::compare_own_year(year)));
    }
    // A bad --as-of is refused before the ledger is opened (or created).
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let period = Period::Year(year);
    let view = budget::report_view(&store, period, args.clocks.view(&store)?)?;
    let scope = args.scope.scope(&store, year)?;
    let lang = ctx.lang;
    let note = super::report_note(ctx, &store, period, view)?;
    let note = super::with_scope_note(note, &args.scope, lang);
    let mut output = match other {
        Some(other) => budget::compare(&store, (year, other), view, &scope, lang)?,
        None => budget::annual(&store, year, view, &scope, lang)?,
    };
    if let crate::render::Output::Table(t) = &mut output {
        t.note = super::join_notes(t.note.take(), note);
    }
    ctx.emit(&output)?;
    Ok(Outcome::Success)
}
