//! A past that cannot move: closing a period, the two clocks, recorded time moving only
//! forward, payments judged on their own date, tamper evidence over every record, and
//! the anchor outside the file. Every scenario drives the real binary.

use crate::env::{assert_one_line_error, check_row, records, TestEnv};

/// A quarter recorded on 2024-06-28: A5-04 started, paid in Q1 and Q2; A1-16 completed.
fn quarter() -> TestEnv {
    TestEnv::from_template("past-quarter", |env| {
        let at = |args: &[&str]| {
            let mut all = vec!["--today", "2024-06-28"];
            all.extend(args);
            env.ok(&all);
        };
        at(&["start", "A5-04", "--date", "2023-03-01"]);
        at(&[
            "spend",
            "A5-04",
            "10000",
            "--date",
            "2024-02-10",
            "--voucher",
            "记-021",
        ]);
        at(&[
            "spend",
            "A5-04",
            "20000",
            "--date",
            "2024-04-15",
            "--voucher",
            "记-041",
        ]);
        at(&[
            "spend",
            "A5-04",
            "3000",
            "--date",
            "2024-05-17",
            "--voucher",
            "记-052",
        ]);
    })
}

/// `args` run with today pinned to `today`.
fn on(env: &TestEnv, today: &str, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["--today", today];
    all.extend(args);
    env.run(&all)
}

fn ok_on(env: &TestEnv, today: &str, args: &[&str]) -> String {
    let (code, out, err) = on(env, today, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// Refused on `today`, with one line naming `needle`, and nothing changed.
fn refused_on(env: &TestEnv, today: &str, args: &[&str], needle: &str) {
    let mut all = vec!["--today", today];
    all.extend(args);
    env.refused(&all, needle);
}

#[test]
fn a_closed_quarter_refuses_every_write_dated_in_it_and_its_report_never_changes() {
    let env = quarter();
    let out = ok_on(
        &env,
        "2024-07-05",
        &[
            "period",
            "close",
            "2024Q2",
            "--reason",
            "二季度结账",
            "--by",
            "财务科",
        ],
    );
    assert!(
        out.contains("2024Q2") && out.contains("2024-06-30"),
        "{out}"
    );
    assert!(out.contains("quarterly report 2024Q2: sha256 "), "{out}");
    let filed = ok_on(
        &env,
        "2024-07-05",
        &["report", "quarterly", "2024Q2", "--format", "csv"],
    );
    // Every kind of write dated inside Q2 is refused, naming the close.
    let import = env.dir.path().join("q2.csv");
    std::fs::write(
        &import,
        "project_id,date,amount_wan,voucher,note\nA5-04,2024-07-02,1,,\nA5-04,2024-06-30,1,,\n",
    )
    .unwrap();
    let projects = env.dir.path().join("p.csv");
    std::fs::write(
        &projects,
        "id,table,category,group,description,estimate_wan,start_year,end_year,departments,status\n,1,,新增,新项目,10,2024,2024,区林业局,planned\n",
    )
    .unwrap();
    let inside = "is inside the closed period 2024Q2";
    for args in [
        vec!["spend", "A5-04", "1", "--date", "2024-06-15"],
        vec![
            "spend",
            "--reverse",
            "3",
            "--reason",
            "错账",
            "--date",
            "2024-06-30",
        ],
        vec![
            "estimate",
            "A5-04",
            "340000",
            "--stage",
            "preliminary",
            "--reason",
            "r",
            "--date",
            "2024-06-01",
        ],
        vec!["start", "A1-01", "--date", "2024-05-01"],
        vec![
            "reschedule",
            "A1-02",
            "2022-2026",
            "--reason",
            "r",
            "--date",
            "2024-06-30",
        ],
        vec![
            "plan",
            "A2-04",
            "2022=2000",
            "2023=3000",
            "2024=5000",
            "--date",
            "2024-04-01",
        ],
        vec![
            "projects",
            "edit",
            "A1-03",
            "--description",
            "改",
            "--reason",
            "r",
            "--date",
            "2024-06-30",
        ],
        vec![
            "projects",
            "add",
            "--category",
            "1",
            "--group",
            "g",
            "--description",
            "d",
            "--estimate",
            "1",
            "--schedule",
            "2024",
            "--department",
            "区林业局",
            "--date",
            "2024-06-01",
        ],
        vec![
            "projects",
            "import",
            projects.to_str().unwrap(),
            "--date",
            "2024-06-01",
        ],
    ] {
        refused_on(&env, "2024-07-06", &args, inside);
    }
    // An import with one row in the closed quarter is refused whole, naming the line.
    refused_on(
        &env,
        "2024-07-06",
        &["spending", "import", import.to_str().unwrap()],
        "q2.csv:3: date: 2024-06-30 is inside the closed period 2024Q2",
    );
    // The correction goes into the open period: a reversal dated today is allowed, and
    // shows in Q3, not in Q2.
    ok_on(
        &env,
        "2024-07-06",
        &["spend", "--reverse", "3", "--reason", "金额录入错误"],
    );
    // Later changes: a Q3 payment, a revision effective in July.
    ok_on(
        &env,
        "2024-07-10",
        &["spend", "A5-04", "500", "--date", "2024-07-09"],
    );
    ok_on(
        &env,
        "2024-07-10",
        &[
            "estimate",
            "A5-04",
            "340000",
            "--stage",
            "preliminary",
            "--reason",
            "概算批复",
            "--date",
            "2024-07-08",
        ],
    );
    let later = ok_on(
        &env,
        "2024-07-10",
        &["report", "quarterly", "2024Q2", "--format", "csv"],
    );
    assert_eq!(later, filed, "the filed report, byte for byte");
    assert_eq!(
        ok_on(
            &env,
            "2026-11-28",
            &["report", "quarterly", "2024Q2", "--format", "csv"]
        ),
        filed
    );
    let q3 = records(&ok_on(
        &env,
        "2024-07-10",
        &["report", "quarterly", "2024Q3", "--format", "csv"],
    ));
    let a504 = q3.iter().find(|r| &r["id"] == "A5-04").unwrap();
    assert_eq!(
        &a504["actual_quarter_wan"], "-2500",
        "the reversal (-3000) and the payment (500)"
    );
    // check recomputes the closed quarter's report against its filed hash.
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 0, "{out}");
    let closes = check_row(&out, "closed periods' reports");
    assert_eq!(
        &closes["detail"],
        "every closed period's reports are as filed (1)"
    );
    let list = env.records(&["period", "list"]);
    assert_eq!(list.len(), 1);
    assert_eq!(
        [
            &list[0]["period"],
            &list[0]["action"],
            &list[0]["through"],
            &list[0]["actor"],
            &list[0]["reason"]
        ],
        ["2024Q2", "close", "2024-06-30", "财务科", "二季度结账"]
    );
    // Someone edits a Q2 payment behind the program's back: the chain names the row,
    // and the closed report no longer matches the one filed.
    env.sqlite()
        .execute_batch("DROP TRIGGER spending_no_update; UPDATE spending SET amount_fen = 20000000001 WHERE id = 2;")
        .unwrap();
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(out.contains("spending 2 (A5-04) was altered"), "{out}");
    assert!(
        out.contains("2024Q2: quarterly report 2024Q2 differs from the report filed at its close"),
        "{out}"
    );
    assert!(out.contains("missing: spending_no_update"), "{out}");
}

#[test]
fn closing_and_reopening_are_recorded_and_a_reopened_period_says_so() {
    let env = quarter();
    // Not before the day after its last day: on 2024-06-30 payments can still come.
    for day in ["2024-06-29", "2024-06-30"] {
        refused_on(
            &env,
            day,
            &["period", "close", "2024Q2", "--reason", "早了"],
            &format!(
                "2024Q2 ends on 2024-06-30 and today is {day}; a period is closed from the day after it ends"
            ),
        );
    }
    refused_on(
        &env,
        "2024-07-01",
        &["period", "close", "2024Q2"],
        "--reason is required",
    );
    refused_on(
        &env,
        "2024-07-01",
        &["period", "close", "2024Q7", "--reason", "r"],
        "'2024Q7' is not a period",
    );
    refused_on(
        &env,
        "2024-07-01",
        &["period", "reopen", "2024Q2", "--reason", "r"],
        "2024Q2 is not closed",
    );
    ok_on(
        &env,
        "2024-07-01",
        &["period", "close", "2024-05", "--reason", "五月结账"],
    );
    refused_on(
        &env,
        "2024-07-01",
        &["spend", "A5-04", "1", "--date", "2024-05-31"],
        "2024-05-31 is inside the closed period 2024-05",
    );
    ok_on(
        &env,
        "2024-07-01",
        &["spend", "A5-04", "1", "--date", "2024-06-01"],
    );
    ok_on(
        &env,
        "2024-07-01",
        &["period", "close", "2024Q2", "--reason", "二季度结账"],
    );
    // Closed and never reopened: the report says nothing of reopening.
    let closed = ok_on(&env, "2024-07-01", &["report", "quarterly", "2024Q2"]);
    assert!(!closed.contains("reopened"), "{closed}");
    refused_on(
        &env,
        "2024-07-01",
        &["period", "close", "2024-05", "--reason", "r"],
        "the books are already closed through 2024-06-30 (the close of 2024Q2",
    );
    refused_on(
        &env,
        "2024-07-02",
        &["period", "reopen", "2024-05", "--reason", "r"],
        "the books stay closed through 2024-06-30 by the close of 2024Q2: reopen 2024Q2 first",
    );
    ok_on(
        &env,
        "2024-07-02",
        &[
            "period",
            "reopen",
            "2024Q2",
            "--reason",
            "补录漏记凭证",
            "--by",
            "财务科长",
        ],
    );
    // Reopened: Q2 dates after May are open again (May stays closed by its own close).
    ok_on(
        &env,
        "2024-07-02",
        &["spend", "A5-04", "7", "--date", "2024-06-20"],
    );
    refused_on(
        &env,
        "2024-07-02",
        &["spend", "A5-04", "7", "--date", "2024-05-20"],
        "closed period 2024-05",
    );
    // Every report of the reopened period says so: the table under it, CSV on stderr.
    let table = ok_on(&env, "2024-07-02", &["report", "quarterly", "2024Q2"]);
    assert!(
        table.contains("this period was reopened after a close"),
        "{table}"
    );
    // The close first, then the reopening, each named for what it was.
    let closed = table.find("2024Q2 closed").expect("the close is named");
    let reopened = table
        .find("2024Q2 reopened")
        .expect("the reopening is named");
    assert!(closed < reopened, "{table}");
    assert!(
        table.contains("2024Q2 reopened")
            && table.contains("财务科长")
            && table.contains("补录漏记凭证"),
        "{table}"
    );
    let (code, csv, err) = on(
        &env,
        "2024-07-02",
        &["report", "quarterly", "2024Q2", "--format", "csv"],
    );
    assert_eq!(code, 0);
    assert!(!csv.contains("reopened"), "CSV rows stay plain");
    assert!(
        err.contains("this period was reopened after a close"),
        "{err}"
    );
    let list = env.records(&["period", "list"]);
    let actions: Vec<(&str, &str)> = list
        .iter()
        .map(|r| (&r["period"][..], &r["action"][..]))
        .collect();
    assert_eq!(
        actions,
        [
            ("2024-05", "close"),
            ("2024Q2", "close"),
            ("2024Q2", "reopen")
        ]
    );
    assert_eq!(env.run(&["check"]).0, 0);
    // The history shows every close and reopening.
    let h = env.records(&["history"]);
    assert!(h
        .iter()
        .any(|r| &r["action"] == "reopen" && r["reason"].contains("补录")));
}

#[test]
fn a_year_close_files_its_four_quarters_and_the_annual_report() {
    let env = quarter();
    let out = ok_on(
        &env,
        "2025-01-03",
        &["period", "close", "2024", "--reason", "年度结账"],
    );
    for name in [
        "quarterly report 2024Q1",
        "quarterly report 2024Q2",
        "quarterly report 2024Q3",
        "quarterly report 2024Q4",
        "annual report 2024",
    ] {
        assert!(out.contains(&format!("{name}: sha256 ")), "{out}");
    }
    let annual = ok_on(
        &env,
        "2025-01-03",
        &["report", "annual", "2024", "--format", "csv"],
    );
    ok_on(
        &env,
        "2025-01-04",
        &["spend", "A5-04", "1", "--date", "2025-01-02"],
    );
    assert_eq!(
        ok_on(
            &env,
            "2025-01-04",
            &["report", "annual", "2024", "--format", "csv"]
        ),
        annual
    );
    refused_on(
        &env,
        "2025-01-04",
        &["spend", "A5-04", "1", "--date", "2024-12-31"],
        "closed period 2024",
    );
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn recorded_time_only_moves_forward() {
    let env = quarter();
    // The ledger's latest record was made on 2024-06-28: a write "before" it is refused.
    refused_on(
        &env,
        "2024-06-27",
        &["spend", "A5-04", "1", "--date", "2024-06-01"],
        "this write's clock says 2024-06-27T00:00:00Z, earlier than the ledger's latest record (2024-06-28T00:00:00Z)",
    );
    // A clock ahead of the system clock cannot write at all.
    refused_on(
        &env,
        "2200-12-31",
        &["start", "A1-02", "--date", "2200-12-31"],
        "ahead of the system clock",
    );
    refused_on(
        &env,
        "2199-01-01",
        &["config", "overspend", "stop"],
        "a write cannot be recorded in the future",
    );
    // Reading with any pinned clock is allowed.
    ok_on(&env, "2200-12-31", &["totals"]);
    ok_on(
        &env,
        "2024-06-28",
        &["spend", "A5-04", "1", "--date", "2024-06-01"],
    );
}

#[test]
fn a_payment_is_judged_by_its_projects_state_on_its_own_date() {
    let env = TestEnv::from_template("past-judged", |env| {
        env.ok(&[
            "--today",
            "2024-08-20",
            "start",
            "A2-04",
            "--date",
            "2024-01-02",
        ]);
        env.ok(&[
            "--today",
            "2024-08-20",
            "complete",
            "A2-04",
            "--date",
            "2024-08-10",
        ]);
    });
    // Recorded after the completion, dated before it: a payment, not retention money.
    let out = ok_on(
        &env,
        "2024-08-21",
        &["spend", "A2-04", "100", "--date", "2024-08-01"],
    );
    assert!(!out.contains("after completion"), "{out}");
    let out = ok_on(
        &env,
        "2024-08-21",
        &["spend", "A2-04", "50", "--date", "2024-08-15"],
    );
    assert!(out.contains("after completion"), "{out}");
    let kinds: Vec<String> = env
        .records(&["spending", "list"])
        .iter()
        .map(|r| r["kind"].to_string())
        .collect();
    assert_eq!(kinds[0], "payment");
    assert_ne!(kinds[1], "payment");
    // A payment dated while the project was still planned warns of it, by `spend` and
    // by an import alike; one dated while it was in progress does not.
    let (_, _, err) = on(
        &env,
        "2024-08-21",
        &["spend", "A2-04", "1", "--date", "2023-12-01"],
    );
    assert!(err.contains("A2-04: the project is planned"), "{err}");
    let file = env.dir.path().join("pay.csv");
    std::fs::write(
        &file,
        "project_id,date,amount_wan,voucher,note\nA2-04,2023-12-02,1,,\nA2-04,2024-03-01,1,,\n",
    )
    .unwrap();
    let (code, _, err) = on(
        &env,
        "2024-08-21",
        &["spending", "import", file.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("pay.csv:2: A2-04: the project was planned on 2023-12-02"),
        "{err}"
    );
    assert!(!err.contains("pay.csv:3"), "{err}");
    let kinds: Vec<String> = env
        .records(&["spending", "list"])
        .iter()
        .map(|r| r["kind"].to_string())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| *k == "payment").count(),
        4,
        "{kinds:?}"
    );
    // Overspending is measured against the estimate in force on the payment's date:
    // A2-04's estimate is cut to 200 from 2024-09-01; a payment dated in August stays
    // within the 10000 of then.
    ok_on(
        &env,
        "2024-09-02",
        &[
            "estimate",
            "A2-04",
            "200",
            "--stage",
            "final",
            "--reason",
            "决算",
            "--date",
            "2024-09-01",
        ],
    );
    let (code, _, err) = on(
        &env,
        "2024-09-02",
        &[
            "spend",
            "A2-04",
            "10",
            "--date",
            "2024-08-05",
            "--overspend",
            "stop",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("above the current estimate"), "{err}");
    let (code, _, err) = on(
        &env,
        "2024-09-02",
        &[
            "spend",
            "A2-04",
            "60",
            "--date",
            "2024-09-02",
            "--overspend",
            "stop",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert_one_line_error(&err, "above the current estimate 200 (10k CNY)");
}

/// A fresh copy of a ledger with a little of everything: versions, departments, a
/// setting, payments, a close.
fn tamper_target() -> TestEnv {
    TestEnv::from_template("past-tamper", |env| {
        env.ok(&[
            "--today",
            "2024-06-28",
            "start",
            "A5-04",
            "--date",
            "2023-03-01",
        ]);
        env.ok(&[
            "--today",
            "2024-06-28",
            "spend",
            "A5-04",
            "10",
            "--date",
            "2024-05-01",
        ]);
        env.ok(&["--today", "2024-06-28", "config", "overspend", "stop"]);
        env.ok(&[
            "--today",
            "2024-07-01",
            "period",
            "close",
            "2024Q2",
            "--reason",
            "r",
        ]);
        assert_eq!(env.run(&["check"]).0, 0);
    })
}

/// Tampers with `sql` through another SQLite client and returns what `check` says of
/// the chain, the replay and the triggers (exit code 1 asserted).
fn tampered(sql: &str) -> String {
    let env = tamper_target();
    let conn = env.sqlite();
    conn.execute_batch("PRAGMA foreign_keys = OFF;").unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    let (code, out, err) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 1, "{sql}: {out}{err}");
    out
}

#[test]
fn every_tampering_behind_the_programs_back_is_named_by_check() {
    for (sql, named) in [
        (
            "DROP TRIGGER project_version_no_update;
             UPDATE project_version SET estimate_yuan = estimate_yuan + 1 WHERE project_id = 'A1-01';",
            "project_version 1 (A1-01) was altered",
        ),
        (
            "DROP TRIGGER project_version_no_update;
             UPDATE project_version SET status = 'completed' WHERE id = (SELECT MAX(id) FROM project_version WHERE project_id = 'A5-04');",
            "(A5-04) was altered",
        ),
        (
            "DROP TRIGGER project_version_no_update;
             UPDATE project_version SET estimate_yuan = CASE project_id WHEN 'A1-01' THEN 20000000 ELSE 10000000 END
              WHERE change = 'seed' AND project_id IN ('A1-01', 'A1-02');",
            "project_version 2 (A1-02) was altered",
        ),
        (
            "DROP TRIGGER department_no_update; UPDATE department SET name = '区水务局' WHERE name = '区水利局';",
            "was altered",
        ),
        (
            "DROP TRIGGER category_no_update; UPDATE category SET name = '生态环境' WHERE table_no = 1;",
            "category 1 was altered",
        ),
        (
            "DROP TRIGGER setting_no_update; UPDATE setting SET value = 'warn' WHERE key = 'overspend';",
            "setting 1 was altered",
        ),
        (
            "DROP TRIGGER project_no_delete; DELETE FROM project WHERE id = 'A6-03';",
            "journal record 1 (seed): its rows were changed, added or removed",
        ),
        ("DROP TRIGGER journal_no_delete;", "missing: journal_no_delete"),
        (
            "DROP TRIGGER period_close_no_update; UPDATE period_close SET through_date = '2024-03-31';",
            "period_close 1 was altered",
        ),
        (
            "DROP TRIGGER spending_no_delete; DELETE FROM spending WHERE id = 1;",
            "its rows were changed, added or removed",
        ),
    ] {
        let out = tampered(sql);
        assert!(out.contains(named), "{sql}\nexpected {named:?} in\n{out}");
    }
    // A deleted project leaves its versions referring to nothing, and check names them.
    let out = tampered("DROP TRIGGER project_no_delete; DELETE FROM project WHERE id = 'A6-03';");
    assert!(out.contains("refers to a row that does not exist"), "{out}");
    // A row forged with a hash of its own matching its fields is still caught: its
    // write's digest does not include it.
    let out = tampered(
        "INSERT INTO spending (id, project_id, date, amount_fen, after_completion, recorded_at, actor, jseq, rhash)
         VALUES (99, 'A5-04', '2024-07-15', 10000, 0, '2024-07-15T00:00:00Z', 'x', 2, x'00');",
    );
    assert!(
        out.contains("spending 99 (A5-04) was altered") || out.contains("out of place"),
        "{out}"
    );
    // An edit that the replay catches where hashes were recomputed would need the whole
    // chain rewritten: the deleted department reference shows up as a broken reference.
    let out = tampered(
        "DROP TRIGGER version_department_no_delete;
         DELETE FROM version_department WHERE version_id = 1;",
    );
    assert!(out.contains("journal record 1 (seed)"), "{out}");
}

/// A project added with one of its fields' history records removed: the replay names
/// the field it was created without.
#[test]
fn the_history_replay_names_a_creation_without_a_fields_record() {
    let env = TestEnv::seeded();
    env.ok(&[
        "projects",
        "add",
        "--category",
        "1",
        "--group",
        "g",
        "--description",
        "新项目",
        "--estimate",
        "10",
        "--schedule",
        "2026",
        "--department",
        "区林业局",
    ]);
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER history_no_delete;
             DELETE FROM history WHERE project_id = 'N0001' AND field = 'description';",
        )
        .unwrap();
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 1);
    let replay = check_row(&out, "history replay");
    assert!(
        replay["detail"].contains("was created without a history record of its description"),
        "{}",
        &replay["detail"]
    );
}

#[test]
fn the_history_replay_names_a_version_its_history_does_not_explain() {
    // A version whose fields and hash were both rewritten (the journal digest would
    // also differ; the replay names the project and the field).
    let env = tamper_target();
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER project_version_no_update;
             UPDATE project_version SET group_name = '改名' WHERE project_id = 'A1-01';",
        )
        .unwrap();
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 1);
    let replay = check_row(&out, "history replay");
    assert_eq!(
        &replay["result"], "ok",
        "a seed version's group is not in its history"
    );
    // A change's version that does not follow from its predecessor and history.
    let env = tamper_target();
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER project_version_no_update;
             UPDATE project_version SET group_name = '改名'
              WHERE id = (SELECT MAX(id) FROM project_version WHERE project_id = 'A5-04');",
        )
        .unwrap();
    let (_, out, _) = env.run(&["check", "--format", "csv"]);
    let replay = check_row(&out, "history replay");
    assert_eq!(&replay["result"], "mismatch");
    assert!(
        replay["detail"].contains(
            "(A5-04) group is 改名, but its predecessor and history give 渝西水资源配置工程"
        ),
        "{}",
        &replay["detail"]
    );
}

#[test]
fn an_anchor_from_a_filed_report_catches_the_newest_records_cut_off() {
    let env = quarter();
    ok_on(
        &env,
        "2024-07-01",
        &["spend", "A5-04", "1", "--date", "2024-06-30"],
    );
    // The head printed under a report: what a filed copy carries.
    let table = ok_on(&env, "2024-07-01", &["report", "quarterly", "2024Q2"]);
    // (On 80 columns the hash may wrap onto the next line.)
    let words: Vec<&str> = table
        .split("ledger chain head #")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    let head = words[1].to_string();
    assert_eq!(head.len(), 64);
    assert_eq!(env.run(&["check", "--anchor", &head]).0, 0);
    // The newest write cut off with its rows: the chain alone still holds ...
    let conn = env.sqlite();
    conn.execute_batch(
        "DROP TRIGGER journal_no_delete; DROP TRIGGER spending_no_delete; DROP TRIGGER history_no_delete;
         DELETE FROM spending WHERE jseq = (SELECT MAX(seq) FROM journal);
         DELETE FROM journal WHERE seq = (SELECT MAX(seq) FROM journal);",
    )
    .unwrap();
    drop(conn);
    let (_, out, _) = env.run(&["check", "--format", "csv"]);
    let chain = check_row(&out, "hash chain over every record");
    assert_eq!(&chain["result"], "ok", "{out}");
    // ... but the anchor is gone, and check says so.
    let (code, out, _) = env.run(&["check", "--anchor", &head, "--format", "csv"]);
    assert_eq!(code, 1);
    let anchor = check_row(&out, "anchor");
    assert_eq!(&anchor["result"], "mismatch");
    assert!(anchor["detail"].contains("does not contain this head"));
    env.refused(
        &["check", "--anchor", "abc"],
        "--anchor: 'abc' is not a chain head",
    );
}

#[test]
fn known_at_reproduces_every_view_as_it_was() {
    let env = quarter();
    let views: Vec<Vec<&str>> = vec![
        vec!["totals", "--by", "category"],
        vec!["projects", "show", "A5-04"],
        vec!["projects", "list"],
        vec!["history", "A5-04"],
        vec!["spending", "list"],
        vec!["reconcile"],
        vec!["report", "annual", "2024"],
    ];
    let then: Vec<String> = views
        .iter()
        .map(|v| env.ok(&[&v[..], &["--format", "csv", "--known-at", "2024-06-28"]].concat()))
        .collect();
    ok_on(
        &env,
        "2024-07-03",
        &["spend", "--reverse", "3", "--reason", "r"],
    );
    ok_on(
        &env,
        "2024-07-03",
        &[
            "estimate", "A5-04", "340000", "--stage", "budget", "--reason", "r",
        ],
    );
    ok_on(
        &env,
        "2024-07-03",
        &[
            "projects",
            "add",
            "--category",
            "2",
            "--group",
            "g",
            "--description",
            "d",
            "--estimate",
            "5",
            "--schedule",
            "2024",
            "--department",
            "区林业局",
        ],
    );
    for (v, before) in views.iter().zip(&then) {
        let now = env.ok(&[&v[..], &["--format", "csv", "--known-at", "2024-06-28"]].concat());
        assert_eq!(&now, before, "{v:?}");
        let current = env.ok(&[&v[..], &["--format", "csv"]].concat());
        if !v.contains(&"reconcile") {
            assert_ne!(&current, before, "{v:?} did change since");
        }
    }
    // A moment with its time: before the first payment was recorded there was none.
    let none = env.records(&["spending", "list", "--known-at", "2024-06-27T23:59:59"]);
    assert!(none.is_empty());
    env.refused(
        &["totals", "--known-at", "yesterday"],
        "--known-at: 'yesterday' is not a date",
    );
}

#[test]
fn a_legacy_ledger_locked_by_far_future_dates_is_recoverable() {
    // Made by the schema-3 release with `--today 2200-12-31`: A1-02 started on
    // 2200-12-31 and paid 5 万元 that day.
    let env = TestEnv::new();
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3-future.sqlite"),
        &env.db,
    )
    .unwrap();
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 1);
    let future = check_row(&out, "dates and times in the future");
    assert!(
        future["detail"].contains("project_version A1-02 2200-12-31"),
        "{out}"
    );
    assert!(
        future["detail"].contains("spending 1 (A1-02) 2200-12-31"),
        "{out}"
    );
    // The guide's recovery: changes dated today supersede the future-dated ones.
    env.ok(&[
        "cancel",
        "A1-02",
        "--reason",
        "开工日期录入错误（时钟错误）",
    ]);
    env.ok(&["reopen", "A1-02", "--reason", "恢复为储备"]);
    env.ok(&[
        "spend",
        "--reverse",
        "1",
        "--reason",
        "日期错误（时钟错误）",
    ]);
    assert_eq!(
        env.json(&["projects", "show", "A1-02"])["status"],
        "planned"
    );
    assert_eq!(env.run(&["check"]).0, 0);
    // And the project takes changes dated today like any other.
    env.ok(&["start", "A1-02"]);
}

/// The running totals are derived data: a total changed, removed or left behind by
/// records added around the triggers is named by `check` with both figures, and the
/// ledger's own records stay what they were.
#[test]
fn a_running_total_that_differs_from_its_records_is_named_by_check() {
    for (sql, named) in [
        (
            "UPDATE running_total SET amount = amount + 1 WHERE kind = 'payments_fen';",
            "payments_fen: the file keeps 10000001, its records sum to 10000000",
        ),
        (
            "DELETE FROM running_total WHERE kind = 'estimates_yuan';",
            "estimates_yuan: the file keeps —, its records sum to 7853410000",
        ),
        (
            "DROP TRIGGER spending_running_total;
             INSERT INTO spending (project_id, date, amount_fen, after_completion, recorded_at, actor, jseq, rhash)
             SELECT project_id, date, amount_fen, after_completion, recorded_at, actor, jseq, rhash FROM spending;",
            "payments_fen: the file keeps 10000000, its records sum to 20000000",
        ),
    ] {
        let out = tampered(sql);
        let row = check_row(&out, "running totals");
        assert_eq!(&row["result"], "mismatch", "{sql}");
        assert!(row["detail"].contains(named), "{sql}: {}", &row["detail"]);
    }
}

/// The page aggregates are derived data too: a row changed, removed, or left behind by
/// records added around the write path or the trigger is named by `check` with its key
/// and both figures.
#[test]
fn a_page_aggregate_that_differs_from_its_records_is_named_by_check() {
    for (sql, named) in [
        (
            "UPDATE year_total SET q2_yuan = q2_yuan + 1
              WHERE table_no = 5 AND status = 'in_progress' AND year = 2024;",
            "year_total 5/in_progress/2024: the file keeps projects=1 amount_yuan=835000000 \
             q1_yuan=208750000 q2_yuan=208750001 q3_yuan=208750000 q4_yuan=208750000, its \
             records give projects=1 amount_yuan=835000000 q1_yuan=208750000 \
             q2_yuan=208750000 q3_yuan=208750000 q4_yuan=208750000",
        ),
        (
            "DELETE FROM spending_month;",
            "spending_month 2024-05: the file keeps —, its records give entries=1 amount_fen=10000000",
        ),
        (
            "DROP TRIGGER spending_month_total;
             INSERT INTO spending (project_id, date, amount_fen, after_completion, recorded_at, actor, jseq, rhash)
             SELECT project_id, date, amount_fen, after_completion, recorded_at, actor, jseq, rhash FROM spending;",
            "spending_month 2024-05: the file keeps entries=1 amount_fen=10000000, its records give entries=2 amount_fen=20000000",
        ),
        (
            "INSERT INTO project_version (project_id, effective_date, change, table_no, group_name,
                    description, status, estimate_yuan, stage, start_year, end_year, has_plan, jseq, rhash)
             SELECT project_id, '2024-06-01', 'status', table_no, group_name, description, 'cancelled',
                    estimate_yuan, stage, start_year, end_year, has_plan, jseq, rhash
               FROM project_version WHERE project_id = 'A6-01';",
            "project_total 6/cancelled: the file keeps —, its records give projects=1 estimate_yuan=",
        ),
    ] {
        let out = tampered(sql);
        let row = check_row(&out, "page aggregates");
        assert_eq!(&row["result"], "mismatch", "{sql}");
        assert!(row["detail"].contains(named), "{sql}: {}", &row["detail"]);
    }
}
