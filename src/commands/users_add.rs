//! `ecoledger users add NAME --role R…`: add a user. The first user of a ledger must be an
//! admin (anyone who can write a ledger without users may add them); after that only a
//! signed-in admin adds users. The new password comes from `--password-stdin`, else it is
//! asked twice on the terminal; without a terminal it is refused.

use super::{signed_stamp, Context, Outcome, PasswordSource};
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::ops::users::{self, NewUser};

#[derive(Debug, clap::Args)]
pub struct Args {
    pub name: String,
    #[arg(long = "role", value_name = "ROLE", required = true)]
    pub roles: Vec<String>,
    #[arg(long, value_name = "LOGIN")]
    pub os_user: Option<String>,
    #[arg(long)]
    pub password_stdin: bool,
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
}

/// A new password for `name`: the first line of stdin, else asked twice on the terminal.
pub fn new_password(ctx: &Context<'_>, name: &str, from_stdin: bool) -> Result<String> {
    if from_stdin {
        return super::password_from_stdin();
    }
    let whose = msg::new_users(name).get(ctx.lang).to_string();
    let ask = |prompt| super::password_from_terminal(&prompt, &whose, "--password-stdin", ctx.lang);
    let first = ask(msg::password_prompt_new(name))?;
    let again = ask(msg::password_prompt_again())?;
    if first != again {
        return Err(Error::bad_value("--password", msg::passwords_differ()));
    }
    Ok(first)
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let roles = users::parse_roles(&args.roles, "--role")?;
    let name = crate::ops::check_actor(&args.name, "NAME")?;
    let os_user = args
        .os_user
        .as_deref()
        .map(|l| crate::ops::check_actor(l, "--os-user"))
        .transpose()?;
    let password = new_password(ctx, &name, args.password_stdin)?;
    let hash = users::hash_new(&password, "--password")?;
    let stamp = signed_stamp(
        args.actor.as_deref(),
        PasswordSource::EnvOrTerminalStdinTaken,
        ctx,
    )?;
    let mut store = ctx.open_store()?;
    let done = users::add(
        &mut store,
        stamp,
        NewUser {
            name,
            roles,
            os_user,
            password: Some(hash),
        },
    )?;
    ctx.say(&done).map(|_| Outcome::Success)
}
