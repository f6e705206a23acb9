//! The dashboard's page templates (askama, compiled in; every value escaped), the chrome
//! around each page, and the error pages.

use super::guard::Session;
use super::App;
use crate::error::Error;
use crate::i18n::{self, msg, Lang};
use crate::render::html::{Chrome, HtmlRecord, HtmlTable, NavItem, OverviewView};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// The chrome of a dashboard page; `current` is the path of its navigation entry.
pub fn chrome(app: &App, session: &Session, current: &str, title: &str) -> Chrome {
    let lang = app.lang();
    let mut c = Chrome::standalone(lang, title);
    c.nav = [
        ("/", i18n::NAV_OVERVIEW),
        ("/projects", i18n::NAV_PROJECTS),
        ("/reports", i18n::NAV_REPORTS),
        ("/reconcile", i18n::NAV_RECONCILE),
        ("/indicators", i18n::NAV_INDICATORS),
        ("/import", i18n::NAV_IMPORT),
        ("/approvals", i18n::APPROVALS),
        ("/history", i18n::HISTORY),
    ]
    .into_iter()
    .map(|(href, words)| NavItem {
        href,
        label: lang.pick(words),
        current: href == current,
    })
    .collect();
    c.user = session.user.clone();
    c.csrf = session.csrf.clone();
    c.read_only = app.settings().read_only;
    c.flash = session.flash.clone();
    c.users = session.users;
    c.may_plan = session.may(crate::domain::role::Duty::Plan);
    c.may_pay = session.may(crate::domain::role::Duty::Pay);
    c.may_approve = session.may(crate::domain::role::Duty::Approve);
    c
}

/// One choice of a `<select>`.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "web/overview.html")]
pub struct OverviewPage {
    pub c: Chrome,
    pub o: OverviewView,
}

#[derive(Template)]
#[template(path = "web/projects.html")]
pub struct ProjectsPage {
    pub c: Chrome,
    pub categories: Vec<Choice>,
    pub departments: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub year: String,
    pub search: String,
    pub total: usize,
    pub table: HtmlTable,
}

#[derive(Template)]
#[template(path = "web/project.html")]
pub struct ProjectPage {
    pub c: Chrome,
    /// Where the forms post: `/projects/ID`.
    pub href: String,
    pub heading: String,
    pub record: HtmlRecord,
    pub spending: HtmlTable,
    pub history: HtmlTable,
    pub verbs: Vec<Choice>,
    pub today: String,
    /// What the forms held when a change was refused, so nothing typed is lost.
    pub form: FormEcho,
}

/// The last submitted form's fields (the status form's and the payment form's).
#[derive(Clone, Debug, Default)]
pub struct FormEcho {
    pub status_date: String,
    pub reason: String,
    pub status_note: String,
    pub amount: String,
    pub payment_date: String,
    pub voucher: String,
    pub payment_note: String,
}

#[derive(Template)]
#[template(path = "web/reports.html")]
pub struct ReportsPage {
    pub c: Chrome,
    /// The report and its period, as the heading says them.
    pub title: String,
    pub kinds: Vec<Choice>,
    pub period: String,
    pub compare: String,
    pub categories: Vec<Choice>,
    pub departments: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub subtotal_by: Vec<Choice>,
    pub as_of: String,
    pub known_at: String,
    pub csv_href: String,
    pub xlsx_href: String,
    /// Kept per journal head ([`super::cache`]), shared by the requests at that head.
    pub table: std::sync::Arc<HtmlTable>,
}

#[derive(Template)]
#[template(path = "web/reconcile.html")]
pub struct ReconcilePage {
    pub c: Chrome,
    pub passed: bool,
    pub summary: &'static str,
    pub table: HtmlTable,
}

#[derive(Template)]
#[template(path = "web/signin.html")]
pub struct SigninPage {
    pub c: Chrome,
}

#[derive(Template)]
#[template(path = "web/approvals.html")]
pub struct ApprovalsPage {
    pub c: Chrome,
    /// Waiting payments: (number, project, date, amount, voucher, recorded by).
    pub pending: Vec<(i64, String, String, String, String, String)>,
}

#[derive(Template)]
#[template(path = "web/history.html")]
pub struct HistoryPage {
    pub c: Chrome,
    pub by: String,
    pub table: HtmlTable,
}

#[derive(Template)]
#[template(path = "web/message.html")]
pub struct MessagePage {
    pub c: Chrome,
    pub message: String,
}

/// A page as a response.
pub fn html(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, {
            // No language is at hand here (and this should never happen): both.
            let t = msg::page_not_drawn(e);
            format!("{} / {}", t.get(Lang::En), t.get(Lang::Zh))
        })
            .into_response(),
    }
}

/// A page that says one thing.
pub fn message_page(lang: Lang, status: StatusCode, message: &str) -> Response {
    let c = Chrome::standalone(lang, lang.pick(i18n::ERROR));
    html(
        status,
        &MessagePage {
            c,
            message: message.to_string(),
        },
    )
}

/// The status an error deserves: a missing project is not found, a broken file or
/// database is the server's fault, anything else is a bad request.
pub fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::UnknownProject(_) => StatusCode::NOT_FOUND,
        Error::Denied(_) => StatusCode::FORBIDDEN,
        Error::Db(_)
        | Error::File { .. }
        | Error::Output(_)
        | Error::NotADatabase(_)
        | Error::NewerSchema { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    }
}

/// An error as a page, in the same words as the command line.
pub fn error_page(lang: Lang, e: &Error) -> Response {
    message_page(lang, status_of(e), &e.message(lang))
}

#[derive(Template)]
#[template(path = "web/indicators.html")]
pub struct IndicatorsPage {
    pub c: Chrome,
    pub year: i32,
    pub total: u32,
    pub veto: bool,
    pub summary: String,
    pub chart: crate::render::html::PointsChart,
    pub score: HtmlTable,
    pub conditions: HtmlTable,
}

#[derive(Template)]
#[template(path = "web/indicator.html")]
pub struct IndicatorPage {
    pub c: Chrome,
    /// Where the value form posts: `/indicators/NO`.
    pub href: String,
    pub heading: String,
    pub record: HtmlRecord,
    pub chart: crate::render::html::PointsChart,
    /// The parts a value may be for (a parts indicator); empty for a tiered one.
    pub parts: Vec<Choice>,
    pub today: String,
    pub form: super::indicators::ValueEcho,
}

#[derive(Template)]
#[template(path = "web/assessment.html")]
pub struct AssessmentPage {
    pub c: Chrome,
    pub year: i32,
    /// Each section: its element id, title and table.
    pub sections: Vec<(String, String, HtmlTable)>,
}
