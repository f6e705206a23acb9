//! `ecoledger report monthly 2024-05`: the month's budget-vs-actual report (月度执行).

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::ops::budget;

#[derive(Debug, clap::Args)]
pub struct Args {
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
            msg::not_a_month(args.month.trim()),
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
