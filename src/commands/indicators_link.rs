//! `ecoledger indicators link NO PROJECT…` and `indicators unlink NO PROJECT…`: tie
//! projects to the indicator they serve (or untie them), so that `indicators show` and
//! `totals --by indicator` show the money behind each indicator. The two verbs share
//! this file: they differ only in the direction.

use super::{Context, Outcome};
use crate::error::Result;
use crate::i18n::msg;
use crate::ops;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub no: String,
    #[arg(required = true, num_args = 1..)]
    pub projects: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
    #[arg(long)]
    pub password_stdin: bool,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args, unlink: bool) -> Result<Outcome> {
    let write = super::WriteArgs {
        actor: args.actor.clone(),
        password_stdin: args.password_stdin,
        date: None,
        note: None,
    };
    let stamp = write.stamp(ctx)?;
    let date = ops::effective_date(args.date.as_deref(), "--date", &ctx.clock)?;
    let table = crate::seed::indicators()?;
    let mut store = ctx.open_store()?;
    let link = ops::indicator::Link {
        address: args.no,
        projects: args.projects,
        date,
        reason: args.reason,
        unlink,
    };
    let (key, ids) = ops::indicator::link(&mut store, stamp, &table, &link)?;
    for id in &ids {
        let line = if unlink {
            msg::indicator_unlinked(&key, id)
        } else {
            msg::indicator_linked(&key, id)
        };
        ctx.say(&line)?;
    }
    Ok(Outcome::Success)
}
