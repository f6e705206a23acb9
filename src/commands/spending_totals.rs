//! `ecoledger spending totals --by KEY`: what was spent per category, department,
//! project, month or quarter, with the total.

use super::{Context, Outcome};
use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::reports;
use crate::store::spending::{SpendingBy, SpendingFilter};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value_t = SpendingBy::Category)]
    pub by: SpendingBy,
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let period = args
        .period
        .as_deref()
        .map(|p| Period::parse(p).map_err(|e| Error::bad_value("--period", e)))
        .transpose()?;
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.clocks.view(&store)?;
    let to = match (period.map(|p| p.end()), view.as_of_date()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let filter = SpendingFilter {
        from: period.map(|p| format_date(p.start())),
        to: to.map(format_date),
        known: view.known,
        ..Default::default()
    };
    let sums = store.spending_totals(args.by, &filter)?;
    let output = reports::spending_totals::build(args.by, &sums, &store.categories()?, ctx.lang)?;
    ctx.emit(&output)?;
    Ok(Outcome::Success)
}
