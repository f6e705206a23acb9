//! `ecoledger spending totals --by KEY`: what was spent per category, department,
//! project, month or quarter, with the total.

use super::{Context, Outcome};
use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::reports;
use crate::store::spending::{SpendingBy, SpendingFilter, SpendingSum};
use crate::store::{Store, View};

/// The payments waiting for approval in the filter's scope, keyed like the spending
/// (by project, month, quarter, category — the project's table — or department).
fn pending_sums(
    store: &Store,
    by: SpendingBy,
    filter: &SpendingFilter,
) -> Result<Vec<SpendingSum>> {
    let mut keyed: std::collections::BTreeMap<String, SpendingSum> = Default::default();
    for p in store.pending_payments(filter.known, filter.to.as_deref())? {
        if filter.from.as_ref().is_some_and(|from| p.date < *from) {
            continue;
        }
        let (key, departments) = match by {
            SpendingBy::Project => (p.project_id.clone(), Vec::new()),
            SpendingBy::Month => (p.date.get(..7).unwrap_or_default().to_string(), Vec::new()),
            SpendingBy::Quarter => {
                let month: u32 = p.date.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
                (
                    format!(
                        "{}Q{}",
                        p.date.get(..4).unwrap_or_default(),
                        month.div_ceil(3)
                    ),
                    Vec::new(),
                )
            }
            SpendingBy::Category => {
                let project = store.project(View::CURRENT, &p.project_id)?;
                (project.table.to_string(), Vec::new())
            }
            SpendingBy::Department => {
                let project = store.project(View::CURRENT, &p.project_id)?;
                (p.project_id.clone(), project.departments)
            }
        };
        let slot = keyed.entry(key.clone()).or_insert(SpendingSum {
            key,
            entries: 0,
            amount: crate::domain::Money::ZERO,
            departments,
        });
        slot.entries += 1;
        slot.amount = slot.amount.checked_add(p.amount).ok_or(Error::Overflow)?;
    }
    Ok(keyed.into_values().collect())
}

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
    let pending = pending_sums(&store, args.by, &filter)?;
    let output =
        reports::spending_totals::build(args.by, &sums, &pending, &store.categories()?, ctx.lang)?;
    ctx.emit(&output)?;
    Ok(Outcome::Success)
}
