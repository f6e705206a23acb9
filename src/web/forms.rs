//! The dashboard's forms (POST only): sign in and out, change a project's status, record
//! a payment. Each refuses on a read-only server, decodes the form strictly, checks the
//! session's CSRF token, and calls the same [`crate::ops`] function as the command line,
//! with the signed-in name as the actor; a refused change shows the command line's
//! message on the project's page with nothing written and everything typed kept.

use super::guard::{form_is_genuine, Cookie, Session};
use super::pages::{path_param, project_page, Refused};
use super::params::Params;
use super::view::{self, chrome, FormEcho, SigninPage};
use super::App;
use crate::domain::lifecycle::Verb;
use crate::error::{Error, Result};
use crate::i18n::{self, msg, Text};
use crate::ops::payment::{self, Payment};
use crate::ops::status::{change_status, StatusChange};
use crate::ops::{self, check_actor};
use crate::render::html::project_href;
use crate::store::write::Stamp;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use chrono::NaiveDate;

/// What a form needs before it is read further: a server that accepts changes (for a
/// change), a form that decodes, this session's CSRF token, and (for a change) a name.
fn admit(
    app: &App,
    s: &Session,
    headers: &HeaderMap,
    body: &[u8],
    change: bool,
) -> std::result::Result<Params, Box<Response>> {
    let lang = app.lang();
    let say = |status, words| Box::new(view::message_page(lang, status, lang.pick(words)));
    if app.settings().read_only {
        return Err(say(StatusCode::FORBIDDEN, i18n::READ_ONLY));
    }
    let f = Params::parse(body).map_err(|e| Box::new(view::error_page(lang, &e)))?;
    if !form_is_genuine(s, headers, &f.raw("csrf")) {
        return Err(say(StatusCode::FORBIDDEN, i18n::FORM_EXPIRED));
    }
    if change && s.user.is_none() {
        return Err(say(StatusCode::FORBIDDEN, i18n::NEED_SIGN_IN));
    }
    Ok(f)
}

/// A change to one project: its id from the address, and the admitted form.
pub(super) fn admit_change(
    app: &App,
    s: &Session,
    headers: &HeaderMap,
    id: std::result::Result<Path<String>, PathRejection>,
    body: &[u8],
) -> std::result::Result<(String, Params), Box<Response>> {
    let id = path_param(id).map_err(|e| Box::new(view::error_page(app.lang(), &e)))?;
    Ok((id, admit(app, s, headers, body, true)?))
}

/// After a change: back to the project's page (so a reload does not post again), with a
/// one-time notice of what was done.
fn done(app: &App, id: &str, notice: &Text) -> Response {
    redirect_with_notice(app, &project_href(id), notice)
}

/// A redirect to `href` carrying a one-time notice (after any form's change).
pub(super) fn redirect_with_notice(app: &App, href: &str, notice: &Text) -> Response {
    let mut r = Redirect::to(href).into_response();
    let (k, v) = app.set_cookie(Cookie::Flash, notice.get(app.lang()));
    r.headers_mut().append(k, v);
    r
}

/// Who and when a form's change is recorded: the signed-in name, and the form's `date`
/// (empty: today), checked as the command line checks `--by` and `--date`.
pub struct When {
    pub stamp: Stamp,
    pub date: NaiveDate,
}

pub(super) fn when(app: &App, s: &Session, f: &Params) -> Result<When> {
    let clock = app.clock()?;
    Ok(When {
        stamp: ops::stamp(s.user.as_deref().unwrap_or_default(), i18n::NAME, &clock)?,
        date: ops::effective_date(f.get("date").as_deref(), i18n::DATE, &clock)?,
    })
}

/// Runs `attempt` on the blocking pool: a notice and a redirect when it worked; the
/// project's page with the message and the typed fields when it was refused (the error
/// page when the project itself does not exist).
async fn submit<F>(
    app: App,
    s: Session,
    id: String,
    f: Params,
    echo: FormEcho,
    attempt: F,
) -> Response
where
    F: FnOnce(&App, &Params, &str, When) -> Result<Text> + Send + 'static,
{
    app.clone()
        .blocking(
            move |app| match when(app, &s, &f).and_then(|w| attempt(app, &f, &id, w)) {
                Ok(notice) => Ok(done(app, &id, &notice)),
                Err(e @ Error::UnknownProject(_)) => Err(e),
                Err(e) => project_page(
                    app,
                    &s,
                    &id,
                    Some(Refused {
                        message: e.message(app.lang()),
                        action: f.get("action"),
                        echo,
                    }),
                    &Params::default(),
                ),
            },
        )
        .await
}

pub async fn status(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    id: std::result::Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    let (id, f) = match admit_change(&app, &s, &headers, id, &body) {
        Ok(admitted) => admitted,
        Err(r) => return *r,
    };
    let echo = FormEcho {
        status_date: f.raw("date"),
        reason: f.raw("reason"),
        status_note: f.raw("note"),
        ..Default::default()
    };
    submit(app, s, id, f, echo, |app, f, id, when| {
        let action = f.get("action").unwrap_or_default();
        let verb = Verb::ALL
            .into_iter()
            .find(|v| v.name() == action)
            .ok_or_else(|| Error::bad_value("action", msg::unknown_form_action(&action)))?;
        let change = StatusChange {
            verb,
            ids: vec![id.to_string()],
            date: when.date,
            reason: f.get("reason"),
            note: f.get("note"),
            front: ops::Front::Web,
        };
        let moved = change_status(&mut app.store()?, when.stamp, &change)?;
        Ok(Text::join(moved.iter().map(|m| m.line()), "; ", "；"))
    })
    .await
}

pub async fn payment(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    id: std::result::Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    let (id, f) = match admit_change(&app, &s, &headers, id, &body) {
        Ok(admitted) => admitted,
        Err(r) => return *r,
    };
    let echo = FormEcho {
        amount: f.raw("amount"),
        payment_date: f.raw("date"),
        voucher: f.raw("voucher"),
        payment_note: f.raw("note"),
        ..Default::default()
    };
    submit(app, s, id, f, echo, |app, f, id, when| {
        let p = Payment {
            id: id.to_string(),
            amount: f.raw("amount"),
            date: when.date,
            voucher: f.get("voucher"),
            note: f.get("note"),
            overspend: None,
            front: ops::Front::Web,
        };
        let paid = payment::pay(&mut app.store()?, when.stamp, &p)?;
        let mut notice = paid.line();
        for w in &paid.warnings {
            notice = Text::join([notice, msg::warning(w)], " — ", " — ");
        }
        Ok(notice)
    })
    .await
}

pub async fn signin(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    Extension(crate::web::guard::Client(client)): Extension<crate::web::guard::Client>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = app.lang();
    if let Some(wait) = app.throttle().locked(&client) {
        return crate::web::guard::too_many(lang, wait);
    }
    let f = match admit(&app, &s, &headers, &body, false) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    match check_actor(&f.raw("name"), i18n::NAME) {
        Ok(name) => {
            app.throttle().succeeded(&client);
            let mut r = Redirect::to("/").into_response();
            let (k, v) = app.set_cookie(Cookie::User, &app.signed_user(&s, &name));
            r.headers_mut().append(k, v);
            r
        }
        Err(e) => {
            // A refused sign-in waits before it is told so, longer each time.
            tokio::time::sleep(app.throttle().failed(&client)).await;
            let mut c = chrome(&app, &s, "/signin", lang.pick(i18n::SIGN_IN));
            c.error = Some(e.message(lang));
            view::html(StatusCode::BAD_REQUEST, &SigninPage { c })
        }
    }
}

pub async fn signout(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(r) = admit(&app, &s, &headers, &body, false) {
        return *r;
    }
    let mut r = Redirect::to("/").into_response();
    let (k, v) = app.set_cookie(Cookie::User, "");
    r.headers_mut().append(k, v);
    r
}
