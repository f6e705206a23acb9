//! Reliability: concurrent writers, SIGKILL during large writes, tamper evidence,
//! backups while writing, file permissions, SQL metacharacters kept verbatim.
//!
//! The default run keeps each test small; `ECOLEDGER_HEAVY=1` (see tools/reliability.sh)
//! runs the full sizes: 8 writers × 500 single-entry commands, 200,000-row imports killed
//! 25 times.

use crate::env::{output_bounded, wait_bounded, TestEnv, TODAY};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn heavy() -> bool {
    std::env::var("ECOLEDGER_HEAVY").is_ok_and(|v| v == "1")
}

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("ecoledger")
}

/// The real binary on `env`'s ledger, as a plain process (so it can be killed).
fn process(env: &TestEnv, args: &[&str]) -> Command {
    let mut cmd = Command::new(binary());
    cmd.env_clear()
        .env("ECOLEDGER_TODAY", TODAY)
        .env("ECOLEDGER_USER", "tester")
        .arg("--db")
        .arg(&env.db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// Whether another process holds the ledger's write lock right now (it is inside a write
/// transaction): an immediate transaction cannot start without waiting.
fn writer_holds_lock(env: &TestEnv) -> bool {
    let conn = env.sqlite();
    conn.busy_timeout(Duration::ZERO).unwrap();
    match conn.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            conn.execute_batch("ROLLBACK").unwrap();
            false
        }
        Err(e) => {
            assert_eq!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy),
                "{e}"
            );
            true
        }
    }
}

/// Waits until `child` is inside its write transaction; false if it finished first.
fn wait_for_write_lock(env: &TestEnv, child: &mut std::process::Child) -> bool {
    let deadline = Instant::now() + crate::env::TIMEOUT;
    while Instant::now() < deadline {
        if writer_holds_lock(env) {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    panic!("the writer never took the lock");
}

fn count(env: &TestEnv, sql: &str) -> i64 {
    env.sqlite().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A small deterministic generator for kill times (no dependency, same run every time).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below.max(1)
    }
}

fn spending_file(env: &TestEnv, name: &str, rows: usize, tag: &str) -> String {
    let ids = ["A5-04", "A5-05", "A1-22", "A5-15", "A5-17"];
    let mut text = String::from("project_id,date,amount_wan,voucher,note\n");
    for i in 0..rows {
        text.push_str(&format!(
            "{},2024-0{}-{:02},0.{:04},{tag}-{i},\n",
            ids[i % ids.len()],
            i % 6 + 1,
            i % 28 + 1,
            i % 9999 + 1
        ));
    }
    let path = env.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn eight_concurrent_writers_lose_nothing() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    let (single, imported) = if heavy() { (500, 0) } else { (40, 460) };
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let file = (imported > 0)
                .then(|| spending_file(&env, &format!("w{w}.csv"), imported, &format!("w{w}")));
            let mut args_list: Vec<Vec<String>> = Vec::new();
            let project = format!("A1-{:02}", w + 1);
            args_list.push(vec![
                "start".into(),
                project.clone(),
                "--date".into(),
                "2024-01-02".into(),
            ]);
            for i in 0..single {
                args_list.push(vec![
                    "spend".into(),
                    "A5-04".into(),
                    "0.0001".into(),
                    "--date".into(),
                    "2024-03-01".into(),
                    "--voucher".into(),
                    format!("w{w}-{i}"),
                    "--by".into(),
                    format!("worker{w}"),
                ]);
                if i == single / 2 {
                    if let Some(f) = &file {
                        args_list.push(vec![
                            "spending".into(),
                            "import".into(),
                            f.clone(),
                            "--by".into(),
                            format!("worker{w}"),
                        ]);
                    }
                }
            }
            args_list.push(vec![
                "suspend".into(),
                project,
                "--reason".into(),
                "并发测试".into(),
            ]);
            let db = env.db.clone();
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                for args in args_list {
                    let out = output_bounded(
                        Command::new(binary())
                            .env_clear()
                            .env("ECOLEDGER_TODAY", TODAY)
                            .arg("--db")
                            .arg(&db)
                            .args(&args),
                    );
                    if !out.status.success() {
                        failures.push(format!(
                            "{args:?}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        ));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(count(&env, "SELECT COUNT(*) FROM spending"), 4000);
    assert_eq!(count(&env, "SELECT COUNT(DISTINCT actor) FROM spending"), 8);
    assert_eq!(
        count(
            &env,
            "SELECT COUNT(*) FROM history WHERE action IN ('start', 'suspend')"
        ),
        16
    );
    assert_eq!(
        env.run(&["check"]).0,
        0,
        "integrity, reconcile and hash chains hold"
    );
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    let (rows, kills) = if heavy() { (200_000, 25) } else { (20_000, 6) };
    let file = spending_file(&env, "big.csv", rows, "big");
    let base = env.dir.path().join("base.sqlite");
    std::fs::copy(&env.db, &base).unwrap();
    // How long a whole import takes, to kill at moments spread over it.
    let start = Instant::now();
    let out = output_bounded(&mut process(&env, &["spending", "import", &file]));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = start.elapsed().as_millis() as u64;
    let mut rng = Lcg(20_241_128);
    // Kills at random moments over the whole run, and kills that surely land inside the
    // write transaction (the process holds the write lock when it is killed).
    let (mut none, mut all, mut inside) = (0, 0, 0);
    for round in 0..kills {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", env.db.display()));
        }
        std::fs::copy(&base, &env.db).unwrap();
        let mut child = process(&env, &["spending", "import", &file])
            .spawn()
            .unwrap();
        let locked = if round % 2 == 0 {
            std::thread::sleep(Duration::from_millis(rng.next(full + 20)));
            false
        } else {
            // Inside the transaction, a random part of the way through it.
            let held = wait_for_write_lock(&env, &mut child);
            std::thread::sleep(Duration::from_millis(rng.next(full / 2 + 1)));
            held && writer_holds_lock(&env)
        };
        let _ = child.kill(); // SIGKILL
        let _ = wait_bounded(&mut child);
        let integrity: String = env
            .sqlite()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        let n = count(&env, "SELECT COUNT(*) FROM spending");
        match n {
            0 => none += 1,
            n if n == rows as i64 => all += 1,
            n => panic!("a killed import left {n} of {rows} rows"),
        }
        if locked {
            // Killed holding the lock: the commit had not happened, so nothing is left.
            assert_eq!(n, 0, "a kill inside the transaction left {n} rows");
            inside += 1;
        }
        assert_eq!(env.run(&["check"]).0, 0);
    }
    eprintln!(
        "killed imports of {rows} rows {kills} times: {none} left nothing ({inside} killed inside the write transaction), {all} completed"
    );
    assert!(inside >= 1, "no kill landed inside the write transaction");
}

#[test]
fn a_killed_batch_status_change_is_all_or_nothing() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    let ids: Vec<String> = env
        .records(&["projects", "list"])
        .iter()
        .map(|r| r["id"].to_string())
        .collect();
    let mut args: Vec<&str> = vec!["start"];
    args.extend(ids.iter().map(String::as_str));
    let base = env.dir.path().join("base.sqlite");
    std::fs::copy(&env.db, &base).unwrap();
    let (mut none, mut all, mut inside) = (0, 0, 0);
    let rounds = if heavy() { 25 } else { 8 };
    for _ in 0..rounds {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", env.db.display()));
        }
        std::fs::copy(&base, &env.db).unwrap();
        let mut child = process(&env, &args).spawn().unwrap();
        // Killed the moment it holds the write lock: inside its transaction.
        let locked = wait_for_write_lock(&env, &mut child);
        let _ = child.kill();
        let _ = wait_bounded(&mut child);
        let started = count(&env, "SELECT COUNT(*) FROM history WHERE action = 'start'");
        match started {
            0 => none += 1,
            68 => all += 1,
            n => panic!("{n} of 68 started"),
        }
        if locked && started == 0 {
            inside += 1;
        }
    }
    eprintln!("killed a 68-project start {rounds} times: {none} left nothing ({inside} killed inside the transaction), {all} completed");
    assert!(inside >= 1, "no kill landed inside the write transaction");
}

#[test]
fn check_names_records_edited_or_removed_behind_its_back() {
    let env = TestEnv::new();
    env.ok(&["spend", "A5-04", "10", "--date", "2024-05-01"]);
    env.ok(&["spend", "A5-04", "20", "--date", "2024-05-02"]);
    env.ok(&["spend", "A5-04", "30", "--date", "2024-05-03"]);
    env.ok(&["start", "A1-01"]);
    assert_eq!(env.run(&["check"]).0, 0);
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER history_no_update; UPDATE history SET new_value = 'completed' WHERE id = 69;
             DROP TRIGGER spending_no_delete; DELETE FROM spending WHERE id = 2;",
        )
        .unwrap();
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 1);
    let chain = crate::env::check_row(&out, "hash chain over every record");
    assert_eq!(&chain["result"], "mismatch");
    assert!(
        chain["detail"].contains("history 69 (A1-01) was altered"),
        "{out}"
    );
    assert!(
        chain["detail"]
            .contains("journal record 3 (spend): its rows were changed, added or removed"),
        "{out}"
    );
    // Even an edit that recomputes nothing but the amount is caught.
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER spending_no_update; UPDATE spending SET amount_fen = 1 WHERE id = 3;",
        )
        .unwrap();
    let (_, out, _) = env.run(&["check", "--format", "csv"]);
    assert!(out.contains("spending 3 (A5-04) was altered"), "{out}");
}

#[test]
fn a_backup_taken_while_another_process_writes_passes_check() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    let file = spending_file(
        &env,
        "load.csv",
        if heavy() { 100_000 } else { 20_000 },
        "load",
    );
    let mut writer = process(&env, &["spending", "import", &file])
        .spawn()
        .unwrap();
    // The backup starts while the import is inside its write transaction, and ends
    // before the import does: the two overlapped.
    assert!(
        wait_for_write_lock(&env, &mut writer),
        "the import finished before the backup could start"
    );
    let copy = env.dir.path().join("copy.sqlite");
    env.ok(&["backup", copy.to_str().unwrap()]);
    assert!(
        writer.try_wait().unwrap().is_none(),
        "the import ended before the backup did: they did not overlap"
    );
    assert!(wait_bounded(&mut writer).success());
    // The copy is the snapshot from before the import committed: none of its rows.
    let copied: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM spending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(copied, 0);
    let out = output_bounded(
        Command::new(binary())
            .env_clear()
            .env("ECOLEDGER_TODAY", TODAY)
            .arg("--db")
            .arg(&copy)
            .arg("check"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A backup never overwrites a file.
    env.refused(&["backup", copy.to_str().unwrap()], "is an SQLite database");
}

#[cfg(unix)]
#[test]
fn new_ledger_files_are_not_world_readable_or_writable() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    env.ok(&["info"]);
    let mode = std::fs::metadata(&env.db).unwrap().permissions().mode();
    assert_eq!(mode & 0o007, 0, "mode {mode:o}");
    let copy = env.dir.path().join("b.sqlite");
    env.ok(&["backup", copy.to_str().unwrap()]);
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o007,
        0
    );
}

#[test]
fn sql_metacharacters_are_stored_and_read_back_verbatim() {
    let env = TestEnv::new();
    let evil = "'); DROP TABLE projects;--";
    let evil2 = "\"; DELETE FROM spending; -- % _ \\";
    let id = env.ok(&[
        "projects",
        "add",
        "--category",
        "1",
        "--group",
        evil,
        "--description",
        evil2,
        "--estimate",
        "10",
        "--schedule",
        "2026",
        "--department",
        evil,
        "--new-department",
        "--by",
        evil,
        "--reason",
        evil2,
    ]);
    let id = id.trim();
    let p = env.json(&["projects", "show", id]);
    assert_eq!(p["group"], evil);
    assert_eq!(p["description"], evil2);
    assert_eq!(p["departments"], evil);
    env.ok(&[
        "spend",
        id,
        "1",
        "--date",
        "2026-01-01",
        "--voucher",
        evil,
        "--note",
        evil2,
        "--by",
        evil2,
    ]);
    let s = env.json(&["spending", "list", "--project", id]);
    assert_eq!(s[0]["voucher"], evil);
    assert_eq!(s[0]["note"], evil2);
    assert_eq!(s[0]["actor"], evil2);
    let h = env.json(&["history", id]);
    assert_eq!(h[0]["actor"], evil);
    assert_eq!(h[0]["reason"], evil2);
    assert_eq!(env.csv(&["projects", "list", "--search", evil]).len(), 2);
    assert_eq!(
        env.csv(&["projects", "list", "--department", evil]).len(),
        2
    );
    assert_eq!(env.json(&["info"])["projects"], 69, "nothing dropped");
    assert_eq!(env.run(&["check"]).0, 0);
}
