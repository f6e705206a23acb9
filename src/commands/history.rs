//! `ecoledger history [ID] [--since D] [--by NAME]`: the audit log.

use super::{Context, Outcome};
use crate::domain::date::parse_date;
use crate::domain::project::normalize_id;
use crate::error::{Error, Result};
use crate::reports;
use crate::store::history::HistoryFilter;

/// Every recorded change: when, effective when, who, what, old → new, why.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger history A5-04
  ecoledger history --since 2026-01-01 --by 张伟 --format csv --bom > changes.csv")]
pub struct Args {
    /// Only this project.
    pub id: Option<String>,
    /// Only changes recorded on or after this date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    /// Only changes made by this actor.
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let since = args
        .since
        .as_deref()
        .map(|d| parse_date(d).map(|d| d.format("%Y-%m-%d").to_string()))
        .transpose()
        .map_err(|e| Error::bad_value("--since", e))?;
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = args.clocks.view(&store)?;
    let project = args.id.as_deref().map(normalize_id);
    if let Some(id) = &project {
        if !store.project_exists(id)? {
            return Err(Error::UnknownProject(id.clone()));
        }
    }
    let rows = store.history(&HistoryFilter {
        project,
        since,
        actor: args.actor,
        as_of: view.as_of_date().map(crate::domain::date::format_date),
        known: view.known,
    })?;
    ctx.emit(&reports::history::build(&rows, ctx.lang))?;
    Ok(Outcome::Success)
}
