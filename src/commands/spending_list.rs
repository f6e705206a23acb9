//! `ecoledger spending list`: the spending entries, by project, period or department.

use super::{Context, Outcome};
use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::domain::project::normalize_id;
use crate::error::{Error, Result};
use crate::reports;
use crate::store::spending::SpendingFilter;

/// List spending entries (payments and reversals).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger spending list --project A5-04
  ecoledger spending list --period 2024Q2 --format csv --bom --out 2024Q2-spending.csv
  ecoledger spending list --period 2024 --department 区水利局")]
pub struct Args {
    /// Only this project.
    #[arg(long, value_name = "ID")]
    pub project: Option<String>,
    /// Only this year (2024) or quarter (2024Q2).
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<String>,
    /// Only projects this department currently leads or co-leads.
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let period = args
        .period
        .as_deref()
        .map(|p| Period::parse(p).map_err(|e| Error::bad_value("--period", e)))
        .transpose()?;
    let store = ctx.open_store()?;
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
    let filter = SpendingFilter {
        project,
        from: period.map(|p| format_date(p.start())),
        to: period.map(|p| format_date(p.end())),
        department: args.department,
    };
    let entries = store.spending(&filter)?;
    ctx.emit(&reports::spending_list::build(&entries, ctx.lang))?;
    Ok(Outcome::Success)
}
