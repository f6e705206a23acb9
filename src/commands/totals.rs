//! `ecoledger totals --by KEY`: project counts and estimates per category, group,
//! department, year, status or indicator, with a total row.

use super::{Context, Outcome, ViewArgs};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::reports;
use crate::store::totals::TotalsBy;

/// What `--by` takes: the store's keys, and the indicators the projects are linked to
/// (totalled from the links, not by the store's GROUP BY).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Category,
    Group,
    Department,
    Year,
    Status,
    Indicator,
}

impl By {
    fn store(self) -> Option<TotalsBy> {
        Some(match self {
            By::Category => TotalsBy::Category,
            By::Group => TotalsBy::Group,
            By::Department => TotalsBy::Department,
            By::Year => TotalsBy::Year,
            By::Status => TotalsBy::Status,
            By::Indicator => return None,
        })
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, num_args = 1, action = clap::ArgAction::Append)]
    pub by: Vec<By>,
    #[command(flatten)]
    pub view: ViewArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    args.view.clocks.check()?;
    if args.by.contains(&By::Indicator) {
        if args.by.len() > 1 {
            return Err(Error::bad_value("--by", msg::indicator_totals_alone()));
        }
        return by_indicator(ctx, &args);
    }
    let by: Vec<TotalsBy> = args.by.iter().filter_map(|b| b.store()).collect();
    let by = match by.as_slice() {
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

/// `totals --by indicator`: the projects as of the view, shared among the indicators
/// they are linked to (the links in force now).
fn by_indicator(ctx: &mut Context<'_>, args: &Args) -> Result<Outcome> {
    let table = crate::seed::indicators()?;
    let store = ctx.open_store()?;
    let view = args.view.view(&store)?;
    let projects = store.projects(view, &crate::store::projects::ProjectFilter::default())?;
    let spent = store.spent_by_project()?;
    let money: Vec<_> = projects
        .iter()
        .map(|p| reports::indicator_totals::ProjectMoney {
            id: p.id.clone(),
            estimate: p.estimate,
            spent: spent
                .get(&p.id)
                .copied()
                .unwrap_or(crate::domain::Money::ZERO),
        })
        .collect();
    let links = store.indicator_links()?;
    let totals = reports::indicator_totals::compute(&money, &links);
    ctx.emit(&reports::indicator_totals::build(&table, &totals, ctx.lang))?;
    Ok(Outcome::Success)
}
