//! `ecoledger spending list`: the spending entries, by project, period or department.

use super::{Context, Outcome};
use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::domain::project::normalize_id;
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::reports;
use crate::store::spending::SpendingFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_name = "ID")]
    pub project: Option<String>,
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
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
    let project = args.project.as_deref().map(normalize_id);
    if let Some(id) = &project {
        if !store.project_exists(id)? {
            return Err(Error::UnknownProject(id.clone()));
        }
    }
    if let Some(d) = &args.department {
        if !store.departments()?.contains(d) {
            return Err(Error::UnknownDepartment {
                given: d.clone(),
                suggestions: Vec::new(),
            });
        }
    }
    // --as-of: the entries dated by then (within the period, if one is given).
    let to = match (period.map(|p| p.end()), view.as_of_date()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    let filter = SpendingFilter {
        project,
        from: period.map(|p| format_date(p.start())),
        to: to.map(format_date),
        department: args.department,
        known: view.known,
    };
    // Streamed: CSV and JSON go out as SQLite returns the entries.
    let lang = ctx.lang;
    // Payments waiting for approval follow the entries, marked pending (not with a
    // department filter: they are not yet anyone's spending).
    let pending: Vec<_> = if filter.department.is_some() {
        Vec::new()
    } else {
        store
            .pending_payments(filter.known, filter.to.as_deref())?
            .into_iter()
            .filter(|p| filter.project.as_ref().is_none_or(|id| *id == p.project_id))
            .filter(|p| filter.from.as_ref().is_none_or(|from| p.date >= *from))
            .collect()
    };
    ctx.emit_rows(reports::spending_list::template(lang), |table| {
        let (mut count, mut total) = (0, Money::ZERO);
        store.for_each_spending(&filter, |e| {
            count += 1;
            total = total
                .checked_add(e.amount)
                .ok_or_else(|| Error::bad_value("spending list", msg::total_out_of_range()))?;
            table.row(reports::spending_list::row(&e, lang))
        })?;
        for p in &pending {
            table.row(reports::spending_list::pending_row(p, lang))?;
        }
        Ok(Some(reports::spending_list::note(count, total, lang)))
    })?;
    Ok(Outcome::Success)
}
