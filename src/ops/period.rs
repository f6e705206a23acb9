//! Closing the books (结账) and reopening them (反结账). A close covers everything dated
//! through the end of a period (`2024Q2`, `2024-05`, `2024`): from then on the write
//! path refuses any version effective, or payment dated, on or before that day. At the
//! close the period's reports, as of its end, are written as canonical CSV and their
//! SHA-256 kept in the close's record; `check` recomputes them.

use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n::{msg, Lang, Text};
use crate::render::{self, Format, RenderOptions};
use crate::store::periods::{in_force, PeriodRecord};
use crate::store::write::Stamp;
use crate::store::{Store, View};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// The reports a close of `period` files, each as of its own period's end: a quarter's
/// quarterly report; a year's four quarterly reports and its annual report; a month's
/// quarterly report up to the month's end.
fn reports_of(period: Period) -> Vec<(String, Period)> {
    match period {
        Period::Year(y) => (1..=4)
            .map(|q| (format!("quarterly {y}Q{q}"), Period::Quarter(y, q)))
            .chain([(format!("annual {y}"), period)])
            .collect(),
        Period::Quarter(..) => vec![(format!("quarterly {period}"), period)],
        Period::Month(..) => vec![(
            format!(
                "quarterly {} as of {}",
                period.quarter(),
                format_date(period.end())
            ),
            period,
        )],
    }
}

/// A filed report's name (the key it is filed under, e.g. `quarterly 2024Q2 as of
/// 2024-05-31`) as people read it.
pub fn report_name(name: &str) -> Text {
    if let Some(rest) = name.strip_prefix("quarterly ") {
        return match rest.split_once(" as of ") {
            Some((quarter, date)) => msg::filed_quarterly_as_of(quarter, date),
            None => msg::filed_quarterly(rest),
        };
    }
    match name.strip_prefix("annual ") {
        Some(year) => msg::filed_annual(year),
        None => Text::data(name),
    }
}

/// The canonical CSV of one report: English headers, no byte-order mark, as of the end
/// of `period`, from the ledger as known at journal record `known`.
fn canonical_csv(store: &Store, name: &str, period: Period, known: Option<i64>) -> Result<Vec<u8>> {
    let view = View::as_of(period.end()).known_at(known);
    let output = if name.starts_with("annual") {
        super::budget::annual(store, period.year(), view, &Default::default(), Lang::En)?
    } else {
        super::budget::quarterly(store, period, view, &Default::default(), Lang::En)?
    };
    let mut bytes = Vec::new();
    render::write(
        &mut bytes,
        &output,
        // The defaults otherwise: no BOM, no creation stamp, every column.
        RenderOptions {
            format: Format::Csv,
            ..RenderOptions::default()
        },
    )?;
    Ok(bytes)
}

/// The hashes of `period`'s reports, as a JSON object in report order.
fn report_hashes(store: &Store, period: Period, known: Option<i64>) -> Result<String> {
    let mut map = serde_json::Map::new();
    for (name, p) in reports_of(period) {
        let csv = canonical_csv(store, &name, p, known)?;
        map.insert(
            name,
            serde_json::Value::String(crate::store::chain::hex(&Sha256::digest(&csv))),
        );
    }
    Ok(serde_json::Value::Object(map).to_string())
}

/// A period as typed for a close: a year, a quarter or a month.
pub fn parse(text: &str) -> Result<Period> {
    Period::parse(text).map_err(|e| Error::bad_value("PERIOD", e))
}

/// A close made.
#[derive(Clone, Debug)]
pub struct Closed {
    pub period: Period,
    pub through: String,
    /// The reports filed: (name, SHA-256).
    pub reports: Vec<(String, String)>,
}

/// Closes the books through the end of `period`. Refused when that day is after
/// `today`, when the books are already closed through it or later, or without a reason.
pub fn close(
    store: &mut Store,
    stamp: Stamp,
    period: Period,
    reason: &str,
    today: NaiveDate,
) -> Result<Closed> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::ReasonRequired("period close"));
    }
    let through = format_date(period.end());
    // Over means past its last day: payments can still be dated on that day.
    if period.end() >= today {
        return Err(Error::bad_value(
            "PERIOD",
            msg::period_not_over(period, &through, today),
        ));
    }
    if let Some(c) = store.closed_through(None)? {
        if c.through >= through {
            return Err(Error::bad_value(
                "PERIOD",
                msg::already_closed(&c.through, &c.period, &c.actor, &c.recorded_at),
            ));
        }
    }
    // The reports are computed first, from the ledger as it is; the write then checks
    // that nothing was recorded in between (else their hashes would not be the close's).
    for _ in 0..3 {
        let head = store.journal_head(None)?;
        let reports = report_hashes(store, period, None)?;
        let period_text = period.to_string();
        let done = store.write(stamp.clone(), |tx| {
            if tx.journal_seq() != head.seq + 1 {
                return Ok(false);
            }
            tx.record_period("close", &period_text, &through, reason, &reports)?;
            Ok(true)
        })?;
        if done {
            let parsed: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&reports).unwrap_or_default();
            return Ok(Closed {
                period,
                through,
                reports: parsed
                    .into_iter()
                    .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
                    .collect(),
            });
        }
    }
    Err(Error::bad_value(
        "period close",
        msg::ledger_kept_changing(),
    ))
}

/// Reopens a closed period: only the period of a close in force, and only when no other
/// close in force reaches as far (its books would stay closed).
pub fn reopen(store: &mut Store, stamp: Stamp, period: Period, reason: &str) -> Result<String> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::ReasonRequired("period reopen"));
    }
    let text = period.to_string();
    store.write(stamp, |tx| {
        let records = tx.period_records()?;
        let active = in_force(&records);
        let Some(mine) = active.iter().find(|c| c.period == text) else {
            return Err(Error::bad_value("PERIOD", msg::period_not_closed(&text)));
        };
        if let Some(wider) = active
            .iter()
            .find(|c| c.period != text && c.through >= mine.through)
        {
            return Err(Error::bad_value(
                "PERIOD",
                msg::closed_by_wider(&wider.through, &wider.period),
            ));
        }
        let through = mine.through.clone();
        tx.record_period("reopen", &text, &through, reason, "{}")?;
        Ok(through)
    })
}

/// What `check` found of the closes in force.
#[derive(Clone, Debug, Default)]
pub struct CloseCheck {
    pub checked: usize,
    /// (period, report) whose recomputed CSV differs from the hash filed at the close.
    pub differing: Vec<(String, String)>,
}

/// Recomputes the reports of every close in force, from the ledger as known at the
/// close, and compares them with the hashes filed then. (As known at the close: a
/// reversal recorded later, dated in an open period, does not touch them anyway.)
pub fn verify_closes(store: &Store) -> Result<CloseCheck> {
    let records = store.period_records(None)?;
    let mut out = CloseCheck::default();
    for close in in_force(&records) {
        let Ok(period) = Period::parse(&close.period) else {
            out.differing
                .push((close.period.clone(), "period".to_string()));
            continue;
        };
        let filed: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&close.reports).unwrap_or_default();
        for (name, p) in reports_of(period) {
            out.checked += 1;
            let csv = canonical_csv(store, &name, p, None)?;
            let hash = crate::store::chain::hex(&Sha256::digest(&csv));
            if filed.get(&name).and_then(|v| v.as_str()) != Some(hash.as_str()) {
                out.differing.push((close.period.clone(), name));
            }
        }
    }
    Ok(out)
}

/// What a report of `period` should say of its closes: a period reopened (even if
/// closed again) says when and by whom, and why.
pub fn notice(records: &[PeriodRecord], period: Period) -> Option<Text> {
    let end = format_date(period.end());
    let touching: Vec<&PeriodRecord> = records
        .iter()
        .filter(|r| {
            Period::parse(&r.period)
                .is_ok_and(|p| p.start() <= period.end() && format_date(p.start()) <= end)
                && r.through >= format_date(period.start())
        })
        .collect();
    if !touching.iter().any(|r| r.action == "reopen") {
        return None;
    }
    let lines = touching.iter().map(|r| {
        let what = if r.action == "close" {
            msg::period_closed_word()
        } else {
            msg::period_reopened_word()
        };
        msg::period_record_line(&r.period, what, &r.recorded_at, &r.actor, &r.reason)
    });
    Some(msg::reopened_notice(Text::join(lines, "; ", "；")))
}
