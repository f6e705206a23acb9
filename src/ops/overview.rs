//! The data of the portfolio overview (the dashboard's first page and the static HTML
//! report), read with the same store queries as `totals`, `report quarterly` and
//! `projects list --overdue`.

use crate::domain::period::Period;
use crate::error::Result;
use crate::i18n::Lang;
use crate::reports::overview::{self, Overview, OverviewData};
use crate::store::projects::ProjectFilter;
use crate::store::totals::TotalsBy;
use crate::store::{Store, View};
use chrono::{Datelike, NaiveDate};

/// The overview in `view`: overdue judged in `today`'s year, execution shown for
/// `quarter`; `overdue_shown` lists only the first so many overdue projects (the
/// dashboard, whose page must not grow with the ledger), else all of them (the static
/// report); the count is always of all.
pub fn gather(
    store: &Store,
    view: View,
    today: NaiveDate,
    quarter: Period,
    overdue_shown: Option<usize>,
    lang: Lang,
) -> Result<Overview> {
    let by_category = store.totals(view, TotalsBy::Category)?;
    let by_year = store.totals(view, TotalsBy::Year)?;
    let by_status = store.totals(view, TotalsBy::Status)?;
    let categories = store.categories()?;
    // The quarter's execution: from the page aggregates in the current view, else from
    // every project's budget row (the same sums).
    let execution = match store.quarter_sums(view, quarter.year(), quarter.last_quarter())? {
        Some(sums) => overview::execution(quarter, sums.budget, sums.actual),
        None => overview::quarter_execution(
            &super::budget::rows(store, quarter, view, &super::budget::Scope::default())?,
            quarter,
        ),
    };
    let overdue_filter = ProjectFilter {
        overdue_in: Some(today.year()),
        ..Default::default()
    };
    let (overdue, overdue_count) = match overdue_shown {
        Some(n) => store.first_projects(view, &overdue_filter, n)?,
        None => {
            let all = store.projects(view, &overdue_filter)?;
            let n = all.len();
            (all, n)
        }
    };
    Ok(overview::build(
        &OverviewData {
            by_category: &by_category,
            by_year: &by_year,
            by_status: &by_status,
            categories: &categories,
            quarter: execution,
            overdue: &overdue,
            overdue_count,
        },
        lang,
    ))
}
