//! A ledger written by the core-ledger version (schema 1) upgrades with its data intact.

use crate::env::TestEnv;

fn fixture_env() -> TestEnv {
    let env = TestEnv::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.sqlite");
    std::fs::copy(fixture, &env.db).unwrap();
    env
}

#[test]
fn a_version_1_ledger_upgrades_with_its_data_intact() {
    let env = fixture_env();
    // The upgrade says where it kept the old file, and that copy is the old file.
    let out = env.cmd().arg("info").output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let copy = env.dir.path().join("ledger.sqlite.v1.bak");
    assert!(
        err.contains("upgraded the ledger's schema 1 →") && err.contains(copy.to_str().unwrap()),
        "{err}"
    );
    let kept = rusqlite::Connection::open(&copy).unwrap();
    let (version, status): (i64, String) = kept
        .query_row("SELECT (SELECT user_version FROM pragma_user_version), status FROM project WHERE id = 'A5-04'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((version, status.as_str()), (1, "in_progress"));
    // Once upgraded, the next run says nothing.
    let out = env.cmd().arg("info").output().unwrap();
    assert!(out.stderr.is_empty());
    let v = env.json(&["info"]);
    assert_eq!(v["schema_version"], ecoledger::store::CURRENT_VERSION);
    assert_eq!(v["projects"], 68);
    assert_eq!(v["grand_total_wan"].to_string(), "785341");
    // The status changed by hand in version 1 survives.
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["status"], "in progress");
    assert_eq!(p["estimate_wan"].to_string(), "334000");
    assert_eq!(p["departments"], "区水利局");
    let p = env.json(&["projects", "show", "A5-06"]);
    assert_eq!(
        p["departments"],
        "区住房城乡建委、区新城建管委、凤凰湖产业促进中心"
    );
    assert_eq!(
        env.ok(&["totals", "--by", "category", "--format", "csv"]),
        TestEnv::new().ok(&["totals", "--by", "category", "--format", "csv"])
    );
    assert_eq!(env.run(&["reconcile"]).0, 0);
    // The upgrade is in the history, and the ledger takes new changes.
    let h = env.csv(&["history", "A5-04"]);
    assert_eq!(h[1][5], "seed");
    assert_eq!(h[1][9], "upgraded from schema version 1");
    env.ok(&["complete", "A5-04", "--date", "2025-12-31"]);
    assert_eq!(
        env.json(&["projects", "show", "A5-04"])["status"],
        "completed"
    );
    assert_eq!(
        env.run(&["check"]).0,
        0,
        "the upgrade computed the hash chains"
    );
    let fk: i64 = env
        .sqlite()
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(fk, 0);
}

#[test]
fn a_version_2_ledger_upgrades_with_its_planner_history_intact() {
    let env = TestEnv::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v2.sqlite");
    std::fs::copy(fixture, &env.db).unwrap();
    let v = env.json(&["info"]);
    assert_eq!(v["schema_version"], ecoledger::store::CURRENT_VERSION);
    assert_eq!(v["projects"], 69);
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["status"], "in progress");
    assert_eq!(p["estimate_wan"].to_string(), "341200");
    assert_eq!(p["allocation"], "explicit annual plan");
    assert_eq!(p["revisions"].as_array().unwrap().len(), 2);
    assert_eq!(env.json(&["projects", "show", "N0001"])["group"], "新增");
    assert_eq!(
        env.csv(&["history", "A5-04"]).len(),
        1 + 5,
        "seed, start, estimate and stage, plan"
    );
    assert_eq!(env.run(&["reconcile"]).0, 0);
    // The new spending ledger works on the upgraded file.
    env.ok(&["spend", "A5-04", "100", "--date", "2024-03-01"]);
    assert_eq!(env.csv(&["spending", "list"]).len(), 2);
}
