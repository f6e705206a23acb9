//! `ecoledger init`: create and seed a ledger explicitly; with `--force`, replace an
//! existing file by a freshly seeded ledger (built beside it, then renamed over it, so
//! the old file is intact until the new one is complete).

use super::{Context, Outcome};
use crate::error::{Error, Result};
use crate::reports;
use crate::store::Store;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub force: bool,
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn remove_if_present(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::file(path, e)),
        _ => Ok(()),
    }
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let path = ctx.db.clone();
    if !path.exists() {
        let store = ctx.open_store()?;
        let summary = store.summary()?;
        return ctx
            .emit(&reports::info::build(&summary, ctx.lang))
            .map(|_| Outcome::Success);
    }
    if !args.force {
        return Err(Error::LedgerExists(path));
    }
    // A ledger with users is not erased by whoever runs a command: its records and its
    // accounts are the control. (Removing the file is possible to whoever may write it;
    // the file's permissions are the boundary.)
    if Store::open_existing(&path, true).is_ok_and(|s| s.has_users().unwrap_or(true)) {
        return Err(Error::Denied(crate::i18n::msg::init_force_with_users(
            path.display(),
        )));
    }
    // The fresh ledger is built in memory, then copied into the file through SQLite, so
    // that a process that has the old ledger open and is about to write sees the new
    // one (a file renamed over it would leave that process writing into the old one).
    // A process writing right now makes init refuse, saying so.
    if super::is_sqlite(&path) {
        let page_size = Store::file_page_size(&path)?;
        let fresh = Store::fresh_in_memory(&ctx.clock, page_size)?;
        fresh.copy_over(&path)?;
    } else {
        // Not an SQLite file (nothing can be writing to it as a ledger): a new file
        // takes its name.
        let fresh = Store::fresh_in_memory(&ctx.clock, 4096)?;
        remove_if_present(&sibling(&path, "-wal"))?;
        remove_if_present(&sibling(&path, "-shm"))?;
        remove_if_present(&path)?;
        fresh.backup_to(&path)?;
    }
    ctx.notice_created()?;
    let (store, _) = Store::open(&path, &ctx.clock)?;
    ctx.emit(&reports::info::build(&store.summary()?, ctx.lang))?;
    Ok(Outcome::Success)
}
