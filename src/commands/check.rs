//! `ecoledger check`: is the file sound and unaltered? `PRAGMA integrity_check`, the
//! reconciliation, and the hash chains of the history and of the spending entries, which
//! name any record edited or removed behind the program's back.

use super::{Context, Outcome};
use crate::domain::money::{LEDGER_MAX_WAN, YUAN_PER_WAN};
use crate::error::Result;
use crate::i18n::{self, Words};
use crate::render::{col, Cell, Output, Table};
use crate::reports;
use crate::store::chain::{Break, Chain};

/// Check the file's integrity, reconcile, and verify the tamper-evident chains.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger check
  ecoledger --db backup.sqlite check

Exit code 1 when anything is wrong; each problem names the record.")]
pub struct Args {}

pub fn run(ctx: &mut Context<'_>, _args: Args) -> Result<Outcome> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let mut rows: Vec<(Words, String, bool)> = Vec::new();
    let integrity = store.integrity_check()?;
    let sound = integrity == ["ok"];
    rows.push((i18n::CHECK_INTEGRITY, integrity.join("; "), sound));
    // The limits first, summed wide: a ledger beyond them (written before they existed)
    // cannot be reconciled exactly, and says so instead of failing.
    let sums = store.ledger_sums()?;
    let limit = i128::from(LEDGER_MAX_WAN) * i128::from(YUAN_PER_WAN);
    let within = sums.estimates_yuan <= limit && sums.payments_yuan <= limit;
    let wan = |yuan: i128| match i64::try_from(yuan) {
        Ok(y) => crate::domain::Money::from_yuan(y).grouped(),
        Err(_) => rust_decimal::Decimal::try_from_i128_with_scale(yuan, 4)
            .map(|d| d.normalize().to_string())
            .unwrap_or_else(|_| yuan.to_string()),
    };
    rows.push((
        i18n::CHECK_LIMITS,
        lang.pick(i18n::LIMITS_DETAIL)
            .replace("{e}", &wan(sums.estimates_yuan))
            .replace("{p}", &wan(sums.payments_yuan)),
        within,
    ));
    if within {
        let reconcile = reports::reconcile::build(&store.reconcile_data()?, lang);
        let failures = reconcile.failures();
        let detail = if failures == 0 {
            lang.pick(i18n::RECONCILE_PASSED).to_string()
        } else {
            format!(
                "{} ({failures}): ecoledger reconcile",
                lang.pick(i18n::RECONCILE_FAILED)
            )
        };
        rows.push((i18n::CHECK_RECONCILE, detail, failures == 0));
    } else {
        rows.push((
            i18n::CHECK_RECONCILE,
            lang.pick(i18n::SKIPPED_OVER_LIMITS).to_string(),
            false,
        ));
    }
    for (chain, words) in [
        (Chain::History, i18n::CHECK_HISTORY_CHAIN),
        (Chain::Spending, i18n::CHECK_SPENDING_CHAIN),
    ] {
        let report = store.verify_chain(chain)?;
        let mut detail = format!("{} {}", report.records, lang.pick(i18n::RECORDS));
        for b in &report.breaks {
            detail.push_str("; ");
            detail.push_str(&match b {
                Break::Altered(id) => {
                    format!("{} {id} {}", chain.table(), lang.pick(i18n::WAS_ALTERED))
                }
                Break::Removed { after, before } => {
                    format!(
                        "{}: {} {after} {} {before}",
                        chain.table(),
                        lang.pick(i18n::REMOVED_BETWEEN),
                        lang.pick(i18n::AND)
                    )
                }
            });
        }
        rows.push((words, detail, report.breaks.is_empty()));
    }
    let passed = rows.iter().all(|(_, _, ok)| *ok);
    let table = Table {
        columns: vec![
            col("check", lang.pick(i18n::CHECK)),
            col("detail", lang.pick(i18n::DETAIL)),
            col("result", lang.pick(i18n::RESULT)),
        ],
        rows: rows
            .into_iter()
            .map(|(w, d, ok)| {
                vec![
                    Cell::text(lang.pick(w)),
                    Cell::Text(d),
                    Cell::text(lang.pick(if ok { i18n::OK } else { i18n::MISMATCH })),
                ]
            })
            .collect(),
        ..Default::default()
    };
    ctx.emit(&Output::Table(table))?;
    Ok(if passed {
        Outcome::Success
    } else {
        Outcome::ChecksFailed
    })
}
