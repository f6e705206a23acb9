//! Reading the audit log.

use super::Store;
use crate::error::Result;
use rusqlite::types::Value;
use rusqlite::ToSql;

/// Which history records to list; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct HistoryFilter {
    pub project: Option<String>,
    /// Records recorded on or after this date (`YYYY-MM-DD`).
    pub since: Option<String>,
    pub actor: Option<String>,
    /// Records of this action (a code: `start`, `estimate`, …).
    pub action: Option<String>,
    /// Changes effective on or before this date (`YYYY-MM-DD`).
    pub as_of: Option<String>,
    /// Only the records of journal records up to this one (`--known-at`).
    pub known: Option<i64>,
}

/// One history record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    pub id: i64,
    pub recorded_at: String,
    pub effective_date: String,
    pub actor: String,
    pub project_id: String,
    pub action: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
    pub note: Option<String>,
    /// How the writer signed in: `password`, `os-user`, or `none` (a ledger without
    /// users, the program's own records, writes before schema 7).
    pub signed_in: String,
}

impl Store {
    /// Whether a project with this id exists in any version.
    pub fn project_exists(&self, id: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM project WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// History records in the order they were recorded.
    pub fn history(&self, filter: &HistoryFilter) -> Result<Vec<HistoryRow>> {
        let mut clauses = Vec::new();
        let mut values: Vec<(&str, Value)> = Vec::new();
        if let Some(p) = &filter.project {
            clauses.push("project_id = :project");
            values.push((":project", Value::Text(p.clone())));
        }
        if let Some(s) = &filter.since {
            // recorded_at is 'YYYY-MM-DDTHH:MM:SSZ', so text order is time order.
            clauses.push("recorded_at >= :since");
            values.push((":since", Value::Text(s.clone())));
        }
        if let Some(a) = &filter.actor {
            clauses.push("actor = :actor");
            values.push((":actor", Value::Text(a.clone())));
        }
        if let Some(a) = &filter.action {
            clauses.push("action = :action");
            values.push((":action", Value::Text(a.clone())));
        }
        if let Some(d) = &filter.as_of {
            clauses.push("effective_date <= :as_of");
            values.push((":as_of", Value::Text(d.clone())));
        }
        if let Some(k) = filter.known {
            clauses.push("jseq <= :known");
            values.push((":known", Value::Integer(k)));
        }
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let sql = format!(
            "SELECT id, recorded_at, effective_date, actor, COALESCE(project_id, ''), action, field,
                    old_value, new_value, reason, note,
                    COALESCE((SELECT method FROM write_auth a WHERE a.jseq = history.jseq), 'none')
               FROM history{filter_sql} ORDER BY id"
        );
        let named: Vec<(&str, &dyn ToSql)> =
            values.iter().map(|(k, v)| (*k, v as &dyn ToSql)).collect();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(named.as_slice(), |r| {
                Ok(HistoryRow {
                    id: r.get(0)?,
                    recorded_at: r.get(1)?,
                    effective_date: r.get(2)?,
                    actor: r.get(3)?,
                    project_id: r.get(4)?,
                    action: r.get(5)?,
                    field: r.get(6)?,
                    old_value: r.get(7)?,
                    new_value: r.get(8)?,
                    reason: r.get(9)?,
                    note: r.get(10)?,
                    signed_in: r.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
