//! `ecoledger backup FILE`: a consistent copy of the ledger, taken with SQLite's online
//! backup while other processes may be writing.

use super::{Context, Outcome};
use crate::error::Result;
use crate::i18n::Text;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    super::check_output(&args.file, &ctx.db, "FILE")?;
    ctx.remove_orphans(&args.file)?;
    let store = ctx.open_store()?;
    store.backup_to(&args.file)?;
    ctx.say(&Text::data(format!(
        "{} → {}",
        store.path().display(),
        args.file.display()
    )))?;
    Ok(Outcome::Success)
}
