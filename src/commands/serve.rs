//! `ecoledger serve`: the web dashboard on the same ledger (see [`crate::web`]). Binds to
//! loopback unless told otherwise; any other address needs an access token.

use super::{Context, Outcome};
use crate::error::{Error, Result};
use crate::i18n;
use crate::render::html::url_encode;
use crate::store::Store;
use crate::web::{self, App, Settings};
use std::net::{SocketAddr, ToSocketAddrs};

/// Serve the dashboard: overview, projects, reports, reconcile, and forms to change a
/// status or record a payment.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger serve                                   http://127.0.0.1:8080/ (this computer only)
  ecoledger --lang zh serve --addr 127.0.0.1:9000
  ecoledger serve --read-only                       look, but change nothing
  ECOLEDGER_TOKEN=… ecoledger serve --addr 0.0.0.0:8080   for the office network: every request needs the token

The address with its token is printed at start; open it once and the browser keeps the token.
Changes made in the browser are recorded under the name you sign in with. Ctrl-C stops the server.")]
pub struct Args {
    /// The address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: String,
    /// Show the ledger but accept no changes (the forms are hidden and refused).
    #[arg(long)]
    pub read_only: bool,
    /// The access token every request must carry; required for a non-loopback address.
    #[arg(
        long,
        env = "ECOLEDGER_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
}

/// At least this long, so that it cannot be guessed.
const MIN_TOKEN: usize = 16;

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let lang = ctx.lang;
    let addr: SocketAddr = args
        .addr
        .trim()
        .to_socket_addrs()
        .ok()
        .and_then(|mut all| all.next())
        .ok_or_else(|| {
            Error::bad_value(
                "--addr",
                format!("'{}' is not an address like 127.0.0.1:8080", args.addr),
            )
        })?;
    let token = args.token.filter(|t| !t.is_empty());
    if let Some(t) = &token {
        if t.chars().count() < MIN_TOKEN || !t.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::bad_value(
                "--token",
                format!("a token needs at least {MIN_TOKEN} printable ASCII characters, no spaces"),
            ));
        }
    }
    if !addr.ip().is_loopback() && token.is_none() {
        return Err(Error::bad_value(
            "--addr",
            format!("{addr} is reachable from other computers; give --token TOKEN (or set ECOLEDGER_TOKEN) so that only people with the token get in"),
        ));
    }
    if args.read_only {
        // Look, don't touch: not even creating, seeding or upgrading the file.
        Store::open_existing(&ctx.db, true)?;
    } else {
        // Create, seed or upgrade the ledger now, saying so, rather than inside a request.
        drop(ctx.open_store()?);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::bad_value("--addr", format!("cannot listen on {addr}: {e}")))?;
        let bound = listener.local_addr()?;
        let app = App::new(Settings {
            db: ctx.db.clone(),
            lang,
            today: ctx.today_flag.clone(),
            read_only: args.read_only,
            token: token.clone(),
            addr: bound,
        })?;
        let url = match &token {
            Some(t) => format!("http://{bound}/?token={}", url_encode(t)),
            None => format!("http://{bound}/"),
        };
        ctx.say(&format!(
            "ecoledger: {} {} {} {url} {}",
            lang.pick(i18n::SERVING),
            ctx.db.display(),
            lang.pick(i18n::AT),
            lang.pick(i18n::STOP_HINT)
        ))?;
        if bound.ip().is_unspecified() {
            ctx.say(&format!(
                "ecoledger: {} {}",
                lang.pick(i18n::OTHER_COMPUTERS),
                bound.ip()
            ))?;
        }
        web::serve(listener, app, stop_signal()).await?;
        ctx.say(&format!("ecoledger: {}", lang.pick(i18n::STOPPED)))?;
        Ok(Outcome::Success)
    })
}

/// Ctrl-C, or SIGTERM where there is one.
async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    {
        let term = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut s) => {
                    s.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            () = ctrl_c => {},
            () = term => {},
        }
    }
    #[cfg(not(unix))]
    ctrl_c.await;
}
