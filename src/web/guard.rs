//! What wraps every request: the access token (when one is required), the `Host` check
//! that keeps other web sites out of a loopback server, the session cookie with its
//! CSRF token, the signed-in name, a one-time notice after a change, and the security
//! headers (a Content-Security-Policy that allows no script at all).

use super::{view, App};
use crate::i18n::{self, Lang};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use percent_encoding::{percent_decode_str, utf8_percent_encode, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "ecoledger_session";
pub const USER_COOKIE: &str = "ecoledger_user";
pub const TOKEN_COOKIE: &str = "ecoledger_token";
pub const FLASH_COOKIE: &str = "ecoledger_flash";

/// Who is asking, as the handlers see it.
#[derive(Clone, Debug)]
pub struct Session {
    /// The CSRF token every form must send back.
    pub csrf: String,
    /// The signed-in name (recorded as the actor of changes).
    pub user: Option<String>,
    /// A notice left by the previous change (shown once).
    pub flash: Option<String>,
}

/// Equal without leaking where two secrets first differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

/// The value of cookie `name`, if the request has it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value: only for this site's pages, never sent by other sites' requests,
/// never readable by scripts.
pub fn set_cookie(name: &str, value: &str) -> HeaderValue {
    let text = if value.is_empty() {
        format!("{name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
    } else {
        format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict")
    };
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Text made safe for a cookie value.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, NON_ALPHANUMERIC).to_string()
}

fn decode(text: &str) -> Option<String> {
    percent_decode_str(text)
        .decode_utf8()
        .ok()
        .map(|t| t.into_owned())
}

fn random_hex() -> String {
    let mut bytes = [0u8; 16];
    // Without randomness the session id is still unique per server start; the CSRF
    // token is derived from the server's own random secret either way.
    let _ = getrandom::fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn csrf_for(app: &App, session: &str) -> String {
    let mut h = Sha256::new();
    h.update(app.secret());
    h.update(session.as_bytes());
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn refuse(lang: Lang, status: StatusCode, words: i18n::Words) -> Response {
    view::message_page(lang, status, lang.pick(words))
}

/// Whether `host` names this server: its own address, or a loopback name on its port.
fn host_allowed(app: &App, host: Option<&str>) -> bool {
    let Some(host) = host else {
        return true;
    };
    let addr = app.settings().addr;
    let port = addr.port();
    host == addr.to_string()
        || [
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]
        .iter()
        .any(|h| h == host)
}

/// The request's URI without a `token=` query parameter.
fn without_token(uri: &Uri) -> String {
    let rest: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("token="))
        .collect();
    if rest.is_empty() {
        uri.path().to_string()
    } else {
        format!("{}?{}", uri.path(), rest.join("&"))
    }
}

pub async fn guard(State(app): State<App>, mut req: Request, next: Next) -> Response {
    let lang = app.lang();
    let headers = req.headers().clone();
    match &app.settings().token {
        None => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            if !host_allowed(&app, host) {
                return view::message_page(
                    lang,
                    StatusCode::MISDIRECTED_REQUEST,
                    &format!("unexpected Host header '{}'", host.unwrap_or_default()),
                );
            }
        }
        Some(token) => {
            let bearer = headers
                .get(header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .and_then(|h| h.strip_prefix("Bearer "))
                .map(str::trim);
            let from_cookie = cookie(&headers, TOKEN_COOKIE).and_then(|c| decode(&c));
            let from_query = req.uri().query().and_then(|q| {
                q.split('&')
                    .find_map(|p| p.strip_prefix("token="))
                    .and_then(decode)
            });
            let ok = |t: Option<&str>| t.is_some_and(|t| same_secret(t, token));
            if ok(from_query.as_deref()) {
                // Trade the token in the address for a cookie, and drop it from the
                // address bar (and from any later Referer).
                let mut to = Redirect::to(&without_token(req.uri())).into_response();
                to.headers_mut()
                    .append(header::SET_COOKIE, set_cookie(TOKEN_COOKIE, &encode(token)));
                return secure(to);
            }
            if !ok(bearer) && !ok(from_cookie.as_deref()) {
                return secure(refuse(lang, StatusCode::UNAUTHORIZED, i18n::TOKEN_NEEDED));
            }
        }
    }
    let old_session = cookie(&headers, SESSION_COOKIE)
        .filter(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    let session_id = old_session.clone().unwrap_or_else(random_hex);
    let user = cookie(&headers, USER_COOKIE)
        .and_then(|u| decode(&u))
        .and_then(|u| crate::ops::check_actor(&u, "name").ok());
    let flash = cookie(&headers, FLASH_COOKIE)
        .and_then(|f| decode(&f))
        .filter(|f| !f.is_empty());
    let had_flash = flash.is_some();
    req.extensions_mut().insert(Session {
        csrf: csrf_for(&app, &session_id),
        user,
        flash,
    });
    let mut response = next.run(req).await;
    if old_session.is_none() {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, &session_id));
    }
    let sets_flash = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(FLASH_COOKIE.as_bytes()));
    if had_flash && !sets_flash {
        response
            .headers_mut()
            .append(header::SET_COOKIE, set_cookie(FLASH_COOKIE, ""));
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
