//! Queries about projects, categories and departments, in any [`View`].

use super::state::{View, PROJECT_COLUMNS, PROJECT_FROM, STATE_SQL};
use super::Store;
use crate::domain::category::Category;
use crate::domain::project::{Project, Stage, Status};
use crate::domain::{Money, Schedule};
use crate::error::{Error, Result};
use rusqlite::types::{Type, Value};
use rusqlite::OptionalExtension;
use rusqlite::{Connection, Row, ToSql};

/// Which projects `projects list` shows. Every field narrows the list; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct ProjectFilter {
    /// Any of these appendix tables (none: all).
    pub tables: Vec<u8>,
    /// Led or co-led by any of these departments (none: all).
    pub departments: Vec<String>,
    pub year: Option<i32>,
    /// In any of these statuses (none: all).
    pub statuses: Vec<Status>,
    pub search: Option<String>,
    /// Only projects whose schedule ended before this year and that are neither
    /// completed nor cancelled.
    pub overdue_in: Option<i32>,
}

/// A JSON array of `items`, for `IN (SELECT value FROM json_each(:param))`: a list of
/// any length as one bound parameter.
fn json_list<T: serde::Serialize>(items: &[T]) -> Value {
    Value::Text(serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string()))
}

/// The SQL condition for `filter` over the `state` rows `s` (starting with `lead`, e.g.
/// `" WHERE "` or `" AND "`; empty when nothing is filtered) and its parameters.
pub(super) fn filter_sql(
    filter: &ProjectFilter,
    lead: &str,
) -> (String, Vec<(&'static str, Value)>) {
    let mut clauses: Vec<&str> = Vec::new();
    let mut values: Vec<(&'static str, Value)> = Vec::new();
    if !filter.tables.is_empty() {
        clauses.push("s.table_no IN (SELECT value FROM json_each(:tables))");
        values.push((":tables", json_list(&filter.tables)));
    }
    if !filter.departments.is_empty() {
        clauses.push(
            "EXISTS (SELECT 1 FROM version_department vd JOIN department d ON d.id = vd.department_id
                      WHERE vd.version_id = s.id AND d.name IN (SELECT value FROM json_each(:departments)))",
        );
        values.push((":departments", json_list(&filter.departments)));
    }
    if let Some(y) = filter.year {
        clauses.push(":filter_year BETWEEN s.start_year AND s.end_year");
        values.push((":filter_year", Value::Integer(y.into())));
    }
    if !filter.statuses.is_empty() {
        let codes: Vec<&str> = filter.statuses.iter().map(|s| s.code()).collect();
        clauses.push("s.status IN (SELECT value FROM json_each(:statuses))");
        values.push((":statuses", json_list(&codes)));
    }
    if let Some(text) = &filter.search {
        // instr, not LIKE: the user's text is matched literally, '%' and '_' included.
        clauses.push(
            "instr(lower(s.project_id || ' ' || s.group_name || ' ' || s.description || ' ' ||
               (SELECT group_concat(d.name, ' ') FROM version_department vd
                  JOIN department d ON d.id = vd.department_id WHERE vd.version_id = s.id)),
               lower(:search)) > 0",
        );
        values.push((":search", Value::Text(text.clone())));
    }
    if let Some(y) = filter.overdue_in {
        clauses.push("s.end_year < :overdue AND s.status NOT IN ('completed', 'cancelled')");
        values.push((":overdue", Value::Integer(y.into())));
    }
    if clauses.is_empty() {
        (String::new(), values)
    } else {
        (format!("{lead}{}", clauses.join(" AND ")), values)
    }
}

/// One estimate revision of a project, as `projects show` lists them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Revision {
    pub effective_date: String,
    pub stage: Stage,
    pub estimate: Money,
    pub actor: String,
    pub reason: String,
}

fn bad_code(i: usize, what: &str, code: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        Type::Text,
        format!("unknown {what} '{code}'").into(),
    )
}

pub(super) fn project_from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    let departments: Option<String> = r.get(9)?;
    let status: String = r.get(10)?;
    let stage: String = r.get(11)?;
    Ok(Project {
        id: r.get(0)?,
        table: r.get(1)?,
        category: r.get(2)?,
        category_en: r.get(3)?,
        group: r.get(4)?,
        description: r.get(5)?,
        estimate: Money::from_yuan(r.get(6)?),
        // The table's CHECK constraints keep start <= end within range.
        schedule: Schedule {
            start: r.get(7)?,
            end: r.get(8)?,
        },
        departments: departments
            .map(|d| d.split('、').map(str::to_string).collect())
            .unwrap_or_default(),
        status: Status::from_code(&status).ok_or_else(|| bad_code(10, "status", &status))?,
        stage: Stage::from_code(&stage).ok_or_else(|| bad_code(11, "stage", &stage))?,
        has_plan: r.get(12)?,
    })
}

/// Binds named parameters given as owned values.
pub(super) fn named<'a>(params: &'a [(&'static str, Value)]) -> Vec<(&'static str, &'a dyn ToSql)> {
    params.iter().map(|(k, v)| (*k, v as &dyn ToSql)).collect()
}

/// Runs a query over the state of `view` and collects its rows.
pub(super) fn query_state<T>(
    conn: &Connection,
    view: View,
    tail: &str,
    extra: Vec<(&'static str, Value)>,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut params = view.params();
    params.extend(extra);
    let sql = format!("{STATE_SQL}{tail}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(named(&params).as_slice(), map)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Like [`query_state`], for project `id` alone (bound as `:id`), through
/// [`STATE_SQL_ONE`](super::state::STATE_SQL_ONE).
pub(super) fn query_one_state<T>(
    conn: &Connection,
    view: View,
    tail: &str,
    id: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut params = view.params();
    params.push((":id", Value::Text(id.to_string())));
    let sql = format!("{}{tail}", *super::state::STATE_SQL_ONE);
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(named(&params).as_slice(), map)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Like [`query_state`], but hands each row to `each` as it comes, keeping none.
pub(super) fn for_each_state_row(
    conn: &Connection,
    view: View,
    tail: &str,
    extra: Vec<(&'static str, Value)>,
    mut each: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<()> {
    let mut params = view.params();
    params.extend(extra);
    let sql = format!("{STATE_SQL}{tail}");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(named(&params).as_slice())?;
    while let Some(row) = rows.next()? {
        each(row)?;
    }
    Ok(())
}

impl Store {
    pub fn categories(&self) -> Result<Vec<Category>> {
        categories(&self.conn)
    }

    /// All department names, in name order.
    pub fn departments(&self) -> Result<Vec<String>> {
        departments(&self.conn)
    }

    /// The projects that pass `filter` in `view`, in table and number order.
    pub fn projects(&self, view: View, filter: &ProjectFilter) -> Result<Vec<Project>> {
        let mut projects = Vec::new();
        self.for_each_project(view, filter, |p| {
            projects.push(p);
            Ok(())
        })?;
        Ok(projects)
    }

    /// The first `n` projects of [`Store::projects`] and how many pass `filter` in all
    /// (a page that lists a few of many says how many there are).
    pub fn first_projects(
        &self,
        view: View,
        filter: &ProjectFilter,
        n: usize,
    ) -> Result<(Vec<Project>, usize)> {
        let (filter_sql, mut values) = filter_sql(filter, " WHERE ");
        // At least one row, to carry the count; only the first `n` are kept.
        values.push((
            ":first",
            Value::Integer(i64::try_from(n.max(1)).unwrap_or(i64::MAX)),
        ));
        // One rebuild of the state: the count of all is a window over the same rows.
        let tail = format!(
            "SELECT {PROJECT_COLUMNS}, COUNT(*) OVER (){PROJECT_FROM}{filter_sql}
              ORDER BY s.table_no, p.no, p.id LIMIT :first"
        );
        let mut all = 0_i64;
        let mut first = self.read(|c| {
            query_state(c, view, &tail, values, |r| {
                all = r.get(13)?;
                project_from_row(r)
            })
        })?;
        first.truncate(n);
        Ok((first, usize::try_from(all).unwrap_or(usize::MAX)))
    }

    /// [`Store::projects`], one project at a time as SQLite returns them, without
    /// collecting them.
    pub fn for_each_project(
        &self,
        view: View,
        filter: &ProjectFilter,
        mut f: impl FnMut(Project) -> Result<()>,
    ) -> Result<()> {
        let (filter_sql, values) = filter_sql(filter, " WHERE ");
        let tail = format!(
            "SELECT {PROJECT_COLUMNS}{PROJECT_FROM}{filter_sql} ORDER BY s.table_no, p.no, p.id"
        );
        self.read(|c| for_each_state_row(c, view, &tail, values, |r| f(project_from_row(r)?)))
    }

    /// The earliest effective date of any project version (the plan's date for a
    /// seeded ledger), if there is any.
    pub fn first_effective_date(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT MIN(effective_date) FROM project_version", [], |r| {
                r.get(0)
            })?)
    }

    /// One project by id in `view`, or [`Error::UnknownProject`] (also when the project
    /// did not exist yet at that date).
    pub fn project(&self, view: View, id: &str) -> Result<Project> {
        let tail = format!("SELECT {PROJECT_COLUMNS}{PROJECT_FROM} WHERE s.project_id = :id");
        let rows = self.read(|c| query_one_state(c, view, &tail, id, project_from_row))?;
        if let Some(p) = rows.into_iter().next() {
            return Ok(p);
        }
        // Not in this view: a project added after the date or moment asked for is said
        // to be so; only an id the ledger never had is unknown.
        let first: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT v.effective_date, j.recorded_at
                   FROM project_version v JOIN journal j ON j.seq = v.jseq
                  WHERE v.project_id = ?1 ORDER BY v.id LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Err(match first {
            Some((effective, recorded)) => Error::NotYetInView {
                id: id.to_string(),
                effective,
                recorded,
            },
            None => Error::UnknownProject(id.to_string()),
        })
    }

    /// The project's year allocation in `view` (its explicit plan, or the even spread).
    pub fn project_years(&self, view: View, id: &str) -> Result<Vec<(i32, Money)>> {
        self.read(|c| {
            query_one_state(
                c,
                view,
                "SELECT year, amount_yuan FROM alloc WHERE project_id = :id ORDER BY year",
                id,
                |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))),
            )
        })
    }

    /// The project's lead departments with their shares of its estimate, in listed order.
    pub fn project_department_shares(&self, view: View, id: &str) -> Result<Vec<(String, Money)>> {
        self.read(|c| {
            query_one_state(
                c,
                view,
                "SELECT d.name, sh.share_yuan FROM share sh JOIN department d ON d.id = sh.department_id
                  WHERE sh.project_id = :id ORDER BY sh.position",
                id,
                |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))),
            )
        })
    }

    /// The estimate revisions of a project visible in `view`, oldest first: the plan's
    /// figure (or the figure it was added with), then each `estimate` command.
    pub fn revisions(&self, view: View, id: &str) -> Result<Vec<Revision>> {
        let mut params = view.params();
        params.push((":id", Value::Text(id.to_string())));
        self.read(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT v.effective_date, v.stage, v.estimate_yuan,
                        COALESCE((SELECT h.actor FROM history h WHERE h.version_id = v.id ORDER BY h.id LIMIT 1), ''),
                        COALESCE((SELECT h.reason FROM history h WHERE h.version_id = v.id ORDER BY h.id LIMIT 1), '')
                   FROM project_version v
                  WHERE v.project_id = :id AND v.change IN ('seed', 'create', 'estimate')
                    AND CASE WHEN :original THEN v.change = 'seed' ELSE v.effective_date <= :as_of END
                    AND v.jseq <= :known
                  ORDER BY v.id",
            )?;
            let rows = stmt
                .query_map(named(&params).as_slice(), |r| {
                    let stage: String = r.get(1)?;
                    Ok(Revision {
                        effective_date: r.get(0)?,
                        stage: Stage::from_code(&stage).ok_or_else(|| bad_code(1, "stage", &stage))?,
                        estimate: Money::from_yuan(r.get(2)?),
                        actor: r.get(3)?,
                        reason: r.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
    }
}

pub(super) fn categories(conn: &Connection) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare_cached(
        "SELECT table_no, name, name_en, stated_total_yuan FROM category ORDER BY table_no",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Category {
                table: r.get(0)?,
                name: r.get(1)?,
                name_en: r.get(2)?,
                stated_total: Money::from_yuan(r.get(3)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn departments(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT name FROM department ORDER BY name")?;
    let names = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}
