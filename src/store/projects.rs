//! Queries about projects, categories and departments.

use super::Store;
use crate::domain::category::Category;
use crate::domain::project::{Project, Status};
use crate::domain::{Money, Schedule};
use crate::error::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};

/// Which projects `projects list` shows. Every field narrows the list; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct ProjectFilter {
    pub table: Option<u8>,
    pub department: Option<String>,
    pub year: Option<i32>,
    pub search: Option<String>,
}

const PROJECT_COLUMNS: &str = "
    p.id, p.table_no, c.name, c.name_en, p.group_name, p.description, p.estimate_yuan,
    p.start_year, p.end_year,
    (SELECT group_concat(d.name, '、' ORDER BY pd.position)
       FROM project_department pd JOIN department d ON d.id = pd.department_id
      WHERE pd.project_id = p.id),
    p.status
    FROM project p JOIN category c ON c.table_no = p.table_no";

fn project_from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    let departments: Option<String> = r.get(9)?;
    let status: String = r.get(10)?;
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
        status: Status::from_code(&status).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                10,
                rusqlite::types::Type::Text,
                format!("unknown status '{status}'").into(),
            )
        })?,
    })
}

impl Store {
    pub fn categories(&self) -> Result<Vec<Category>> {
        categories(&self.conn)
    }

    /// All department names, in name order.
    pub fn departments(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name FROM department ORDER BY name")?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// The projects that pass `filter`, in table and number order.
    pub fn projects(&self, filter: &ProjectFilter) -> Result<Vec<Project>> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if let Some(t) = filter.table {
            clauses.push("p.table_no = ?");
            values.push(Value::Integer(t.into()));
        }
        if let Some(d) = &filter.department {
            clauses.push(
                "EXISTS (SELECT 1 FROM project_department pd JOIN department d ON d.id = pd.department_id
                          WHERE pd.project_id = p.id AND d.name = ?)",
            );
            values.push(Value::Text(d.clone()));
        }
        if let Some(y) = filter.year {
            clauses.push("? BETWEEN p.start_year AND p.end_year");
            values.push(Value::Integer(y.into()));
        }
        if let Some(s) = &filter.search {
            // instr, not LIKE: the user's text is matched literally, '%' and '_' included.
            clauses.push(
                "instr(lower(p.id || ' ' || p.group_name || ' ' || p.description || ' ' ||
                   (SELECT group_concat(d.name, ' ') FROM project_department pd
                      JOIN department d ON d.id = pd.department_id WHERE pd.project_id = p.id)),
                   lower(?)) > 0",
            );
            values.push(Value::Text(s.clone()));
        }
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let sql = format!("SELECT {PROJECT_COLUMNS}{filter_sql} ORDER BY p.table_no, p.no, p.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(values), project_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// One project by id, or [`Error::UnknownProject`].
    pub fn project(&self, id: &str) -> Result<Project> {
        let sql = format!("SELECT {PROJECT_COLUMNS} WHERE p.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query_map([id], project_from_row)?;
        match rows.next() {
            Some(p) => Ok(p?),
            None => Err(Error::UnknownProject(id.to_string())),
        }
    }

    /// The project's year allocation as SQLite computes it (the `project_year` view).
    pub fn project_years(&self, id: &str) -> Result<Vec<(i32, Money)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT year, amount_yuan FROM project_year WHERE project_id = ?1 ORDER BY year",
        )?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The project's lead departments with their shares of its estimate, in plan order.
    pub fn project_department_shares(&self, id: &str) -> Result<Vec<(String, Money)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.name, s.share_yuan FROM department_share s
               JOIN department d ON d.id = s.department_id
              WHERE s.project_id = ?1 ORDER BY s.position",
        )?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get(0)?, Money::from_yuan(r.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
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
