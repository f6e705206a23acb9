//! `ecoledger projects list`: the projects, filtered by category, department, year,
//! text or overdue, now or as of a date.

use super::{resolve_category, Context, Outcome, ViewArgs};
use crate::domain::schedule::parse_year;
use crate::error::{Error, Result};
use crate::reports;
use crate::store::projects::ProjectFilter;
use crate::store::{Store, View};
use chrono::Datelike;

/// List projects, optionally filtered.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger projects list --category 5
  ecoledger projects list --category 生态人居建设 --year 2025
  ecoledger projects list --department 区水利局 --format csv --bom > water.csv
  ecoledger projects list --search 污水
  ecoledger projects list --overdue
  ecoledger projects list --as-of 2024-12-31 --format csv")]
pub struct Args {
    /// Appendix table number (1-6) or category name, Chinese or English.
    #[arg(long, value_name = "N|NAME")]
    pub category: Option<String>,
    /// Only projects this department leads or co-leads (exact name).
    #[arg(long, value_name = "NAME")]
    pub department: Option<String>,
    /// Only projects whose schedule covers this year.
    #[arg(long, value_name = "YEAR")]
    pub year: Option<String>,
    /// Only projects whose id, group, description or departments contain this text.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only overdue projects: schedule ended before the year of --as-of (or today) and
    /// neither completed nor cancelled.
    #[arg(long)]
    pub overdue: bool,
    #[command(flatten)]
    pub view: ViewArgs,
}

/// Turns the flags into a filter, refusing unknown categories and departments.
fn filter(store: &Store, args: Args, as_of_year: i32) -> Result<ProjectFilter> {
    let table = match &args.category {
        None => None,
        Some(text) => {
            let all = store.categories()?;
            let found = resolve_category(&all, text)?;
            Some(found.table)
        }
    };
    let department = match args.department {
        None => None,
        Some(name) => {
            let name = name.trim().to_string();
            let all = store.departments()?;
            if !all.contains(&name) {
                let suggestions = all
                    .into_iter()
                    .filter(|d| {
                        !name.is_empty() && (d.contains(&name) || name.contains(d.as_str()))
                    })
                    .collect();
                return Err(Error::UnknownDepartment {
                    given: name,
                    suggestions,
                });
            }
            Some(name)
        }
    };
    let year = args
        .year
        .map(|y| parse_year(&y).map_err(|e| Error::bad_value("--year", e)))
        .transpose()?;
    let overdue_in = args.overdue.then_some(as_of_year);
    Ok(ProjectFilter {
        table,
        department,
        year,
        search: args.search,
        overdue_in,
    })
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let view = args.view.view()?;
    let as_of_year = match view {
        View::AsOf(d) => d.year(),
        View::Current | View::Original => ctx.clock.today().year(),
    };
    let store = ctx.open_store()?;
    let filter = filter(&store, args, as_of_year)?;
    let projects = store.projects(view, &filter)?;
    ctx.emit(&reports::projects_list::build(&projects, ctx.lang))?;
    Ok(Outcome::Success)
}
