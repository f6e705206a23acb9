//! `ecoledger serve`: the web dashboard on the same ledger (see [`crate::web`]). Binds to
//! loopback unless told otherwise; any other address needs an access token.

use super::{Context, Outcome};
use crate::error::{io_problem, Error, Result};
use crate::i18n::{msg, Text};
use crate::render::html::url_encode;
use crate::store::Store;
use crate::web::{self, App, Settings};
use std::net::{SocketAddr, ToSocketAddrs};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: String,
    #[arg(long)]
    pub read_only: bool,
    #[arg(
        long,
        env = "ECOLEDGER_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
    #[arg(long, conflicts_with_all = ["token", "read_only"])]
    pub new_token: bool,
    // Minutes of inactivity after which a signed-in session ends (a ledger with users).
    #[arg(long, value_name = "MINUTES", default_value_t = 30)]
    pub session_timeout: u64,
}

/// At least this long, so that it cannot be guessed.
const MIN_TOKEN: usize = 16;
/// At least this much surprise, in bits: the length times the entropy of the token's own
/// characters (`________________` has none; 16 different characters give 64).
const MIN_TOKEN_BITS: f64 = 64.0;

/// The token's characters' Shannon entropy times its length, in bits: a cheap measure
/// that refuses repeated and few-letter tokens. (Not money: a float is fine here.)
fn token_bits(token: &str) -> f64 {
    let chars: Vec<char> = token.chars().collect();
    let n = chars.len() as f64;
    let mut counts = std::collections::HashMap::new();
    for c in &chars {
        *counts.entry(c).or_insert(0_u32) += 1;
    }
    let per_char: f64 = counts
        .values()
        .map(|&k| {
            let p = f64::from(k) / n;
            -p * p.log2()
        })
        .sum();
    per_char * n
}

/// A new token: 32 random bytes as 43 URL-safe characters.
fn new_token() -> Result<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bytes = [0_u8; 43];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::bad_value("--new-token", msg::no_random_numbers(e)))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 63)]))
        .collect())
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let lang = ctx.lang;
    if args.new_token {
        ctx.say(&Text::data(new_token()?))?;
        return Ok(Outcome::Success);
    }
    let addr: SocketAddr = args
        .addr
        .trim()
        .to_socket_addrs()
        .ok()
        .and_then(|mut all| all.next())
        .ok_or_else(|| Error::bad_value("--addr", msg::not_an_address(&args.addr)))?;
    let token = args.token.filter(|t| !t.is_empty());
    if let Some(t) = &token {
        if t.chars().count() < MIN_TOKEN || !t.chars().all(|c| c.is_ascii_graphic()) {
            return Err(Error::bad_value("--token", msg::token_too_short(MIN_TOKEN)));
        }
        if token_bits(t) < MIN_TOKEN_BITS {
            return Err(Error::bad_value(
                "--token",
                msg::token_too_weak(
                    format!("{:.0}", token_bits(t)),
                    format!("{MIN_TOKEN_BITS:.0}"),
                ),
            ));
        }
    }
    if args.session_timeout == 0 {
        return Err(Error::bad_value(
            "--session-timeout",
            msg::session_timeout_zero(),
        ));
    }
    let has_users = if args.read_only {
        // Look, don't touch: not even creating, seeding or upgrading the file.
        Store::open_existing(&ctx.db, true)?.has_users()?
    } else {
        // Create, seed or upgrade the ledger now, saying so, rather than inside a request.
        ctx.open_store()?.has_users()?
    };
    // Off loopback, a ledger without users needs a token; one with users has passwords
    // (a read-only share still takes a token).
    if !addr.ip().is_loopback() && token.is_none() && (!has_users || args.read_only) {
        return Err(Error::bad_value("--addr", msg::token_needed_for(addr)));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::bad_value("--addr", msg::cannot_listen(addr, io_problem(&e))))?;
        let bound = listener.local_addr()?;
        let app = App::new(Settings {
            db: ctx.db.clone(),
            lang,
            today: ctx.today_flag.clone(),
            read_only: args.read_only,
            token: token.clone(),
            addr: bound,
            session_timeout: std::time::Duration::from_secs(
                args.session_timeout.saturating_mul(60),
            ),
        })?;
        let url = match &token {
            Some(t) => format!("http://{bound}/?token={}", url_encode(t)),
            None => format!("http://{bound}/"),
        };
        ctx.say(&msg::serving(ctx.db.display(), url))?;
        if bound.ip().is_unspecified() {
            ctx.say(&msg::other_computers(bound.ip()))?;
        }
        web::serve(listener, app, stop_signal()).await?;
        ctx.say(&msg::stopped())?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_tokens_are_measured_low_and_new_ones_high() {
        assert!(token_bits("________________") < 1.0);
        assert!(token_bits("aaaaaaaabbbbbbbb") < MIN_TOKEN_BITS);
        assert!(token_bits("abababababababababababab") < MIN_TOKEN_BITS);
        assert!(token_bits("0123456789abcdef") >= MIN_TOKEN_BITS);
        let a = new_token().unwrap();
        let b = new_token().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert!(token_bits(&a) >= MIN_TOKEN_BITS, "{a}");
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
}
