//! The budget figures of a period, read the one way every budget report reads them: the
//! projects' state in a [`View`] (as of a date by effective dates, as known at a moment
//! by recorded time) and the payments dated by the end of the period (or the as-of date,
//! if earlier) whenever they were entered. The quarterly and annual reports are built
//! here once for the command line, the dashboard's page and its downloads, the static
//! HTML report and the hashes filed at a period's close, so that all of them show the
//! same figures and the downloads are the command's bytes.
//!
//! A period inside the closed books (see [`crate::ops::period`]) is reported as of its
//! own end unless another view is asked for: nothing dated by then can be recorded any
//! more, so its report never changes.

use crate::domain::date::format_date;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n::{msg, Lang, Text};
use crate::render::{Output, TableWriter};
use crate::reports;
use crate::reports::quarterly::QuarterFigures;
use crate::store::spending::BudgetRow;
use crate::store::{Store, View};

/// The last day of `period` a report in `view` reaches: the period's end, or the as-of
/// date if that comes first.
fn last_day(period: Period, view: View) -> String {
    let end = period.end();
    format_date(view.as_of_date().map_or(end, |d| d.min(end)))
}

/// The view a budget report of `period` reads when the flags ask for `asked`: that one,
/// unless it is the plain current view and the period lies inside the closed books —
/// then the ledger as of the period's end (which no later write can change).
pub fn report_view(store: &Store, period: Period, asked: View) -> Result<View> {
    if asked != View::CURRENT {
        return Ok(asked);
    }
    let end = format_date(period.end());
    Ok(match store.closed_through(None)? {
        Some(close) if close.through >= end => View::as_of(period.end()),
        _ => asked,
    })
}

/// Each project's budget and spending figures for the year of `period`, up to its end.
pub fn rows(store: &Store, period: Period, view: View) -> Result<Vec<BudgetRow>> {
    store.budget_rows(view, period.year(), &last_day(period, view))
}

/// The quarterly budget-vs-actual report of `period` (a quarter, or a month's quarter up
/// to the month's end).
pub fn quarterly(store: &Store, period: Period, view: View, lang: Lang) -> Result<Output> {
    let rows = rows(store, period, view)?;
    reports::quarterly::build(&rows, &store.categories()?, period.quarter(), lang)
}

/// [`quarterly`] streamed into `table` as SQLite returns the projects: the command
/// line's report, whose CSV and JSON need memory for one row, not for the report.
pub fn quarterly_into(
    store: &Store,
    period: Period,
    view: View,
    lang: Lang,
    table: &mut TableWriter<'_>,
) -> Result<()> {
    let categories = store.categories()?;
    let quarter = period.last_quarter();
    let mut grouper = reports::quarterly::grouper(&categories, lang);
    let mut emit = |cells, strong| table.row_strong(cells, strong);
    store.for_each_budget_row(view, period.year(), &last_day(period, view), |row| {
        grouper.push(&row.project, &QuarterFigures::new(&row, quarter), &mut emit)
    })?;
    grouper.finish(&mut emit)
}

/// The annual report of `year`.
pub fn annual(store: &Store, year: i32, view: View, lang: Lang) -> Result<Output> {
    let rows = rows(store, Period::Year(year), view)?;
    reports::annual::build(&rows, &store.categories()?, year, lang)
}

/// What a budget report of `period` in `view` says under its table: the ledger's chain
/// head it was computed from (`check --anchor` finds it again), the as-of date if any,
/// and, when the period was reopened after a close, when, by whom and why (the second
/// value, which a machine format says on stderr instead: its rows stay plain).
pub fn report_note(
    store: &Store,
    period: Period,
    view: View,
    lang: Lang,
) -> Result<(String, Option<Text>)> {
    let head = store.journal_head(view.known)?;
    let mut lines = vec![format!(
        "{} #{} {}",
        lang.pick(crate::i18n::CHAIN_HEAD),
        head.seq,
        crate::store::chain::hex(&head.hash)
    )];
    if let Some(as_of) = view.as_of_date() {
        lines.push(format!("{} {as_of}", lang.pick(crate::i18n::AS_OF_NOTE)));
    }
    let reopened = super::period::notice(&store.period_records(view.known)?, period);
    Ok((lines.join("\n"), reopened))
}

/// [`quarterly`] with its note, as the command line's table view, the workbook and the
/// dashboard's downloads show it.
pub fn quarterly_with_note(
    store: &Store,
    period: Period,
    view: View,
    lang: Lang,
) -> Result<Output> {
    let mut output = quarterly(store, period, view, lang)?;
    let (note, reopened) = report_note(store, period, view, lang)?;
    if let Output::Table(t) = &mut output {
        t.note = Some(match reopened {
            Some(r) => format!("{note}\n{}", r.get(lang)),
            None => note,
        });
    }
    Ok(output)
}

/// A quarter as typed (`2024Q2`); a year or anything else is refused, naming `place`.
pub fn parse_quarter(text: &str, place: &str) -> Result<Period> {
    match Period::parse(text).map_err(|e| Error::bad_value(place, e))? {
        Period::Year(y) => Err(Error::bad_value(place, msg::is_a_year(y))),
        Period::Month(y, m) => Err(Error::bad_value(
            place,
            msg::is_a_month(format!("{y}-{m:02}"), Period::Month(y, m).quarter()),
        )),
        quarter => Ok(quarter),
    }
}
