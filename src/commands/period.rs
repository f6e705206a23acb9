//! `ecoledger period close|reopen|list`: closing the books (结账) through the end of a
//! period, reopening them (反结账), and the record of both (see [`crate::ops::period`]).

use super::{Context, Outcome, WriteArgs};
use crate::error::Result;
use crate::i18n::{self, msg};
use crate::ops::period;
use crate::render::{col, Cell, Output, Table};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Close(CloseArgs),
    Reopen(ReopenArgs),
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
pub struct CloseArgs {
    pub period: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub struct ReopenArgs {
    pub period: String,
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {}

pub fn run(ctx: &mut Context<'_>, command: Command) -> Result<Outcome> {
    match command {
        Command::Close(args) => {
            let p = period::parse(&args.period)?;
            let stamp = args.write.stamp(ctx)?;
            let reason = args.reason.clone().unwrap_or_default();
            let today = ctx.clock.today();
            let mut store = ctx.open_store()?;
            let closed = period::close(&mut store, stamp, p, &reason, today)?;
            ctx.say(&msg::period_closed(closed.period, &closed.through))?;
            for (name, hash) in &closed.reports {
                ctx.say(&msg::filed_report(period::report_name(name), hash))?;
            }
        }
        Command::Reopen(args) => {
            let p = period::parse(&args.period)?;
            let stamp = args.write.stamp(ctx)?;
            let reason = args.reason.clone().unwrap_or_default();
            let mut store = ctx.open_store()?;
            let through = period::reopen(&mut store, stamp, p, &reason)?;
            ctx.say(&msg::period_reopened(p, &through))?;
        }
        Command::List(_) => {
            let store = ctx.open_store()?;
            let lang = ctx.lang;
            let records = store.period_records(None)?;
            let rows = records
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.period),
                        Cell::code(
                            &r.action,
                            lang.pick(if r.action == "close" {
                                i18n::CLOSE
                            } else {
                                i18n::REOPEN
                            }),
                        ),
                        Cell::text(&r.through),
                        Cell::text(&r.actor),
                        Cell::text(&r.recorded_at),
                        Cell::text(&r.reason),
                    ]
                })
                .collect();
            ctx.emit(&Output::Table(Table {
                columns: vec![
                    col("period", lang.pick(i18n::PERIOD)),
                    col("action", lang.pick(i18n::ACTION)),
                    col("through", lang.pick(i18n::THROUGH)),
                    col("actor", lang.pick(i18n::ACTOR)),
                    col("recorded_at", lang.pick(i18n::RECORDED_AT)),
                    col("reason", lang.pick(i18n::REASON)),
                ],
                rows,
                ..Default::default()
            }))?;
        }
    }
    Ok(Outcome::Success)
}
