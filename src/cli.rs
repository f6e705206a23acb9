//! The command line: global flags and the one list of commands (clap derive). Each
//! command's own flags live in its file under `commands/`; the help of every command and
//! flag, in both languages, lives in [`crate::i18n::help`].

use crate::commands;
use crate::i18n::Lang;
use crate::render::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

// The command line. Its help, in English and Chinese, is in `crate::i18n::help`
// (written into the command tree by `main` before parsing), not in doc comments here.
#[derive(Debug, Parser)]
#[command(name = "ecoledger", version, max_term_width = 110)]
pub struct Cli {
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    #[arg(long, global = true)]
    pub bom: bool,

    #[arg(long, global = true)]
    pub wide: bool,

    #[arg(long, global = true, value_name = "COL,COL,…", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,

    #[arg(long, global = true, value_name = "COLUMN[:desc]")]
    pub sort: Option<String>,

    #[arg(long, global = true, value_name = "FILE")]
    pub out: Option<PathBuf>,

    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(commands::init::Args),
    Info(commands::info::Args),
    #[command(subcommand)]
    Projects(ProjectsCommand),
    Totals(commands::totals::Args),
    Reconcile(commands::reconcile::Args),
    Start(commands::status::Args),
    Complete(commands::status::Args),
    Suspend(commands::status::Args),
    Resume(commands::status::Args),
    Cancel(commands::status::Args),
    Reopen(commands::status::Args),
    Estimate(commands::estimate::Args),
    Reschedule(commands::reschedule::Args),
    Plan(commands::plan::Args),
    History(commands::history::Args),
    Spend(commands::spend::Args),
    Approve(commands::approve::Args),
    Reject(commands::reject::Args),
    #[command(subcommand)]
    Spending(SpendingCommand),
    Config(commands::config::Args),
    #[command(subcommand)]
    Period(commands::period::Command),
    #[command(subcommand)]
    Indicators(IndicatorsCommand),
    Check(commands::check::Args),
    Backup(commands::backup::Args),
    #[command(subcommand)]
    Report(ReportCommand),
    Serve(commands::serve::Args),
    #[command(subcommand)]
    Users(UsersCommand),
}

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    Add(commands::users_add::Args),
    List(commands::users_list::Args),
    Disable(commands::users_disable::Args),
    Passwd(commands::users_passwd::Args),
    Roles(commands::users_roles::Args),
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
    Assessment(commands::report_assessment::Args),
}

#[derive(Debug, Subcommand)]
pub enum IndicatorsCommand {
    List(commands::indicators_list::Args),
    Show(commands::indicators_show::Args),
    Conditions(commands::indicators_conditions::Args),
    Record(commands::indicators_record::Args),
    Score(commands::indicators_score::Args),
    Link(commands::indicators_link::Args),
    Unlink(commands::indicators_link::Args),
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
