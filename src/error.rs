//! The one error type. Every user mistake and every database or file problem becomes a
//! variant with a one-line message in English or Chinese; `main` prints it and chooses
//! the exit code. Nothing a user can type leads to a panic.

use crate::i18n::Lang;
use std::path::{Path, PathBuf};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: not an ecoledger database (the file is not SQLite)", .0.display())]
    NotADatabase(PathBuf),
    #[error("{}: an SQLite file, but not an ecoledger ledger (it has other tables)", .0.display())]
    ForeignDatabase(PathBuf),
    #[error("{}: made by a newer ecoledger (schema version {found}; this program knows up to {known}); upgrade ecoledger, the file was not touched", .path.display())]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{}: a ledger already exists; add --force to replace it with a freshly seeded one", .0.display())]
    LedgerExists(PathBuf),
    #[error("{}: the folder does not exist", .0.display())]
    NoFolder(PathBuf),
    #[error("no data directory is known for this user; pass --db PATH or set ECOLEDGER_DB")]
    NoDataDir,
    #[error("{}: {source}", .path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Output(#[from] std::io::Error),
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("unknown project id '{0}' (appendix ids look like A5-04; `ecoledger projects list` shows them all)")]
    UnknownProject(String),
    #[error("{id} is not in this view of the ledger: it takes effect on {effective} and was recorded at {recorded} (a later --as-of or --known-at shows it)")]
    NotYetInView {
        id: String,
        effective: String,
        recorded: String,
    },
    #[error("--category: unknown category '{given}'; use a table number 1-6 or a name: {known}")]
    UnknownCategory { given: String, known: String },
    #[error("--department: unknown department '{given}'{}", suggestion_en(.suggestions))]
    UnknownDepartment {
        given: String,
        suggestions: Vec<String>,
    },
    #[error("{place}: {problem}")]
    BadValue { place: String, problem: String },
    #[error("{id}: cannot {verb} a project that is {status}; allowed from {status}: {allowed}")]
    IllegalTransition {
        id: String,
        verb: &'static str,
        status: &'static str,
        allowed: String,
    },
    #[error("{0}: --reason is required (say why)")]
    ReasonRequired(&'static str),
    #[error("{id}: {what}")]
    Refused { id: String, what: String },
    #[error("{place}: {}; nothing was imported\n{}{}", bad_rows_en(*.rows, *.problems), .lines.join("\n"), more(*.problems, .lines.len()))]
    Import {
        place: String,
        /// How many rows are bad, and how many problems they have.
        rows: usize,
        problems: usize,
        lines: Vec<String>,
    },
    #[error("seed data {place}: {problem}")]
    Seed { place: String, problem: String },
    #[error("refused: {} would {}, past 1,000,000,000,000 万元, the most ecoledger adds up exactly; nothing was written", kind.what_en(), total_en(*.total))]
    LedgerLimit {
        kind: LimitKind,
        /// The sum it would reach; none when it is past what SQLite can add up at all.
        total: Option<crate::domain::Money>,
    },
    #[error("refused: this write's clock says {now}, earlier than the ledger's latest record ({latest}); recorded time only moves forward (check --today / ECOLEDGER_TODAY); nothing was written")]
    ClockBehind { now: String, latest: String },
    #[error("refused: this write's clock says {now}, ahead of the system clock ({system}); a write cannot be recorded in the future (check --today / ECOLEDGER_TODAY); nothing was written")]
    ClockAhead { now: String, system: String },
    #[error("refused: {date} is inside the closed period {period} (the books are closed through {through}, by {by} at {closed_at}); record the correction in an open period, or `ecoledger period reopen {period} --reason …`; nothing was written")]
    ClosedPeriod {
        date: String,
        period: String,
        through: String,
        closed_at: String,
        by: String,
    },
    #[error("{}: the ledger is read-only here (read-only media or folder): it can be read, not changed; nothing was written", .0.display())]
    ReadOnlyLedger(PathBuf),
    #[error("the ledger holds amounts too large to add up exactly (it was written before ecoledger limited them); `ecoledger check` shows the totals")]
    Overflow,
}

/// Which of the ledger's sums a write would take past its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitKind {
    Estimates,
    Payments,
}

impl LimitKind {
    fn what_en(self) -> &'static str {
        match self {
            LimitKind::Estimates => "the projects' current estimates",
            LimitKind::Payments => "the payments",
        }
    }

    fn what_zh(self) -> &'static str {
        match self {
            LimitKind::Estimates => "项目现行估算合计",
            LimitKind::Payments => "支出合计",
        }
    }
}

fn total_en(total: Option<crate::domain::Money>) -> String {
    match total {
        Some(t) => format!("add up to {} 万元", t.grouped()),
        None => "add up to more than an exact sum can hold".to_string(),
    }
}

fn more(total: usize, shown: usize) -> String {
    if total > shown {
        format!("\n… and {} more", total - shown)
    } else {
        String::new()
    }
}

fn bad_rows_en(rows: usize, problems: usize) -> String {
    let rows_text = if rows == 1 {
        "1 bad row".to_string()
    } else {
        format!("{rows} bad rows")
    };
    if problems == rows {
        rows_text
    } else {
        format!("{rows_text} ({problems} problems)")
    }
}

fn suggestion_en(s: &[String]) -> String {
    if s.is_empty() {
        "; `ecoledger totals --by department` lists them".to_string()
    } else {
        format!("; did you mean: {}?", s.join(", "))
    }
}

impl Error {
    /// Opens a file-scoped I/O error.
    pub fn file(path: &Path, source: std::io::Error) -> Error {
        Error::File {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn bad_value(place: impl Into<String>, problem: impl ToString) -> Error {
        Error::BadValue {
            place: place.into(),
            problem: problem.to_string(),
        }
    }

    /// True when the reader of our output went away (`ecoledger … | head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// The message in the user's language, on one line.
    pub fn message(&self, lang: Lang) -> String {
        // SQLite's "integer overflow" from a SUM: a ledger beyond the limits.
        if let Error::Db(e) = self {
            if e.to_string().contains("integer overflow") {
                return Error::Overflow.message(lang);
            }
        }
        let text = match (lang, self) {
            (Lang::En, e) => e.to_string(),
            (Lang::Zh, Error::NotADatabase(p)) => format!("{}：不是 ecoledger 数据库（不是 SQLite 文件）", p.display()),
            (Lang::Zh, Error::ForeignDatabase(p)) => {
                format!("{}：是 SQLite 文件，但不是 ecoledger 账本（含有其他表）", p.display())
            }
            (Lang::Zh, Error::NewerSchema { path, found, known }) => format!(
                "{}：由更新版本的 ecoledger 创建（数据库版本 {found}，本程序最高支持 {known}）；请升级 ecoledger，文件未被改动",
                path.display()
            ),
            (Lang::Zh, Error::LedgerExists(p)) => {
                format!("{}：账本已存在；如需替换为新初始化的账本，请加 --force", p.display())
            }
            (Lang::Zh, Error::NoFolder(p)) => format!("{}：目录不存在", p.display()),
            (Lang::Zh, Error::NoDataDir) => {
                "无法确定用户数据目录；请用 --db PATH 或设置 ECOLEDGER_DB".to_string()
            }
            (Lang::Zh, Error::UnknownProject(id)) => format!(
                "未知项目编号“{id}”（附表项目编号形如 A5-04；`ecoledger projects list` 列出全部）"
            ),
            (Lang::Zh, Error::NotYetInView { id, effective, recorded }) => format!(
                "{id} 不在此视图中：它的生效日期为 {effective}，登记于 {recorded}（更晚的 --as-of 或 --known-at 可以看到它）"
            ),
            (Lang::Zh, Error::UnknownCategory { given, known }) => {
                format!("--category：未知类别“{given}”；请用附表编号 1-6 或名称：{known}")
            }
            (Lang::Zh, Error::UnknownDepartment { given, suggestions }) => {
                if suggestions.is_empty() {
                    format!("--department：未知部门“{given}”；`ecoledger totals --by department` 列出全部")
                } else {
                    format!("--department：未知部门“{given}”；是否指：{}？", suggestions.join("、"))
                }
            }
            (Lang::Zh, Error::IllegalTransition { id, verb, status, allowed }) => {
                format!("{id}：项目当前为“{status}”，不能{verb}；当前状态允许的操作：{allowed}")
            }
            (Lang::Zh, Error::ReasonRequired(verb)) => format!("{verb}：必须用 --reason 说明原因"),
            (Lang::Zh, Error::Import { place, rows, problems, lines }) => {
                let count = if rows == problems {
                    format!("{rows} 行有误")
                } else {
                    format!("{rows} 行有误（{problems} 处问题）")
                };
                let rest = if *problems > lines.len() {
                    format!("\n……另有 {} 处", problems - lines.len())
                } else {
                    String::new()
                };
                format!("{place}：{count}；未导入任何内容\n{}{rest}", lines.join("\n"))
            }
            (Lang::Zh, Error::LedgerLimit { kind, total }) => format!(
                "已拒绝：{}将达到{}，超过 ecoledger 可精确合计的上限 1,000,000,000,000 万元；未写入任何内容",
                kind.what_zh(),
                total.map_or("无法精确表示的数额".to_string(), |t| format!(" {} 万元", t.grouped()))
            ),
            (Lang::Zh, Error::ClockBehind { now, latest }) => format!(
                "已拒绝：本次写入的时钟为 {now}，早于账本最新记录的登记时间（{latest}）；登记时间只能向前（请检查 --today / ECOLEDGER_TODAY）；未写入任何内容"
            ),
            (Lang::Zh, Error::ClockAhead { now, system }) => format!(
                "已拒绝：本次写入的时钟为 {now}，超前于系统时钟（{system}）；不能登记未来时间的记录（请检查 --today / ECOLEDGER_TODAY）；未写入任何内容"
            ),
            (Lang::Zh, Error::ClosedPeriod { date, period, through, closed_at, by }) => format!(
                "已拒绝：{date} 属于已结账期间 {period}（已结账至 {through}，{by} 于 {closed_at} 结账）；请在未结账期间登记更正，或 `ecoledger period reopen {period} --reason …` 反结账；未写入任何内容"
            ),
            (Lang::Zh, Error::ReadOnlyLedger(p)) => format!(
                "{}：账本在此处只读（只读介质或只读目录），可以查看，不能修改；未写入任何内容",
                p.display()
            ),
            (Lang::Zh, Error::Overflow) => {
                "账本中的金额过大，无法精确合计（系 ecoledger 设定上限之前写入）；`ecoledger check` 可查看合计".to_string()
            }
            (Lang::Zh, e) => e.to_string(),
        };
        // One line, whatever the underlying library said; an import lists its bad rows
        // one per line under its summary line.
        if matches!(self, Error::Import { .. }) {
            text
        } else {
            text.replace(['\n', '\r'], " ")
        }
    }
}
