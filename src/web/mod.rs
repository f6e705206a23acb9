//! `ecoledger serve`: the same ledger seen through a browser. An axum router over the
//! one SQLite file: pages are rendered on the server from the same store queries and
//! reports as the command line ([`pages`]), the two forms (status change, payment)
//! call the same [`crate::ops`] functions as `ecoledger complete` and `ecoledger spend`
//! ([`forms`]), and the import page checks and imports an uploaded file through the
//! same path as `ecoledger spending import` ([`upload`]). [`guard`] wraps every request: the access token, the session and its
//! CSRF token, and the security headers.
//!
//! The store is synchronous (rusqlite), so each request opens the file and does its
//! work on tokio's blocking pool; SQLite's own locking and the store's `BEGIN IMMEDIATE`
//! writes keep concurrent requests and command-line users consistent.

pub mod cache;
pub mod forms;
pub mod guard;
pub mod indicators;
pub mod pages;
pub mod params;
pub mod throttle;
pub mod upload;
pub mod view;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::i18n::{msg, Lang};
use crate::store::Store;
use axum::extract::DefaultBodyLimit;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// What the server was started with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub db: PathBuf,
    pub lang: Lang,
    /// `--today`, re-read for every request (else `ECOLEDGER_TODAY`, else the system
    /// clock), so that a server left running sees the date change.
    pub today: Option<String>,
    pub read_only: bool,
    /// Every request must carry this token (required off loopback).
    pub token: Option<String>,
    /// The address the server listens on; the `Host` header must name it (or a loopback
    /// name) unless a token is required, which keeps other web sites out (DNS rebinding).
    pub addr: SocketAddr,
    /// On a ledger with users: a session unused this long is signed out.
    pub session_timeout: std::time::Duration,
}

/// The shared state of every handler.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    settings: Settings,
    /// Random per server start: session CSRF tokens are derived from it.
    secret: [u8; 32],
    /// Failed tokens and sign-ins, to slow guessing down.
    throttle: throttle::Throttle,
    /// Uploaded files checked and waiting for their confirmation.
    held: upload::Held,
    /// On a ledger with users: the signed-in sessions (id → user, last used).
    sessions: guard::Sessions,
    /// Admission for the pages whose work grows with the ledger (see [`App::heavy`]).
    heavy: cache::Permits,
    pages: cache::PageCache,
}

/// How many pages whose work grows with the ledger are computed at once: one per core,
/// so that a crowd on the reports queues for the cores instead of time-slicing them with
/// every other request (a project's page, a form, a sign-in) and holding a report's rows
/// in memory each.
fn heavy_permits() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

impl App {
    pub fn new(settings: Settings) -> Result<App> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| Error::bad_value("serve", msg::no_random_numbers(e)))?;
        Ok(App {
            inner: Arc::new(Inner {
                settings,
                secret,
                throttle: throttle::Throttle::default(),
                held: upload::Held::default(),
                sessions: guard::Sessions::default(),
                heavy: cache::Permits::new(heavy_permits()),
                pages: cache::PageCache::default(),
            }),
        })
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn lang(&self) -> Lang {
        self.inner.settings.lang
    }

    pub(crate) fn secret(&self) -> &[u8; 32] {
        &self.inner.secret
    }

    pub(crate) fn throttle(&self) -> &throttle::Throttle {
        &self.inner.throttle
    }

    pub(crate) fn held(&self) -> &upload::Held {
        &self.inner.held
    }

    pub(crate) fn sessions(&self) -> &guard::Sessions {
        &self.inner.sessions
    }

    /// Page data kept per journal head (see [`cache`]).
    pub fn pages(&self) -> &cache::PageCache {
        &self.inner.pages
    }

    /// Today, from the one clock.
    pub fn clock(&self) -> Result<Clock> {
        Clock::resolve(self.inner.settings.today.as_deref())
    }

    /// The ledger as it is: never created, seeded or upgraded here (a file moved away
    /// while the server runs is an error, not a fresh ledger); read-only on a read-only
    /// server, so that SQLite itself refuses any write.
    pub fn store(&self) -> Result<Store> {
        Store::open_existing(&self.inner.settings.db, self.inner.settings.read_only)
    }

    /// [`App::blocking`] for a page whose work grows with the ledger (reconcile, the
    /// assessment, the history): it waits its turn, at most [`heavy_permits`] at once.
    pub async fn heavy<F>(&self, work: F) -> Response
    where
        F: FnOnce(&App) -> Result<Response> + Send + 'static,
    {
        let _turn = self.inner.heavy.wait().await;
        self.blocking(work).await
    }

    /// One of the heavy-work permits, waited for on the blocking pool: the pages kept
    /// per journal head (overview, reports, projects listing) take one only to make a
    /// page, not to serve a kept one.
    pub(crate) fn heavy_permit(&self) -> cache::Permit<'_> {
        self.inner.heavy.take()
    }

    /// Runs `work` on the blocking pool, turning an error into an error page.
    pub async fn blocking<F>(&self, work: F) -> Response
    where
        F: FnOnce(&App) -> Result<Response> + Send + 'static,
    {
        let app = self.clone();
        let lang = app.lang();
        match tokio::task::spawn_blocking(move || work(&app)).await {
            Ok(Ok(response)) => response,
            Ok(Err(e)) => view::error_page(lang, &e),
            Err(join) => {
                view::error_page(lang, &Error::bad_value("serve", msg::request_failed(join)))
            }
        }
    }
}

/// Every route: pages by GET, changes by POST only.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(pages::overview))
        .route("/projects", get(pages::projects))
        .route("/projects/{id}", get(pages::project))
        .route("/projects/{id}/status", post(forms::status))
        .route("/projects/{id}/payments", post(forms::payment))
        .route("/reports", get(pages::reports))
        .route("/reports/{kind}/{file}", get(pages::report_download))
        .route("/reconcile", get(pages::reconcile))
        .route("/indicators", get(indicators::indicators))
        .route("/indicators/{no}", get(indicators::indicator))
        .route("/indicators/{no}/values", post(indicators::record_value))
        .route("/assessment", get(indicators::assessment))
        .route(
            "/import",
            get(upload::show)
                .post(upload::check)
                // The multipart body may hold the file and the form's few fields.
                .layer(DefaultBodyLimit::max(upload::UPLOAD_LIMIT + 64 * 1024)),
        )
        .route("/import/confirm", post(upload::confirm))
        .route("/approvals", get(pages::approvals))
        .route("/approvals/{id}/approve", post(forms::approve))
        .route("/approvals/{id}/reject", post(forms::reject))
        .route("/history", get(pages::history))
        .route("/signin", get(pages::signin).post(forms::signin))
        .route("/signout", post(forms::signout))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .with_state(app)
}

/// Serves until `shutdown` completes, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: App,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(app).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
