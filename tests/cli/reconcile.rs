//! `reconcile`: passes on the seeded ledger; after another SQLite client edits the file
//! it names the table or project, the stated and computed figures and the difference,
//! and exits 1.

use crate::env::TestEnv;

#[test]
fn passes_on_the_seeded_ledger() {
    let env = TestEnv::new();
    let (code, out, _) = env.run(&["reconcile"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("all checks passed"), "{out}");
    let rows = env.csv(&["reconcile"]);
    assert_eq!(
        rows[0],
        [
            "check",
            "subject",
            "stated_wan",
            "computed_wan",
            "difference_wan",
            "result"
        ]
    );
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[5] == "ok" || r[5] == "unchanged"),
        "{rows:?}"
    );
    assert_eq!(
        rows[1..].iter().filter(|r| r[5] == "unchanged").count(),
        7,
        "variance per table and overall"
    );
    let table1 = rows
        .iter()
        .find(|r| r[1].starts_with("appendix table 1 "))
        .unwrap();
    assert_eq!(table1[2..], ["152173", "152173", "0", "ok"]);
    let grand = rows
        .iter()
        .find(|r| r[0] == "plan: grand total of all tables")
        .unwrap();
    assert_eq!(grand[2..], ["785341", "785341", "0", "ok"]);
}

#[test]
fn names_the_table_and_difference_when_an_estimate_was_edited_behind_its_back() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    // 1 元 more on A1-05, as if someone edited the file with another client.
    // 1 元 more on A1-05's plan figure, as if someone edited the file with another
    // client (dropping the guard that refuses such updates first).
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER project_version_no_update;
             UPDATE project_version SET estimate_yuan = estimate_yuan + 1 WHERE project_id = 'A1-05';",
        )
        .unwrap();
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 1, "{out}");
    let bad: Vec<&str> = out.lines().filter(|l| l.ends_with("MISMATCH")).collect();
    assert_eq!(
        bad,
        [
            "plan: subtotal of appendix table,appendix table 1 environmental quality,152173,152173.0001,0.0001,MISMATCH",
            "plan: grand total of all tables,grand total,785341,785341.0001,0.0001,MISMATCH"
        ],
        "{out}"
    );
    let (code, out, _) = env.run(&["reconcile"]);
    assert_eq!(code, 1);
    assert!(out.contains("differences found (2/11)"), "{out}");
}

#[test]
fn names_a_stated_total_that_no_longer_matches() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    env.sqlite()
        .execute(
            "UPDATE category SET stated_total_yuan = 5000000 WHERE table_no = 6",
            [],
        )
        .unwrap();
    let (code, out, _) = env.run(&["--lang", "zh", "reconcile", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("附表6 生态文化建设,500,300,-200,不一致"),
        "{out}"
    );
}

#[test]
fn names_a_project_whose_plan_was_edited_behind_its_back() {
    let env = TestEnv::new();
    env.ok(&[
        "--today",
        "2026-01-05",
        "plan",
        "A2-04",
        "2022=4000",
        "2023=3000",
        "2024=3000",
        "--by",
        "t",
    ]);
    assert_eq!(env.run(&["reconcile"]).0, 0);
    // Move 1 元 of the plan into a year outside the schedule with another client.
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER version_plan_year_no_update;
             UPDATE version_plan_year SET amount_yuan = amount_yuan - 1
              WHERE year = 2022 AND version_id = (SELECT MAX(id) FROM project_version WHERE project_id = 'A2-04');
             INSERT INTO version_plan_year
             SELECT MAX(id), 2026, 1 FROM project_version WHERE project_id = 'A2-04';",
        )
        .unwrap();
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "year allocation in SQLite agrees with the rule,A2-04 2026,0,0.0001,0.0001,MISMATCH"
        ),
        "{out}"
    );
    // Now make the plan no longer add up at all.
    env.sqlite()
        .execute_batch("DROP TRIGGER version_plan_year_no_delete; DELETE FROM version_plan_year WHERE year = 2026;")
        .unwrap();
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("each project's year allocation adds up to its estimate,A2-04,10000,9999.9999,-0.0001,MISMATCH"),
        "{out}"
    );
}
