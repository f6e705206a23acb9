//! The dashboard's indicator pages: the score for a year with a chart by field and the
//! basic conditions (`/indicators?year=Y`), one indicator with its points year by year
//! and everything `indicators show` says (`/indicators/NO`), and the plan implementation
//! assessment (`/assessment?year=Y`). Read-only: values are recorded on the command line.

use super::guard::Session;
use super::pages::{path_param, query};
use super::view::{chrome, html, AssessmentPage, IndicatorPage, IndicatorsPage};
use super::App;
use crate::domain::indicator::Address;
use crate::error::{Error, Result};
use crate::i18n::{self, msg};
use crate::render::html::{points_chart, HtmlRecord, HtmlTable};
use crate::render::Output;
use crate::reports::indicators as ind;
use crate::reports::indicators::LinkedProject;
use crate::store::View;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
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

pub async fn indicator(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    no: std::result::Result<Path<String>, PathRejection>,
) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let given = path_param(no)?;
        let table = crate::seed::indicators()?;
        let n = match Address::parse(&given) {
            Some(Address::Indicator(n)) => n,
            _ => 0,
        };
        let Some(indicator) = table.indicator(n) else {
            return Err(Error::bad_value(
                "NO",
                msg::err_unknown_indicator(given.trim()),
            ));
        };
        let store = app.store()?;
        let all = store.measurements()?;
        let own = n.to_string();
        let prefix = format!("{n}.");
        let measurements: Vec<_> = all
            .iter()
            .filter(|m| m.indicator == own || m.indicator.starts_with(&prefix))
            .collect();
        let spent = store.spent_by_project()?;
        let mut linked = Vec::new();
        for (_, id) in store
            .indicator_links()?
            .into_iter()
            .filter(|(i, _)| *i == own)
        {
            let p = store.project(View::CURRENT, &id)?;
            linked.push(LinkedProject {
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
        let record = match ind::show(indicator, &measurements, &linked, lang) {
            Output::Record(r) => HtmlRecord::from_record(&r),
            Output::Table(_) => HtmlRecord {
                fields: Vec::new(),
                sections: Vec::new(),
            },
        };
        // Its points year by year, from the plan's 2021 to this year.
        let this_year = app.clock()?.today().year();
        let bars: Vec<(String, String, u32, u32)> = (ind::BASE_YEAR
            ..=this_year.max(ind::BASE_YEAR))
            .filter_map(|y| {
                let s = ind::score(&table, &all, y);
                let r = s.row(n)?;
                Some((y.to_string(), y.to_string(), r.points, r.max_points))
            })
            .collect();
        let heading = format!("{n} {}", ind::display_name(indicator));
        let page = IndicatorPage {
            c: chrome(app, &s, "/indicators", &heading),
            chart: points_chart(lang.pick(i18n::IND_HISTORY), &bars),
            heading,
            record,
        };
        Ok(html(StatusCode::OK, &page))
    })
    .await
}

pub async fn assessment(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    RawQuery(q): RawQuery,
) -> Response {
    app.blocking(move |app| {
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
