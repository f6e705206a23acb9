//! The command line: global flags and the one list of commands (clap derive). Each
//! command's own flags live in its file under `commands/`.

use crate::commands;
use crate::i18n::Lang;
use crate::render::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  ecoledger totals --by category            totals per appendix table (creates and seeds the ledger on first use)
  ecoledger totals --by year --format csv   the estimate spread over the plan's years, as CSV
  ecoledger projects list --year 2024 --department 区水利局
  ecoledger projects show A5-04             every field, the year allocation and departments of one project
  ecoledger reconcile                       check the ledger against the plan's stated subtotals
  ecoledger --lang zh info                  where the ledger is, in Chinese

Database: --db PATH, else $ECOLEDGER_DB, else the user data directory
(Linux: ~/.local/share/ecoledger/ledger.sqlite).
Language: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG starting with zh gives Chinese).
Exit codes: 0 success, 1 reconcile found differences, 2 error (nothing was changed).";

/// An exact ledger of public investment projects and their budgets, on one SQLite file.
#[derive(Debug, Parser)]
#[command(name = "ecoledger", version, about, after_help = EXAMPLES, max_term_width = 110)]
pub struct Cli {
    /// The ledger file [default: $ECOLEDGER_DB, else the user data directory].
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Language of labels and messages [default: from the locale].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Start CSV output with a UTF-8 byte-order mark (for Excel on Chinese Windows).
    #[arg(long, global = true)]
    pub bom: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(commands::init::Args),
    Info(commands::info::Args),
    /// List and show projects.
    #[command(subcommand)]
    Projects(ProjectsCommand),
    Totals(commands::totals::Args),
    Reconcile(commands::reconcile::Args),
}

#[derive(Debug, Subcommand)]
pub enum ProjectsCommand {
    List(commands::projects_list::Args),
    Show(commands::projects_show::Args),
}
