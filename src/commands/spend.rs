//! `ecoledger spend ID AMOUNT`: record a payment (支出/拨付); `ecoledger spend --reverse
//! ENTRY --reason R`: record its reversal (冲销). Entries are never edited or deleted.

use super::{reason, Context, Outcome, WriteArgs};
use crate::domain::date::parse_date;
use crate::domain::spending::Overspend;
use crate::error::{Error, Result};
use crate::i18n;
use crate::ops::payment::{self, Payment, Reversal};

/// Record a payment to a project, or reverse an earlier entry.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger spend A5-04 1200.5 --date 2024-05-10 --voucher 记-2024-0518 --note 第一期进度款
  ecoledger spend --reverse 17 --reason \"金额录入错误\"
  ecoledger spend A1-16 210 --date 2026-03-01 --note 质保金      (after completion: recorded as such)

A payment that takes the project's spending above its current estimate warns, or is refused
when the ledger setting `ecoledger config overspend stop` (or --overspend stop) is in force.")]
pub struct Args {
    /// Project id.
    #[arg(required_unless_present = "reverse")]
    pub id: Option<String>,
    /// Amount in 万元, positive, exact to the 分 (at most 6 decimals).
    #[arg(required_unless_present = "reverse", allow_hyphen_values = true)]
    pub amount: Option<String>,
    /// Voucher number (凭证号).
    #[arg(long, value_name = "NO")]
    pub voucher: Option<String>,
    /// Reverse entry ENTRY (it stays visible, with its reversal).
    #[arg(long, value_name = "ENTRY", conflicts_with_all = ["id", "amount", "voucher"])]
    pub reverse: Option<i64>,
    /// Why the entry is reversed (required with --reverse).
    #[arg(long, value_name = "TEXT", requires = "reverse")]
    pub reason: Option<String>,
    /// Override the ledger's overspend setting for this command.
    #[arg(long, value_enum)]
    pub overspend: Option<Overspend>,
    #[command(flatten)]
    pub write: WriteArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    match args.reverse {
        Some(entry) => reverse(ctx, entry, &args),
        None => pay(ctx, &args),
    }
}

fn pay(ctx: &mut Context<'_>, args: &Args) -> Result<Outcome> {
    let payment = Payment {
        id: args.id.clone().unwrap_or_default(),
        amount: args.amount.clone().unwrap_or_default(),
        date: args.write.effective(&ctx.clock)?,
        voucher: args.voucher.clone(),
        note: args.write.note.clone(),
        overspend: args.overspend,
        amount_place: "AMOUNT",
    };
    let stamp = args.write.stamp(&ctx.clock)?;
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    let paid = payment::pay(&mut store, stamp, lang, &payment)?;
    for w in &paid.warnings {
        ctx.warn(w)?;
    }
    ctx.say(&paid.line(lang)).map(|_| Outcome::Success)
}

fn reverse(ctx: &mut Context<'_>, entry: i64, args: &Args) -> Result<Outcome> {
    let reversal = Reversal {
        entry,
        reason: reason("spend --reverse", &args.reason)?,
        note: args.write.note(),
        date: args
            .write
            .date
            .as_deref()
            .map(|d| parse_date(d).map_err(|e| Error::bad_value("--date", e)))
            .transpose()?,
        today: ctx.clock.today(),
    };
    let stamp = args.write.stamp(&ctx.clock)?;
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    let done = payment::reverse(&mut store, stamp, &reversal)?;
    ctx.say(&format!(
        "{} {}: {} {}, {} {} 万元",
        lang.pick(i18n::ENTRY),
        done.entry,
        lang.pick(i18n::REVERSES),
        done.reverses,
        done.date,
        done.amount.grouped()
    ))?;
    Ok(Outcome::Success)
}
