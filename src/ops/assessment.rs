//! Gathering what the plan implementation assessment (`report assessment`, and the
//! assessment in `report html`) is built from: the projects as they stood at the year's
//! end (or today while the year runs), spending through then, the measurements and the
//! links; then [`crate::reports::assessment::build`].

use crate::domain::date::format_date;
use crate::error::Result;
use crate::i18n::Lang;
use crate::render::Table;
use crate::reports::assessment::{self, Data};
use crate::store::projects::ProjectFilter;
use crate::store::{Store, View};
use chrono::NaiveDate;

/// The assessment of `year` as (section code, titled table), every section in order.
pub fn sections(
    store: &Store,
    year: i32,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<(&'static str, Table)>> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    let (view, through) = if end < today {
        (View::as_of(end), end)
    } else {
        (View::CURRENT, today)
    };
    let table = crate::seed::indicators()?;
    let measurements = store.measurements()?;
    let projects = store.projects(view, &ProjectFilter::default())?;
    let spent = store.spent_by_project_through(&format_date(through))?;
    let links = store.indicator_links()?;
    let categories = store.categories()?;
    let data = Data {
        year,
        table: &table,
        measurements: &measurements,
        projects: &projects,
        spent: &spent,
        links: &links,
        categories: &categories,
    };
    Ok(assessment::build(&data, lang))
}
