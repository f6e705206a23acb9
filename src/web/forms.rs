//! The dashboard's forms (POST only): sign in and out, change a project's status, record
//! a payment. Each checks the session's CSRF token, refuses on a read-only server, and
//! calls the same [`crate::ops`] function as the command line, with the signed-in name as
//! the actor; a refused change shows the command line's message on the project's page
//! with nothing written and nothing typed lost.

use super::guard::{self, form_is_genuine, Session, FLASH_COOKIE, USER_COOKIE};
use super::pages::{enc, project_href, project_page, Params};
use super::view::{self, Chrome, FormEcho, SigninPage};
use super::App;
use crate::domain::lifecycle::Verb;
use crate::error::{Error, Result};
use crate::i18n;
use crate::ops::payment::{self, Payment};
use crate::ops::status::{change_status, StatusChange};
use crate::ops::{self, check_actor};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};

fn field(f: &Params, key: &str) -> Option<String> {
    f.get(key).cloned()
}

/// Why a form is not taken before it is even read: a read-only server, a form from
/// elsewhere or an expired session, nobody signed in.
fn refused_outright(
    app: &App,
    s: &Session,
    headers: &HeaderMap,
    f: &Params,
    needs_user: bool,
) -> Option<Response> {
    let lang = app.lang();
    let say = |status, words| Some(view::message_page(lang, status, lang.pick(words)));
    if app.settings().read_only && needs_user {
        return say(StatusCode::FORBIDDEN, i18n::READ_ONLY);
    }
    if !form_is_genuine(s, headers, field(f, "csrf").as_deref().unwrap_or_default()) {
        return say(StatusCode::FORBIDDEN, i18n::FORM_EXPIRED);
    }
    if needs_user && s.user.is_none() {
        return say(StatusCode::FORBIDDEN, i18n::NEED_SIGN_IN);
    }
    None
}

/// After a change: back to the project's page (so a reload does not post again), with a
/// one-time notice of what was done.
fn done(id: &str, notice: &str) -> Response {
    let mut r = Redirect::to(&project_href(id)).into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        guard::set_cookie(FLASH_COOKIE, &enc(notice)),
    );
    r
}

/// A refused change: the project's page with the message, or the error page when the
/// project itself does not exist.
fn refused(app: &App, s: &Session, id: &str, e: Error, echo: FormEcho) -> Result<Response> {
    match e {
        Error::UnknownProject(_) => Err(e),
        e => project_page(app, s, id, Some((e.message(app.lang()), echo))),
    }
}

pub async fn status(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<Params>,
) -> Response {
    if let Some(r) = refused_outright(&app, &s, &headers, &f, true) {
        return r;
    }
    app.blocking(move |app| {
        let lang = app.lang();
        let echo = FormEcho {
            reason: field(&f, "reason").unwrap_or_default(),
            note: field(&f, "note").unwrap_or_default(),
            ..Default::default()
        };
        let attempt = || -> Result<_> {
            let clock = app.clock()?;
            let action = field(&f, "action").unwrap_or_default();
            let verb = Verb::ALL
                .into_iter()
                .find(|v| v.name() == action)
                .ok_or_else(|| Error::bad_value("action", format!("unknown action '{action}'")))?;
            let stamp = ops::stamp(s.user.as_deref().unwrap_or_default(), "name", &clock)?;
            let change = StatusChange {
                verb,
                ids: vec![id.clone()],
                date: ops::effective_date(field(&f, "date").as_deref(), "date", &clock)?,
                reason: field(&f, "reason"),
                note: field(&f, "note"),
            };
            let mut store = app.store()?;
            change_status(&mut store, stamp, lang, &change)
        };
        match attempt() {
            Ok(moved) => {
                let lines: Vec<String> = moved.iter().map(|m| m.line(lang)).collect();
                Ok(done(&id, &lines.join("; ")))
            }
            Err(e) => refused(app, &s, &id, e, echo),
        }
    })
    .await
}

pub async fn payment(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<Params>,
) -> Response {
    if let Some(r) = refused_outright(&app, &s, &headers, &f, true) {
        return r;
    }
    app.blocking(move |app| {
        let lang = app.lang();
        let echo = FormEcho {
            amount: field(&f, "amount").unwrap_or_default(),
            voucher: field(&f, "voucher").unwrap_or_default(),
            pay_note: field(&f, "note").unwrap_or_default(),
            ..Default::default()
        };
        let attempt = || -> Result<_> {
            let clock = app.clock()?;
            let stamp = ops::stamp(s.user.as_deref().unwrap_or_default(), "name", &clock)?;
            let p = Payment {
                id: id.clone(),
                amount: field(&f, "amount").unwrap_or_default(),
                date: ops::effective_date(field(&f, "date").as_deref(), "date", &clock)?,
                voucher: field(&f, "voucher"),
                note: field(&f, "note"),
                overspend: None,
                amount_place: "amount",
            };
            let mut store = app.store()?;
            payment::pay(&mut store, stamp, lang, &p)
        };
        match attempt() {
            Ok(paid) => {
                let mut notice = paid.line(lang);
                for w in &paid.warnings {
                    notice.push_str(&format!(" — {} {w}", lang.pick(i18n::WARNING)));
                }
                Ok(done(&id, &notice))
            }
            Err(e) => refused(app, &s, &id, e, echo),
        }
    })
    .await
}

pub async fn signin(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    Form(f): Form<Params>,
) -> Response {
    if let Some(r) = refused_outright(&app, &s, &headers, &f, false) {
        return r;
    }
    let lang = app.lang();
    match check_actor(field(&f, "name").as_deref().unwrap_or_default(), "name") {
        Ok(name) => {
            let mut r = Redirect::to("/").into_response();
            r.headers_mut().append(
                header::SET_COOKIE,
                guard::set_cookie(USER_COOKIE, &enc(&name)),
            );
            r
        }
        Err(e) => {
            let mut c = Chrome::new(&app, &s, "/signin", lang.pick(i18n::SIGN_IN));
            c.error = Some(e.message(lang));
            view::html(StatusCode::BAD_REQUEST, &SigninPage { c })
        }
    }
}

pub async fn signout(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    Form(f): Form<Params>,
) -> Response {
    if let Some(r) = refused_outright(&app, &s, &headers, &f, false) {
        return r;
    }
    let mut r = Redirect::to("/").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, guard::set_cookie(USER_COOKIE, ""));
    r
}
