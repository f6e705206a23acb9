//! The dashboard's pages (GET): each asks the store for its data, builds the same
//! report as the matching command, and fills a template. The quarterly report's
//! downloads are the very bytes `ecoledger report quarterly … --format csv --bom` and
//! `--format xlsx` write.

use super::guard::Session;
use super::view::{
    self, Choice, Chrome, FormEcho, OverviewPage, OverviewView, ProjectPage, ProjectsPage,
    ReconcilePage, ReportsPage, SigninPage,
};
use super::App;
use crate::domain::date::format_date;
use crate::domain::lifecycle::Verb;
use crate::domain::period::Period;
use crate::domain::project::{normalize_id, Status};
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::ops::budget;
use crate::ops::filter::{project_filter, FilterInput};
use crate::render::html::{bar_chart, output_table, sort_rows, HtmlRecord, HtmlTable};
use crate::render::{self, Format, Output, RenderOptions};
use crate::reports::{self, overview::OverviewData, project_detail::Detail};
use crate::store::history::HistoryFilter;
use crate::store::projects::ProjectFilter;
use crate::store::spending::SpendingFilter;
use crate::store::totals::TotalsBy;
use crate::store::{Store, View};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::{Datelike, NaiveDate};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use std::collections::BTreeMap;

/// The most project rows one page lists; filters narrow the rest.
pub const PAGE_ROWS: usize = 1000;

/// A path segment or query value, percent-encoded.
pub fn enc(text: &str) -> String {
    utf8_percent_encode(text, NON_ALPHANUMERIC).to_string()
}

/// The link to a project's page.
pub fn project_href(id: &str) -> String {
    format!("/projects/{}", enc(id))
}

/// The overview's figures: the same totals as `ecoledger totals`, this quarter's
/// execution as `report quarterly` computes it, the overdue projects as `projects list
/// --overdue` finds them. `link` makes project ids links (not in a standalone file).
pub fn overview_view(
    store: &Store,
    today: NaiveDate,
    lang: Lang,
    link: bool,
) -> Result<OverviewView> {
    let by_category = store.totals(View::Current, TotalsBy::Category)?;
    let by_year = store.totals(View::Current, TotalsBy::Year)?;
    let by_status = store.totals(View::Current, TotalsBy::Status)?;
    let categories = store.categories()?;
    let quarter = Period::quarter_of(today);
    let budget_rows = budget::rows(store, quarter, None)?;
    let overdue = store.projects(
        View::Current,
        &ProjectFilter {
            overdue_in: Some(today.year()),
            ..Default::default()
        },
    )?;
    let o = reports::overview::build(
        &OverviewData {
            by_category: &by_category,
            by_year: &by_year,
            by_status: &by_status,
            categories: &categories,
            budget_rows: &budget_rows,
            quarter,
            overdue: &overdue,
        },
        lang,
    );
    let status_table = output_table(&reports::totals::build(
        TotalsBy::Status,
        &by_status,
        &categories,
        lang,
    ));
    let mut overdue_table = output_table(&reports::projects_list::build(&o.overdue, lang));
    if link {
        overdue_table.link_column("id", project_href);
    }
    Ok(OverviewView {
        grand_total: o.grand_total.grouped(),
        grand_total_plain: o.grand_total.plain(),
        projects: o.projects,
        category_chart: bar_chart(lang.pick(i18n::BY_CATEGORY), &o.by_category),
        year_chart: bar_chart(lang.pick(i18n::BY_YEAR), &o.by_year),
        status_table,
        overdue_table,
        quarter: o.quarter.period.to_string(),
        budget: o.quarter.budget.grouped(),
        actual: o.quarter.actual.grouped(),
        rate: o.quarter.rate.map(|r| r.to_string()),
    })
}

pub async fn overview(State(app): State<App>, Extension(s): Extension<Session>) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let store = app.store()?;
        let o = overview_view(&store, app.clock()?.today(), lang, true)?;
        let c = Chrome::new(app, &s, "/", lang.pick(i18n::NAV_OVERVIEW));
        Ok(view::html(StatusCode::OK, &OverviewPage { c, o }))
    })
    .await
}

/// The project list's query: the filters of `projects list`, and the sort.
pub type Params = BTreeMap<String, String>;

fn param(p: &Params, key: &str) -> Option<String> {
    p.get(key).cloned().filter(|v| !v.trim().is_empty())
}

fn choices(values: Vec<(String, String)>, selected: Option<&str>) -> Vec<Choice> {
    values
        .into_iter()
        .map(|(value, label)| Choice {
            selected: Some(value.as_str()) == selected,
            value,
            label,
        })
        .collect()
}

pub async fn projects(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    Query(p): Query<Params>,
) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let store = app.store()?;
        let today = app.clock()?.today();
        let input = FilterInput {
            category: param(&p, "category"),
            department: param(&p, "department"),
            year: param(&p, "year"),
            status: param(&p, "status"),
            search: param(&p, "search"),
            overdue: param(&p, "overdue").is_some(),
        };
        let mut c = Chrome::new(app, &s, "/projects", lang.pick(i18n::NAV_PROJECTS));
        let (projects, status) = match project_filter(&store, &input, today.year()) {
            Ok(filter) => (store.projects(View::Current, &filter)?, StatusCode::OK),
            Err(e) => {
                c.error = Some(e.message(lang));
                (Vec::new(), StatusCode::BAD_REQUEST)
            }
        };
        let Output::Table(mut table) = reports::projects_list::build(&projects, lang) else {
            return Err(Error::bad_value("projects", "not a table"));
        };
        let sort = param(&p, "sort");
        let descending = param(&p, "dir").as_deref() == Some("desc");
        if let Some(key) = &sort {
            sort_rows(&mut table, key, descending);
        }
        let total = table.rows.len();
        table.rows.truncate(PAGE_ROWS);
        let mut html = HtmlTable::from_table(&table);
        html.link_column("id", project_href);
        // Each header sorts by its column; the sorted one again turns the order round.
        let filters: String = [
            "category",
            "department",
            "year",
            "status",
            "search",
            "overdue",
        ]
        .iter()
        .filter_map(|k| param(&p, k).map(|v| format!("{k}={}&", enc(&v))))
        .collect();
        for col in &mut html.columns {
            let this = sort.as_deref() == Some(col.key);
            let dir = if this && !descending { "desc" } else { "asc" };
            col.sort = Some(format!("/projects?{filters}sort={}&dir={dir}", col.key));
            col.mark = match (this, descending) {
                (true, false) => " ▲",
                (true, true) => " ▼",
                _ => "",
            };
        }
        if total > PAGE_ROWS {
            html.note = Some(format!(
                "{PAGE_ROWS} / {total}: {}",
                lang.pick(i18n::SHOWING_FIRST)
            ));
        }
        let categories = store
            .categories()?
            .into_iter()
            .map(|cat| {
                (
                    cat.table.to_string(),
                    format!("{} {}", cat.table, cat.label(lang)),
                )
            })
            .collect();
        let departments = store
            .departments()?
            .into_iter()
            .map(|d| (d.clone(), d))
            .collect();
        let statuses = Status::ALL
            .iter()
            .map(|st| (st.code().to_string(), st.label(lang).to_string()))
            .collect();
        let page = ProjectsPage {
            c,
            categories: choices(categories, input.category.as_deref()),
            departments: choices(departments, input.department.as_deref()),
            statuses: choices(statuses, input.status.as_deref()),
            year: input.year.unwrap_or_default(),
            search: input.search.unwrap_or_default(),
            shown: html.rows.len(),
            total,
            table: html,
        };
        Ok(view::html(status, &page))
    })
    .await
}

/// A project's page; after a refused change, with the error and what was typed.
pub fn project_page(
    app: &App,
    s: &Session,
    id: &str,
    refused: Option<(String, FormEcho)>,
) -> Result<Response> {
    let lang = app.lang();
    let store = app.store()?;
    let id = normalize_id(id);
    let view = View::Current;
    let project = store.project(view, &id)?;
    let revisions = store.revisions(view, &id)?;
    let years = store.project_years(view, &id)?;
    let shares = store.project_department_shares(view, &id)?;
    let detail = reports::project_detail::build(
        &Detail {
            project: &project,
            revisions: &revisions,
            years: &years,
            shares: &shares,
        },
        lang,
    );
    let record = match &detail {
        Output::Record(r) => HtmlRecord::from_record(r),
        Output::Table(_) => HtmlRecord {
            fields: Vec::new(),
            sections: vec![("", output_table(&detail))],
        },
    };
    let entries = store.spending(&SpendingFilter {
        project: Some(id.clone()),
        ..Default::default()
    })?;
    let history = store.history(&HistoryFilter {
        project: Some(id.clone()),
        ..Default::default()
    })?;
    let verbs = Verb::allowed_from(project.status)
        .into_iter()
        .map(|v| Choice {
            value: v.name().to_string(),
            label: lang.pick(v.words()).to_string(),
            selected: false,
        })
        .collect();
    let mut c = Chrome::new(app, s, "/projects", &id);
    let (status, form) = match refused {
        Some((message, echo)) => {
            c.error = Some(message);
            (StatusCode::BAD_REQUEST, echo)
        }
        None => (StatusCode::OK, FormEcho::default()),
    };
    let page = ProjectPage {
        heading: format!("{} {}", project.id, project.group),
        id: project.id.clone(),
        c,
        record,
        spending: output_table(&reports::spending_list::build(&entries, lang)),
        history: output_table(&reports::history::build(&history, lang)),
        verbs,
        today: format_date(app.clock()?.today()),
        form,
    };
    Ok(view::html(status, &page))
}

pub async fn project(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    Path(id): Path<String>,
) -> Response {
    app.blocking(move |app| project_page(app, &s, &id, None))
        .await
}

/// The quarterly report of `period`, built as `report quarterly` builds it.
fn quarterly(store: &Store, period: Period, lang: Lang) -> Result<Output> {
    budget::quarterly(store, period, None, lang)
}

fn parse_quarter(text: &str) -> Result<Period> {
    match Period::parse(text).map_err(|e| Error::bad_value("quarter", e))? {
        Period::Year(y) => Err(Error::bad_value(
            "quarter",
            format!("'{y}' is a year; give a quarter like {y}Q2"),
        )),
        q => Ok(q),
    }
}

pub async fn reports(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    Query(p): Query<Params>,
) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let store = app.store()?;
        let asked = param(&p, "quarter");
        let mut c = Chrome::new(app, &s, "/reports", lang.pick(i18n::NAV_REPORTS));
        let (period, status) = match asked.as_deref().map(parse_quarter) {
            None => (Period::quarter_of(app.clock()?.today()), StatusCode::OK),
            Some(Ok(q)) => (q, StatusCode::OK),
            Some(Err(e)) => {
                c.error = Some(e.message(lang));
                (
                    Period::quarter_of(app.clock()?.today()),
                    StatusCode::BAD_REQUEST,
                )
            }
        };
        let table = output_table(&quarterly(&store, period, lang)?);
        let page = ReportsPage {
            c,
            quarter: period.to_string(),
            csv_href: format!("/reports/quarterly/{period}.csv"),
            xlsx_href: format!("/reports/quarterly/{period}.xlsx"),
            table,
        };
        Ok(view::html(status, &page))
    })
    .await
}

/// `/reports/quarterly/2024Q2.csv` (UTF-8 with a BOM, for Excel) or `….xlsx`.
pub async fn report_download(State(app): State<App>, Path(file): Path<String>) -> Response {
    app.blocking(move |app| {
        let (stem, format, mime) = if let Some(stem) = file.strip_suffix(".csv") {
            (stem, Format::Csv, "text/csv; charset=utf-8")
        } else if let Some(stem) = file.strip_suffix(".xlsx") {
            (
                stem,
                Format::Xlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        } else {
            return Err(Error::bad_value(
                "report",
                format!("'{file}': ask for QUARTER.csv or QUARTER.xlsx"),
            ));
        };
        let period = parse_quarter(stem)?;
        let store = app.store()?;
        let output = quarterly(&store, period, app.lang())?;
        let mut bytes = Vec::new();
        render::write(&mut bytes, &output, RenderOptions { format, bom: true })?;
        let name = format!(
            "{period}.{}",
            if format == Format::Csv { "csv" } else { "xlsx" }
        );
        Ok((
            [
                (header::CONTENT_TYPE, mime.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            bytes,
        )
            .into_response())
    })
    .await
}

pub async fn reconcile(State(app): State<App>, Extension(s): Extension<Session>) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let store = app.store()?;
        let result = reports::reconcile::build(&store.reconcile_data()?, lang);
        let passed = result.passed();
        let page = ReconcilePage {
            c: Chrome::new(app, &s, "/reconcile", lang.pick(i18n::NAV_RECONCILE)),
            passed,
            summary: lang.pick(if passed {
                i18n::RECONCILE_PASSED
            } else {
                i18n::RECONCILE_FAILED
            }),
            table: output_table(&result.output(lang)),
        };
        Ok(view::html(StatusCode::OK, &page))
    })
    .await
}

pub async fn signin(State(app): State<App>, Extension(s): Extension<Session>) -> Response {
    let lang = app.lang();
    let c = Chrome::new(&app, &s, "/signin", lang.pick(i18n::SIGN_IN));
    view::html(StatusCode::OK, &SigninPage { c })
}

pub async fn not_found(State(app): State<App>) -> Response {
    let lang = app.lang();
    view::message_page(lang, StatusCode::NOT_FOUND, lang.pick(i18n::NOT_FOUND))
}
