//! What wraps every request: the access token (when one is required), the `Host` check
//! that keeps other web sites out of a loopback server, the session cookie with its CSRF
//! token, the signed-in name, a one-time notice after a change, and the security headers
//! (a Content-Security-Policy that allows no script at all).
//!
//! Cookie names carry the server's port, because browsers share cookies between the
//! ports of one host: two ledgers served side by side keep their sessions apart.

use super::{view, App};
use crate::i18n::{self, Lang};
use crate::render::html::url_encode;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::percent_decode_str;
use sha2::{Digest, Sha256};

/// The cookies this server sets.
#[derive(Clone, Copy, Debug)]
pub enum Cookie {
    Session,
    User,
    Token,
    Flash,
}

impl Cookie {
    /// `ecoledger_user_8080`: the cookie's name on the server listening on `port`.
    pub fn name(self, port: u16) -> String {
        let base = match self {
            Cookie::Session => "session",
            Cookie::User => "user",
            Cookie::Token => "token",
            Cookie::Flash => "flash",
        };
        format!("ecoledger_{base}_{port}")
    }
}

/// Who is asking, as the handlers see it.
#[derive(Clone, Debug, Default)]
pub struct Session {
    /// The session id (random, from the session cookie).
    pub id: String,
    /// The CSRF token every form must send back.
    pub csrf: String,
    /// The signed-in name (recorded as the actor of changes).
    pub user: Option<String>,
    /// A notice left by the previous change (shown once).
    pub flash: Option<String>,
    /// Whether the ledger has users: then `user` signed in with a password, and
    /// `roles` are theirs as the ledger says now.
    pub users: bool,
    pub roles: Vec<crate::domain::role::Role>,
}

impl Session {
    /// Whether this session may do `duty`: anyone on a ledger without users (today's
    /// single-user dashboard), else a signed-in user whose roles perform it. Pages show
    /// only these forms; the write path refuses the rest whatever is posted.
    pub fn may(&self, duty: crate::domain::role::Duty) -> bool {
        !self.users || crate::domain::role::may(&self.roles, duty)
    }

    /// The proof a change made in this session offers the write path.
    pub fn proof(&self) -> crate::store::write::Proof {
        if self.users {
            crate::store::write::Proof::Session
        } else {
            crate::store::write::Proof::None
        }
    }
}

/// The signed-in sessions of a ledger with users, kept by the server only: the browser
/// holds nothing but a random id. A session ends at sign-out or after a period of
/// inactivity; a sign-in always starts a new one (the id changes).
#[derive(Default)]
pub struct Sessions {
    all: std::sync::Mutex<std::collections::HashMap<String, (String, std::time::Instant)>>,
}

impl Sessions {
    /// Starts a session for `user` and returns its new id.
    pub fn begin(&self, user: &str) -> Option<String> {
        let id = random_hex()?;
        let mut all = self.all.lock().unwrap_or_else(|e| e.into_inner());
        all.insert(id.clone(), (user.to_string(), std::time::Instant::now()));
        Some(id)
    }

    /// The user of session `id` if it has not been idle longer than `timeout` (and marks
    /// it used now); an expired session is forgotten.
    pub fn user(&self, id: &str, timeout: std::time::Duration) -> Option<String> {
        let now = std::time::Instant::now();
        let mut all = self.all.lock().unwrap_or_else(|e| e.into_inner());
        all.retain(|_, (_, last)| now.duration_since(*last) <= timeout);
        let (user, last) = all.get_mut(id)?;
        *last = now;
        Some(user.clone())
    }

    pub fn end(&self, id: &str) {
        let mut all = self.all.lock().unwrap_or_else(|e| e.into_inner());
        all.remove(id);
    }
}

/// Equal without leaking where two secrets first differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn decode(text: &str) -> Option<String> {
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|t| t.into_owned())
}

impl App {
    /// The `Set-Cookie` header for `cookie` (empty `value`: forget it). Cookies are sent
    /// only to this server, never readable by scripts, and not sent with other sites'
    /// form posts (`SameSite=Lax`); the values are percent-encoded, so always valid.
    pub fn set_cookie(&self, cookie: Cookie, value: &str) -> (header::HeaderName, HeaderValue) {
        let name = cookie.name(self.settings().addr.port());
        let text = if value.is_empty() {
            format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
        } else {
            format!(
                "{name}={}; Path=/; HttpOnly; SameSite=Lax",
                url_encode(value)
            )
        };
        // Percent-encoding leaves only visible ASCII, which a header always accepts.
        let value =
            HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static("x=; Max-Age=0"));
        (header::SET_COOKIE, value)
    }

    fn cookie(&self, headers: &HeaderMap, cookie: Cookie) -> Option<String> {
        cookie_value(headers, &cookie.name(self.settings().addr.port())).and_then(|v| decode(&v))
    }

    /// A keyed hash: CSRF tokens and signed names come from the server's random secret,
    /// so nobody can make one without it.
    fn mac(&self, parts: &[&str]) -> String {
        let mut h = Sha256::new();
        h.update(self.secret());
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
        }
        h.finalize()
            .iter()
            .take(16)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// The signed-in name as a cookie value: the name and its signature for this session,
    /// so that another page on this host cannot set who changes are recorded under.
    pub fn signed_user(&self, session: &Session, name: &str) -> String {
        format!("{}|{}", self.mac(&["user", &session.id, name]), name)
    }

    fn user_from(&self, session_id: &str, value: &str) -> Option<String> {
        let (mac, name) = value.split_once('|')?;
        let ok = same_secret(mac, &self.mac(&["user", session_id, name]));
        ok.then(|| crate::ops::check_actor(name, crate::i18n::NAME).ok())
            .flatten()
    }
}

pub(crate) fn random_hex() -> Option<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `host` names this server: its own address, or a loopback name on its port
/// (the port may be left out when it is 80).
fn host_allowed(app: &App, host: Option<&str>) -> bool {
    let Some(host) = host else {
        return true;
    };
    let addr = app.settings().addr;
    let port = addr.port();
    let names = [
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "[::1]".to_string(),
        match addr.ip() {
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
            ip => ip.to_string(),
        },
    ];
    names
        .iter()
        .any(|n| host == format!("{n}:{port}") || (port == 80 && host == n))
}

/// The request's path and query without a `token=` parameter, as a local address (a
/// path like `//other.example` stays on this server).
fn without_token(uri: &Uri) -> String {
    let path = format!("/{}", uri.path().trim_start_matches(['/', '\\']));
    let rest: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("token="))
        .collect();
    if rest.is_empty() {
        path
    } else {
        format!("{path}?{}", rest.join("&"))
    }
}

fn refuse(lang: Lang, status: StatusCode, message: &str) -> Response {
    secure(view::message_page(lang, status, message))
}

/// Who is asking, for the throttle: the client's address (in-process requests, which
/// have none, count as one client). The guard puts it in every request.
#[derive(Clone, Debug)]
pub struct Client(pub String);

fn client_of(req_extensions: &axum::http::Extensions) -> String {
    req_extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "local".to_string(), |c| c.0.ip().to_string())
}

/// The refusal of a client turned away for failing too often.
pub fn too_many(lang: Lang, wait: std::time::Duration) -> Response {
    let mut r = refuse(
        lang,
        StatusCode::TOO_MANY_REQUESTS,
        crate::i18n::msg::too_many_failures(wait.as_secs().max(1)).get(lang),
    );
    if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

pub async fn guard(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let lang = app.lang();
    let headers = req.headers().clone();
    let client = client_of(req.extensions());
    match &app.settings().token {
        // Off loopback without a token the ledger has users (`serve` refuses it
        // otherwise): passwords guard it, and the intranet names it as it likes.
        None if !app.settings().addr.ip().is_loopback() => {}
        None => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            if !host_allowed(&app, host) {
                return refuse(
                    lang,
                    StatusCode::MISDIRECTED_REQUEST,
                    crate::i18n::msg::wrong_host(host.unwrap_or_default()).get(lang),
                );
            }
        }
        Some(token) => {
            let bearer = headers
                .get(header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .and_then(|h| h.strip_prefix("Bearer "))
                .map(str::trim);
            let from_cookie = app.cookie(&headers, Cookie::Token);
            let from_query = req.uri().query().and_then(|q| {
                q.split('&')
                    .find_map(|p| p.strip_prefix("token="))
                    .and_then(decode)
            });
            let ok = |t: Option<&str>| t.is_some_and(|t| same_secret(t, token));
            let tried = from_query.is_some() || bearer.is_some() || from_cookie.is_some();
            if tried {
                if let Some(wait) = app.throttle().locked(&client) {
                    return too_many(lang, wait);
                }
            }
            let good = ok(from_query.as_deref()) || ok(bearer) || ok(from_cookie.as_deref());
            if tried && !good {
                // A wrong token waits before it is told so, longer each time.
                tokio::time::sleep(app.throttle().failed(&client)).await;
            } else if good {
                app.throttle().succeeded(&client);
            }
            if ok(from_query.as_deref()) {
                // Trade the token in the address for a cookie, and drop it from the
                // address bar (and from any later Referer).
                let mut to = Redirect::to(&without_token(req.uri())).into_response();
                let (k, v) = app.set_cookie(Cookie::Token, token);
                to.headers_mut().append(k, v);
                return secure(to);
            }
            if !ok(bearer) && !ok(from_cookie.as_deref()) {
                return refuse(
                    lang,
                    StatusCode::UNAUTHORIZED,
                    lang.pick(i18n::TOKEN_NEEDED),
                );
            }
        }
    }
    let old_session = app
        .cookie(&headers, Cookie::Session)
        .filter(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    let Some(session_id) = old_session.clone().or_else(random_hex) else {
        return refuse(
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::i18n::msg::no_random_numbers_session().get(lang),
        );
    };
    // A ledger with users: the session's user as the server keeps it, still enabled, with
    // the roles the ledger gives them now. Without users: the typed name, as before.
    let users = {
        let app = app.clone();
        let sid = session_id.clone();
        tokio::task::spawn_blocking(move || -> crate::error::Result<_> {
            let store = app.store()?;
            if !store.has_users()? {
                return Ok(None);
            }
            let signed = app
                .sessions()
                .user(&sid, app.settings().session_timeout)
                .map(|name| store.user(&name))
                .transpose()?
                .flatten()
                .filter(|u| !u.disabled);
            Ok(Some(signed))
        })
        .await
    };
    let (users, user, roles) = match users {
        Ok(Ok(Some(signed))) => (
            true,
            signed.as_ref().map(|u| u.name.clone()),
            signed.map(|u| u.roles).unwrap_or_default(),
        ),
        Ok(Ok(None)) => (
            false,
            app.cookie(&headers, Cookie::User)
                .and_then(|u| app.user_from(&session_id, &u)),
            Vec::new(),
        ),
        Ok(Err(e)) => return secure(view::error_page(lang, &e)),
        Err(_) => {
            return refuse(
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::i18n::msg::no_random_numbers_session().get(lang),
            )
        }
    };
    // A ledger with users shows nothing to whoever has not signed in (the viewer role is
    // the right to read): pages lead to the sign-in form, anything else is refused. A
    // read-only server, shared by its token, keeps reading without accounts.
    let path = req.uri().path();
    if users && user.is_none() && !app.settings().read_only && path != "/signin" {
        if req.method() == Method::GET || req.method() == Method::HEAD {
            return secure(Redirect::to("/signin").into_response());
        }
        return refuse(lang, StatusCode::FORBIDDEN, lang.pick(i18n::SIGN_IN_FIRST));
    }
    let flash = app
        .cookie(&headers, Cookie::Flash)
        .filter(|f| !f.is_empty());
    let had_flash = flash.is_some();
    req.extensions_mut().insert(Client(client));
    req.extensions_mut().insert(Session {
        csrf: app.mac(&["csrf", &session_id]),
        id: session_id.clone(),
        user,
        flash,
        users,
        roles,
    });
    let mut response = next.run(req).await;
    if old_session.is_none() {
        let (k, v) = app.set_cookie(Cookie::Session, &session_id);
        response.headers_mut().append(k, v);
    }
    let flash_name = Cookie::Flash.name(app.settings().addr.port());
    let sets_flash = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(flash_name.as_bytes()));
    if had_flash && !sets_flash {
        let (k, v) = app.set_cookie(Cookie::Flash, "");
        response.headers_mut().append(k, v);
    }
    secure(response)
}

/// Whether a form's CSRF token belongs to this session, and the form came from this
/// site (an `Origin` header, when the browser sends one, must name the `Host`).
pub fn form_is_genuine(session: &Session, headers: &HeaderMap, token: &str) -> bool {
    let same_origin = match (
        headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()),
        headers.get(header::HOST).and_then(|h| h.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => {
            origin
                .strip_prefix("http://")
                .or_else(|| origin.strip_prefix("https://"))
                == Some(host)
        }
        _ => true,
    };
    same_origin && same_secret(token, &session.csrf)
}

/// The headers every response carries: no scripts, no framing, no sniffing, no
/// caching of ledger pages, and no referrer sent to other sites (same-origin requests
/// keep theirs, so that browsers send the `Origin` the form check compares).
fn secure(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
