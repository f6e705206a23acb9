//! `ecoledger totals --by KEY`: project counts and estimates per category, group,
//! department, year or status, with a total row.

use super::{Context, Outcome, ViewArgs};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::reports;
use crate::store::totals::TotalsBy;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, num_args = 1, action = clap::ArgAction::Append)]
    pub by: Vec<TotalsBy>,
    #[command(flatten)]
    pub view: ViewArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    args.view.clocks.check()?;
    let by = match args.by.as_slice() {
        [] => vec![TotalsBy::Category],
        [one] => vec![*one],
        [a, b] if a == b => return Err(Error::bad_value("--by", msg::matrix_keys_differ())),
        [a, b] => vec![*a, *b],
        _ => return Err(Error::bad_value("--by", msg::matrix_at_most_two())),
    };
    let store = ctx.open_store()?;
    let view = args.view.view(&store)?;
    let categories = store.categories()?;
    // A date before any project takes effect gives zeros: say why, not silently.
    if let (Some(as_of), Some(first)) = (view.as_of_date(), store.first_effective_date()?) {
        if crate::domain::date::format_date(as_of) < first {
            ctx.warn(&msg::totals_before_plan(as_of.to_string(), first.clone()))?;
        }
    }
    if let [rows, columns] = by[..] {
        let cells = store.matrix(view, rows, columns)?;
        ctx.emit(&reports::matrix::build(
            (rows, columns),
            &cells,
            &categories,
            ctx.lang,
        )?)?;
        return Ok(Outcome::Success);
    }
    let totals = store.totals(view, by[0])?;
    ctx.emit(&reports::totals::build(
        by[0],
        &totals,
        &categories,
        ctx.lang,
    ))?;
    Ok(Outcome::Success)
}
