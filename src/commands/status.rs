//! `ecoledger start|complete|suspend|resume|cancel|reopen ID…`: move projects through
//! their lifecycle. Several ids are applied all-or-nothing in one transaction.

use super::{Context, Outcome, WriteArgs};
use crate::domain::lifecycle::Verb;
use crate::error::Result;
use crate::ops::status::{change_status, StatusChange};

/// Change the status of one or more projects (all or nothing).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger start A5-04 --date 2023-03-01 --by 张伟
  ecoledger complete A1-16 --date 2022-12-20 --note \"竣工验收\"
  ecoledger suspend A5-10 --reason \"征地未完成\"
  ecoledger cancel A4-08 A4-06 --reason \"并入其他项目\"      (both or neither)

Lifecycle: planned -start-> in_progress -complete-> completed; in_progress -suspend-> suspended -resume->
in_progress; planned/in_progress/suspended -cancel-> cancelled; reopen: completed -> in_progress,
cancelled -> planned.")]
pub struct Args {
    /// Project ids, e.g. A5-04.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Why (required for suspend, cancel and reopen).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, verb: Verb, args: Args) -> Result<Outcome> {
    let stamp = args.write.stamp(&ctx.clock)?;
    let change = StatusChange {
        verb,
        ids: args.ids,
        date: args.write.effective(&ctx.clock)?,
        reason: args.reason,
        note: args.write.note,
    };
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    let moved = change_status(&mut store, stamp, lang, &change)?;
    for m in moved {
        ctx.say(&m.line(lang))?;
    }
    Ok(Outcome::Success)
}
