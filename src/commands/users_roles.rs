//! `ecoledger users roles NAME ROLE…`: replace a user's roles (an admin's duty), refusing
//! an incompatible pair and the last admin's losing the role.

use super::{Context, Outcome, WriteArgs};
use crate::error::Result;
use crate::ops::users;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub name: String,
    #[arg(required = true, value_name = "ROLE")]
    pub roles: Vec<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let roles = users::parse_roles(&args.roles, "ROLE")?;
    let stamp = args.write.stamp(ctx)?;
    let mut store = ctx.open_store()?;
    let done = users::set_roles(&mut store, stamp, &args.name, roles)?;
    ctx.say(&done).map(|_| Outcome::Success)
}
