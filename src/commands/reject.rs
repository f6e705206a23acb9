//! `ecoledger reject ENTRY --reason TEXT`: reject a pending payment (复核退回); it never
//! becomes spending. A finance user's duty; who recorded it may withdraw it so.

use super::{reason, Context, Outcome, WriteArgs};
use crate::error::Result;
use crate::ops::payment;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub entry: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let id = payment::parse_pending(&args.entry, "ENTRY")?;
    let why = reason("reject", &args.reason)?;
    let stamp = args.write.stamp(ctx)?;
    let mut store = ctx.open_store()?;
    let done = payment::reject(&mut store, stamp, id, &why, "ENTRY")?;
    ctx.say(&done.line).map(|_| Outcome::Success)
}
