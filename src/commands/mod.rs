//! One file per command. Each turns its flags into options, asks the store for data,
//! builds a report and hands it to the renderer (reads), or validates and records one
//! transaction (writes); [`run`] dispatches and [`Context`] carries what every command
//! shares (database path, language, clock, output). The six lifecycle verbs (`start`,
//! `complete`, `suspend`, `resume`, `cancel`, `reopen`) share `status.rs`: they differ
//! only in the transition.

pub mod approve;
pub mod backup;
pub mod check;
pub mod config;
pub mod estimate;
pub mod history;
pub mod indicators_conditions;
pub mod indicators_link;
pub mod indicators_list;
pub mod indicators_record;
pub mod indicators_score;
pub mod indicators_show;
pub mod info;
pub mod init;
pub mod period;
pub mod plan;
pub mod projects_add;
pub mod projects_edit;
pub mod projects_export;
pub mod projects_import;
pub mod projects_list;
pub mod projects_show;
pub mod reconcile;
pub mod reject;
pub mod report_annual;
pub mod report_assessment;
pub mod report_html;
pub mod report_monthly;
pub mod report_quarterly;
pub mod reschedule;
pub mod serve;
pub mod spend;
pub mod spending_import;
pub mod spending_list;
pub mod spending_totals;
pub mod status;
pub mod totals;
pub mod users_add;
pub mod users_disable;
pub mod users_list;
pub mod users_passwd;
pub mod users_roles;

use crate::cli::{
    Cli, Command, IndicatorsCommand, ProjectsCommand, ReportCommand, SpendingCommand, UsersCommand,
};
use crate::clock::Clock;
use crate::domain::date::parse_date;
use crate::domain::lifecycle::Verb;
use crate::domain::plan::parse_plan;
use crate::domain::{Money, Schedule};
use crate::error::{Error, Result};
use crate::i18n::{msg, Lang, Text};
use crate::render::{self, Format, Output, RenderOptions, TableWriter};
use crate::store::open::Opened;
use crate::store::write::Stamp;
use crate::store::{Store, View};
use chrono::NaiveDate;
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
    pub clock: Clock,
    /// `--today` as given (the web server re-reads the clock for every request).
    pub today_flag: Option<String>,
    pub render: RenderOptions,
    /// `--out FILE`: reports go there instead of stdout.
    pub out_file: Option<PathBuf>,
    /// Whether stdout is a terminal (a workbook is not sent there).
    pub stdout_is_terminal: bool,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Context<'_> {
    /// The ledger, created and seeded on first use (saying so on stderr).
    pub fn open_store(&mut self) -> Result<Store> {
        let db = self.db.clone();
        self.remove_orphans(&db)?;
        if self.db_is_default {
            if let Some(dir) = self.db.parent() {
                std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, e))?;
            }
        }
        let (store, opened) = Store::open(&self.db, &self.clock)?;
        match opened {
            Opened::Created => self.notice_created()?,
            Opened::Upgraded { from, backup } => {
                let line = msg::upgraded(from, crate::store::CURRENT_VERSION, backup.display());
                writeln!(self.err, "{}", line.get(self.lang))?;
            }
            Opened::Existing => {}
        }
        Ok(store)
    }

    pub fn notice_created(&mut self) -> Result<()> {
        let line = msg::created_ledger(self.db.display());
        writeln!(self.err, "{}", line.get(self.lang))?;
        Ok(())
    }

    /// Renders a report to `--out FILE` (written whole, then renamed into place, so a
    /// reader never sees half a file) or to stdout.
    pub fn emit(&mut self, output: &Output) -> Result<()> {
        match self.out_target()? {
            Some(path) => {
                let mut bytes = Vec::new();
                render::write(&mut bytes, output, self.render)?;
                write_file_atomically(&path, &bytes)
            }
            None => {
                if self.render.format == Format::Xlsx && self.stdout_is_terminal {
                    return Err(Error::bad_value("--format xlsx", msg::workbook_is_binary()));
                }
                render::write(self.out, output, self.render)?;
                self.out.flush()?;
                Ok(())
            }
        }
    }

    /// Emits `template` (a table without its rows) with the rows `fill` writes one at a
    /// time (`fill` returns the note the table view shows under it). CSV and JSON stream
    /// to the output as the rows come, so a listing of millions of rows needs no more
    /// memory than one row. With `--out` the file appears whole or not at all, as with
    /// [`Context::emit`].
    pub fn emit_rows(
        &mut self,
        template: render::Table,
        fill: impl FnOnce(&mut TableWriter<'_>) -> Result<Option<String>>,
    ) -> Result<()> {
        let render = self.render;
        let write = |out: &mut dyn Write| -> Result<()> {
            let mut table = TableWriter::new(out, template, render)?;
            let note = fill(&mut table)?;
            table.finish(note)
        };
        match self.out_target()? {
            Some(path) => write_atomically(&path, |file| {
                let mut buffered = std::io::BufWriter::new(file);
                write(&mut buffered)?;
                buffered.flush()?;
                Ok(())
            }),
            None => {
                if render.format == Format::Xlsx && self.stdout_is_terminal {
                    return Err(Error::bad_value("--format xlsx", msg::workbook_is_binary()));
                }
                write(&mut *self.out)?;
                self.out.flush()?;
                Ok(())
            }
        }
    }

    /// `--out FILE`, refused when it is the ledger or another SQLite database. Copies
    /// an interrupted earlier run left beside it are removed, saying so.
    pub fn out_target(&mut self) -> Result<Option<PathBuf>> {
        match self.out_file.clone() {
            Some(path) => {
                check_output(&path, &self.db, "--out")?;
                self.remove_orphans(&path)?;
                Ok(Some(path))
            }
            None => Ok(None),
        }
    }

    /// Removes the temporary files (`NAME.tmp-PID`, `NAME.init-PID`) that a run killed
    /// while writing `path` left beside it, and says which.
    pub fn remove_orphans(&mut self, path: &std::path::Path) -> Result<()> {
        for orphan in orphans(path) {
            if std::fs::remove_file(&orphan).is_ok() {
                let line = msg::removed_orphan(orphan.display());
                writeln!(self.err, "{}", line.get(self.lang))?;
            }
        }
        Ok(())
    }

    /// A warning on stderr (the command goes on), in the user's language.
    pub fn warn(&mut self, line: &Text) -> Result<()> {
        writeln!(self.err, "{}", msg::warning(line).get(self.lang))?;
        Ok(())
    }

    /// One line of confirmation after a write, in the user's language (a line that is
    /// only data — an id, a token — is [`Text::data`]).
    pub fn say(&mut self, line: &Text) -> Result<()> {
        writeln!(self.out, "{}", line.get(self.lang))?;
        self.out.flush()?;
        Ok(())
    }
}

/// Which projects a listing or report covers: any of the categories, any of the
/// departments, any of the statuses given (each flag repeatable).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    #[arg(long, value_name = "N|NAME")]
    pub category: Vec<String>,
    #[arg(long, value_name = "NAME")]
    pub department: Vec<String>,
    #[arg(long, value_name = "STATUS")]
    pub status: Vec<String>,
}

impl FilterArgs {
    pub fn input(&self) -> crate::ops::filter::FilterInput {
        crate::ops::filter::FilterInput {
            categories: self.category.clone(),
            departments: self.department.clone(),
            statuses: self.status.clone(),
            ..Default::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.category.is_empty() && self.department.is_empty() && self.status.is_empty()
    }
}

/// What narrows and groups a budget report: the project filters and the subtotals.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ScopeArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, value_name = "BY")]
    pub subtotal_by: Option<crate::reports::budget::SubtotalBy>,
}

impl ScopeArgs {
    /// The scope, its names checked against the ledger (`year` is the report's, for
    /// nothing else than the filter's needs).
    pub fn scope(&self, store: &Store, year: i32) -> Result<crate::ops::budget::Scope> {
        Ok(crate::ops::budget::Scope {
            filter: crate::ops::filter::project_filter(store, &self.filter.input(), year)?,
            by: self.subtotal_by.unwrap_or_default(),
        })
    }

    /// The line a filtered report says under its table: which projects it covers.
    pub fn note(&self, lang: Lang) -> Option<String> {
        if self.filter.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        for (words, values) in [
            (crate::i18n::CATEGORY, &self.filter.category),
            (crate::i18n::DEPARTMENTS, &self.filter.department),
            (crate::i18n::STATUS, &self.filter.status),
        ] {
            if !values.is_empty() {
                parts.push(Text::new(
                    format!("{} {}", words.en, values.join(", ")),
                    format!("{}：{}", words.zh, values.join("、")),
                ));
            }
        }
        Some(
            msg::only_projects_of(Text::join(parts, "; ", "；"))
                .get(lang)
                .to_string(),
        )
    }
}

/// The two clocks of every read view: `--as-of DATE` (by effective dates) and
/// `--known-at MOMENT` (by recorded time). They combine.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ClockArgs {
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
    #[arg(long, value_name = "DATE[THH:MM:SS]")]
    pub known_at: Option<String>,
}

impl ClockArgs {
    /// The view the flags ask for (the journal record `--known-at` reaches is looked up
    /// in `store`).
    pub fn view(&self, store: &Store) -> Result<View> {
        let mut view = match &self.as_of {
            Some(d) => View::as_of(parse_date(d).map_err(|e| Error::bad_value("--as-of", e))?),
            None => View::CURRENT,
        };
        if let Some(t) = &self.known_at {
            let at = crate::domain::date::parse_moment(t)
                .map_err(|e| Error::bad_value("--known-at", e))?;
            view = view.known_at(Some(store.journal_known_at(&at)?));
        }
        Ok(view)
    }

    /// The flags checked before the ledger is opened (so a typo changes nothing).
    pub fn check(&self) -> Result<()> {
        if let Some(d) = &self.as_of {
            parse_date(d).map_err(|e| Error::bad_value("--as-of", e))?;
        }
        if let Some(t) = &self.known_at {
            crate::domain::date::parse_moment(t).map_err(|e| Error::bad_value("--known-at", e))?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct ViewArgs {
    #[command(flatten)]
    pub clocks: ClockArgs,
    #[arg(long, conflicts_with_all = ["as_of", "known_at"])]
    pub original: bool,
}

impl ViewArgs {
    pub fn view(&self, store: &Store) -> Result<View> {
        if self.original {
            return Ok(View::ORIGINAL);
        }
        self.clocks.view(store)
    }
}

/// What a budget report says under its table ([`crate::ops::budget::report_note`]): the
/// table view and the workbook show all of it; a machine format (CSV, JSON) stays
/// plain, so a reopening is said on stderr instead.
pub fn report_note(
    ctx: &mut Context<'_>,
    store: &Store,
    period: crate::domain::period::Period,
    view: View,
) -> Result<Option<String>> {
    let (note, reopened) = crate::ops::budget::report_note(store, period, view, ctx.lang)?;
    Ok(Some(match reopened {
        Some(text) if matches!(ctx.render.format, Format::Table | Format::Xlsx) => {
            format!("{note}\n{}", text.get(ctx.lang))
        }
        Some(text) => {
            ctx.warn(&text)?;
            note
        }
        None => note,
    }))
}

/// A report's note with the line saying which projects a filtered report covers.
pub fn with_scope_note(note: Option<String>, scope: &ScopeArgs, lang: Lang) -> Option<String> {
    join_notes(scope.note(lang), note)
}

/// Two remarks under a table, one after the other.
pub fn join_notes(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}\n{b}")),
        (a, b) => a.or(b),
    }
}

/// `--by`, `--password-stdin`, `--date`, `--note`: shared by every command that writes.
#[derive(Debug, Clone, clap::Args)]
pub struct WriteArgs {
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
    #[arg(long)]
    pub password_stdin: bool,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// The name the operating system's user database gives the user running this process
/// (the environment may not say it: a service, `env -i`, a container). Linux: the real
/// user id from `/proc/self/status`, looked up in `/etc/passwd`.
pub fn os_user_name() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut f = line.split(':');
        let name = f.next()?;
        let _password = f.next()?;
        (f.next()? == uid && !name.is_empty()).then(|| name.to_string())
    })
}

impl WriteArgs {
    /// Who writes and when, for the history; on a ledger with users, with the proof the
    /// write path checks (the OS login, and the password when one is needed: from
    /// `--password-stdin`, else `ECOLEDGER_PASSWORD`, else asked on the terminal).
    pub fn stamp(&self, ctx: &Context<'_>) -> Result<Stamp> {
        let source = if self.password_stdin {
            PasswordSource::Stdin
        } else {
            PasswordSource::EnvOrTerminal
        };
        signed_stamp(self.actor.as_deref(), source, ctx)
    }

    /// The effective date: `--date`, else today; refused when in the future.
    pub fn effective(&self, clock: &Clock) -> Result<NaiveDate> {
        crate::ops::effective_date(self.date.as_deref(), "--date", clock)
    }

    pub fn note(&self) -> Option<String> {
        optional_text(&self.note)
    }
}

/// Where the writer's password comes from, when the ledger asks for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordSource {
    /// The first line of standard input (`--password-stdin`).
    Stdin,
    /// `ECOLEDGER_PASSWORD`, else a prompt on the terminal.
    EnvOrTerminal,
    /// The same, for a command whose `--password-stdin` is a new user's password.
    EnvOrTerminalStdinTaken,
}

/// The first line of standard input, without its line end.
pub fn password_from_stdin() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// A password asked on the terminal (not echoed); refused when there is none, with
/// `whose` password it is and `how` else to give it.
pub fn password_from_terminal(prompt: &Text, whose: &str, how: &str, lang: Lang) -> Result<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(Error::Denied(msg::password_not_terminal(whose, how)));
    }
    Ok(rpassword::prompt_password(prompt.get(lang))?)
}

/// Who writes and when, with their proof (see [`WriteArgs::stamp`]). The name is
/// `named` (`--by`), else `ECOLEDGER_USER`; on a ledger without users, else the OS user
/// as before; on a ledger with users, else the user mapped to the OS login. A user
/// mapped to the login running this process needs no password.
pub fn signed_stamp(
    named: Option<&str>,
    source: PasswordSource,
    ctx: &Context<'_>,
) -> Result<Stamp> {
    let from_env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let named = named
        .map(str::to_string)
        .or_else(|| from_env("ECOLEDGER_USER"));
    let login = os_user_name();
    // Whether the ledger has users, and whom this is: read before the write, so that a
    // password is asked (if need be) before the write takes the ledger's lock. A file
    // that is missing or not at this version has none.
    let store = if ctx.db.is_file() {
        Store::open_existing(&ctx.db, true).ok()
    } else {
        None
    };
    let users = store
        .as_ref()
        .map(|s| s.has_users())
        .transpose()?
        .unwrap_or(false);
    if !users {
        let actor = named
            .or_else(|| from_env("USER"))
            .or_else(|| from_env("USERNAME"))
            .or_else(|| from_env("LOGNAME"))
            .or_else(|| login.clone())
            .ok_or_else(|| Error::bad_value("--by", msg::who_writes()))?;
        return crate::ops::stamp(&actor, "--by", &ctx.clock);
    }
    let store = store.ok_or_else(|| Error::Denied(msg::sign_in_needed()))?;
    let user = match &named {
        Some(name) => store.user(name.trim())?,
        None => match &login {
            Some(l) => store.user_by_os_user(l)?,
            None => None,
        },
    };
    let actor = match (&named, &user) {
        (Some(n), _) => n.clone(),
        (None, Some(u)) => u.name.clone(),
        (None, None) => return Err(Error::Denied(msg::who_signs_in())),
    };
    let mapped = user
        .as_ref()
        .is_some_and(|u| u.os_user.is_some() && u.os_user == login);
    let password = if mapped || user.is_none() {
        None
    } else {
        Some(match source {
            PasswordSource::Stdin => password_from_stdin()?,
            PasswordSource::EnvOrTerminal | PasswordSource::EnvOrTerminalStdinTaken => {
                match std::env::var("ECOLEDGER_PASSWORD") {
                    Ok(p) if !p.is_empty() => p,
                    _ => {
                        let how = if source == PasswordSource::EnvOrTerminal {
                            "--password-stdin / ECOLEDGER_PASSWORD"
                        } else {
                            "ECOLEDGER_PASSWORD"
                        };
                        let whose = msg::writers(&actor).get(ctx.lang).to_string();
                        password_from_terminal(
                            &msg::password_prompt(&actor),
                            &whose,
                            how,
                            ctx.lang,
                        )?
                    }
                }
            }
        })
    };
    let mut stamp = crate::ops::stamp(&actor, "--by", &ctx.clock)?;
    stamp.proof = crate::store::write::Proof::Cli {
        named: named.is_some(),
        login,
        password,
    };
    Ok(stamp)
}

pub use crate::ops::filter::resolve_category;
pub use crate::ops::status::check_not_before;

/// An optional text (`--reason`, `--note`): trimmed, absent when blank.
pub fn optional_text(text: &Option<String>) -> Option<String> {
    crate::ops::optional_text(text.as_deref())
}

/// The annual plan a change of estimate or schedule leaves: `--plan` if given (checked
/// against the new figures); else the even spread, which follows by itself; but a
/// project with an explicit plan must be given its new one, so that no plan silently
/// stops adding up.
pub fn plan_after_change(
    id: &str,
    given: &[String],
    current: &[(i32, Money)],
    estimate: Money,
    schedule: Schedule,
) -> Result<Vec<(i32, Money)>> {
    match (given.is_empty(), current.is_empty()) {
        (false, _) => plan_from_args(given, estimate, schedule),
        (true, true) => Ok(Vec::new()),
        (true, false) => Err(Error::Refused {
            id: id.to_string(),
            what: msg::has_explicit_plan(plan_label(current)),
        }),
    }
}

/// A required, non-empty `--reason`.
pub fn reason(verb: &'static str, text: &Option<String>) -> Result<String> {
    optional_text(text).ok_or(Error::ReasonRequired(verb))
}

/// `--plan even` (empty: the even spread) or `--plan 2023=1200 2024=800 …`, checked
/// against the estimate and schedule it must fit.
pub fn plan_from_args(
    items: &[String],
    estimate: Money,
    schedule: Schedule,
) -> Result<Vec<(i32, Money)>> {
    if items.len() == 1 && items[0].trim().eq_ignore_ascii_case("even") {
        return Ok(Vec::new());
    }
    parse_plan(items, estimate, schedule).map_err(|e| Error::bad_value("--plan", e))
}

pub use crate::domain::plan::plan_text;

/// A plan as people read it: `2023=1200 2024=800`, or the even spread in their words.
pub fn plan_label(plan: &[(i32, Money)]) -> Text {
    if plan.is_empty() {
        msg::plan_even()
    } else {
        Text::data(plan_text(plan))
    }
}

/// The temporary files beside `path` that a killed run of ecoledger left: `NAME.tmp-PID`
/// (an output or a backup being written) and `NAME.init-PID` (a ledger being made by an
/// older release), whose process is gone.
pub fn orphans(path: &std::path::Path) -> Vec<PathBuf> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        dir
    };
    let name = name.to_string_lossy();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let file = e.file_name().to_string_lossy().into_owned();
            let rest = file.strip_prefix(name.as_ref())?;
            let pid = rest
                .strip_prefix(".tmp-")
                .or_else(|| rest.strip_prefix(".init-"))?;
            let pid: u32 = pid.parse().ok()?;
            (pid != std::process::id() && !process_alive(pid)).then(|| e.path())
        })
        .collect()
}

/// Whether process `pid` is running (Linux: it has a `/proc` entry; elsewhere assumed,
/// so that nothing is removed that might still be written).
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

/// The journal files SQLite keeps beside a database.
const SQLITE_SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Whether the file at `path` is an SQLite database (by its header).
pub(crate) fn is_sqlite(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0_u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// `path` with links resolved as far as it exists: the file itself if it exists, else
/// its folder (which must exist) joined with its name.
fn resolved(path: &std::path::Path) -> Result<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Ok(p);
    }
    let absolute = std::path::absolute(path).map_err(|e| Error::file(path, e))?;
    let parent = absolute.parent().unwrap_or(std::path::Path::new("/"));
    let folder =
        std::fs::canonicalize(parent).map_err(|_| Error::NoFolder(parent.to_path_buf()))?;
    Ok(folder.join(absolute.file_name().unwrap_or_default()))
}

/// Refuses an output file (`--out`, `backup`, `report html --out`) that is, or leads by
/// links to, the ledger or one of its journal files, or that is any other SQLite
/// database (or one's journal): writing there would destroy a ledger. Its folder must
/// exist.
pub fn check_output(path: &std::path::Path, ledger: &std::path::Path, place: &str) -> Result<()> {
    let target = resolved(path).map_err(|e| match e {
        Error::NoFolder(folder) => Error::bad_value(
            place,
            msg::output_no_folder(path.display(), folder.display()),
        ),
        other => other,
    })?;
    let ledger = resolved(ledger).unwrap_or_else(|_| ledger.to_path_buf());
    let refuse = |what: Text| {
        Err(Error::bad_value(
            place,
            msg::output_refused(path.display(), what),
        ))
    };
    let mut ledger_files = vec![ledger.clone()];
    ledger_files.extend(SQLITE_SIDE_FILES.map(|s| {
        let mut name = ledger.as_os_str().to_os_string();
        name.push(s);
        PathBuf::from(name)
    }));
    if ledger_files.contains(&target) || same_file(&target, &ledger) {
        return refuse(msg::is_the_ledger());
    }
    if is_sqlite(&target) {
        return refuse(msg::is_an_sqlite_database());
    }
    let name = target.to_string_lossy();
    for side in SQLITE_SIDE_FILES {
        if let Some(base) = name.strip_suffix(side) {
            if is_sqlite(std::path::Path::new(base)) {
                return refuse(msg::is_a_journal_file());
            }
        }
    }
    Ok(())
}

/// Refuses to read the ledger itself (or one of its journal files) as an import: it is
/// not a CSV file, and reading it would close a descriptor of the ledger, which drops
/// the locks this process holds on it while it writes.
pub fn check_input(path: &std::path::Path, ledger: &std::path::Path) -> Result<()> {
    let (Ok(target), Ok(ledger)) = (std::fs::canonicalize(path), resolved(ledger)) else {
        return Ok(());
    };
    let is_ledger = target == ledger
        || same_file(&target, &ledger)
        || SQLITE_SIDE_FILES.iter().any(|s| {
            let mut name = ledger.as_os_str().to_os_string();
            name.push(s);
            target == std::path::Path::new(&name)
        });
    if is_ledger {
        return Err(Error::bad_value(path.display(), msg::input_is_the_ledger()));
    }
    Ok(())
}

/// Whether two paths name one file (a hard link), when both exist.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let _ = (a, b);
    false
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub fn write_file_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    write_atomically(path, |file| Ok(file.write_all(bytes)?))
}

/// [`write_file_atomically`], with `fill` writing into the temporary file; nothing is
/// left behind when it fails.
pub fn write_atomically(
    path: &std::path::Path,
    fill: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    let temp = path.with_file_name(name);
    let written = std::fs::File::create(&temp)
        .map_err(|e| Error::file(path, e))
        .and_then(|mut file| {
            fill(&mut file).map_err(|e| match e {
                Error::Output(io) => Error::file(path, io),
                other => other,
            })
        })
        .and_then(|()| std::fs::rename(&temp, path).map_err(|e| Error::file(path, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Where the ledger is: `--db`, else `ECOLEDGER_DB`, else the user data directory. The
/// path is always a literal file name, made absolute, so that SQLite never reads it as
/// a URI (`file:NAME` is a file named `file:NAME` in the current folder).
pub fn resolve_db(flag: Option<PathBuf>) -> Result<(PathBuf, bool)> {
    let literal = |p: PathBuf| std::path::absolute(&p).map_err(|e| Error::file(&p, e));
    if let Some(p) = flag {
        return Ok((literal(p)?, false));
    }
    if let Some(p) = std::env::var_os("ECOLEDGER_DB").filter(|v| !v.is_empty()) {
        return Ok((literal(PathBuf::from(p))?, false));
    }
    let dir = dirs::data_dir().ok_or(Error::NoDataDir)?;
    Ok((dir.join("ecoledger").join("ledger.sqlite"), true))
}

/// The width the table view fits: none with `--wide`; else `$COLUMNS` when set, else
/// the terminal's, else (piped) 80.
pub fn table_width(wide: bool, stdout_is_terminal: bool) -> Option<usize> {
    if wide {
        return None;
    }
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|n| *n >= 20)
    {
        return Some(n);
    }
    if stdout_is_terminal {
        if let Some((terminal_size::Width(w), _)) =
            terminal_size::terminal_size_of(std::io::stdout())
        {
            return Some(usize::from(w));
        }
    }
    Some(80)
}

/// Runs the parsed command line.
pub fn run(
    cli: Cli,
    lang: Lang,
    stdout_is_terminal: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Outcome> {
    let (db, db_is_default) = resolve_db(cli.db)?;
    let clock = Clock::resolve(cli.today.as_deref())?;
    let mut ctx = Context {
        db,
        db_is_default,
        lang,
        clock,
        today_flag: cli.today.clone(),
        render: RenderOptions {
            format: cli.format,
            bom: cli.bom,
            created: Some(clock.today()),
            width: table_width(cli.wide, stdout_is_terminal),
            // The list lives as long as the program: leaked once, so the options stay `Copy`.
            columns: cli.columns.map(|c| &*Box::leak(c.into_boxed_slice())),
            lang,
            sort: cli.sort.as_deref().map(render::Sort::parse).transpose()?,
        },
        out_file: cli.out,
        stdout_is_terminal,
        out,
        err,
    };
    match cli.command {
        Command::Init(args) => init::run(&mut ctx, args),
        Command::Info(args) => info::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::List(args)) => projects_list::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::Show(args)) => projects_show::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::Add(args)) => projects_add::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::Edit(args)) => projects_edit::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::Export(args)) => projects_export::run(&mut ctx, args),
        Command::Projects(ProjectsCommand::Import(args)) => projects_import::run(&mut ctx, args),
        Command::Totals(args) => totals::run(&mut ctx, args),
        Command::Reconcile(args) => reconcile::run(&mut ctx, args),
        Command::Start(args) => status::run(&mut ctx, Verb::Start, args),
        Command::Complete(args) => status::run(&mut ctx, Verb::Complete, args),
        Command::Suspend(args) => status::run(&mut ctx, Verb::Suspend, args),
        Command::Resume(args) => status::run(&mut ctx, Verb::Resume, args),
        Command::Cancel(args) => status::run(&mut ctx, Verb::Cancel, args),
        Command::Reopen(args) => status::run(&mut ctx, Verb::Reopen, args),
        Command::Estimate(args) => estimate::run(&mut ctx, args),
        Command::Reschedule(args) => reschedule::run(&mut ctx, args),
        Command::Plan(args) => plan::run(&mut ctx, args),
        Command::History(args) => history::run(&mut ctx, args),
        Command::Spend(args) => spend::run(&mut ctx, args),
        Command::Spending(SpendingCommand::List(args)) => spending_list::run(&mut ctx, args),
        Command::Spending(SpendingCommand::Import(args)) => spending_import::run(&mut ctx, args),
        Command::Spending(SpendingCommand::Totals(args)) => spending_totals::run(&mut ctx, args),
        Command::Config(args) => config::run(&mut ctx, args),
        Command::Period(command) => period::run(&mut ctx, command),
        Command::Indicators(IndicatorsCommand::List(args)) => indicators_list::run(&mut ctx, args),
        Command::Indicators(IndicatorsCommand::Show(args)) => indicators_show::run(&mut ctx, args),
        Command::Indicators(IndicatorsCommand::Conditions(args)) => {
            indicators_conditions::run(&mut ctx, args)
        }
        Command::Indicators(IndicatorsCommand::Record(args)) => {
            indicators_record::run(&mut ctx, args)
        }
        Command::Indicators(IndicatorsCommand::Score(args)) => {
            indicators_score::run(&mut ctx, args)
        }
        Command::Indicators(IndicatorsCommand::Link(args)) => {
            indicators_link::run(&mut ctx, args, false)
        }
        Command::Indicators(IndicatorsCommand::Unlink(args)) => {
            indicators_link::run(&mut ctx, args, true)
        }
        Command::Check(args) => check::run(&mut ctx, args),
        Command::Backup(args) => backup::run(&mut ctx, args),
        Command::Report(ReportCommand::Quarterly(args)) => report_quarterly::run(&mut ctx, args),
        Command::Report(ReportCommand::Annual(args)) => report_annual::run(&mut ctx, args),
        Command::Report(ReportCommand::Monthly(args)) => report_monthly::run(&mut ctx, args),
        Command::Report(ReportCommand::Html(args)) => report_html::run(&mut ctx, args),
        Command::Report(ReportCommand::Assessment(args)) => report_assessment::run(&mut ctx, args),
        Command::Serve(args) => serve::run(&mut ctx, args),
        Command::Approve(args) => approve::run(&mut ctx, args),
        Command::Reject(args) => reject::run(&mut ctx, args),
        Command::Users(UsersCommand::Add(args)) => users_add::run(&mut ctx, args),
        Command::Users(UsersCommand::List(args)) => users_list::run(&mut ctx, args),
        Command::Users(UsersCommand::Disable(args)) => users_disable::run(&mut ctx, args),
        Command::Users(UsersCommand::Passwd(args)) => users_passwd::run(&mut ctx, args),
        Command::Users(UsersCommand::Roles(args)) => users_roles::run(&mut ctx, args),
    }
}
