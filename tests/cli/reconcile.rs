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
    assert!(rows[1..].iter().all(|r| r[5] == "ok"), "{rows:?}");
    let table1 = rows
        .iter()
        .find(|r| r[1].starts_with("appendix table 1 "))
        .unwrap();
    assert_eq!(table1[2..], ["152173", "152173", "0", "ok"]);
    let grand = rows
        .iter()
        .find(|r| r[0] == "grand total of all tables")
        .unwrap();
    assert_eq!(grand[2..], ["785341", "785341", "0", "ok"]);
}

#[test]
fn names_the_table_and_difference_when_an_estimate_was_edited_behind_its_back() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    // 1 元 more on A1-05, as if someone edited the file with another client.
    env.sqlite()
        .execute(
            "UPDATE project SET estimate_yuan = estimate_yuan + 1 WHERE id = 'A1-05'",
            [],
        )
        .unwrap();
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 1, "{out}");
    let bad: Vec<&str> = out.lines().filter(|l| l.ends_with("MISMATCH")).collect();
    assert_eq!(
        bad,
        [
            "subtotal of appendix table,appendix table 1 environmental quality,152173,152173.0001,0.0001,MISMATCH",
            "grand total of all tables,grand total,785341,785341.0001,0.0001,MISMATCH"
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
fn names_a_project_whose_years_disagree_with_the_rule() {
    let env = TestEnv::new();
    env.ok(&["info"]);
    // Replace the year view with one that drops the leftover 元, as a broken upgrade might.
    let conn = env.sqlite();
    conn.execute_batch(
        "DROP VIEW project_year;
         CREATE VIEW project_year AS
         WITH RECURSIVE span (project_id, year, end_year, n, estimate_yuan) AS (
           SELECT id, start_year, end_year, end_year - start_year + 1, estimate_yuan FROM project
           UNION ALL SELECT project_id, year + 1, end_year, n, estimate_yuan FROM span WHERE year < end_year)
         SELECT project_id, year, estimate_yuan / n AS amount_yuan FROM span;",
    )
    .unwrap();
    drop(conn);
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("each project's year allocation adds up to its estimate,A2-04,10000,9999.9999,-0.0001,MISMATCH"),
        "{out}"
    );
    assert!(
        out.contains("year allocation in SQLite agrees with the rule,A2-04 2022,3333.3334,3333.3333,-0.0001,MISMATCH"),
        "{out}"
    );
}
