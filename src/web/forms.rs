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
        stamp: stamp(s, &clock)?,
        date: ops::effective_date(f.get("date").as_deref(), i18n::DATE, &clock)?,
    })
}

/// Who a change made in session `s` is by: the signed-in name, with the session as its
/// proof on a ledger with users (the write path checks the user and their roles).
pub fn stamp(s: &Session, clock: &crate::clock::Clock) -> Result<Stamp> {
    let mut stamp = ops::stamp(s.user.as_deref().unwrap_or_default(), i18n::NAME, clock)?;
    stamp.proof = s.proof();
    Ok(stamp)
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
                Err(e @ (Error::UnknownProject(_) | Error::Denied(_))) => Err(e),
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
        log_throttled(&client, None);
        return crate::web::guard::too_many(lang, wait);
    }
    let f = match admit(&app, &s, &headers, &body, false) {
        Ok(f) => f,
        Err(r) => return *r,
    };
    if s.users {
        return signin_with_password(app, s, client, f).await;
    }
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
    if s.users {
        // The session ends here, on the server; the browser gets a fresh one.
        app.sessions().end(&s.id);
        let (k, v) = app.set_cookie(Cookie::Session, "");
        r.headers_mut().append(k, v);
    }
    r
}

/// A throttled sign-in, logged on the server's standard error (never a password).
fn log_throttled(client: &str, name: Option<&str>) {
    let who = match name {
        Some(n) => format!("client {client}, name {n}"),
        None => format!("client {client}"),
    };
    eprintln!("ecoledger serve: {}", msg::signin_throttled(who).en());
}

/// The throttle's key for failures of one name (apart from the clients' keys).
fn name_key(name: &str) -> String {
    format!("name:{name}")
}

/// Sign-in on a ledger with users: name and password, checked against the ledger;
/// failures are throttled per client and per name, and logged once a client or name is
/// turned away. A success starts a new session (a new id), so that an id seen before
/// signing in is worth nothing after.
async fn signin_with_password(app: App, s: Session, client: String, f: Params) -> Response {
    let lang = app.lang();
    let name = f.raw("name").trim().to_string();
    if let Some(wait) = app.throttle().locked(&name_key(&name)) {
        log_throttled(&client, Some(&name));
        return crate::web::guard::too_many(lang, wait);
    }
    let password = f.raw("password");
    let checked = {
        let (app, name) = (app.clone(), name.clone());
        tokio::task::spawn_blocking(move || {
            ops::users::sign_in(&app.store()?, &name, &password).map(|u| u.is_some())
        })
        .await
    };
    let signed = match checked {
        Ok(Ok(signed)) => signed,
        Ok(Err(e)) => return view::error_page(lang, &e),
        Err(_) => false,
    };
    if !signed {
        let (a, b) = (
            app.throttle().failed(&client),
            app.throttle().failed(&name_key(&name)),
        );
        if app.throttle().locked(&client).is_some()
            || app.throttle().locked(&name_key(&name)).is_some()
        {
            log_throttled(&client, Some(&name));
        }
        tokio::time::sleep(a.max(b)).await;
        let mut c = chrome(&app, &s, "/signin", lang.pick(i18n::SIGN_IN));
        c.error = Some(msg::wrong_password(&name).get(lang).to_string());
        return view::html(StatusCode::BAD_REQUEST, &SigninPage { c });
    }
    app.throttle().succeeded(&client);
    app.throttle().succeeded(&name_key(&name));
    let Some(id) = app.sessions().begin(&name) else {
        return view::message_page(
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            msg::no_random_numbers_session().get(lang),
        );
    };
    app.sessions().end(&s.id);
    let mut r = Redirect::to("/").into_response();
    let (k, v) = app.set_cookie(Cookie::Session, &id);
    r.headers_mut().append(k, v);
    r
}

/// The approvals queue's two forms: approve or reject pending payment `id`, by the
/// signed-in user (the write path checks their role and that they did not record it).
async fn review(
    app: App,
    s: Session,
    headers: HeaderMap,
    id: std::result::Result<Path<String>, PathRejection>,
    body: Bytes,
    approve: bool,
) -> Response {
    let (id, f) = match admit_change(&app, &s, &headers, id, &body) {
        Ok(admitted) => admitted,
        Err(r) => return *r,
    };
    app.clone()
        .blocking(move |app| {
            let clock = app.clock()?;
            let number = payment::parse_pending(&id, "ENTRY")?;
            let stamp = stamp(&s, &clock)?;
            let mut store = app.store()?;
            let done = if approve {
                payment::approve(&mut store, stamp, number, "ENTRY")?
            } else {
                let reason = f.get("reason").ok_or(Error::ReasonRequired("reject"))?;
                payment::reject(&mut store, stamp, number, &reason, "ENTRY")?
            };
            Ok(redirect_with_notice(app, "/approvals", &done.line))
        })
        .await
}

pub async fn approve(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    id: std::result::Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    review(app, s, headers, id, body, true).await
}

pub async fn reject(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    id: std::result::Result<Path<String>, PathRejection>,
    body: Bytes,
) -> Response {
    review(app, s, headers, id, body, false).await
}
