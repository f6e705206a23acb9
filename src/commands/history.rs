//! `ecoledger history [ID] [--since D] [--by NAME]`: the audit log.

use super::{Context, Outcome};
use crate::domain::date::parse_date;
use crate::domain::history::{parse_action, ACTIONS};
use crate::domain::project::normalize_id;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::reports;
use crate::store::history::HistoryFilter;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub id: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
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
    let action = args
        .action
        .as_deref()
        .map(|a| {
            parse_action(a).ok_or_else(|| {
                Error::bad_value(
                    "--action",
                    msg::unknown_action(
                        a.trim(),
                        Text::list(
                            ACTIONS
                                .iter()
                                .map(|(code, w)| Text::new(*code, format!("{code}（{}）", w.zh))),
                        ),
                    ),
                )
            })
        })
        .transpose()?;
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
        action: action.map(str::to_string),
        as_of: view.as_of_date().map(crate::domain::date::format_date),
        known: view.known,
    })?;
    ctx.emit(&reports::history::build(
        &rows,
        &store.categories()?,
        ctx.lang,
    ))?;
    Ok(Outcome::Success)
}
