//! Database location, first use, `info` and `init`.

use crate::env::{assert_one_line_error, TestEnv};

#[test]
fn first_use_creates_and_seeds_the_default_ledger() {
    let env = TestEnv::new();
    let out = env
        .bare()
        .args(["totals", "--by", "category"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let default = env.dir.path().join(".local/share/ecoledger/ledger.sqlite");
    assert!(default.exists(), "default ledger at {}", default.display());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("created and seeded a new ledger at"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("785,341"));
    // The second use opens it quietly.
    let out = env.bare().arg("info").output().unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
}

#[test]
fn db_flag_wins_over_the_environment_variable() {
    let env = TestEnv::new();
    let from_env = env.dir.path().join("env.sqlite");
    let from_flag = env.dir.path().join("flag.sqlite");
    let info = |cmd: &mut assert_cmd::Command| {
        let out = cmd.args(["info", "--format", "json"]).output().unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let v = info(env.bare().env("ECOLEDGER_DB", &from_env));
    assert_eq!(v["path"], from_env.display().to_string());
    let v = info(
        env.bare()
            .env("ECOLEDGER_DB", &from_env)
            .arg("--db")
            .arg(&from_flag),
    );
    assert_eq!(v["path"], from_flag.display().to_string());
    assert!(from_env.exists() && from_flag.exists());
}

#[test]
fn info_shows_path_version_count_and_grand_total() {
    let env = TestEnv::new();
    let v = env.json(&["info"]);
    assert_eq!(v["path"], env.db.display().to_string());
    assert_eq!(v["schema_version"], ecoledger::store::CURRENT_VERSION);
    assert_eq!(v["projects"], 68);
    assert_eq!(v["grand_total_wan"].to_string(), "785341");
    let user_version: i64 = env
        .sqlite()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(user_version, ecoledger::store::CURRENT_VERSION);
}

#[test]
fn money_is_stored_as_integer_yuan() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    let conn = env.sqlite();
    let (kind, value): (String, i64) = conn
        .query_row(
            "SELECT typeof(estimate_yuan), estimate_yuan FROM project_version WHERE project_id = 'A5-04'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), value), ("integer", 3_340_000_000));
    let non_integer: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM project_version WHERE typeof(estimate_yuan) <> 'integer')
                  + (SELECT COUNT(*) FROM version_plan_year WHERE typeof(amount_yuan) <> 'integer')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(non_integer, 0);
}

#[test]
fn init_creates_then_refuses_to_overwrite_without_force() {
    let env = TestEnv::new();
    let out = env.ok(&["init"]);
    assert!(out.contains("68"), "{out}");
    env.ok(&["start", "A6-01", "--by", "tester"]);
    let before = std::fs::read(&env.db).unwrap();
    let (code, _, err) = env.run(&["init"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "--force");
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        before,
        "refused init leaves the file alone"
    );
    assert_eq!(
        env.json(&["projects", "show", "A6-01"])["status"],
        "in_progress"
    );
    // --force replaces it with a freshly seeded ledger.
    let (code, _, err) = env.run(&["init", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(env.json(&["info"])["projects"], 68);
    assert_eq!(
        env.json(&["projects", "show", "A6-01"])["status"],
        "planned"
    );
    assert_eq!(env.run(&["reconcile"]).0, 0);
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".init-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
