//! `ecoledger users disable NAME`: a disabled user can no longer sign in or write. Users
//! are never deleted: the history names them.

use super::{Context, Outcome, WriteArgs};
use crate::error::Result;
use crate::ops::users;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub name: String,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let stamp = args.write.stamp(ctx)?;
    let mut store = ctx.open_store()?;
    let done = users::disable(&mut store, stamp, &args.name)?;
    ctx.say(&done).map(|_| Outcome::Success)
}
