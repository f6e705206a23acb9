//! The one error type. Every user mistake and every database or file problem becomes a
//! variant whose message is built in both languages from [`crate::i18n::msg`] (the
//! English and the Chinese side by side there); `main` prints it in the user's language
//! and chooses the exit code. Nothing a user can type leads to a panic.

use crate::domain::lifecycle::Verb;
use crate::domain::project::Status;
use crate::i18n::{msg, Lang, Localize, Text};
use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug)]
pub enum Error {
    NotADatabase(PathBuf),
    ForeignDatabase(PathBuf),
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    LedgerExists(PathBuf),
    NoFolder(PathBuf),
    NoDataDir,
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    Output(std::io::Error),
    Db(rusqlite::Error),
    UnknownProject(String),
    /// A project that exists, but not yet in the view asked for (added later).
    NotYetInView {
        id: String,
        effective: String,
        recorded: String,
    },
    UnknownCategory {
        given: String,
        /// The categories, by table number and name, in both languages.
        known: Text,
    },
    UnknownDepartment {
        given: String,
        suggestions: Vec<String>,
    },
    /// A value refused: where it was given (a flag, a field, a file and line) and why.
    BadValue {
        place: Text,
        problem: Text,
    },
    IllegalTransition {
        id: String,
        verb: Verb,
        status: Status,
        allowed: Vec<Verb>,
    },
    /// A command that must say why; the command as typed (`estimate`, `period close`).
    ReasonRequired(&'static str),
    Refused {
        id: String,
        what: Text,
    },
    Import {
        place: String,
        /// How many rows are bad, and how many problems they have.
        rows: usize,
        problems: usize,
        /// The problems shown, one line each.
        lines: Vec<Text>,
    },
    Seed {
        place: String,
        problem: Text,
    },
    LedgerLimit {
        kind: LimitKind,
        /// The sum it would reach; none when it is past what SQLite can add up at all.
        total: Option<crate::domain::Money>,
    },
    ClockBehind {
        now: String,
        latest: String,
    },
    ClockAhead {
        now: String,
        system: String,
    },
    ClosedPeriod {
        date: String,
        period: String,
        through: String,
        closed_at: String,
        by: String,
    },
    ReadOnlyLedger(PathBuf),
    Overflow,
    /// Who is asking may not do this: not signed in, unknown, disabled, a wrong
    /// password, or a role that does not perform the duty (the dashboard answers 403).
    Denied(Text),
}

/// Which of the ledger's sums a write would take past its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitKind {
    Estimates,
    Payments,
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::Output(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Db(e)
    }
}

/// What an I/O error means, in both languages: the common kinds said in our words, any
/// other in the operating system's (data, the same in both).
pub fn io_problem(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let os = e.to_string();
    let zh = match e.kind() {
        K::NotFound => msg::io_not_found(),
        K::PermissionDenied => msg::io_permission_denied(),
        K::AlreadyExists => msg::io_already_exists(),
        K::IsADirectory => msg::io_is_a_folder(),
        K::NotADirectory => msg::io_not_a_folder(),
        K::StorageFull => msg::io_storage_full(),
        K::ReadOnlyFilesystem => msg::io_read_only(),
        K::BrokenPipe => msg::io_broken_pipe(),
        _ => msg::io_other(&os),
    };
    // English keeps the operating system's own words, as before.
    Text::new(os, zh.get(Lang::Zh))
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

impl Error {
    /// Opens a file-scoped I/O error.
    pub fn file(path: &Path, source: std::io::Error) -> Error {
        Error::File {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A value refused at `place` (a flag such as `--date`, which is the same in both
    /// languages, or a [`Text`]) for `problem` (a [`Text`] or a domain error).
    pub fn bad_value(place: impl Localize, problem: impl Into<Text>) -> Error {
        let (en, zh) = place.both();
        Error::BadValue {
            place: Text::new(en, zh),
            problem: problem.into(),
        }
    }

    /// True when the reader of our output went away (`ecoledger … | head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// The problem part of a `place: problem` error (or of a refusal), for a caller that
    /// names the place itself (an import row's column); any other error whole.
    pub fn into_problem(self) -> Text {
        match self {
            Error::BadValue { problem, .. } => problem,
            Error::Refused { what, .. } => what,
            other => other.text(),
        }
    }

    /// The message in both languages.
    pub fn text(&self) -> Text {
        match self {
            Error::NotADatabase(p) => msg::err_not_a_database(path(p)),
            Error::ForeignDatabase(p) => msg::err_foreign_database(path(p)),
            Error::NewerSchema {
                path: p,
                found,
                known,
            } => msg::err_newer_schema(path(p), found, known),
            Error::LedgerExists(p) => msg::err_ledger_exists(path(p)),
            Error::NoFolder(p) => msg::err_no_folder(path(p)),
            Error::NoDataDir => msg::err_no_data_dir(),
            Error::File { path: p, source } => msg::place_problem(path(p), io_problem(source)),
            Error::Output(e) => io_problem(e),
            Error::Db(e) => {
                // SQLite's "integer overflow" from a SUM: a ledger beyond the limits.
                if e.to_string().contains("integer overflow") {
                    return Error::Overflow.text();
                }
                let busy = matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                );
                if busy {
                    msg::err_db_busy(e)
                } else {
                    msg::err_db(e)
                }
            }
            Error::UnknownProject(id) => msg::err_unknown_project(id),
            Error::NotYetInView {
                id,
                effective,
                recorded,
            } => msg::err_not_yet_in_view(id, effective, recorded),
            Error::UnknownCategory { given, known } => msg::err_unknown_category(given, known),
            Error::UnknownDepartment { given, suggestions } => {
                if suggestions.is_empty() {
                    msg::err_unknown_department(given)
                } else {
                    msg::err_unknown_department_close(given, Text::list(suggestions))
                }
            }
            Error::BadValue { place, problem } => msg::place_problem(place, problem),
            Error::IllegalTransition {
                id,
                verb,
                status,
                allowed,
            } => msg::err_illegal_transition(
                id,
                verb.words(),
                status.words(),
                Text::list(allowed.iter().map(|v| v.words())),
            ),
            Error::ReasonRequired(verb) => msg::err_reason_required(verb),
            Error::Refused { id, what } => msg::place_problem(id, what),
            Error::Import {
                place,
                rows,
                problems,
                lines,
            } => {
                let count = if rows == problems {
                    msg::bad_rows(rows)
                } else {
                    msg::bad_rows_problems(rows, problems)
                };
                let head = msg::err_import(place, count);
                let mut text = Text::join(std::iter::once(&head).chain(lines.iter()), "\n", "\n");
                if *problems > lines.len() {
                    let more = msg::and_more(problems - lines.len());
                    text = Text::join([text, more], "\n", "\n");
                }
                text
            }
            Error::Seed { place, problem } => msg::err_seed(place, problem),
            Error::LedgerLimit { kind, total } => {
                let what = match kind {
                    LimitKind::Estimates => msg::limit_estimates(),
                    LimitKind::Payments => msg::limit_payments(),
                };
                match total {
                    Some(t) => msg::err_ledger_limit(what, msg::wan(t.grouped())),
                    None => msg::err_ledger_limit_unrepresentable(what),
                }
            }
            Error::ClockBehind { now, latest } => msg::err_clock_behind(now, latest),
            Error::ClockAhead { now, system } => msg::err_clock_ahead(now, system),
            Error::ClosedPeriod {
                date,
                period,
                through,
                closed_at,
                by,
            } => msg::err_closed_period(date, period, through, by, closed_at),
            Error::ReadOnlyLedger(p) => msg::err_read_only_ledger(path(p)),
            Error::Overflow => msg::err_overflow(),
            Error::Denied(why) => why.clone(),
        }
    }

    /// The message in the user's language, on one line (an import lists its bad rows
    /// one per line under its summary line).
    pub fn message(&self, lang: Lang) -> String {
        let text = self.text().get(lang).to_string();
        if matches!(self, Error::Import { .. }) {
            text
        } else {
            text.replace(['\n', '\r'], " ")
        }
    }
}

/// The English message (logs, tests); people get [`Error::message`] in their language.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().en())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::File { source, .. } | Error::Output(source) => Some(source),
            Error::Db(e) => Some(e),
            _ => None,
        }
    }
}
