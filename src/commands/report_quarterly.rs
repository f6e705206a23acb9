//! `ecoledger report quarterly 2024Q2`: the quarterly budget-vs-actual report.

use super::{Context, Outcome};
use crate::domain::period::Period;
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::ops::budget;
use crate::reports;
use crate::reports::budget::SubtotalBy;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_name = "QUARTER")]
    pub period: String,
    #[command(flatten)]
    pub clocks: super::ClockArgs,
    #[command(flatten)]
    pub scope: super::ScopeArgs,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    if let Ok(Period::Year(y)) = Period::parse(&args.period) {
        return Err(Error::bad_value("QUARTER", msg::is_a_year_use_annual(y)));
    }
    let period = budget::parse_quarter(&args.period, "QUARTER")?;
    // Bad flags are refused before the ledger is opened (or created).
    args.clocks.check()?;
    let store = ctx.open_store()?;
    let view = budget::report_view(&store, period, args.clocks.view(&store)?)?;
    let scope = args.scope.scope(&store, period.year())?;
    let lang = ctx.lang;
    let note = super::report_note(ctx, &store, period, view)?;
    let note = super::with_scope_note(note, &args.scope, lang);
    if scope.by == SubtotalBy::Department {
        // Grouped by department: the rows are gathered first.
        let mut output = budget::quarterly(&store, period, view, &scope, lang)?;
        if let crate::render::Output::Table(t) = &mut output {
            t.note = super::join_notes(t.note.take(), note);
        }
        ctx.emit(&output)?;
        return Ok(Outcome::Success);
    }
    // Streamed: CSV and JSON go out as SQLite returns the projects.
    // Payments waiting for approval in the quarter: a column of their own (never in the
    // actuals). Only then is the report built whole instead of streamed. (The reports a
    // period close files are built without it, so that they never change.)
    let from = crate::domain::date::format_date(period.start());
    let mut waiting: std::collections::HashMap<String, Money> = Default::default();
    for p in store.pending_payments(
        view.known,
        Some(&crate::domain::date::format_date(period.end())),
    )? {
        if p.date >= from {
            let slot = waiting.entry(p.project_id).or_insert(Money::ZERO);
            *slot = slot.checked_add(p.amount).ok_or(Error::Overflow)?;
        }
    }
    if !waiting.is_empty() {
        let mut output = budget::quarterly(&store, period, view, &scope, lang)?;
        if let crate::render::Output::Table(t) = &mut output {
            add_pending_column(t, &waiting, lang)?;
            t.note = super::join_notes(t.note.take(), note);
        }
        ctx.emit(&output)?;
        return Ok(Outcome::Success);
    }
    ctx.emit_rows(reports::quarterly::template(period, lang), |table| {
        budget::quarterly_into(&store, period, view, &scope, lang, table)?;
        Ok(note)
    })?;
    Ok(Outcome::Success)
}

/// Appends `pending_quarter_wan` to the quarterly report: each project's payments
/// waiting for approval; a subtotal row the sum of the projects since the previous one,
/// the total row all of them.
fn add_pending_column(
    t: &mut crate::render::Table,
    waiting: &std::collections::HashMap<String, Money>,
    lang: crate::i18n::Lang,
) -> Result<()> {
    use crate::render::Cell;
    let at = |key: &str| t.columns.iter().position(|c| c.key == key);
    let (Some(kind), Some(id)) = (at("row_type"), at("id")) else {
        return Ok(());
    };
    let (mut group, mut all) = (Money::ZERO, Money::ZERO);
    for row in &mut t.rows {
        let code = match row.get(kind) {
            Some(Cell::Code { code, .. }) => code.clone(),
            Some(Cell::Text(text)) => text.clone(),
            _ => String::new(),
        };
        let value = match code.as_str() {
            "total" => all,
            "project" => {
                let key = match row.get(id) {
                    Some(Cell::Text(text)) => text.clone(),
                    Some(Cell::Code { code, .. }) => code.clone(),
                    _ => String::new(),
                };
                let p = waiting.get(&key).copied().unwrap_or(Money::ZERO);
                group = group.checked_add(p).ok_or(Error::Overflow)?;
                all = all.checked_add(p).ok_or(Error::Overflow)?;
                p
            }
            _ => std::mem::replace(&mut group, Money::ZERO),
        };
        row.push(Cell::Money(value));
    }
    t.columns.push(crate::render::col(
        "pending_quarter_wan",
        lang.pick(crate::i18n::PENDING),
    ));
    Ok(())
}
