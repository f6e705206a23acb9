//! Recording an indicator's measured value and linking indicators to projects: the
//! address (`26`, `5.2`, `C1`) checked against the plan's table, the value judged by
//! exact decimal comparison or by the person's `--met`, and the row appended in one
//! transaction with its history line. Closed periods refuse these writes in
//! `store::write`, like every other. Also one indicator in full ([`detail`]) for the
//! command line and the dashboard alike.

use crate::domain::date::format_date;
use crate::domain::indicator::{
    judge, parse_decimal, Address, Criterion, Indicator, Row, Scoring, Value,
};
use crate::domain::project::normalize_id;
use crate::domain::spending::check_option;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::seed::IndicatorTable;
use crate::store::indicators::NewMeasurement;
use crate::store::write::Stamp;
use crate::store::Store;
use chrono::NaiveDate;

/// A value as typed.
#[derive(Clone, Debug)]
pub struct Measure {
    pub address: String,
    pub value: String,
    pub year: i32,
    pub source: String,
    pub date: NaiveDate,
    pub met: Option<bool>,
    pub reason: Option<String>,
}

/// What was recorded, for the confirmation line.
#[derive(Clone, Debug)]
pub struct Measured {
    pub key: String,
    pub year: i32,
    pub value: String,
    /// Points and the most it could score (none for a basic condition).
    pub points: Option<(u32, u32)>,
    pub met: Option<bool>,
}

impl Measured {
    pub fn line(&self) -> Text {
        match self.points {
            Some((points, max)) => {
                msg::indicator_recorded(&self.key, self.year, &self.value, points, max)
            }
            None => {
                let status = if self.met == Some(true) {
                    crate::i18n::MET
                } else {
                    crate::i18n::NOT_MET
                };
                msg::condition_recorded(&self.key, self.year, &self.value, status)
            }
        }
    }
}

fn unknown(given: &str) -> Error {
    Error::bad_value("NO", msg::err_unknown_indicator(given.trim()))
}

/// An indicator and the rows a value is judged against (none for a basic condition).
pub type Target<'t> = Option<(&'t Indicator, Vec<&'t Row>)>;

/// The indicator and the rows a value of `address` is judged against.
pub fn resolve<'t>(table: &'t IndicatorTable, address: &str) -> Result<(Address, Target<'t>)> {
    let a = Address::parse(address).ok_or_else(|| unknown(address))?;
    match a {
        Address::Condition(n) => {
            table.condition(n).ok_or_else(|| unknown(address))?;
            Ok((a, None))
        }
        Address::Indicator(n) => {
            let ind = table.indicator(n).ok_or_else(|| unknown(address))?;
            if ind.scoring == Scoring::Parts {
                let parts: Vec<String> =
                    ind.rows.iter().map(|r| format!("{n}.{}", r.part)).collect();
                return Err(Error::bad_value(
                    "NO",
                    msg::err_indicator_has_parts(n, parts.join(", ")),
                ));
            }
            Ok((a, Some((ind, ind.rows.iter().collect()))))
        }
        Address::Part(n, p) => {
            let ind = table.indicator(n).ok_or_else(|| unknown(address))?;
            if ind.scoring == Scoring::Tiers {
                return Err(Error::bad_value("NO", msg::err_indicator_no_parts(n)));
            }
            let row = ind.row(p).ok_or_else(|| unknown(address))?;
            Ok((a, Some((ind, vec![row]))))
        }
    }
}

/// Records `m`, or refuses it with nothing written.
pub fn record(
    store: &mut Store,
    stamp: Stamp,
    table: &IndicatorTable,
    m: &Measure,
    this_year: i32,
) -> Result<Measured> {
    let (address, target) = resolve(table, &m.address)?;
    let key = address.key();
    let value = m.value.trim().to_string();
    // Text as people type it: printable, of a sensible length (as notes and reasons).
    let value = check_option("VALUE", value, 500)?;
    if value.is_empty() {
        return Err(Error::bad_value("VALUE", msg::err_indicator_empty("VALUE")));
    }
    if !(2021..=this_year).contains(&m.year) {
        return Err(Error::bad_value(
            "--year",
            msg::err_indicator_year(m.year, this_year),
        ));
    }
    let source = check_option("--source", m.source.trim().to_string(), 2000)?;
    if source.is_empty() {
        return Err(Error::bad_value(
            "--source",
            msg::err_indicator_empty("--source"),
        ));
    }
    let reason = super::optional_text(m.reason.as_deref())
        .map(|r| check_option("--reason", r, 2000))
        .transpose()?;
    let number = parse_decimal(&value);
    let points = match &target {
        None => {
            if m.met.is_none() {
                let cond = match address {
                    Address::Condition(n) => table.condition(n).map(|c| c.text.clone()),
                    _ => None,
                };
                return Err(Error::bad_value(
                    "--met",
                    msg::err_indicator_met_needed(&key, cond.unwrap_or_default()),
                ));
            }
            None
        }
        Some((ind, rows)) => {
            let all_numeric = rows.iter().all(|r| r.criterion.is_numeric());
            if all_numeric {
                if number.is_none() {
                    let criterion = rows
                        .iter()
                        .map(|r| r.criterion_text.as_str())
                        .collect::<Vec<_>>()
                        .join("；");
                    return Err(Error::bad_value(
                        "VALUE",
                        msg::err_indicator_not_number(&key, &value, criterion),
                    ));
                }
                if m.met.is_some() {
                    return Err(Error::bad_value(
                        "--met",
                        msg::err_indicator_met_not_used(&key),
                    ));
                }
            } else if m.met.is_none() && ind.needs_met(rows, number) {
                let criterion = rows
                    .iter()
                    .find(|r| r.criterion == Criterion::Text)
                    .map(|r| r.criterion_text.clone())
                    .unwrap_or_default();
                return Err(Error::bad_value(
                    "--met",
                    msg::err_indicator_met_needed(&key, criterion),
                ));
            }
            let judged = judge(rows, &Value::new(&value, m.met));
            let max = match address {
                Address::Part(..) => rows.first().map_or(0, |r| r.points),
                _ => ind.max_points(),
            };
            Some((judged.points, max))
        }
    };
    let date = format_date(m.date);
    store.write(stamp, |tx| {
        let earlier = tx.measurements_of(&key)?;
        let same_year = earlier
            .iter()
            .filter(|e| e.year == m.year)
            .max_by_key(|e| e.id);
        if same_year.is_some() && reason.is_none() {
            return Err(Error::bad_value(
                "--reason",
                msg::err_indicator_replaces(&key, m.year),
            ));
        }
        tx.record_measurement(
            &NewMeasurement {
                indicator: &key,
                year: m.year,
                effective_date: &date,
                value: &value,
                met: m.met,
                source: &source,
                reason: reason.as_deref(),
            },
            same_year.map(|e| e.value.as_str()),
        )
    })?;
    Ok(Measured {
        key,
        year: m.year,
        value,
        points,
        met: m.met,
    })
}

/// A link or unlink as typed.
#[derive(Clone, Debug)]
pub struct Link {
    pub address: String,
    pub projects: Vec<String>,
    pub date: NaiveDate,
    pub reason: Option<String>,
    pub unlink: bool,
}

/// Links (or unlinks) the projects to indicator `l.address` (a whole indicator, 1–38);
/// returns the indicator's key and the project ids.
pub fn link(
    store: &mut Store,
    stamp: Stamp,
    table: &IndicatorTable,
    l: &Link,
) -> Result<(String, Vec<String>)> {
    let (address, projects, date, reason, unlink) = (
        l.address.as_str(),
        &l.projects,
        l.date,
        l.reason.as_deref(),
        l.unlink,
    );
    let key = match Address::parse(address) {
        Some(Address::Indicator(n)) if table.indicator(n).is_some() => n.to_string(),
        Some(Address::Part(n, _)) if table.indicator(n).is_some() => {
            return Err(Error::bad_value(
                "NO",
                msg::err_indicator_link_whole(n, address.trim()),
            ));
        }
        _ => return Err(unknown(address)),
    };
    let reason = super::optional_text(reason)
        .map(|r| check_option("--reason", r, 2000))
        .transpose()?;
    let date = format_date(date);
    let mut ids: Vec<String> = Vec::new();
    for id in projects.iter().map(|p| normalize_id(p)) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let action = if unlink { "unlink" } else { "link" };
    store.write(stamp, |tx| {
        let links = tx.indicator_links()?;
        for id in &ids {
            // An unknown project is refused with the usual message.
            tx.state(id)?;
            let linked = links.iter().any(|(i, p)| *i == key && p == id);
            if !unlink && linked {
                return Err(Error::bad_value(
                    "PROJECT",
                    msg::err_indicator_already_linked(&key, id),
                ));
            }
            if unlink && !linked {
                return Err(Error::bad_value(
                    "PROJECT",
                    msg::err_indicator_not_linked(&key, id),
                ));
            }
            tx.record_link(&key, id, action, &date, reason.as_deref())?;
        }
        Ok(())
    })?;
    Ok((key, ids))
}

/// One indicator in full, for `indicators show` and its dashboard page.
pub struct Detail<'t> {
    pub indicator: &'t Indicator,
    /// Every value recorded for it or one of its parts, in record order.
    pub measurements: Vec<crate::domain::indicator::Measurement>,
    /// The projects linked to it, with their estimate, status and spending.
    pub linked: Vec<crate::reports::indicators::LinkedProject>,
}

/// Finds `given` — an indicator's number, or one of its parts or tiers (the whole
/// indicator is shown) — and gathers its values and linked projects. A number or part
/// the plan's table does not have is refused.
pub fn detail<'t>(
    store: &Store,
    table: &'t IndicatorTable,
    given: &str,
    lang: crate::i18n::Lang,
) -> Result<Detail<'t>> {
    let (no, part) = match Address::parse(given) {
        Some(Address::Indicator(n)) => (n, None),
        Some(Address::Part(n, p)) => (n, Some(p)),
        _ => (0, None),
    };
    let indicator = table
        .indicator(no)
        .filter(|ind| part.is_none_or(|p| ind.row(p).is_some()))
        .ok_or_else(|| Error::bad_value("NO", msg::err_unknown_indicator(given.trim())))?;
    let own = no.to_string();
    let prefix = format!("{no}.");
    let measurements = store
        .measurements()?
        .into_iter()
        .filter(|m| m.indicator == own || m.indicator.starts_with(&prefix))
        .collect();
    let spent = store.spent_by_project()?;
    let mut linked = Vec::new();
    for (_, id) in store
        .indicator_links()?
        .into_iter()
        .filter(|(i, _)| *i == own)
    {
        let p = store.project(crate::store::View::CURRENT, &id)?;
        linked.push(crate::reports::indicators::LinkedProject {
            spent: spent
                .get(&id)
                .copied()
                .unwrap_or(crate::domain::Money::ZERO),
            description: p.description.clone(),
            estimate: p.estimate,
            status_code: p.status.code(),
            status_label: p.status.label(lang).to_string(),
            id,
        });
    }
    Ok(Detail {
        indicator,
        measurements,
        linked,
    })
}
