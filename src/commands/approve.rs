//! `ecoledger approve ENTRY`: approve a pending payment (复核通过), `P3` or `3`. Only a
//! finance user other than the one who recorded it may; from then on it is spending,
//! dated its own date.

use super::{Context, Outcome, WriteArgs};
use crate::error::Result;
use crate::ops::payment;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub entry: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let id = payment::parse_pending(&args.entry, "ENTRY")?;
    let stamp = args.write.stamp(ctx)?;
    let mut store = ctx.open_store()?;
    let done = payment::approve(&mut store, stamp, id, "ENTRY")?;
    ctx.say(&done.line).map(|_| Outcome::Success)
}
