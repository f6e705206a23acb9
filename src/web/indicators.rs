//! The dashboard's indicator pages: the score for a year with a chart by field and the
//! basic conditions (`/indicators?year=Y`), one indicator with its points year by year
//! and everything `indicators show` says (`/indicators/NO`), and the plan implementation
//! assessment (`/assessment?year=Y`); and the form on an indicator's page that records a
//! value as `indicators record` does, under the signed-in name.

use super::guard::Session;
use super::pages::{path_param, query};
use super::view::{chrome, html, AssessmentPage, Choice, IndicatorPage, IndicatorsPage};
use super::App;
use crate::error::{Error, Result};
use crate::i18n::{self, msg};
use crate::render::html::{points_chart, HtmlRecord, HtmlTable};
use crate::render::Output;
use crate::reports::indicators as ind;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Extension;
use chrono::Datelike;

/// `year` from the query (default: this year), from 2021 to this year.
fn year(app: &App, p: &super::params::Params) -> Result<i32> {
    let this_year = app.clock()?.today().year();
    let year = match p.get("year").filter(|y| !y.trim().is_empty()) {
        Some(y) => y
            .trim()
            .parse::<i32>()
            .map_err(|_| Error::bad_value("year", msg::err_indicator_year(y.trim(), this_year)))?,
        None => this_year,
    };
    if !(ind::BASE_YEAR..=this_year).contains(&year) {
        return Err(Error::bad_value(
            "year",
            msg::err_indicator_year(year, this_year),
        ));
    }
    Ok(year)
}

fn table_of(output: &Output) -> HtmlTable {
    crate::render::html::output_table(output)
}

pub async fn indicators(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    RawQuery(q): RawQuery,
) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let p = query(q)?;
        let year = year(app, &p)?;
        let table = crate::seed::indicators()?;
        let store = app.store()?;
        let measurements = store.measurements()?;
        let score = ind::score(&table, &measurements, year);
        let mut fields: Vec<(String, String, u32, u32)> = Vec::new();
        for (i, r) in table.indicators.iter().zip(&score.rows) {
            match fields.iter_mut().find(|f| f.0 == i.field) {
                Some(f) => {
                    f.2 += r.points;
                    f.3 += r.max_points;
                }
                None => fields.push((i.field.clone(), i.field.clone(), r.points, r.max_points)),
            }
        }
        let mut score_table = table_of(&ind::score_output(&table, &score, lang));
        score_table.link_column("no", |no| {
            if no.chars().all(|c| c.is_ascii_digit()) {
                format!("/indicators/{no}")
            } else {
                String::new()
            }
        });
        // The total row names no indicator: no link.
        for row in &mut score_table.rows {
            for cell in &mut row.cells {
                if cell.href.as_deref() == Some("") {
                    cell.href = None;
                }
            }
        }
        let unmet = score.unmet_conditions();
        let summary =
            msg::indicator_score_note(year, score.total, score.max, ind::veto_text(&unmet));
        let page = IndicatorsPage {
            c: chrome(app, &s, "/indicators", lang.pick(i18n::NAV_INDICATORS)),
            year,
            total: score.total,
            veto: !unmet.is_empty(),
            summary: summary.get(lang).to_string(),
            chart: points_chart(lang.pick(i18n::IND_BY_FIELD), &fields),
            score: score_table,
            conditions: table_of(&ind::conditions(&table, &score, lang)),
        };
        Ok(html(StatusCode::OK, &page))
    })
    .await
}

/// What a refused value form leaves on the indicator's page: the message and the fields
/// as typed.
#[derive(Clone, Debug, Default)]
pub struct ValueEcho {
    pub part: String,
    pub value: String,
    pub year: String,
    pub met: String,
    pub source: String,
    pub date: String,
    pub reason: String,
}

pub async fn indicator(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    no: std::result::Result<Path<String>, PathRejection>,
) -> Response {
    app.blocking(move |app| indicator_page(app, &s, &path_param(no)?, None))
        .await
}

/// An indicator's page; after a refused value, with the message and what was typed.
pub fn indicator_page(
    app: &App,
    s: &Session,
    given: &str,
    refused: Option<(String, ValueEcho)>,
) -> Result<Response> {
    let lang = app.lang();
    let table = crate::seed::indicators()?;
    let store = app.store()?;
    let d = crate::ops::indicator::detail(&store, &table, given, lang)?;
    let (indicator, linked) = (d.indicator, &d.linked);
    let measurements: Vec<_> = d.measurements.iter().collect();
    let n = indicator.no;
    // Every indicator's values, for the points year by year below.
    let all = store.measurements()?;
    let record = match ind::show(indicator, &measurements, linked, lang) {
        Output::Record(r) => HtmlRecord::from_record(&r),
        Output::Table(_) => HtmlRecord {
            fields: Vec::new(),
            sections: Vec::new(),
        },
    };
    // Its points year by year, from the plan's 2021 to this year.
    let today = app.clock()?.today();
    let this_year = today.year();
    let bars: Vec<(String, String, u32, u32)> = (ind::BASE_YEAR..=this_year.max(ind::BASE_YEAR))
        .filter_map(|y| {
            let s = ind::score(&table, &all, y);
            let r = s.row(n)?;
            Some((y.to_string(), y.to_string(), r.points, r.max_points))
        })
        .collect();
    let heading = format!("{n} {}", ind::display_name(indicator));
    let mut c = chrome(app, s, "/indicators", &heading);
    let (status, form) = match refused {
        Some((message, echo)) => {
            c.error = Some(message);
            (StatusCode::BAD_REQUEST, echo)
        }
        None => (
            StatusCode::OK,
            ValueEcho {
                year: this_year.to_string(),
                ..Default::default()
            },
        ),
    };
    let parts = match indicator.scoring {
        crate::domain::indicator::Scoring::Parts => indicator
            .rows
            .iter()
            .map(|r| {
                let key = format!("{n}.{}", r.part);
                Choice {
                    selected: form.part == key,
                    label: format!("{key} {}", r.criterion_text),
                    value: key,
                }
            })
            .collect(),
        crate::domain::indicator::Scoring::Tiers => Vec::new(),
    };
    let page = IndicatorPage {
        c,
        chart: points_chart(lang.pick(i18n::IND_HISTORY), &bars),
        href: format!("/indicators/{n}"),
        heading,
        record,
        parts,
        today: crate::domain::date::format_date(today),
        form,
    };
    Ok(html(status, &page))
}

/// `POST /indicators/NO/values`: records a value as `indicators record` does, under the
/// signed-in name; a refusal shows the command line's message on the page.
pub async fn record_value(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    no: std::result::Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    let (no, f) = match super::forms::admit_change(&app, &s, &headers, no, &body) {
        Ok(admitted) => admitted,
        Err(r) => return *r,
    };
    let echo = ValueEcho {
        part: f.raw("part"),
        value: f.raw("value"),
        year: f.raw("year"),
        met: f.raw("met"),
        source: f.raw("source"),
        date: f.raw("date"),
        reason: f.raw("reason"),
    };
    app.clone()
        .blocking(move |app| {
            let attempt = || -> Result<crate::i18n::Text> {
                let when = super::forms::when(app, &s, &f)?;
                let table = crate::seed::indicators()?;
                let address = f.get("part").unwrap_or_else(|| no.clone());
                let year = f.raw("year");
                let this_year = app.clock()?.today().year();
                let year = year.trim().parse::<i32>().map_err(|_| {
                    Error::bad_value(i18n::YEAR, msg::err_indicator_year(year.trim(), this_year))
                })?;
                let met = match f.raw("met").as_str() {
                    "yes" => Some(true),
                    "no" => Some(false),
                    _ => None,
                };
                let measure = crate::ops::indicator::Measure {
                    address,
                    value: f.raw("value"),
                    year,
                    source: f.raw("source"),
                    date: when.date,
                    met,
                    reason: f.get("reason"),
                };
                let done = crate::ops::indicator::record(
                    &mut app.store()?,
                    when.stamp,
                    &table,
                    &measure,
                    this_year,
                )?;
                Ok(done.line())
            };
            match attempt() {
                Ok(notice) => Ok(super::forms::redirect_with_notice(
                    app,
                    &format!("/indicators/{}", no.trim()),
                    &notice,
                )),
                // A role that may not record values: 403, like every refused form.
                Err(e @ Error::Denied(_)) => Err(e),
                Err(e) => indicator_page(app, &s, &no, Some((e.message(app.lang()), echo))),
            }
        })
        .await
}

pub async fn assessment(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    RawQuery(q): RawQuery,
) -> Response {
    app.heavy(move |app| {
        let lang = app.lang();
        let p = query(q)?;
        let year = year(app, &p)?;
        let store = app.store()?;
        let today = app.clock()?.today();
        let sections = crate::ops::assessment::sections(&store, year, today, lang)?
            .into_iter()
            .map(|(code, t)| {
                let title = t.title.clone().unwrap_or_default();
                (
                    format!("assessment-{code}"),
                    title,
                    HtmlTable::from_table(&t),
                )
            })
            .collect();
        let page = AssessmentPage {
            c: chrome(app, &s, "/indicators", lang.pick(i18n::ASSESS_TITLE)),
            year,
            sections,
        };
        Ok(html(StatusCode::OK, &page))
    })
    .await
}
