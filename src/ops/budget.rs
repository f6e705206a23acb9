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
use crate::reports::budget::SubtotalBy;
use crate::reports::quarterly::QuarterFigures;
use crate::store::projects::ProjectFilter;
use crate::store::spending::{BudgetQuery, BudgetRow};
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

/// Which projects a budget report covers and how it groups them.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub filter: ProjectFilter,
    pub by: SubtotalBy,
}

/// What a budget report reads for `period` in `view`: its year, its last day, its
/// month's first day (a monthly report), the projects `filter` lets through.
fn query<'f>(period: Period, view: View, filter: &'f ProjectFilter) -> BudgetQuery<'f> {
    BudgetQuery {
        year: period.year(),
        end: last_day(period, view),
        month_start: match period {
            Period::Month(y, m) => Some(format!("{y}-{m:02}-01")),
            _ => None,
        },
        filter,
    }
}

/// Each project's budget and spending figures for the year of `period`, up to its end.
pub fn rows(store: &Store, period: Period, view: View, scope: &Scope) -> Result<Vec<BudgetRow>> {
    store.budget_rows(view, &query(period, view, &scope.filter))
}

/// The quarterly budget-vs-actual report of `period` (a quarter, or a month's quarter up
/// to the month's end) over the projects `filter` lets through.
pub fn quarterly(
    store: &Store,
    period: Period,
    view: View,
    scope: &Scope,
    lang: Lang,
) -> Result<Output> {
    let rows = rows(store, period, view, scope)?;
    reports::quarterly::build(
        &rows,
        &store.categories()?,
        period.quarter(),
        scope.by,
        lang,
    )
}

/// [`quarterly`] streamed into `table` as SQLite returns the projects: the command
/// line's report, whose CSV and JSON need memory for one row, not for the report.
pub fn quarterly_into(
    store: &Store,
    period: Period,
    view: View,
    scope: &Scope,
    lang: Lang,
    table: &mut TableWriter<'_>,
) -> Result<()> {
    let categories = store.categories()?;
    let quarter = period.last_quarter();
    let mut grouper = reports::quarterly::grouper(&categories, lang);
    let mut emit = |cells, strong| table.row_strong(cells, strong);
    store.for_each_budget_row(view, &query(period, view, &scope.filter), |row| {
        grouper.push(&row.project, &QuarterFigures::new(&row, quarter), &mut emit)
    })?;
    grouper.finish(&mut emit)
}

/// The annual report of `year` beside `other`'s.
pub fn compare(
    store: &Store,
    (year, other): (i32, i32),
    view: View,
    scope: &Scope,
    lang: Lang,
) -> Result<Output> {
    let rows_year = rows(store, Period::Year(year), view, scope)?;
    let rows_other = rows(store, Period::Year(other), view, scope)?;
    reports::compare::build(
        &rows_year,
        &rows_other,
        &store.categories()?,
        (year, other),
        scope.by,
        lang,
    )
}

/// The monthly report of `year`-`month` (月度执行).
pub fn monthly(
    store: &Store,
    (year, month): (i32, u8),
    view: View,
    scope: &Scope,
    lang: Lang,
) -> Result<Output> {
    let rows = rows(store, Period::Month(year, month), view, scope)?;
    reports::monthly::build(&rows, &store.categories()?, (year, month), scope.by, lang)
}

/// The annual report of `year` over the projects `filter` lets through.
pub fn annual(store: &Store, year: i32, view: View, scope: &Scope, lang: Lang) -> Result<Output> {
    let rows = rows(store, Period::Year(year), view, scope)?;
    reports::annual::build(&rows, &store.categories()?, year, scope.by, lang)
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
    scope: &Scope,
    lang: Lang,
) -> Result<Output> {
    let mut output = quarterly(store, period, view, scope, lang)?;
    let (note, reopened) = report_note(store, period, view, lang)?;
    if let Output::Table(t) = &mut output {
        t.note = Some(match reopened {
            Some(r) => format!("{note}\n{}", r.get(lang)),
            None => note,
        });
    }
    Ok(output)
}

/// Which budget report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReportKind {
    #[default]
    Quarterly,
    Monthly,
    Annual,
}

impl ReportKind {
    /// `quarterly`, `monthly`, `annual`.
    pub fn parse(text: &str) -> Result<ReportKind> {
        match text.trim() {
            "quarterly" => Ok(ReportKind::Quarterly),
            "monthly" => Ok(ReportKind::Monthly),
            "annual" => Ok(ReportKind::Annual),
            other => Err(Error::bad_value("report", msg::unknown_report_kind(other))),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ReportKind::Quarterly => "quarterly",
            ReportKind::Monthly => "monthly",
            ReportKind::Annual => "annual",
        }
    }

    /// The report's period as typed (`2024Q2`, `2024-05`, `2024`), refused with the form
    /// this report wants.
    pub fn period(self, text: &str, place: &str) -> Result<Period> {
        let period = Period::parse(text).map_err(|e| Error::bad_value(place, e))?;
        match (self, period) {
            (ReportKind::Quarterly, _) => parse_quarter(text, place),
            (ReportKind::Monthly, Period::Month(..)) | (ReportKind::Annual, Period::Year(_)) => {
                Ok(period)
            }
            (ReportKind::Monthly, _) => Err(Error::bad_value(place, msg::not_a_month(text.trim()))),
            (ReportKind::Annual, _) => Err(Error::bad_value(place, msg::not_a_year(text.trim()))),
        }
    }

    /// The period this report shows by default: the one `today` falls in.
    pub fn current(self, today: chrono::NaiveDate) -> Period {
        use chrono::Datelike;
        match self {
            ReportKind::Quarterly => Period::quarter_of(today),
            ReportKind::Monthly => Period::Month(today.year(), today.month() as u8),
            ReportKind::Annual => Period::Year(today.year()),
        }
    }
}

/// A budget report with its note (the chain head, the as-of date, a reopening): the
/// dashboard's report page and its downloads. `compare` sets an annual report beside
/// another year.
pub fn report_with_note(
    store: &Store,
    (kind, period, compare): (ReportKind, Period, Option<i32>),
    view: View,
    scope: &Scope,
    lang: Lang,
) -> Result<Output> {
    let mut output = match (kind, period, compare) {
        (ReportKind::Annual, Period::Year(y), Some(other)) => {
            self::compare(store, (y, other), view, scope, lang)?
        }
        (ReportKind::Annual, Period::Year(y), None) => annual(store, y, view, scope, lang)?,
        (ReportKind::Monthly, Period::Month(y, m), _) => monthly(store, (y, m), view, scope, lang)?,
        _ => quarterly(store, period, view, scope, lang)?,
    };
    let (note, reopened) = report_note(store, period, view, lang)?;
    if let Output::Table(t) = &mut output {
        let mut lines: Vec<String> = t.note.take().into_iter().collect();
        lines.push(note);
        lines.extend(reopened.map(|r| r.get(lang).to_string()));
        t.note = Some(lines.join("\n"));
    }
    Ok(output)
}

/// A quarter as typed (`2024Q2`); a year or anything else is refused, naming `place`.
pub fn parse_quarter(text: &str, place: &str) -> Result<Period> {
    let period = Period::parse(text)
        .map_err(|_| Error::bad_value(place, msg::not_a_quarter(text.trim())))?;
    match period {
        Period::Year(y) => Err(Error::bad_value(place, msg::is_a_year(y))),
        Period::Month(y, m) => Err(Error::bad_value(
            place,
            msg::is_a_month(format!("{y}-{m:02}"), Period::Month(y, m).quarter()),
        )),
        quarter => Ok(quarter),
    }
}
