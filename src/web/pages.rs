//! The dashboard's pages (GET): each asks the store for its data, builds the same
//! report as the matching command, and fills a template. The quarterly report's
//! downloads are the very bytes `ecoledger report quarterly … --format csv --bom` and
//! `--format xlsx` write.

use super::guard::Session;
use super::params::Params;
use super::view::{
    self, chrome, ApprovalsPage, Choice, FormEcho, HistoryPage, OverviewPage, ProjectPage,
    ProjectsPage, ReconcilePage, ReportsPage, SigninPage,
};
use super::App;
use crate::domain::date::format_date;
use crate::domain::lifecycle::Verb;
use crate::domain::period::Period;
use crate::domain::project::{normalize_id, Status};
use crate::error::{Error, Result};
use crate::i18n::{self, msg, Lang, Text};
use crate::ops::budget;
use crate::ops::filter::{project_filter, FilterInput};
use crate::ops::overview;
use crate::render::html::{
    output_table, project_href, sort_rows, url_encode, HtmlRecord, HtmlTable, OverviewView,
};
use crate::render::{self, Format, Output, RenderOptions};
use crate::reports::{self, project_detail::Detail};
use crate::store::history::HistoryFilter;
use crate::store::spending::SpendingFilter;
use crate::store::View;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::Datelike;

/// The most project rows one page lists; filters narrow the rest.
pub const PAGE_ROWS: usize = 1000;

/// The query string's fields, strictly decoded.
pub fn query(q: Option<String>) -> Result<Params> {
    Params::parse(q.unwrap_or_default().as_bytes())
}

/// The view a page asks for with `as_of` (by effective dates) and `known_at` (by
/// recorded time), as on the command line; with the line the page shows about it and
/// the ledger's chain head it is computed from.
pub fn page_view(
    store: &crate::store::Store,
    p: &Params,
    lang: Lang,
) -> Result<(View, Option<String>, String)> {
    let clocks = crate::commands::ClockArgs {
        as_of: p.get("as_of").filter(|v| !v.trim().is_empty()),
        known_at: p.get("known_at").filter(|v| !v.trim().is_empty()),
    };
    clocks.check()?;
    let view = clocks.view(store)?;
    let mut said = Vec::new();
    if let Some(d) = view.as_of_date() {
        said.push(format!("{} {d}", lang.pick(i18n::VIEWING_AS_OF)));
    }
    if let Some(t) = &clocks.known_at {
        said.push(format!(
            "{} {}",
            lang.pick(i18n::VIEWING_KNOWN_AT),
            t.trim()
        ));
    }
    let head = head_line(&store.journal_head(view.known)?, lang);
    Ok((view, (!said.is_empty()).then(|| said.join(" · ")), head))
}

/// The line that names the journal record a page was computed at.
fn head_line(head: &crate::store::chain::Head, lang: Lang) -> String {
    format!(
        "{} #{} {}",
        lang.pick(i18n::CHAIN_HEAD),
        head.seq,
        crate::store::chain::hex(&head.hash)
    )
}

/// The head line of a page kept in `view`: the head it was made at (in the current
/// view), or the view's own record (a `known_at` view, which never moves).
fn kept_head_line(
    store: &crate::store::Store,
    view: View,
    made_at: &crate::store::chain::Head,
    lang: Lang,
) -> Result<String> {
    Ok(match view.known {
        None => head_line(made_at, lang),
        Some(_) => head_line(&store.journal_head(view.known)?, lang),
    })
}

/// The query of a page's view (`as_of=…&known_at=…&`), for its links and downloads.
fn view_query(p: &Params) -> String {
    ["as_of", "known_at"]
        .iter()
        .filter_map(|k| {
            p.get(k)
                .filter(|v| !v.trim().is_empty())
                .map(|v| format!("{k}={}&", url_encode(&v)))
        })
        .collect()
}

/// A path parameter, or the error a malformed one (bytes that are not UTF-8) deserves.
pub fn path_param(p: std::result::Result<Path<String>, PathRejection>) -> Result<String> {
    p.map(|Path(v)| v)
        .map_err(|_| Error::bad_value(i18n::ADDRESS, i18n::BAD_TEXT))
}

/// How many overdue projects the overview lists (all of them: the projects page).
const OVERDUE_SHOWN: usize = 20;

pub async fn overview(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    RawQuery(q): RawQuery,
) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let p = query(q)?;
        let store = app.store()?;
        let (view, said, _) = page_view(&store, &p, lang)?;
        let today = app.clock()?.today();
        let quarter = Period::quarter_of(today);
        let key = format!("overview|{today}|{}", view_query(&p));
        let (made_at, o) = app.pages().get_or_make(&store, key, || {
            let _turn = app.heavy_permit();
            overview::gather(&store, view, today, quarter, Some(OVERDUE_SHOWN), lang)
        })?;
        let mut c = chrome(app, &s, "/", lang.pick(i18n::NAV_OVERVIEW));
        c.view = said;
        c.head = Some(kept_head_line(&store, view, &made_at, lang)?);
        let o = OverviewView::new(&o, lang, true);
        Ok(view::html(StatusCode::OK, &OverviewPage { c, o }))
    })
    .await
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
    RawQuery(q): RawQuery,
) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let p = query(q)?;
        let store = app.store()?;
        let (view, said, head) = page_view(&store, &p, lang)?;
        let today = app.clock()?.today();
        let input = FilterInput {
            categories: p.get("category").into_iter().collect(),
            departments: p.get("department").into_iter().collect(),
            year: p.get("year"),
            statuses: p.get("status").into_iter().collect(),
            search: p.get("search"),
            overdue: p.get("overdue").is_some(),
        };
        let mut c = chrome(app, &s, "/projects", lang.pick(i18n::NAV_PROJECTS));
        c.view = said;
        c.head = Some(head);
        let sort = p.get("sort");
        let descending = p.get("dir").as_deref() == Some("desc");
        let filters: String = [
            "category",
            "department",
            "year",
            "status",
            "search",
            "overdue",
        ]
        .iter()
        .filter_map(|k| p.get(k).map(|v| format!("{k}={}&", url_encode(&v))))
        .collect::<String>()
            + &view_query(&p);
        // The listing (sorted, its first page, and how many there are), kept per head.
        let listed = |projects: &[crate::domain::project::Project]| -> Result<(crate::render::Table, usize)> {
            let Output::Table(mut table) = reports::projects_list::build(projects, lang) else {
                return Err(Error::bad_value("projects", msg::not_a_table()));
            };
            if let Some(key) = &sort {
                sort_rows(&mut table, key, descending);
            }
            let total = table.rows.len();
            table.rows.truncate(PAGE_ROWS);
            Ok((table, total))
        };
        let (listing, status) = match project_filter(&store, &input, today.year()) {
            Ok(filter) => {
                let key = format!("projects|{today}|{filters}|{sort:?}|{descending}");
                let (made_at, listing) = app.pages().get_or_make(&store, key, || {
                    let _turn = app.heavy_permit();
                    listed(&store.projects(view, &filter)?)
                })?;
                c.head = Some(kept_head_line(&store, view, &made_at, lang)?);
                (listing, StatusCode::OK)
            }
            Err(e) => {
                c.error = Some(e.message(lang));
                (std::sync::Arc::new(listed(&[])?), StatusCode::BAD_REQUEST)
            }
        };
        let (table, total) = (&listing.0, listing.1);
        let mut html = HtmlTable::from_table(table);
        html.link_column("id", project_href);
        // Each header sorts by its column; the sorted one again turns the order round.
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
            html.note = Some(msg::showing_first(PAGE_ROWS, total).get(lang).to_string());
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
            categories: choices(categories, input.categories.first().map(String::as_str)),
            departments: choices(departments, input.departments.first().map(String::as_str)),
            statuses: choices(statuses, input.statuses.first().map(String::as_str)),
            year: input.year.unwrap_or_default(),
            search: input.search.unwrap_or_default(),
            total,
            table: html,
        };
        Ok(view::html(status, &page))
    })
    .await
}

/// What a refused form leaves on the project's page: the message, the action that was
/// chosen, and every field as typed.
pub struct Refused {
    pub message: String,
    pub action: Option<String>,
    pub echo: FormEcho,
}

/// A project's page; after a refused change, with the error and what was typed.
pub fn project_page(
    app: &App,
    s: &Session,
    id: &str,
    refused: Option<Refused>,
    p: &Params,
) -> Result<Response> {
    let lang = app.lang();
    let store = app.store()?;
    let id = normalize_id(id);
    let (view, said, head) = page_view(&store, p, lang)?;
    let project = store.project(view, &id)?;
    let revisions = store.revisions(view, &id)?;
    let years = store.project_years(view, &id)?;
    let shares = store.project_department_shares(view, &id)?;
    let indicators = store.indicators_of(&id)?;
    let detail = reports::project_detail::build(
        &Detail {
            project: &project,
            revisions: &revisions,
            years: &years,
            shares: &shares,
            indicators: &indicators,
        },
        lang,
    );
    let record = match &detail {
        Output::Record(r) => HtmlRecord::from_record(r),
        Output::Table(_) => HtmlRecord {
            fields: Vec::new(),
            sections: vec![("", "section-detail".into(), output_table(&detail))],
        },
    };
    let entries = store.spending(&SpendingFilter {
        project: Some(id.clone()),
        to: view.as_of_date().map(format_date),
        known: view.known,
        ..Default::default()
    })?;
    // The project's payments waiting for approval follow its entries, marked pending.
    let pending: Vec<_> = store
        .pending_payments(view.known, view.as_of_date().map(format_date).as_deref())?
        .into_iter()
        .filter(|p| p.project_id == id)
        .collect();
    let history = store.history(&HistoryFilter {
        project: Some(id.clone()),
        as_of: view.as_of_date().map(format_date),
        known: view.known,
        ..Default::default()
    })?;
    let chosen = refused.as_ref().and_then(|r| r.action.clone());
    let verbs = Verb::allowed_from(project.status)
        .into_iter()
        .map(|v| Choice {
            value: v.name().to_string(),
            label: lang.pick(v.words()).to_string(),
            selected: chosen.as_deref() == Some(v.name()),
        })
        .collect();
    let mut c = chrome(app, s, "/projects", &id);
    c.view = said;
    c.head = Some(head);
    let (status, form) = match refused {
        Some(r) => {
            c.error = Some(r.message);
            (StatusCode::BAD_REQUEST, r.echo)
        }
        None => (StatusCode::OK, FormEcho::default()),
    };
    let page = ProjectPage {
        heading: format!(
            "{} {}",
            project.id,
            crate::domain::text::visible(&project.group)
        ),
        href: project_href(&project.id),
        c,
        record,
        spending: output_table(&spending_with_pending(&entries, &pending, lang)),
        history: output_table(&reports::history::build(
            &history,
            &store.categories()?,
            lang,
        )),
        verbs,
        today: format_date(app.clock()?.today()),
        form,
    };
    Ok(view::html(status, &page))
}

pub async fn project(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    id: std::result::Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    app.blocking(move |app| {
        let p = query(q)?;
        project_page(app, &s, &path_param(id)?, None, &p)
    })
    .await
}

/// What the report page was asked for: the report, its period, the year to compare
/// with, the filters and the subtotals, each checked (a bad one is said on the page).
struct ReportAsk {
    kind: budget::ReportKind,
    period: Period,
    compare: Option<i32>,
    scope: budget::Scope,
    input: FilterInput,
    subtotal_by: String,
}

fn report_ask(app: &App, store: &crate::store::Store, p: &Params) -> Result<ReportAsk> {
    let today = app.clock()?.today();
    let kind = match p.get("kind") {
        Some(k) => budget::ReportKind::parse(&k)?,
        None => budget::ReportKind::Quarterly,
    };
    // `quarter` is the page's older name of the period.
    let period = match p.get("period").or_else(|| p.get("quarter")) {
        Some(text) => kind.period(&text, "period")?,
        None => kind.current(today),
    };
    let compare = match (kind, p.get("compare")) {
        (budget::ReportKind::Annual, Some(y)) => Some(
            crate::domain::schedule::parse_year(&y).map_err(|e| Error::bad_value("compare", e))?,
        ),
        _ => None,
    };
    let input = FilterInput {
        categories: p.get("category").into_iter().collect(),
        departments: p.get("department").into_iter().collect(),
        statuses: p.get("status").into_iter().collect(),
        ..Default::default()
    };
    let subtotal_by = p.get("subtotal_by").unwrap_or_default();
    let by = match subtotal_by.as_str() {
        "" | "category" => crate::reports::budget::SubtotalBy::Category,
        "department" => crate::reports::budget::SubtotalBy::Department,
        other => {
            return Err(Error::bad_value(
                "subtotal_by",
                msg::subtotal_by_choices(other),
            ))
        }
    };
    let scope = budget::Scope {
        filter: project_filter(store, &input, period.year())?,
        by,
    };
    Ok(ReportAsk {
        kind,
        period,
        compare,
        scope,
        input,
        subtotal_by,
    })
}

/// The query string that asks for the same report (and view) again, for the downloads.
fn report_query(p: &Params) -> String {
    let q: String = ["compare", "category", "department", "status", "subtotal_by"]
        .iter()
        .filter_map(|k| p.get(k).map(|v| format!("{k}={}&", url_encode(&v))))
        .collect::<String>()
        + &view_query(p);
    if q.is_empty() {
        String::new()
    } else {
        format!("?{}", q.trim_end_matches('&'))
    }
}

pub async fn reports(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    RawQuery(q): RawQuery,
) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let p = query(q)?;
        let store = app.store()?;
        let mut c = chrome(app, &s, "/reports", lang.pick(i18n::NAV_REPORTS));
        let (asked, said, _) = page_view(&store, &p, lang)?;
        let (ask, status) = match report_ask(app, &store, &p) {
            Ok(ask) => (ask, StatusCode::OK),
            Err(e) => {
                c.error = Some(e.message(lang));
                let today = app.clock()?.today();
                let kind = budget::ReportKind::Quarterly;
                (
                    ReportAsk {
                        kind,
                        period: kind.current(today),
                        compare: None,
                        scope: budget::Scope::default(),
                        input: FilterInput::default(),
                        subtotal_by: String::new(),
                    },
                    StatusCode::BAD_REQUEST,
                )
            }
        };
        let view = budget::report_view(&store, ask.period, asked)?;
        let today = app.clock()?.today();
        let key = format!(
            "reports|{today}|{}|{}|{:?}|{}",
            ask.kind.name(),
            ask.period,
            ask.compare,
            report_query(&p)
        );
        let (made_at, table) = app.pages().get_or_make(&store, key, || {
            let _turn = app.heavy_permit();
            Ok(output_table(&budget::report_with_note(
                &store,
                (ask.kind, ask.period, ask.compare),
                view,
                &ask.scope,
                lang,
            )?))
        })?;
        c.head = Some(kept_head_line(&store, view, &made_at, lang)?);
        c.view = match (said, view.as_of_date()) {
            (Some(s), _) => Some(s),
            (None, Some(d)) => Some(format!("{} {d}", lang.pick(i18n::VIEWING_AS_OF))),
            (None, None) => None,
        };
        let q = report_query(&p);
        let kind = ask.kind.name();
        let period = ask.period;
        let kinds = [
            ("quarterly", i18n::QUARTERLY_REPORT),
            ("monthly", i18n::MONTHLY_REPORT),
            ("annual", i18n::ANNUAL_REPORT),
        ]
        .iter()
        .map(|(v, w)| (v.to_string(), lang.pick(*w).to_string()))
        .collect();
        let (categories, departments, statuses) = filter_choices(&store, lang)?;
        let page = ReportsPage {
            c,
            title: format!(
                "{} {}",
                lang.pick(match ask.kind {
                    budget::ReportKind::Quarterly => i18n::QUARTERLY_REPORT,
                    budget::ReportKind::Monthly => i18n::MONTHLY_REPORT,
                    budget::ReportKind::Annual => i18n::ANNUAL_REPORT,
                }),
                match ask.compare {
                    Some(o) => format!("{period} / {o}"),
                    None => period.to_string(),
                }
            ),
            kinds: choices(kinds, Some(kind)),
            period: period.to_string(),
            compare: ask.compare.map(|y| y.to_string()).unwrap_or_default(),
            categories: choices(categories, ask.input.categories.first().map(String::as_str)),
            departments: choices(
                departments,
                ask.input.departments.first().map(String::as_str),
            ),
            statuses: choices(statuses, ask.input.statuses.first().map(String::as_str)),
            subtotal_by: choices(
                vec![
                    (
                        "category".to_string(),
                        lang.pick(i18n::CATEGORY).to_string(),
                    ),
                    (
                        "department".to_string(),
                        lang.pick(i18n::DEPARTMENT).to_string(),
                    ),
                ],
                Some(if ask.subtotal_by.is_empty() {
                    "category"
                } else {
                    ask.subtotal_by.as_str()
                }),
            ),
            as_of: p.get("as_of").unwrap_or_default(),
            known_at: p.get("known_at").unwrap_or_default(),
            csv_href: format!("/reports/{kind}/{period}.csv{q}"),
            xlsx_href: format!("/reports/{kind}/{period}.xlsx{q}"),
            table,
        };
        Ok(view::html(status, &page))
    })
    .await
}

/// The choices of the filter lists: categories, departments, statuses.
type Choices = Vec<(String, String)>;

fn filter_choices(store: &crate::store::Store, lang: Lang) -> Result<(Choices, Choices, Choices)> {
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
    Ok((categories, departments, statuses))
}

/// `/reports/quarterly/2024Q2.csv` (UTF-8 with a BOM, for Excel) or `….xlsx`; likewise
/// `/reports/monthly/2024-05.csv` and `/reports/annual/2024.xlsx`, with the page's
/// filters, subtotals and comparison in the query.
pub async fn report_download(
    State(app): State<App>,
    path: std::result::Result<Path<(String, String)>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    app.heavy(move |app| {
        let mut p = query(q)?;
        let (kind, file) = match path {
            Ok(Path(pair)) => pair,
            Err(e) => return Err(Error::bad_value("report", Text::data(e.body_text()))),
        };
        let (stem, format, mime, extension) = if let Some(stem) = file.strip_suffix(".csv") {
            (stem, Format::Csv, "text/csv; charset=utf-8", "csv")
        } else if let Some(stem) = file.strip_suffix(".xlsx") {
            (
                stem,
                Format::Xlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            )
        } else {
            return Err(Error::bad_value("report", msg::ask_for_period_file(&file)));
        };
        p.set("kind", &kind);
        p.set("period", stem);
        let store = app.store()?;
        let (asked, _, _) = page_view(&store, &p, app.lang())?;
        let ask = report_ask(app, &store, &p)?;
        let period = ask.period;
        let view = budget::report_view(&store, period, asked)?;
        let output = budget::report_with_note(
            &store,
            (ask.kind, period, ask.compare),
            view,
            &ask.scope,
            app.lang(),
        )?;
        let mut bytes = Vec::new();
        let options = RenderOptions {
            format,
            bom: true,
            created: Some(app.clock()?.today()),
            lang: app.lang(),
            ..RenderOptions::default()
        };
        render::write(&mut bytes, &output, options)?;
        Ok((
            [
                (header::CONTENT_TYPE, mime.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{period}.{extension}\""),
                ),
            ],
            bytes,
        )
            .into_response())
    })
    .await
}

pub async fn reconcile(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    RawQuery(q): RawQuery,
) -> Response {
    app.heavy(move |app| {
        let lang = app.lang();
        let p = query(q)?;
        let store = app.store()?;
        let (view, said, head) = page_view(&store, &p, lang)?;
        let result = reports::reconcile::build(&store.reconcile_data(view)?, lang);
        let passed = result.passed();
        let mut c = chrome(app, &s, "/reconcile", lang.pick(i18n::NAV_RECONCILE));
        c.view = said;
        c.head = Some(head);
        let page = ReconcilePage {
            c,
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
    if app.settings().read_only {
        return view::message_page(lang, StatusCode::FORBIDDEN, lang.pick(i18n::READ_ONLY));
    }
    let c = chrome(&app, &s, "/signin", lang.pick(i18n::SIGN_IN));
    view::html(StatusCode::OK, &SigninPage { c })
}

/// A project's spending listing with its pending payments after the entries (not in the
/// total).
fn spending_with_pending(
    entries: &[crate::store::spending::Entry],
    pending: &[crate::store::pending::Pending],
    lang: Lang,
) -> Output {
    let mut output = reports::spending_list::build(entries, lang);
    if let Output::Table(t) = &mut output {
        t.rows.extend(
            pending
                .iter()
                .map(|p| reports::spending_list::pending_row(p, lang)),
        );
    }
    output
}

/// The approvals queue (复核): payments waiting for a second finance user, with approve
/// and reject forms for those whose roles allow it.
pub async fn approvals(State(app): State<App>, Extension(s): Extension<Session>) -> Response {
    app.blocking(move |app| {
        let lang = app.lang();
        let store = app.store()?;
        let pending = store
            .pending_payments(None, None)?
            .into_iter()
            .map(|p| {
                (
                    p.id,
                    p.project_id,
                    p.date,
                    p.amount.grouped(),
                    p.voucher.unwrap_or_default(),
                    p.actor,
                )
            })
            .collect();
        let c = chrome(app, &s, "/approvals", lang.pick(i18n::APPROVALS));
        Ok(view::html(StatusCode::OK, &ApprovalsPage { c, pending }))
    })
    .await
}

/// The whole history, filtered by who made the changes (`?by=NAME`), with how each
/// writer signed in.
pub async fn history(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    RawQuery(q): RawQuery,
) -> Response {
    app.heavy(move |app| {
        let lang = app.lang();
        let p = query(q)?;
        let by = p.get("by").unwrap_or_default();
        let store = app.store()?;
        let rows = store.history(&HistoryFilter {
            actor: Some(by.clone()).filter(|b| !b.is_empty()),
            ..Default::default()
        })?;
        let output = reports::history::build(&rows, &store.categories()?, lang);
        let c = chrome(app, &s, "/history", lang.pick(i18n::HISTORY));
        let page = HistoryPage {
            c,
            by,
            table: output_table(&output),
        };
        Ok(view::html(StatusCode::OK, &page))
    })
    .await
}

pub async fn not_found(State(app): State<App>) -> Response {
    let lang = app.lang();
    view::message_page(lang, StatusCode::NOT_FOUND, lang.pick(i18n::NOT_FOUND))
}
