//! Indicator measurements and indicator–project links: appended through the write path
//! (so they are chained, stamped, and refused in closed periods like every other row),
//! each with its history line, and read back for the indicator commands and reports.

use super::chain::{Field, Table};
use super::write::{history_fields, Tx};
use super::Store;
use crate::domain::indicator::Measurement;
use crate::domain::Money;
use crate::error::Result;
use rusqlite::Connection;

/// A value to record.
#[derive(Clone, Debug)]
pub struct NewMeasurement<'a> {
    pub indicator: &'a str,
    pub year: i32,
    pub effective_date: &'a str,
    pub value: &'a str,
    pub met: Option<bool>,
    pub source: &'a str,
    pub reason: Option<&'a str>,
}

const MEASUREMENT_SQL: &str = "SELECT id, indicator, year, effective_date, value, met, source,
        reason, recorded_at, actor FROM indicator_measurement";

fn measurements(
    conn: &Connection,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Measurement>> {
    let sql = format!("{MEASUREMENT_SQL} {filter} ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params, |r| {
            let met: Option<i64> = r.get(5)?;
            Ok(Measurement {
                id: r.get(0)?,
                indicator: r.get(1)?,
                year: r.get(2)?,
                effective_date: r.get(3)?,
                value: r.get(4)?,
                met: met.map(|m| m != 0),
                source: r.get(6)?,
                reason: r.get(7)?,
                recorded_at: r.get(8)?,
                actor: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The links in force: (indicator, project) whose latest row says `link`, in the order
/// they were first made.
fn links(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT l.indicator, l.project_id FROM indicator_link l
          WHERE l.action = 'link'
            AND l.id = (SELECT MAX(id) FROM indicator_link m
                         WHERE m.indicator = l.indicator AND m.project_id = l.project_id)
          ORDER BY l.id",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Store {
    /// Every measurement, in the order recorded.
    pub fn measurements(&self) -> Result<Vec<Measurement>> {
        self.read(|c| measurements(c, "", &[]))
    }

    /// The measurements in `view`: effective on or before its date (`--as-of`) and
    /// recorded by its journal record (`--known-at`).
    pub fn measurements_in(&self, view: super::View) -> Result<Vec<Measurement>> {
        let as_of = view.as_of_date().map(crate::domain::date::format_date);
        self.read(|c| {
            measurements(
                c,
                "WHERE (?1 IS NULL OR effective_date <= ?1) AND (?2 IS NULL OR jseq <= ?2)",
                &[&as_of, &view.known],
            )
        })
    }

    /// The indicator–project links in force.
    pub fn indicator_links(&self) -> Result<Vec<(String, String)>> {
        self.read(links)
    }

    /// The indicators project `id` is linked to, in number order.
    pub fn indicators_of(&self, id: &str) -> Result<Vec<String>> {
        let mut found: Vec<String> = self
            .indicator_links()?
            .into_iter()
            .filter(|(_, p)| p == id)
            .map(|(i, _)| i)
            .collect();
        found.sort_by_key(|i| i.parse::<u32>().unwrap_or(u32::MAX));
        Ok(found)
    }

    /// Every project's spending dated on or before `through` (payments less reversals).
    pub fn spent_by_project_through(
        &self,
        through: &str,
    ) -> Result<std::collections::HashMap<String, Money>> {
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT project_id, SUM(amount_fen) FROM spending WHERE date <= ?1 GROUP BY project_id",
            )?;
            let rows = stmt
                .query_map([through], |r| Ok((r.get(0)?, Money::from_fen(r.get(1)?))))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
    }

    /// Every project's spending to date (payments less reversals).
    pub fn spent_by_project(&self) -> Result<std::collections::HashMap<String, Money>> {
        self.read(|c| {
            let mut stmt =
                c.prepare("SELECT project_id, SUM(amount_fen) FROM spending GROUP BY project_id")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, Money::from_fen(r.get(1)?))))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
    }
}

impl Tx<'_> {
    /// The measurements of `key` recorded so far.
    pub fn measurements_of(&self, key: &str) -> Result<Vec<Measurement>> {
        measurements(self.conn(), "WHERE indicator = ?1", &[&key])
    }

    pub fn indicator_links(&self) -> Result<Vec<(String, String)>> {
        links(self.conn())
    }

    /// Appends a measurement and its history line; `old` is the value it replaces for
    /// that year, if any.
    pub fn record_measurement(&mut self, m: &NewMeasurement<'_>, old: Option<&str>) -> Result<i64> {
        self.name_action("measure");
        let stamp = self.stamp().clone();
        let id = self.insert(
            Table::IndicatorMeasurement,
            &[
                Field::Text(m.indicator),
                Field::Text(m.effective_date),
                Field::Int(i64::from(m.year)),
                Field::Text(m.value),
                Field::int(m.met.map(i64::from)),
                Field::Text(m.source),
                Field::text(m.reason),
                Field::Text(&stamp.recorded_at),
                Field::Text(&stamp.actor),
            ],
        )?;
        let what = format!("{} ({})", m.indicator, m.year);
        let new = match m.met {
            Some(true) => format!("{what}: {} [met]", m.value),
            Some(false) => format!("{what}: {} [not met]", m.value),
            None => format!("{what}: {}", m.value),
        };
        let old = old.map(|o| format!("{what}: {o}"));
        let fields = history_fields(
            &stamp,
            m.effective_date,
            None,
            "measure",
            "indicator",
            old.as_deref(),
            Some(&new),
            (m.reason, Some(m.source)),
            None,
        );
        self.insert(Table::History, &fields)?;
        Ok(id)
    }

    /// Appends a link or unlink of `project` to indicator `indicator`, with its history
    /// line (on the project).
    pub fn record_link(
        &mut self,
        indicator: &str,
        project: &str,
        action: &'static str,
        effective: &str,
        reason: Option<&str>,
    ) -> Result<i64> {
        self.name_action(action);
        let stamp = self.stamp().clone();
        let id = self.insert(
            Table::IndicatorLink,
            &[
                Field::Text(indicator),
                Field::Text(effective),
                Field::Text(project),
                Field::Text(action),
                Field::text(reason),
                Field::Text(&stamp.recorded_at),
                Field::Text(&stamp.actor),
            ],
        )?;
        let (old, new) = if action == "link" {
            (None, Some(indicator))
        } else {
            (Some(indicator), None)
        };
        let fields = history_fields(
            &stamp,
            effective,
            Some(project),
            action,
            "indicator",
            old,
            new,
            (reason, None),
            None,
        );
        self.insert(Table::History, &fields)?;
        Ok(id)
    }
}
