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
  ecoledger start A5-04 --date 2023-03-01   mark a project started (实施中)
  ecoledger estimate A5-04 341200 --stage preliminary --reason 概算批复
  ecoledger history A5-04                   who changed what, when and why
  ecoledger totals --by year --as-of 2024-12-31   the ledger as it stood at a date
  ecoledger --lang zh info                  where the ledger is, in Chinese
  ecoledger serve                           the dashboard in a browser at http://127.0.0.1:8080/

Database: --db PATH, else $ECOLEDGER_DB, else the user data directory
(Linux: ~/.local/share/ecoledger/ledger.sqlite).
Language: --lang, else the locale (LC_ALL, LC_MESSAGES, LANG starting with zh gives Chinese).
Today: --today, else $ECOLEDGER_TODAY, else the system clock.
Actor of a change: --by, else $ECOLEDGER_USER, else the OS user name.
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

    /// Table view: every column in full, one line per row (else the table fits the
    /// terminal, or 80 columns when piped, or $COLUMNS).
    #[arg(long, global = true)]
    pub wide: bool,

    /// Only these columns, in this order, in every format (keys or labels, comma-separated).
    #[arg(long, global = true, value_name = "COL,COL,…", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,

    /// Rows in this column's order (key or label; `:desc` for descending); a report's
    /// rows move only within their group, subtotals and the total stay in place.
    #[arg(long, global = true, value_name = "COLUMN[:desc]")]
    pub sort: Option<String>,

    /// Write the output to FILE instead of stdout (whole, then renamed into place).
    #[arg(long, global = true, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Pin "today" (YYYY-MM-DD) for defaults and recorded-at times [default: $ECOLEDGER_TODAY, else the system clock].
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(commands::init::Args),
    Info(commands::info::Args),
    /// List, show, add, edit, import and export projects.
    #[command(subcommand)]
    Projects(ProjectsCommand),
    Totals(commands::totals::Args),
    Reconcile(commands::reconcile::Args),
    /// Start projects: planned → in progress (储备 → 实施中).
    Start(commands::status::Args),
    /// Complete projects: in progress → completed (实施中 → 已完成).
    Complete(commands::status::Args),
    /// Suspend projects: in progress → suspended (暂停); needs --reason.
    Suspend(commands::status::Args),
    /// Resume suspended projects: suspended → in progress.
    Resume(commands::status::Args),
    /// Cancel projects: planned, in progress or suspended → cancelled (已终止); needs --reason.
    Cancel(commands::status::Args),
    /// Reopen projects: completed → in progress, cancelled → planned; needs --reason.
    Reopen(commands::status::Args),
    Estimate(commands::estimate::Args),
    Reschedule(commands::reschedule::Args),
    Plan(commands::plan::Args),
    History(commands::history::Args),
    Spend(commands::spend::Args),
    /// List and import spending entries.
    #[command(subcommand)]
    Spending(SpendingCommand),
    Config(commands::config::Args),
    /// Close the books through a period (结账), reopen them, list the closes.
    #[command(subcommand)]
    Period(commands::period::Command),
    Check(commands::check::Args),
    Backup(commands::backup::Args),
    /// Budget-vs-actual reports, and the portfolio as one HTML file.
    #[command(subcommand)]
    Report(ReportCommand),
    Serve(commands::serve::Args),
}

#[derive(Debug, Subcommand)]
pub enum SpendingCommand {
    List(commands::spending_list::Args),
    Import(commands::spending_import::Args),
    Totals(commands::spending_totals::Args),
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    Quarterly(commands::report_quarterly::Args),
    Annual(commands::report_annual::Args),
    Monthly(commands::report_monthly::Args),
    Html(commands::report_html::Args),
}

#[derive(Debug, Subcommand)]
pub enum ProjectsCommand {
    List(commands::projects_list::Args),
    Show(commands::projects_show::Args),
    Add(commands::projects_add::Args),
    Edit(commands::projects_edit::Args),
    Export(commands::projects_export::Args),
    Import(commands::projects_import::Args),
}
