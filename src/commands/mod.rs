//! One file per command. Each turns its flags into options, asks the store for data,
//! builds a report and hands it to the renderer; [`run`] dispatches and [`Context`]
//! carries what every command shares (database path, language, output).

pub mod info;
pub mod init;
pub mod projects_list;
pub mod projects_show;
pub mod reconcile;
pub mod totals;

use crate::cli::{Cli, Command, ProjectsCommand};
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};
use crate::render::{self, Output, RenderOptions};
use crate::store::open::Opened;
use crate::store::Store;
use std::io::Write;
use std::path::PathBuf;

/// How a command that ran to the end went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The command worked and found a problem in the ledger (e.g. reconcile differences).
    ChecksFailed,
}

/// What every command shares.
pub struct Context<'a> {
    pub db: PathBuf,
    /// Whether `db` is the default location (its folder may be created for it).
    pub db_is_default: bool,
    pub lang: Lang,
    pub render: RenderOptions,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Context<'_> {
    /// The ledger, created and seeded on first use (saying so on stderr).
    pub fn open_store(&mut self) -> Result<Store> {
        if self.db_is_default {
            if let Some(dir) = self.db.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, e))?;
            }
        }
        let (store, opened) = Store::open(&self.db)?;
        if opened == Opened::Created {
            self.notice_created()?;
        }
        Ok(store)
    }

    pub fn notice_created(&mut self) -> Result<()> {
        writeln!(
            self.err,
            "{} {}",
            self.lang.pick(i18n::CREATED_LEDGER),
            self.db.display()
        )?;
        Ok(())
    }

    pub fn emit(&mut self, output: &Output) -> Result<()> {
        render::write(self.out, output, self.render)?;
        self.out.flush()?;
        Ok(())
    }
}

/// Where the ledger is: `--db`, else `ECOLEDGER_DB`, else the user data directory.
pub fn resolve_db(flag: Option<PathBuf>) -> Result<(PathBuf, bool)> {
    if let Some(p) = flag {
        return Ok((p, false));
    }
    if let Some(p) = std::env::var_os("ECOLEDGER_DB").filter(|v| !v.is_empty()) {
        return Ok((PathBuf::from(p), false));
    }
    let dir = dirs::data_dir().ok_or(Error::NoDataDir)?;
    Ok((dir.join("ecoledger").join("ledger.sqlite"), true))
}

/// Runs the parsed command line.
pub fn run(cli: Cli, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> Result<Outcome> {
    let (db, db_is_default) = resolve_db(cli.db)?;
    let mut ctx = Context {
        db,
        db_is_default,
        lang,
        render: RenderOptions {
            format: cli.format,
            bom: cli.bom,
        },
        out,
        err,
    };
    match cli.command {
        Command::Init(args) => init::run(&mut ctx, args),
        Command::Info(args) => info::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::List(args)) => projects_list::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::Show(args)) => projects_show::run(&mut ctx, args),
        Command::Totals(args) => totals::run(&mut ctx, args),
        Command::Reconcile(args) => reconcile::run(&mut ctx, args),
    }
}
