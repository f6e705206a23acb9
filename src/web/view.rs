//! The dashboard's page templates (askama, compiled in; every value escaped) and what
//! they are filled with: the chrome around each page (navigation, signed-in name,
//! notices), and the error pages.

use super::guard::Session;
use super::App;
use crate::error::Error;
use crate::i18n::{self, Lang, Words};
use crate::render::html::{BarChart, HtmlRecord, HtmlTable};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// One link of the navigation bar.
#[derive(Clone, Debug)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// What surrounds every page.
#[derive(Clone, Debug)]
pub struct Chrome {
    pub lang: Lang,
    pub html_lang: &'static str,
    pub title: String,
    pub nav: Vec<NavItem>,
    pub user: Option<String>,
    pub csrf: String,
    pub read_only: bool,
    pub flash: Option<String>,
    /// A refused change, said the way the command line says it.
    pub error: Option<String>,
}

impl Chrome {
    /// A label in the page's language.
    pub fn t(&self, words: Words) -> &'static str {
        self.lang.pick(words)
    }

    /// The chrome of a page of the dashboard; `current` is the navigation entry's path.
    pub fn new(app: &App, session: &Session, current: &str, title: &str) -> Chrome {
        let lang = app.lang();
        let nav = [
            ("/", i18n::NAV_OVERVIEW),
            ("/projects", i18n::NAV_PROJECTS),
            ("/reports", i18n::NAV_REPORTS),
            ("/reconcile", i18n::NAV_RECONCILE),
        ]
        .into_iter()
        .map(|(href, words)| NavItem {
            href,
            label: lang.pick(words),
            current: href == current,
        })
        .collect();
        Chrome {
            lang,
            html_lang: html_lang(lang),
            title: title.to_string(),
            nav,
            user: session.user.clone(),
            csrf: session.csrf.clone(),
            read_only: app.settings().read_only,
            flash: session.flash.clone(),
            error: None,
        }
    }

    /// The chrome of a file that stands alone (the static report): no navigation.
    pub fn standalone(lang: Lang, title: &str) -> Chrome {
        Chrome {
            lang,
            html_lang: html_lang(lang),
            title: title.to_string(),
            nav: Vec::new(),
            user: None,
            csrf: String::new(),
            read_only: true,
            flash: None,
            error: None,
        }
    }
}

fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh-CN",
    }
}

/// The overview's figures as the page shows them.
#[derive(Clone, Debug)]
pub struct OverviewView {
    pub grand_total: String,
    pub grand_total_plain: String,
    pub projects: i64,
    pub category_chart: BarChart,
    pub year_chart: BarChart,
    pub status_table: HtmlTable,
    pub overdue_table: HtmlTable,
    pub quarter: String,
    pub budget: String,
    pub actual: String,
    pub rate: Option<String>,
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
    pub shown: usize,
    pub total: usize,
    pub table: HtmlTable,
}

#[derive(Template)]
#[template(path = "web/project.html")]
pub struct ProjectPage {
    pub c: Chrome,
    pub id: String,
    pub heading: String,
    pub record: HtmlRecord,
    pub spending: HtmlTable,
    pub history: HtmlTable,
    pub verbs: Vec<Choice>,
    pub today: String,
    /// What the forms held when a change was refused, so nothing typed is lost.
    pub form: FormEcho,
}

/// The last submitted form's fields.
#[derive(Clone, Debug, Default)]
pub struct FormEcho {
    pub reason: String,
    pub note: String,
    pub amount: String,
    pub voucher: String,
    pub pay_note: String,
}

#[derive(Template)]
#[template(path = "web/reports.html")]
pub struct ReportsPage {
    pub c: Chrome,
    pub quarter: String,
    pub csv_href: String,
    pub xlsx_href: String,
    pub table: HtmlTable,
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
#[template(path = "web/message.html")]
pub struct MessagePage {
    pub c: Chrome,
    pub message: String,
}

/// The static report: one self-contained file.
#[derive(Template)]
#[template(path = "report.html")]
pub struct StaticReport {
    pub c: Chrome,
    pub o: OverviewView,
    pub as_of: String,
    pub category_table: HtmlTable,
    pub year_table: HtmlTable,
    pub quarter_title: String,
    pub quarter_table: HtmlTable,
    pub reconcile_summary: &'static str,
    pub reconcile_passed: bool,
    pub reconcile_table: HtmlTable,
}

/// A page as text.
pub fn html_string(page: &impl Template) -> crate::error::Result<String> {
    page.render()
        .map_err(|e| Error::bad_value("html", format!("the page could not be drawn: {e}")))
}

/// A page as a response.
pub fn html(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the page could not be drawn: {e}"),
        )
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
        Error::Db(_) | Error::File { .. } | Error::Output(_) | Error::NotADatabase(_) => {
            StatusCode::INTERNAL_SERVER_ERROR
        }
        _ => StatusCode::BAD_REQUEST,
    }
}

/// An error as a page, in the same words as the command line.
pub fn error_page(lang: Lang, e: &Error) -> Response {
    message_page(lang, status_of(e), &e.message(lang))
}
