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
    assert_eq!(p["status"], "in_progress");
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
    let h = env.records(&["history", "A5-04"]);
    assert_eq!(&h[0]["action"], "seed");
    assert_eq!(&h[0]["reason"], "upgraded from schema version 1");
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
    assert_eq!(p["status"], "in_progress");
    assert_eq!(p["estimate_wan"].to_string(), "341200");
    assert_eq!(p["allocation"], "explicit");
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

/// A copy of fixture `name` in a fresh temp dir.
fn from_fixture(name: &str) -> TestEnv {
    let env = TestEnv::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::copy(fixture, &env.db).unwrap();
    env
}

/// Every released schema version before this one upgrades to the current one and passes
/// `check`: the old chains re-verified, the journal written over every upgraded record.
#[test]
fn every_released_schema_version_upgrades_and_passes_check() {
    for version in 1..ecoledger::store::CURRENT_VERSION {
        let env = from_fixture(&format!("v{version}.sqlite"));
        let found: i64 = env
            .sqlite()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(found, version, "fixture v{version}.sqlite");
        let (code, out, err) = env.run(&["check"]);
        assert_eq!(code, 0, "v{version}: {out}{err}");
        assert_eq!(
            env.json(&["info"])["schema_version"],
            ecoledger::store::CURRENT_VERSION
        );
    }
}

/// The version-3 ledger (the first with spending) keeps every entry, reversal, import and
/// setting, and its spending gets a hash chain the next write extends.
#[test]
fn a_version_3_ledger_keeps_its_spending_and_chains_it() {
    let env = from_fixture("v3.sqlite");
    let entries = env.records(&["spending", "list"]);
    assert_eq!(entries.len(), 6);
    let sum: rust_decimal::Decimal = entries.iter().map(|e| e.dec("amount_wan")).sum();
    assert_eq!(sum, crate::env::dec("50271.2345"));
    let reversal = entries.iter().find(|e| &e["entry"] == "3").unwrap();
    assert_eq!(&reversal["reverses"], "2");
    assert_eq!(&reversal["amount_wan"], "-20000.5");
    assert_eq!(&reversal["actor"], "finance1");
    let retention = entries.iter().find(|e| &e["entry"] == "4").unwrap();
    assert_eq!(&retention["project"], "A1-16");
    assert_eq!(&retention["kind"], "after_completion");
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["estimate_wan"].to_string(), "341200");
    assert_eq!(p["status"], "in_progress");
    assert_eq!(
        env.csv(&["history"]).len() - 1,
        74 + 1,
        "and the upgrade's own line"
    );
    assert_eq!(env.records(&["config", "overspend"])[0]["value"], *"stop");
    // The same file imported before is still known.
    std::fs::write(
        env.dir.path().join("pay.csv"),
        "project_id,date,amount_wan,voucher,note\nA5-04,2024-06-01,1.2345,记-2024-061,导入\nA6-01,2024-06-02,60,,超支\n",
    )
    .unwrap();
    let (code, _, err) = env.run(&[
        "spending",
        "import",
        env.dir.path().join("pay.csv").to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already imported"), "{err}");
    // Every upgraded row is in the journal, and a new entry extends it.
    let unchained: i64 = env
        .sqlite()
        .query_row(
            "SELECT COUNT(*) FROM spending WHERE length(rhash) <> 32 OR jseq NOT IN (SELECT seq FROM journal)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unchained, 0);
    env.ok(&["spend", "A5-04", "1", "--date", "2024-07-01"]);
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 0, "{out}");
    let chain = crate::env::records(&out)
        .into_iter()
        .find(|r| &r["check"] == "hash chain over every record")
        .unwrap();
    let journal: i64 = env
        .sqlite()
        .query_row("SELECT COUNT(*) FROM journal", [], |r| r.get(0))
        .unwrap();
    assert!(
        chain["detail"].starts_with(&format!("{journal} records")),
        "{}",
        &chain["detail"]
    );
}

/// The version-4 ledger (hash chains, before the next storage change) keeps every
/// figure: planner history with an explicit plan, a new and an edited project, payments
/// with a reversal and an after-completion payment, an import and a setting.
#[test]
fn a_version_4_ledger_keeps_every_record() {
    let env = from_fixture("v4.sqlite");
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["estimate_wan"].to_string(), "341200");
    assert_eq!(p["allocation"], "explicit");
    assert_eq!(p["revisions"].as_array().unwrap().len(), 2);
    let n = env.json(&["projects", "show", "N0001"]);
    assert_eq!(n["description"], "新增项目（已修改）");
    assert_eq!(n["estimate_wan"].to_string(), "123.4567");
    assert_eq!(
        env.json(&["projects", "show", "A2-04"])["status"],
        "suspended"
    );
    assert_eq!(
        env.json(&["projects", "show", "A2-04"])["schedule"],
        "2022-2025"
    );
    let entries = env.records(&["spending", "list"]);
    assert_eq!(entries.len(), 7);
    let sum: rust_decimal::Decimal = entries.iter().map(|e| e.dec("amount_wan")).sum();
    assert_eq!(sum, crate::env::dec("70271.7345"));
    assert_eq!(
        env.csv(&["history"]).len() - 1,
        87 + 1,
        "and the upgrade's own line"
    );
    assert_eq!(env.records(&["config", "overspend"])[0]["value"], *"stop");
    let grand = env.json(&["info"])["grand_total_wan"].to_string();
    assert_eq!(
        grand, "792664.4567",
        "785341 + 7200 (A5-04) + 123.4567 (N0001)"
    );
    assert_eq!(env.run(&["check"]).0, 0);
}

/// An upgrade that fails halfway (here: migration 3 meets a table it must create, after
/// migration 2 ran) changes nothing: the file is byte for byte what it was, with no copy
/// or journal left beside it.
#[test]
fn a_migration_that_fails_halfway_leaves_the_file_byte_identical() {
    let env = fixture_env();
    {
        let conn = env.sqlite();
        conn.execute_batch("CREATE TABLE spending (x INTEGER)")
            .unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete");
    }
    let before = std::fs::read(&env.db).unwrap();
    let (code, _, err) = env.run(&["info"]);
    assert_eq!(code, 2, "{err}");
    crate::env::assert_one_line_error(&err, "spending already exists");
    assert!(
        std::fs::read(&env.db).unwrap() == before,
        "the file changed"
    );
    let left: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["ledger.sqlite"], "left beside it: {left:?}");
    // And it stays refused the same way, not half-upgraded, on a second try.
    let (code, _, err2) = env.run(&["info"]);
    assert_eq!((code, err2), (2, err));
    assert!(std::fs::read(&env.db).unwrap() == before);
}

/// Two processes that open an old ledger at the same moment upgrade it exactly once:
/// both succeed, the upgrade's history is written once, one copy of the old file is kept.
#[test]
fn two_processes_opening_an_old_ledger_upgrade_it_once() {
    for round in 0..4 {
        let env = fixture_env();
        let spawn = || {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("ecoledger"))
                .env_clear()
                .env("ECOLEDGER_TODAY", crate::env::TODAY)
                .arg("--db")
                .arg(&env.db)
                .arg("info")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let mut a = spawn();
        let mut b = spawn();
        assert!(crate::env::wait_bounded(&mut a).success(), "round {round}");
        assert!(crate::env::wait_bounded(&mut b).success(), "round {round}");
        let upgrades: i64 = env
            .sqlite()
            .query_row(
                "SELECT COUNT(*) FROM history WHERE reason = 'upgraded from schema version 1'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            upgrades, 68,
            "round {round}: one upgrade record per project"
        );
        let mut names: Vec<String> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".bak") || n.contains(".tmp"))
            .collect();
        names.sort();
        assert_eq!(names, ["ledger.sqlite.v1.bak"], "round {round}");
        assert_eq!(env.run(&["check"]).0, 0, "round {round}");
    }
}

/// The version-5 ledger (journal and period close, before indicators) keeps every figure
/// and its close, and gains the seeded indicators without a change to its money.
#[test]
fn a_version_5_ledger_keeps_every_record_and_its_close() {
    let env = from_fixture("v5.sqlite");
    let before = TestEnv::new();
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["estimate_wan"].to_string(), "341200");
    assert_eq!(p["status"], "in_progress");
    assert_eq!(
        env.json(&["projects", "show", "A2-04"])["status"],
        "suspended"
    );
    assert_eq!(
        env.json(&["projects", "show", "A1-16"])["status"],
        "completed"
    );
    let entries = env.records(&["spending", "list"]);
    assert_eq!(entries.len(), 5);
    let sum: rust_decimal::Decimal = entries.iter().map(|e| e.dec("amount_wan")).sum();
    assert_eq!(sum, crate::env::dec("21270.7345"));
    assert_eq!(env.json(&["info"])["grand_total_wan"].to_string(), "792541");
    assert_eq!(
        env.csv(&["history"]).len() - 1,
        77,
        "version 6 adds tables, not history"
    );
    let closes = env.records(&["period", "list"]);
    assert_eq!(closes.len(), 1);
    assert_eq!(&closes[0]["period"], "2024Q1");
    assert_eq!(env.run(&["check"]).0, 0);
    assert_eq!(env.run(&["reconcile"]).0, 0);
    // The estimates by category are the seeded ones plus A5-04's revision.
    let cat = env.records(&["totals", "--by", "category"]);
    let seeded = before.records(&["totals", "--by", "category"]);
    assert_eq!(cat.len(), seeded.len());
    assert_eq!(
        cat.last().unwrap().dec("estimate_wan"),
        crate::env::dec("792541")
    );
    // The closed quarter still refuses a payment dated in it.
    let (code, _, err) = env.run(&["spend", "A5-04", "1", "--date", "2024-03-01"]);
    assert_eq!(code, 2, "{err}");
    // Version 6 adds the indicator tables, empty, with their append-only triggers.
    assert_eq!(
        env.json(&["info"])["schema_version"],
        ecoledger::store::CURRENT_VERSION
    );
    let conn = env.sqlite();
    for table in ["indicator_measurement", "indicator_link"] {
        let n: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    let triggers: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'indicator_%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(triggers, 4);
}

/// The version-6 ledger (indicators, before users and approval) keeps every figure, its
/// close, its indicator value and link, re-verifies every chain, and gains the user and
/// approval tables empty, with their append-only triggers: it stays a ledger without
/// users, written as before.
#[test]
fn a_version_6_ledger_keeps_every_record_and_gains_empty_user_tables() {
    let env = from_fixture("v6.sqlite");
    assert_eq!(env.run(&["check"]).0, 0);
    assert_eq!(
        env.json(&["info"])["schema_version"],
        ecoledger::store::CURRENT_VERSION
    );
    assert_eq!(env.json(&["info"])["grand_total_wan"].to_string(), "792541");
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["estimate_wan"].to_string(), "341200");
    assert_eq!(p["status"], "in_progress");
    assert_eq!(
        env.json(&["projects", "show", "A2-04"])["status"],
        "suspended"
    );
    let entries = env.records(&["spending", "list"]);
    assert_eq!(entries.len(), 6);
    let sum: rust_decimal::Decimal = entries.iter().map(|e| e.dec("amount_wan")).sum();
    assert_eq!(sum, crate::env::dec("21770.7345"));
    let history = env.records(&["history"]);
    assert_eq!(history.len(), 80, "version 7 adds tables, not history");
    // Writes before version 7 were made by nobody signed in.
    assert!(history.iter().all(|h| &h["signed_in"] == "none"));
    assert_eq!(
        env.records(&["history", "--by", "finance1"]).len(),
        history.iter().filter(|h| &h["actor"] == "finance1").count()
    );
    let closes = env.records(&["period", "list"]);
    assert_eq!(closes.len(), 1);
    assert_eq!(&closes[0]["period"], "2024Q1");
    let conn = env.sqlite();
    for table in [
        "user_account",
        "write_auth",
        "pending_payment",
        "payment_review",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table}");
        let triggers: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(triggers, 2, "{table}");
    }
    drop(conn);
    // Still a ledger without users: a write needs no sign-in, and the closed quarter
    // still refuses a payment dated in it.
    env.ok(&["spend", "A5-04", "1", "--date", "2024-06-01"]);
    let (code, _, err) = env.run(&["spend", "A5-04", "1", "--date", "2024-03-01"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(env.run(&["check"]).0, 0);
}

/// The version-7 ledger (users, roles and approval) keeps every record, account and
/// pending payment, and gains the running totals (version 8), equal to its records: the
/// current estimates' sum and every payment's (reversals not subtracted). `check` passes,
/// and a payment after the upgrade adds to them.
#[test]
fn a_version_7_ledger_gains_running_totals_equal_to_its_records() {
    let env = from_fixture("v7.sqlite");
    assert_eq!(env.run(&["check"]).0, 0);
    assert_eq!(
        env.json(&["info"])["schema_version"],
        ecoledger::store::CURRENT_VERSION
    );
    assert_eq!(env.json(&["info"])["grand_total_wan"].to_string(), "792541");
    let entries = env.records(&["spending", "list"]);
    assert_eq!(entries.len(), 7, "six entries and P3, still pending");
    assert_eq!(&entries[6]["entry"], "P3");
    let paid: rust_decimal::Decimal = entries[..6]
        .iter()
        .map(|e| e.dec("amount_wan"))
        .filter(|a| a.is_sign_positive())
        .sum();
    assert_eq!(paid, crate::env::dec("52270.7345"));
    assert_eq!(env.records(&["history"]).len(), 82);
    let users = env.records(&["users", "list"]);
    assert_eq!(users.len(), 5);
    assert!(users
        .iter()
        .any(|u| &u["name"] == "auditor1" && &u["status"] == "disabled"));
    let kept = |env: &TestEnv, kind: &str| -> i64 {
        env.sqlite()
            .query_row(
                "SELECT amount FROM running_total WHERE kind = ?1",
                [kind],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(kept(&env, "estimates_yuan"), 792_541 * 10_000);
    assert_eq!(kept(&env, "payments_fen"), 52_270_734_500);
    // A payment after the upgrade, by a finance user of the old release, adds to them.
    let out = env
        .cmd()
        .env("ECOLEDGER_USER", "finance2")
        .env("ECOLEDGER_PASSWORD", "finance2-password")
        .args(["spend", "A1-16", "10.5", "--date", "2024-06-20"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(kept(&env, "payments_fen"), 52_270_734_500 + 10_500_000);
    assert_eq!(env.run(&["check"]).0, 0);
}

/// The version-8 ledger (running totals) gains the page aggregates (version 9), filled
/// from its records, and a `spending` table whose reversal index holds only reversals:
/// every total, the quarterly report and the chain head are what the version-8 release
/// printed for the same file; a second reversal of an entry is still refused by the
/// file itself; and writes after the upgrade keep the aggregates equal to the records.
#[test]
fn a_version_8_ledger_gains_the_page_aggregates_and_keeps_every_figure() {
    let env = from_fixture("v8.sqlite");
    // What the version-8 release printed for this file (commit 592599c).
    let printed = [
        (
            "category",
            "key,projects,estimate_wan\nenvironmental quality,21,151973\necological barrier,6,21850\n\
             ecological security,7,6000\ngreen economy,10,49935\nliving environment,22,563783.1234\n\
             ecological culture,3,300\ntotal,69,793841.1234\n",
        ),
        (
            "year",
            "key,projects,estimate_wan\n2022,66,222050.2809\n2023,67,220263.6143\n2024,50,185557.4476\n\
             2025,49,165536.4473\n2026,1,433.3333\ntotal,69,793841.1234\n",
        ),
        (
            "status",
            "key,projects,estimate_wan\nplanned,66,448391\nin_progress,1,341200.1234\nsuspended,0,0\n\
             completed,1,4200\ncancelled,1,50\ntotal,69,793841.1234\n",
        ),
    ];
    for (by, csv) in printed {
        let out = env.ok(&["totals", "--by", by, "--format", "csv"]);
        assert_eq!(out.replace("\r\n", "\n"), csv, "{by}");
    }
    assert_eq!(
        env.json(&["info"])["schema_version"],
        ecoledger::store::CURRENT_VERSION
    );
    let report = env.ok(&["report", "quarterly", "2024Q2", "--format", "csv"]);
    assert!(report.lines().any(|l| l.trim_end()
        == "total,,,,,,,723661.1234,185557.4476,46389.362,358.244567,92778.724,50358.744567,\
            -42419.979433,54.3,464912.6192,50370.744567,673290.378833"));
    let (code, out, err) = env.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("ledger chain head #18\n04e377c1f167008299b1a54e74302f8634477202ad7cee61a6b80d14d8ca5eec"),
        "{out}"
    );
    let conn = env.sqlite();
    let rows = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(rows("SELECT COUNT(*) FROM spending"), 7);
    assert_eq!(rows("SELECT SUM(entries) FROM spending_month"), 7);
    assert_eq!(rows("SELECT SUM(projects) FROM project_total"), 69);
    assert_eq!(
        rows("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'sqlite_autoindex_spending%'"),
        0,
        "no automatic index on reverses"
    );
    assert_eq!(
        rows(
            "SELECT COUNT(*) FROM spending INDEXED BY spending_reverses WHERE reverses IS NOT NULL"
        ),
        1
    );
    // Entry 2 is reversed (by entry 6): a second reversal is refused by the file itself.
    let again = conn.execute(
        "INSERT INTO spending (project_id, date, amount_fen, reverses, reason, recorded_at, actor, jseq, rhash)
         VALUES ('A5-04', '2024-06-28', -3000000000000, 2, 'again', '2024-06-28T00:00:00Z', 'x', 18, x'00')",
        [],
    );
    assert!(again
        .unwrap_err()
        .to_string()
        .contains("UNIQUE constraint failed: spending.reverses"));
    drop(conn);
    // Writes after the upgrade move the aggregates with the records.
    env.ok(&[
        "projects",
        "edit",
        "A5-04",
        "--category",
        "1",
        "--reason",
        "test",
    ]);
    env.ok(&[
        "reschedule",
        "A5-05",
        "2023-2030",
        "--reason",
        "test",
        "--date",
        "2026-11-28",
    ]);
    env.ok(&["spend", "A1-16", "7.25", "--date", "2026-11-28"]);
    env.ok(&[
        "spend",
        "--reverse",
        "7",
        "--reason",
        "test",
        "--date",
        "2026-11-28",
    ]);
    let (code, out, err) = env.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    for by in ["category", "year", "status"] {
        assert_eq!(
            env.ok(&["totals", "--by", by, "--format", "csv"]),
            env.ok(&[
                "totals",
                "--by",
                by,
                "--format",
                "csv",
                "--as-of",
                "2200-12-31"
            ]),
            "{by}: the aggregates against the records"
        );
    }
}

/// A version-8 ledger holding sums past SQLite's integers (estimates an old release
/// accepted before the limits, written here behind its back) still upgrades: the page
/// aggregates it cannot hold are left empty, and the commands then say, from the
/// records, that the sums are too large to add up — never an upgrade that fails.
#[test]
fn a_version_8_ledger_past_the_limits_still_upgrades() {
    let env = from_fixture("v8.sqlite");
    env.write_projects_past_the_limits("N9", 900);
    let (code, _, err) = env.run(&["totals"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("upgraded the ledger's schema 8 → 9"),
        "{err}"
    );
    crate::env::assert_one_line_error(
        err.lines().nth(1).unwrap_or_default(),
        "too large to add up exactly",
    );
    let version: i64 = env
        .sqlite()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        ecoledger::store::CURRENT_VERSION,
        "upgraded: {err}"
    );
    // The current estimates' sum per category is past SQLite's integers: not kept.
    let kept: i64 = env
        .sqlite()
        .query_row("SELECT COUNT(*) FROM project_total", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 0, "nothing kept that cannot be held");
    // And check finds nothing kept that differs from the records.
    let (_, out, _) = env.run(&["check", "--format", "csv"]);
    let row = crate::env::records(&out)
        .into_iter()
        .find(|r| &r["check"] == "page aggregates")
        .unwrap();
    assert_eq!(&row["result"], "ok", "{}", &row["detail"]);
}
