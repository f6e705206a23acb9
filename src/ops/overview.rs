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
/// `quarter`.
pub fn gather(
    store: &Store,
    view: View,
    today: NaiveDate,
    quarter: Period,
    lang: Lang,
) -> Result<Overview> {
    let by_category = store.totals(view, TotalsBy::Category)?;
    let by_year = store.totals(view, TotalsBy::Year)?;
    let by_status = store.totals(view, TotalsBy::Status)?;
    let categories = store.categories()?;
    let budget_rows = super::budget::rows(store, quarter, view, &super::budget::Scope::default())?;
    let overdue = store.projects(
        view,
        &ProjectFilter {
            overdue_in: Some(today.year()),
            ..Default::default()
        },
    )?;
    Ok(overview::build(
        &OverviewData {
            by_category: &by_category,
            by_year: &by_year,
            by_status: &by_status,
            categories: &categories,
            budget_rows: &budget_rows,
            quarter,
            overdue: &overdue,
        },
        lang,
    ))
}
