//! `ecoledger period close|reopen|list`: closing the books (结账) through the end of a
//! period, reopening them (反结账), and the record of both (see [`crate::ops::period`]).

use super::{Context, Outcome, WriteArgs};
use crate::error::Result;
use crate::i18n;
use crate::ops::period;
use crate::render::{col, Cell, Output, Table};

/// Close the books through a period's end, reopen them, or list the closes.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    Close(CloseArgs),
    Reopen(ReopenArgs),
    List(ListArgs),
}

/// Close the books through the end of PERIOD: nothing dated on or before that day can
/// be recorded any more, and the period's reports are filed (hashed) as they stand.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger period close 2024Q2 --reason \"2024年第二季度结账\"
  ecoledger period close 2024-05 --reason 月结
  ecoledger period close 2024 --reason 年度结账

After the close, a payment, reversal, status change, revision, plan, project edit or import
dated on or before the period's end is refused, naming the close; correct mistakes in the open
period (a reversal dated today of a payment in a closed quarter is allowed). `report quarterly`
of a closed quarter shows the ledger as of its end, byte for byte the same later on, and
`ecoledger check` recomputes it against the hash filed here.")]
pub struct CloseArgs {
    /// The period: a quarter (2024Q2), a month (2024-05) or a year (2024).
    pub period: String,
    /// Why (kept in the record).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// Reopen a closed period (allowed, recorded, and shown on every report of it).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger period reopen 2024Q2 --reason \"补录遗漏的拨付凭证\"")]
pub struct ReopenArgs {
    pub period: String,
    /// Why (required, kept in the record).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub write: WriteArgs,
}

/// List every close and reopening: period, through-date, who, when, why.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  ecoledger period list\n  ecoledger period list --format csv")]
pub struct ListArgs {}

pub fn run(ctx: &mut Context<'_>, command: Command) -> Result<Outcome> {
    match command {
        Command::Close(args) => {
            let p = period::parse(&args.period)?;
            let stamp = args.write.stamp(&ctx.clock)?;
            let reason = args.reason.clone().unwrap_or_default();
            let today = ctx.clock.today();
            let mut store = ctx.open_store()?;
            let closed = period::close(&mut store, stamp, p, &reason, today)?;
            let lang = ctx.lang;
            ctx.say(&format!(
                "{} {} ({} {})",
                lang.pick(i18n::CLOSED),
                closed.period,
                lang.pick(i18n::THROUGH),
                closed.through
            ))?;
            for (name, hash) in &closed.reports {
                ctx.say(&format!("  {name}: sha256 {hash}"))?;
            }
        }
        Command::Reopen(args) => {
            let p = period::parse(&args.period)?;
            let stamp = args.write.stamp(&ctx.clock)?;
            let reason = args.reason.clone().unwrap_or_default();
            let mut store = ctx.open_store()?;
            let through = period::reopen(&mut store, stamp, p, &reason)?;
            let lang = ctx.lang;
            ctx.say(&format!(
                "{} {p} ({} {through})",
                lang.pick(i18n::REOPENED),
                lang.pick(i18n::THROUGH)
            ))?;
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
                        Cell::text(lang.pick(if r.action == "close" {
                            i18n::CLOSE
                        } else {
                            i18n::REOPEN
                        })),
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
