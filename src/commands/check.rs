//! `ecoledger check`: is the file sound and unaltered? `PRAGMA integrity_check`, the
//! ledger's limits, the reconciliation, the hash chain over every record (which names
//! any row edited, added or removed behind the program's back), a replay of the history
//! against the versions, the append-only triggers, the references, and the reports of
//! every closed period against the hashes filed at its close. It prints the chain's
//! head, which `--anchor` looks for later.

use super::{Context, Outcome};
use crate::domain::money::{LEDGER_MAX_WAN, YUAN_PER_WAN};
use crate::error::{Error, Result};
use crate::i18n::{self, msg, Text, Words};
use crate::render::{col, Cell, Output, Table};
use crate::reports;
use crate::store::chain::{hex, Break};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_name = "HASH")]
    pub anchor: Option<String>,
}

fn describe(b: &Break) -> Text {
    match b {
        Break::Altered {
            table,
            key,
            project,
        } => match project {
            Some(p) => msg::break_altered_of(table.name(), key, p),
            None => msg::break_altered(table.name(), key),
        },
        Break::Stray { table, key, jseq } => msg::break_stray(table.name(), key, jseq),
        Break::Rows { seq, action } => msg::break_rows(seq, action),
        Break::Record { seq } => msg::break_record(seq),
        Break::Removed { after, before } => msg::break_removed(after, before),
    }
}

/// `--anchor`: 64 hex digits.
fn parse_anchor(text: &str) -> Result<[u8; 32]> {
    let t = text.trim().to_ascii_lowercase();
    let bad = || Error::bad_value("--anchor", msg::not_a_chain_head(text));
    if t.len() != 64 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let mut out = [0_u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&t[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let lang = ctx.lang;
    let anchor = args.anchor.as_deref().map(parse_anchor).transpose()?;
    let store = ctx.open_store()?;
    let mut rows: Vec<(Words, String, bool)> = Vec::new();
    let integrity = store.integrity_check()?;
    let sound = integrity == ["ok"];
    rows.push((i18n::CHECK_INTEGRITY, integrity.join("; "), sound));
    // The limits first, summed wide: a ledger beyond them (written before they existed)
    // cannot be reconciled exactly, and says so instead of failing.
    let sums = store.ledger_sums()?;
    let limit = i128::from(LEDGER_MAX_WAN) * i128::from(YUAN_PER_WAN);
    let payments_yuan = sums.payments_fen / i128::from(crate::domain::money::FEN_PER_YUAN);
    let within = sums.estimates_yuan <= limit && payments_yuan <= limit;
    let wan = |fen: i128| match i64::try_from(fen) {
        Ok(f) => crate::domain::Money::from_fen(f).grouped(),
        Err(_) => rust_decimal::Decimal::try_from_i128_with_scale(fen, 6)
            .map(|d| d.normalize().to_string())
            .unwrap_or_else(|_| fen.to_string()),
    };
    rows.push((
        i18n::CHECK_LIMITS,
        msg::limits_detail(
            msg::wan(wan(
                sums.estimates_yuan * i128::from(crate::domain::money::FEN_PER_YUAN)
            )),
            msg::wan(wan(sums.payments_fen)),
        )
        .get(lang)
        .to_string(),
        within,
    ));
    if within {
        let reconcile =
            reports::reconcile::build(&store.reconcile_data(crate::store::View::CURRENT)?, lang);
        let failures = reconcile.failures();
        let detail = if failures == 0 {
            lang.pick(i18n::RECONCILE_PASSED).to_string()
        } else {
            msg::check_reconcile_failed(failures).get(lang).to_string()
        };
        rows.push((i18n::CHECK_RECONCILE, detail, failures == 0));
    } else {
        rows.push((
            i18n::CHECK_RECONCILE,
            lang.pick(i18n::SKIPPED_OVER_LIMITS).to_string(),
            false,
        ));
    }
    // The chain over every record, with its head.
    let report = store.verify_journal(anchor.as_ref())?;
    let mut detail = msg::journal_detail(
        report.records,
        report.rows,
        report.head.seq,
        hex(&report.head.hash),
    );
    for b in &report.breaks {
        detail = Text::join([detail, describe(b)], "; ", "；");
    }
    let detail = detail.get(lang).to_string();
    rows.push((i18n::CHECK_JOURNAL, detail, report.breaks.is_empty()));
    if anchor.is_some() {
        let found = report.anchor_found && report.breaks.is_empty();
        rows.push((
            i18n::CHECK_ANCHOR,
            lang.pick(if report.anchor_found {
                i18n::ANCHOR_FOUND
            } else {
                i18n::ANCHOR_MISSING
            })
            .to_string(),
            found,
        ));
    }
    // The history replayed against the versions.
    let replay = store.replay_history()?;
    let detail = if replay.is_empty() {
        lang.pick(i18n::REPLAY_OK).to_string()
    } else {
        replay
            .iter()
            .take(50)
            .map(|p| {
                msg::replay_problem(p.version, &p.project, &p.what)
                    .get(lang)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(lang.pick(i18n::LIST_SEPARATOR))
    };
    rows.push((i18n::CHECK_REPLAY, detail, replay.is_empty()));
    // The triggers that keep every table append-only.
    let missing = store.missing_triggers()?;
    let detail = if missing.is_empty() {
        lang.pick(i18n::ALL_PRESENT).to_string()
    } else {
        msg::triggers_missing(Text::list(&missing))
            .get(lang)
            .to_string()
    };
    rows.push((i18n::CHECK_TRIGGERS, detail, missing.is_empty()));
    // The running totals the triggers keep, against the records they sum.
    let totals = store.running_total_mismatches()?;
    let detail = if totals.is_empty() {
        lang.pick(i18n::RUNNING_TOTALS_OK).to_string()
    } else {
        totals
            .iter()
            .map(|m| {
                msg::running_total_differs(m.kind, &m.kept, &m.summed)
                    .get(lang)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(lang.pick(i18n::LIST_SEPARATOR))
    };
    rows.push((i18n::CHECK_RUNNING_TOTALS, detail, totals.is_empty()));
    // The page aggregates, against a recomputation from the records.
    let differing = store.aggregate_mismatches()?;
    let detail = if differing.is_empty() {
        lang.pick(i18n::AGGREGATES_OK).to_string()
    } else {
        differing
            .iter()
            .take(50)
            .map(|m| {
                msg::aggregate_differs(m.table, &m.key, &m.kept, &m.recomputed)
                    .get(lang)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(lang.pick(i18n::LIST_SEPARATOR))
    };
    rows.push((i18n::CHECK_AGGREGATES, detail, differing.is_empty()));
    let broken = store.broken_references()?;
    let detail = if broken.is_empty() {
        lang.pick(i18n::NO_BROKEN_REFERENCES).to_string()
    } else {
        broken
            .iter()
            .take(50)
            .map(|(t, id)| msg::broken_reference(t, id).get(lang).to_string())
            .collect::<Vec<_>>()
            .join(lang.pick(i18n::LIST_SEPARATOR))
    };
    rows.push((i18n::CHECK_REFERENCES, detail, broken.is_empty()));
    // Every indicator value and link names what the plan's table has (the chain above
    // already says they are unaltered).
    let table = crate::seed::indicators()?;
    let measurements = store.measurements()?;
    let links = store.indicator_links()?;
    let mut unknown: Vec<String> = measurements
        .iter()
        .filter(|m| crate::ops::indicator::resolve(&table, &m.indicator).is_err())
        .map(|m| format!("indicator_measurement {} {}", m.id, m.indicator))
        .collect();
    unknown.extend(
        links
            .iter()
            .filter(|(i, _)| !i.parse::<u32>().is_ok_and(|n| table.indicator(n).is_some()))
            .map(|(i, p)| format!("indicator_link {i} {p}")),
    );
    let detail = if unknown.is_empty() {
        msg::indicator_records_ok(measurements.len(), links.len())
    } else {
        msg::indicator_records_unknown(unknown.join(", "))
    };
    rows.push((
        i18n::CHECK_INDICATORS,
        detail.get(lang).to_string(),
        unknown.is_empty(),
    ));
    // Every closed period's reports, recomputed, against the hashes filed at its close.
    let closes = crate::ops::period::verify_closes(&store)?;
    let detail = if closes.checked == 0 {
        lang.pick(i18n::NO_CLOSES).to_string()
    } else if closes.differing.is_empty() {
        msg::closes_match(closes.checked).get(lang).to_string()
    } else {
        closes
            .differing
            .iter()
            .map(|(period, report)| {
                msg::differs_from_filed(period, crate::ops::period::report_name(report))
                    .get(lang)
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join(lang.pick(i18n::LIST_SEPARATOR))
    };
    rows.push((i18n::CHECK_CLOSES, detail, closes.differing.is_empty()));
    // Records dated or recorded in the future: only a release before they were refused
    // could write them; the user guide says how to correct them.
    let future = store.future_records(
        &crate::domain::date::format_date(ctx.clock.today()),
        &crate::clock::latest_acceptable(),
    )?;
    let mut found: Vec<Text> = Vec::new();
    found.extend(
        future
            .versions
            .iter()
            .map(|(p, d)| Text::data(format!("project_version {p} {d}"))),
    );
    found.extend(
        future
            .entries
            .iter()
            .map(|(e, p, d)| Text::data(format!("spending {e} ({p}) {d}"))),
    );
    found.extend(
        future
            .records
            .iter()
            .map(|(s, at)| msg::journal_record_at(s, at)),
    );
    let detail = if found.is_empty() {
        lang.pick(i18n::NONE_IN_FUTURE).to_string()
    } else {
        msg::in_future(Text::join(found, "; ", "；"))
            .get(lang)
            .to_string()
    };
    // A journal record stamped in the future cannot be undone; it is only named. A
    // version or entry is corrected by a later change or a reversal.
    let corrected = future.versions.is_empty() && future.entries.is_empty();
    rows.push((i18n::CHECK_FUTURE, detail, corrected));

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
                    if ok {
                        Cell::code("ok", lang.pick(i18n::OK))
                    } else {
                        Cell::code("mismatch", lang.pick(i18n::MISMATCH))
                    },
                ]
            })
            .collect(),
        ..Default::default()
    };
    ctx.emit(&Output::Table(Table {
        note: Some(format!(
            "{} #{} {}",
            lang.pick(i18n::CHAIN_HEAD),
            report.head.seq,
            hex(&report.head.hash)
        )),
        ..table
    }))?;
    Ok(if passed {
        Outcome::Success
    } else {
        Outcome::ChecksFailed
    })
}
