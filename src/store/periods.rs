//! Period closes (结账) and reopenings (反结账): the records, which closes are in force,
//! and the date the books are closed through. Who closed and when are the journal
//! record's, like every write's.

use super::chain::{Field, Table};
use super::write::{history_fields, Tx};
use super::Store;
use crate::error::Result;
use rusqlite::Connection;

/// One close or reopening.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodRecord {
    pub id: i64,
    /// `close` or `reopen`.
    pub action: String,
    /// As typed in canonical form: `2024Q2`, `2024-05`, `2024`.
    pub period: String,
    pub through: String,
    pub reason: String,
    /// The canonical CSV hashes of the period's reports at its close (JSON), `{}` for a
    /// reopening.
    pub reports: String,
    pub recorded_at: String,
    pub actor: String,
    pub jseq: i64,
}

fn records(conn: &Connection, known: Option<i64>) -> Result<Vec<PeriodRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.action, p.period, p.through_date, p.reason, p.reports,
                j.recorded_at, j.actor, p.jseq
           FROM period_close p LEFT JOIN journal j ON j.seq = p.jseq
          WHERE p.jseq <= :known
          ORDER BY p.id",
    )?;
    let rows = stmt
        .query_map(
            rusqlite::named_params! {":known": known.unwrap_or(i64::MAX)},
            |r| {
                Ok(PeriodRecord {
                    id: r.get(0)?,
                    action: r.get(1)?,
                    period: r.get(2)?,
                    through: r.get(3)?,
                    reason: r.get(4)?,
                    reports: r.get(5)?,
                    recorded_at: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    actor: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
                    jseq: r.get(8)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The closes still in force: each close, unless its period was reopened after it.
pub fn in_force(records: &[PeriodRecord]) -> Vec<&PeriodRecord> {
    let mut active: Vec<&PeriodRecord> = Vec::new();
    for r in records {
        match r.action.as_str() {
            "close" => active.push(r),
            _ => active.retain(|c| c.period != r.period),
        }
    }
    active
}

/// The close in force that reaches furthest: the books are closed through its date.
pub(super) fn closed_through(conn: &Connection) -> Result<Option<PeriodRecord>> {
    let all = records(conn, None)?;
    Ok(in_force(&all)
        .into_iter()
        .max_by(|a, b| a.through.cmp(&b.through).then(a.id.cmp(&b.id)))
        .cloned())
}

impl Store {
    /// The close in force that reaches furthest, as known at journal record `known`.
    pub fn closed_through(&self, known: Option<i64>) -> Result<Option<PeriodRecord>> {
        self.read(|c| {
            let all = records(c, known)?;
            Ok(in_force(&all)
                .into_iter()
                .max_by(|a, b| a.through.cmp(&b.through).then(a.id.cmp(&b.id)))
                .cloned())
        })
    }

    /// Every close and reopening, oldest first, as known at journal record `known`.
    pub fn period_records(&self, known: Option<i64>) -> Result<Vec<PeriodRecord>> {
        self.read(|c| records(c, known))
    }
}

impl Tx<'_> {
    /// The close in force that reaches furthest (the books are closed through its date).
    pub fn closed_through(&self) -> Result<Option<PeriodRecord>> {
        closed_through(self.conn())
    }

    pub fn period_records(&self) -> Result<Vec<PeriodRecord>> {
        records(self.conn(), None)
    }

    /// Records a close or a reopening, with its history line.
    pub fn record_period(
        &mut self,
        action: &str,
        period: &str,
        through: &str,
        reason: &str,
        reports: &str,
    ) -> Result<i64> {
        self.name_action(action);
        let id = self.insert(
            Table::PeriodClose,
            &[
                Field::Text(action),
                Field::Text(period),
                Field::Text(through),
                Field::Text(reason),
                Field::Text(reports),
            ],
        )?;
        let stamp = self.stamp().clone();
        let today = stamp.recorded_at.get(..10).unwrap_or_default().to_string();
        let what = format!("{period} (through {through})");
        let fields = history_fields(
            &stamp,
            &today,
            None,
            action,
            "period",
            None,
            Some(&what),
            (Some(reason), None),
            None,
        );
        self.insert(Table::History, &fields)?;
        Ok(id)
    }
}
