//! `ecoledger spend ID AMOUNT`: record a payment (支出/拨付); `ecoledger spend --reverse
//! ENTRY --reason R`: record its reversal (冲销). Entries are never edited or deleted.

use super::{optional_text, reason, Context, Outcome, WriteArgs};
use crate::domain::date::{format_date, parse_date};
use crate::domain::project::{normalize_id, Status};
use crate::domain::spending::{check_option, Overspend};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n;
use crate::store::spending::NewEntry;

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
    /// Amount in 万元, positive, at most 4 decimals.
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
    let id = normalize_id(args.id.as_deref().unwrap_or_default());
    let text = args.amount.as_deref().unwrap_or_default();
    let amount = Money::parse_wan(text).map_err(|e| Error::bad_value("AMOUNT", e))?;
    if amount <= Money::ZERO {
        return Err(Error::bad_value(
            "AMOUNT",
            format!(
                "'{}': a payment must be positive; correct a payment with --reverse",
                text.trim()
            ),
        ));
    }
    let voucher = optional_text(&args.voucher)
        .map(|v| check_option("--voucher", v, 64))
        .transpose()?;
    let note = args
        .write
        .note()
        .map(|n| check_option("--note", n, 2000))
        .transpose()?;
    let date = format_date(args.write.effective(&ctx.clock)?);
    let stamp = args.write.stamp(&ctx.clock)?;
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    let policy = match args.overspend {
        Some(p) => p,
        None => Overspend::from_setting(store.setting("overspend")?.as_deref()),
    };
    let (entry, after_completion, warnings) = store.write(stamp, |tx| {
        let state = tx.state(&id)?;
        let p = &state.project;
        let mut warnings = Vec::new();
        let after = tx
            .actual_total(&id)?
            .checked_add(amount)
            .ok_or_else(|| Error::bad_value("AMOUNT", "too large"))?;
        if after > p.estimate {
            let what = format!(
                "spending would reach {} 万元, above the current estimate {} 万元 (超支 {})",
                after.grouped(),
                p.estimate.grouped(),
                Money::from_yuan(after.yuan() - p.estimate.yuan()).grouped()
            );
            match policy {
                Overspend::Stop => {
                    return Err(Error::Refused {
                        id: id.clone(),
                        what: format!("{what}; the ledger is set to refuse overspending"),
                    })
                }
                Overspend::Warn => warnings.push(format!("{id}: {what}")),
            }
        }
        let after_completion = p.status == Status::Completed;
        if matches!(
            p.status,
            Status::Planned | Status::Suspended | Status::Cancelled
        ) {
            warnings.push(format!("{id}: the project is {}", p.status.label(lang)));
        }
        let new = NewEntry {
            project_id: &id,
            date: &date,
            amount,
            voucher: voucher.as_deref(),
            note: note.as_deref(),
            reverses: None,
            reason: None,
            after_completion,
            import_id: None,
        };
        if let Some(same) = tx.same_entry_exists(&new)? {
            warnings.push(format!(
                "{id}: an entry with the same date, amount and voucher exists (entry {same})"
            ));
        }
        let entry = tx.insert_entry(&new)?;
        Ok((entry, after_completion, warnings))
    })?;
    for w in warnings {
        ctx.warn(&w)?;
    }
    let kind = if after_completion {
        format!(" ({})", lang.pick(i18n::KIND_AFTER_COMPLETION))
    } else {
        String::new()
    };
    ctx.say(&format!(
        "{} {entry}: {id} {date} {} 万元{kind}",
        lang.pick(i18n::ENTRY),
        amount.grouped()
    ))?;
    Ok(Outcome::Success)
}

fn reverse(ctx: &mut Context<'_>, entry_id: i64, args: &Args) -> Result<Outcome> {
    let why = reason("spend --reverse", &args.reason)?;
    let note = args.write.note();
    let stamp = args.write.stamp(&ctx.clock)?;
    let today = ctx.clock.today();
    let asked = args
        .write
        .date
        .as_deref()
        .map(|d| parse_date(d).map_err(|e| Error::bad_value("--date", e)))
        .transpose()?;
    let lang = ctx.lang;
    let mut store = ctx.open_store()?;
    let (id, original, date, amount) = store.write(stamp, |tx| {
        let original = tx.entry(entry_id)?.ok_or_else(|| {
            Error::bad_value("--reverse", format!("no spending entry {entry_id}"))
        })?;
        if let Some(of) = original.reverses {
            return Err(Error::bad_value(
                "--reverse",
                format!("entry {entry_id} is itself the reversal of entry {of}"),
            ));
        }
        if let Some(by) = original.reversed_by {
            return Err(Error::bad_value(
                "--reverse",
                format!("entry {entry_id} was already reversed by entry {by}"),
            ));
        }
        let date = asked.unwrap_or(today);
        if date > today {
            return Err(Error::bad_value(
                "--date",
                format!("{date} is in the future (today is {today})"),
            ));
        }
        if format_date(date) < original.date {
            return Err(Error::bad_value(
                "--date",
                format!(
                    "a reversal cannot be dated before the entry it reverses ({})",
                    original.date
                ),
            ));
        }
        let date = format_date(date);
        let amount = Money::from_yuan(-original.amount.yuan());
        let new = NewEntry {
            project_id: &original.project_id,
            date: &date,
            amount,
            voucher: original.voucher.as_deref(),
            note: note.as_deref(),
            reverses: Some(entry_id),
            reason: Some(&why),
            after_completion: original.after_completion,
            import_id: None,
        };
        let id = tx.insert_entry(&new)?;
        Ok((id, original.id, date, amount))
    })?;
    ctx.say(&format!(
        "{} {id}: {} {original}, {date} {} 万元",
        lang.pick(i18n::ENTRY),
        lang.pick(i18n::REVERSES),
        amount.grouped()
    ))?;
    Ok(Outcome::Success)
}
