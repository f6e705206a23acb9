//! `ecoledger init`: create and seed a ledger explicitly; with `--force`, replace an
//! existing file by a freshly seeded ledger (built beside it, then renamed over it, so
//! the old file is intact until the new one is complete).

use super::{Context, Outcome};
use crate::error::{Error, Result};
use crate::reports;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// Create the ledger and seed it with the plan's 68 projects.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  ecoledger init\n  ecoledger --db /tmp/test.sqlite init --force"
)]
pub struct Args {
    /// Replace an existing file with a freshly seeded ledger (its data is lost).
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
    let temp = sibling(&path, &format!(".init-{}", std::process::id()));
    remove_if_present(&temp)?;
    let built =
        Store::open(&temp, &ctx.clock).and_then(|(store, _)| store.summary().map(|_| drop(store)));
    if let Err(e) = built {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    // The old file's journal belongs to the old file: remove it before the new file
    // takes the name, or SQLite would replay it into the new ledger.
    remove_if_present(&sibling(&path, "-wal"))?;
    remove_if_present(&sibling(&path, "-shm"))?;
    std::fs::rename(&temp, &path).map_err(|e| Error::file(&path, e))?;
    ctx.notice_created()?;
    let (store, _) = Store::open(&path, &ctx.clock)?;
    ctx.emit(&reports::info::build(&store.summary()?, ctx.lang))?;
    Ok(Outcome::Success)
}
