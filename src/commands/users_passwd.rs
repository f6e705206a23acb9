//! `ecoledger users passwd NAME`: set a user's new password (an admin's duty), from
//! `--password-stdin` or asked twice on the terminal. The old hash stays in the log, as
//! every row does; only the latest is checked.

use super::{signed_stamp, Context, Outcome, PasswordSource};
use crate::error::Result;
use crate::ops::users;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub name: String,
    #[arg(long)]
    pub password_stdin: bool,
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let password = super::users_add::new_password(ctx, args.name.trim(), args.password_stdin)?;
    let hash = users::hash_new(&password, "--password")?;
    let stamp = signed_stamp(
        args.actor.as_deref(),
        PasswordSource::EnvOrTerminalStdinTaken,
        ctx,
    )?;
    let mut store = ctx.open_store()?;
    let done = users::passwd(&mut store, stamp, &args.name, hash)?;
    ctx.say(&done).map(|_| Outcome::Success)
}
