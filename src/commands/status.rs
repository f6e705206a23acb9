//! `ecoledger start|complete|suspend|resume|cancel|reopen ID…`: move projects through
//! their lifecycle. Several ids are applied all-or-nothing in one transaction.

use super::{Context, Outcome, WriteArgs};
use crate::domain::lifecycle::Verb;
use crate::error::Result;
use crate::ops::status::{change_status, StatusChange};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, verb: Verb, args: Args) -> Result<Outcome> {
    let stamp = args.write.stamp(ctx)?;
    let change = StatusChange {
        verb,
        ids: args.ids,
        date: args.write.effective(&ctx.clock)?,
        reason: args.reason,
        note: args.write.note,
        front: crate::ops::Front::Cli,
    };
    let mut store = ctx.open_store()?;
    let moved = change_status(&mut store, stamp, &change)?;
    for m in moved {
        ctx.say(&m.line())?;
    }
    Ok(Outcome::Success)
}
