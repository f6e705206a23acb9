//! `ecoledger totals --by KEY`: project counts and estimates per category, group,
//! department, year or status, with a total row.

use super::{Context, Outcome, ViewArgs};
use crate::error::{Error, Result};
use crate::reports;
use crate::store::totals::TotalsBy;

/// Totals of the estimates, grouped by one key.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger totals --by category
  ecoledger totals --by year --format csv
  ecoledger totals --by department      (estimate_share_wan adds up; estimate_wan does not)
  ecoledger totals --by status --as-of 2024-06-30
  ecoledger totals --original           (the plan's own figures)
  ecoledger totals --by category --by year   (分年度分类汇总表: a matrix with row and column totals)

Two --by give a matrix: the first key down, the second across, with a total per row, per
column and overall, exact to the 元. By year each estimate is spread over its schedule (or its
explicit plan); by department it is shared among its lead departments, so every cell adds up.")]
pub struct Args {
    /// What to total by (give two for a matrix). `year` spreads each estimate evenly
    /// over its schedule years.
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
        [a, b] if a == b => {
            return Err(Error::bad_value(
                "--by",
                "the two keys of a matrix must differ",
            ))
        }
        [a, b] => vec![*a, *b],
        _ => {
            return Err(Error::bad_value(
                "--by",
                "at most two keys (a matrix: the first down, the second across)",
            ))
        }
    };
    let store = ctx.open_store()?;
    let view = args.view.view(&store)?;
    let categories = store.categories()?;
    // A date before any project takes effect gives zeros: say why, not silently.
    if let (Some(as_of), Some(first)) = (view.as_of_date(), store.first_effective_date()?) {
        if crate::domain::date::format_date(as_of) < first {
            ctx.warn(&match ctx.lang {
                crate::i18n::Lang::En => format!(
                    "no project is in the ledger as of {as_of}: the earliest takes effect on {first}; every total is zero"
                ),
                crate::i18n::Lang::Zh => format!(
                    "截至 {as_of} 账本中尚无项目：最早的项目生效日期为 {first}；各项合计均为零"
                ),
            })?;
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
