//! Turning what a user typed to narrow the project list (a category by number or name, a
//! department, a year, a status, a search text) into a store filter, with the same
//! clear errors for the command line and the web page.

use crate::domain::category::{self, Category};
use crate::domain::project::Status;
use crate::domain::schedule::parse_year;
use crate::error::{Error, Result};
use crate::i18n::{msg, Lang, Text};
use crate::store::projects::ProjectFilter;
use crate::store::Store;

/// The filters as typed; blank texts count as absent.
#[derive(Clone, Debug, Default)]
pub struct FilterInput {
    /// Categories by number or name (any of them).
    pub categories: Vec<String>,
    /// Departments (any of them).
    pub departments: Vec<String>,
    pub year: Option<String>,
    /// Statuses by code or label (any of them).
    pub statuses: Vec<String>,
    pub search: Option<String>,
    pub overdue: bool,
}

/// The store filter for `input`; `as_of_year` is the year "overdue" is judged in.
pub fn project_filter(
    store: &Store,
    input: &FilterInput,
    as_of_year: i32,
) -> Result<ProjectFilter> {
    let given = |t: &Option<String>| super::optional_text(t.as_deref());
    let typed = |list: &[String]| -> Vec<String> {
        list.iter()
            .filter_map(|t| super::optional_text(Some(t)))
            .collect()
    };
    let categories = store.categories()?;
    let tables = typed(&input.categories)
        .iter()
        .map(|text| resolve_category(&categories, text).map(|c| c.table))
        .collect::<Result<Vec<u8>>>()?;
    let departments = typed(&input.departments);
    if !departments.is_empty() {
        let all = store.departments()?;
        for name in &departments {
            if !all.contains(name) {
                let suggestions = all
                    .iter()
                    .filter(|d| d.contains(name.as_str()) || name.contains(d.as_str()))
                    .cloned()
                    .collect();
                return Err(Error::UnknownDepartment {
                    given: name.clone(),
                    suggestions,
                });
            }
        }
    }
    let year = given(&input.year)
        .map(|y| parse_year(&y).map_err(|e| Error::bad_value("--year", e)))
        .transpose()?;
    let statuses = typed(&input.statuses)
        .iter()
        .map(|s| resolve_status(s, "--status"))
        .collect::<Result<Vec<Status>>>()?;
    Ok(ProjectFilter {
        tables,
        departments,
        year,
        statuses,
        // The search text is matched as given (spaces included), only a blank one is dropped.
        search: input.search.clone().filter(|s| !s.trim().is_empty()),
        overdue_in: input.overdue.then_some(as_of_year),
    })
}

/// The category `text` names (table number or name), or a clear error listing them.
pub fn resolve_category<'a>(all: &'a [Category], text: &str) -> Result<&'a Category> {
    category::resolve(all, text).ok_or_else(|| Error::UnknownCategory {
        given: text.to_string(),
        known: Text::list(all.iter().map(|c| {
            Text::new(
                format!("{} {}", c.table, c.name_en),
                format!("{} {}", c.table, c.name),
            )
        })),
    })
}

/// The status `text` names: its code (`in_progress`), its English label (`in
/// progress`) or its Chinese label (`实施中`, also `在建`; `计划` for planned).
pub fn resolve_status(text: &str, place: &str) -> Result<Status> {
    Status::parse(text).ok_or_else(|| {
        Error::bad_value(
            place,
            msg::unknown_status(
                text.trim(),
                Text::list(Status::ALL.iter().map(|s| {
                    Text::new(s.code(), format!("{}（{}）", s.code(), s.label(Lang::Zh)))
                })),
            ),
        )
    })
}
