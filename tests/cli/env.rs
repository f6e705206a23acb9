//! `TestEnv`: a temporary folder with a ledger path, and the real binary pointed at it
//! with a clean environment (no inherited locale, database or user settings).

use assert_cmd::Command;
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;
use tempfile::TempDir;

/// The day every test lives on, unless it says otherwise.
pub const TODAY: &str = "2026-11-28";

pub struct TestEnv {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("ledger.sqlite");
        TestEnv { dir, db }
    }

    /// The binary with a clean environment, HOME inside the temp dir, no `--db`, today
    /// pinned to [`TODAY`] and the actor to `tester`.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::cargo_bin("ecoledger").expect("binary");
        cmd.env_clear()
            .env("HOME", self.dir.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("ECOLEDGER_TODAY", TODAY)
            .env("ECOLEDGER_USER", "tester");
        cmd
    }

    /// The binary on this env's ledger.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--db").arg(&self.db);
        cmd
    }

    /// Runs with `args` and returns stdout, asserting success.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    /// Runs with `args` and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().expect("run");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs and parses JSON output.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        serde_json::from_str(&self.ok(&all)).expect("json")
    }

    /// Runs and parses CSV output into rows of fields (header first).
    pub fn csv(&self, args: &[&str]) -> Vec<Vec<String>> {
        let mut all = args.to_vec();
        all.extend(["--format", "csv"]);
        let text = self.ok(&all);
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.expect("csv record").iter().map(str::to_string).collect())
            .collect()
    }

    /// Runs a command that must fail: exit 2, one clear line containing `needle`, and
    /// the ledger's contents unchanged.
    pub fn refused(&self, args: &[&str], needle: &str) {
        let before = self.dump();
        let (code, out, err) = self.run(args);
        assert_eq!(
            code, 2,
            "{args:?} should fail; stdout: {out}; stderr: {err}"
        );
        assert_one_line_error(&err, needle);
        assert_eq!(self.dump(), before, "{args:?} changed the ledger");
    }

    /// Every row of every table, as text, for before/after comparisons.
    pub fn dump(&self) -> Vec<String> {
        self.ok(&["info"]);
        let conn = self.sqlite();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut out = Vec::new();
        for t in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            let mut lines = Vec::new();
            while let Some(r) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                    .collect();
                lines.push(format!("{t}: {}", cells.join(" | ")));
            }
            lines.sort();
            out.extend(lines);
        }
        out
    }

    /// A direct SQLite connection, as another client would open the file.
    pub fn sqlite(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open sqlite")
    }
}

/// Parses an exact decimal (a CSV or JSON amount).
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_else(|_| Decimal::from_str(s).expect("decimal"))
}

/// Asserts one clear line on stderr, no panic and no backtrace.
pub fn assert_one_line_error(stderr: &str, needle: &str) {
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert!(!stderr.contains("backtrace"), "backtrace: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line expected: {stderr}"
    );
    assert!(stderr.contains(needle), "expected {needle:?} in {stderr:?}");
}
