//! The budget figures of a period, read the one way every budget report reads them: the
//! projects' state at the end of an as-of date (or now) and the spending recorded by then.
//! The quarterly report is built here once for the command line, the dashboard's page and
//! its downloads, and the static HTML report, so that all of them show the same figures
//! and the downloads are the command's bytes.

use crate::domain::date::{format_date, parse_date};
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::render::{Output, TableWriter};
use crate::reports;
use crate::reports::quarterly::QuarterFigures;
use crate::store::spending::BudgetRow;
use crate::store::{Store, View};

/// What a report `--as-of D` reads: the projects' state at the end of D, and spending
/// recorded before the next day began (UTC). Without a date: everything (no bound, so
/// that the spending sums can be read from an index alone).
pub fn as_of_bounds(as_of: Option<&str>) -> Result<(View, Option<String>)> {
    let date = as_of
        .map(|d| parse_date(d).map_err(|e| Error::bad_value("--as-of", e)))
        .transpose()?;
    Ok(match date {
        Some(d) => {
            let next = d.succ_opt().unwrap_or(d);
            (
                View::AsOf(d),
                Some(format!("{}T00:00:00Z", next.format("%Y-%m-%d"))),
            )
        }
        None => (View::Current, None),
    })
}

/// Each project's budget and spending figures for the year of `period`, up to its end.
pub fn rows(store: &Store, period: Period, as_of: Option<&str>) -> Result<Vec<BudgetRow>> {
    let (view, recorded_before) = as_of_bounds(as_of)?;
    store.budget_rows(
        view,
        period.year(),
        &format_date(period.end()),
        recorded_before.as_deref(),
    )
}

/// The quarterly budget-vs-actual report of `period` (a quarter).
pub fn quarterly(store: &Store, period: Period, as_of: Option<&str>, lang: Lang) -> Result<Output> {
    let rows = rows(store, period, as_of)?;
    reports::quarterly::build(&rows, &store.categories()?, period, lang)
}

/// [`quarterly`] streamed into `table` as SQLite returns the projects: the command
/// line's report, whose CSV and JSON need memory for one row, not for the report.
pub fn quarterly_into(
    store: &Store,
    period: Period,
    as_of: Option<&str>,
    lang: Lang,
    table: &mut TableWriter<'_>,
) -> Result<()> {
    let (view, recorded_before) = as_of_bounds(as_of)?;
    let categories = store.categories()?;
    let quarter = period.last_quarter();
    let mut grouper = reports::quarterly::grouper(&categories, lang);
    let mut emit = |cells, strong| table.row_strong(cells, strong);
    store.for_each_budget_row(
        view,
        period.year(),
        &format_date(period.end()),
        recorded_before.as_deref(),
        |row| grouper.push(&row.project, &QuarterFigures::new(&row, quarter), &mut emit),
    )?;
    grouper.finish(&mut emit)
}

/// A quarter as typed (`2024Q2`); a year or anything else is refused, naming `place`.
pub fn parse_quarter(text: &str, place: &str) -> Result<Period> {
    match Period::parse(text).map_err(|e| Error::bad_value(place, e))? {
        Period::Year(y) => Err(Error::bad_value(
            place,
            format!("'{y}' is a year; give a quarter like {y}Q2"),
        )),
        quarter => Ok(quarter),
    }
}
