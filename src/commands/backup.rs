//! `ecoledger backup FILE`: a consistent copy of the ledger, taken with SQLite's online
//! backup while other processes may be writing.

use super::{Context, Outcome};
use crate::error::Result;
use std::path::PathBuf;

/// Copy the ledger to FILE (a new file), safely while others write.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger backup /backups/ledger-2024-06-30.sqlite
  ecoledger --db /backups/ledger-2024-06-30.sqlite check     (verify the copy)")]
pub struct Args {
    /// Where to write the copy; must not exist yet.
    pub file: PathBuf,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    super::check_output(&args.file, &ctx.db, "FILE")?;
    ctx.remove_orphans(&args.file)?;
    let store = ctx.open_store()?;
    store.backup_to(&args.file)?;
    ctx.say(&format!(
        "{} → {}",
        store.path().display(),
        args.file.display()
    ))?;
    Ok(Outcome::Success)
}
