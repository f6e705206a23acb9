//! Files that are not our ledger, and other mistakes: one clear line, exit 2, and the
//! file left exactly as it was.

use crate::env::{assert_one_line_error, TestEnv};

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let env = TestEnv::new();
    let junk = "id,amount\nA1-01,12\n".repeat(300);
    std::fs::write(&env.db, &junk).unwrap();
    let (code, out, err) = env.run(&["info"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_one_line_error(&err, "not an ecoledger database");
    assert_eq!(std::fs::read_to_string(&env.db).unwrap(), junk);
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let env = TestEnv::new();
    env.sqlite()
        .execute_batch("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);")
        .unwrap();
    let before = std::fs::read(&env.db).unwrap();
    let (code, _, err) = env.run(&["totals"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "not an ecoledger ledger");
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
}

#[test]
fn a_ledger_from_a_newer_version_is_refused_untouched() {
    let env = TestEnv::seeded();
    env.sqlite()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let before = std::fs::read(&env.db).unwrap();
    let (code, _, err) = env.run(&["projects", "list"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "schema version 99");
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    let (_, _, err) = env.run(&["--lang", "zh", "info"]);
    assert_one_line_error(&err, "更新版本");
}

#[test]
fn a_missing_folder_is_named() {
    let env = TestEnv::new();
    let path = env.dir.path().join("no/such/folder/ledger.sqlite");
    let out = env
        .bare()
        .arg("--db")
        .arg(&path)
        .arg("info")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_one_line_error(
        &String::from_utf8_lossy(&out.stderr),
        "the folder does not exist",
    );
    assert!(!path.exists());
}

#[test]
fn usage_mistakes_exit_2_without_a_panic() {
    let env = TestEnv::new();
    for args in [
        vec!["totals", "--by", "planet"],
        vec!["--format", "xml", "info"],
        vec!["projects", "show"],
        vec!["nonsense"],
    ] {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = TestEnv::seeded();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ecoledger"))
        .arg("--db")
        .arg(&env.db)
        .args(["projects", "list", "--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end before the program writes, like `ecoledger … | head -0`.
    drop(child.stdout.take());
    let status = crate::env::wait_bounded(&mut child);
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
