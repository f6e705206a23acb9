//! `ecoledger spend ID AMOUNT`: record a payment (支出/拨付); `ecoledger spend --reverse
//! ENTRY --reason R`: record its reversal (冲销). Entries are never edited or deleted.

use super::{reason, Context, Outcome, WriteArgs};
use crate::domain::date::parse_date;
use crate::domain::spending::Overspend;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::ops::payment::{self, Payment, Reversal};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required_unless_present = "reverse")]
    pub id: Option<String>,
    #[arg(required_unless_present = "reverse", allow_hyphen_values = true)]
    pub amount: Option<String>,
    #[arg(long, value_name = "NO")]
    pub voucher: Option<String>,
    #[arg(long, value_name = "ENTRY", conflicts_with_all = ["id", "amount", "voucher"])]
    pub reverse: Option<i64>,
    #[arg(long, value_name = "TEXT", requires = "reverse")]
    pub reason: Option<String>,
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
        front: crate::ops::Front::Cli,
    };
    let stamp = args.write.stamp(ctx)?;
    let mut store = ctx.open_store()?;
    let paid = payment::pay(&mut store, stamp, &payment)?;
    for w in &paid.warnings {
        ctx.warn(w)?;
    }
    ctx.say(&paid.line()).map(|_| Outcome::Success)
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
    let stamp = args.write.stamp(ctx)?;
    let mut store = ctx.open_store()?;
    let done = payment::reverse(&mut store, stamp, &reversal)?;
    ctx.say(&msg::reversed(
        done.entry,
        done.reverses,
        &done.date,
        msg::wan(done.amount.grouped()),
    ))?;
    Ok(Outcome::Success)
}
