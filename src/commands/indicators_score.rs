//! `ecoledger indicators score --year Y`: every indicator's value, tier and points for a
//! year (its latest value for that year or before; the plan's 2021 value without one),
//! the total out of 100, and whether the basic conditions' veto applies. `--department`
//! keeps one department's indicators and totals them alone.

use super::{Context, Outcome};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::reports;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub clocks: super::ClockArgs,
    #[arg(long, value_name = "YEAR")]
    pub year: i32,
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    if !(reports::indicators::BASE_YEAR..=2200).contains(&args.year) {
        return Err(Error::bad_value(
            "--year",
            msg::err_indicator_year(args.year, chrono::Datelike::year(&ctx.clock.today())),
        ));
    }
    let table = crate::seed::indicators()?;
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.clocks.view(&store)?;
    let measurements = store.measurements_in(view)?;
    let mut score = reports::indicators::score(&table, &measurements, args.year);
    // A department's own indicators: their rows, and the total over them.
    if let Some(d) = args.department.as_deref().map(str::trim) {
        score.rows.retain(|r| {
            table
                .indicator(r.no)
                .is_some_and(|i| i.departments().iter().any(|x| x == d))
        });
        if score.rows.is_empty() {
            return Err(Error::bad_value(
                "--department",
                msg::err_indicator_department(d),
            ));
        }
        score.total = score.rows.iter().map(|r| r.points).sum();
        score.max = score.rows.iter().map(|r| r.max_points).sum();
    }
    ctx.emit(&reports::indicators::score_output(&table, &score, ctx.lang))?;
    Ok(Outcome::Success)
}
