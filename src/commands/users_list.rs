//! `ecoledger users list`: every user with their roles, OS login, whether active, and
//! when and by whom they were last changed. Never a password or its hash.

use super::{Context, Outcome};
use crate::error::Result;
use crate::i18n;
use crate::render::{col, Cell, Output, Table};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &mut Context<'_>, _args: Args) -> Result<Outcome> {
    let store = ctx.open_store()?;
    let lang = ctx.lang;
    let rows = store
        .users()?
        .into_iter()
        .map(|u| {
            let roles: Vec<&str> = u
                .roles
                .iter()
                .map(|r| lang.pick(i18n::role_label(*r)))
                .collect();
            vec![
                Cell::text(u.name),
                Cell::code(
                    crate::domain::role::join(&u.roles),
                    roles.join(lang.pick(i18n::LIST_SEPARATOR)),
                ),
                Cell::text(u.os_user.unwrap_or_default()),
                if u.disabled {
                    Cell::code("disabled", lang.pick(i18n::DISABLED))
                } else {
                    Cell::code("active", lang.pick(i18n::ACTIVE))
                },
                Cell::text(u.recorded_at),
                Cell::text(u.actor),
            ]
        })
        .collect();
    ctx.emit(&Output::Table(Table {
        columns: vec![
            col("name", lang.pick(i18n::NAME)),
            col("roles", lang.pick(i18n::ROLE)),
            col("os_user", lang.pick(i18n::OS_USER)),
            col("status", lang.pick(i18n::STATUS)),
            col("changed_at", lang.pick(i18n::RECORDED_AT)),
            col("changed_by", lang.pick(i18n::ACTOR)),
        ],
        rows,
        ..Default::default()
    }))?;
    Ok(Outcome::Success)
}
