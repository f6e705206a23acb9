//! `reconcile`: passes on the seeded ledger; after another SQLite client edits the file
//! it names the table or project, the stated and computed figures and the difference,
//! and exits 1.

use crate::env::{columns, records, Record, TestEnv};

/// A check's row as (check, subject, stated, computed, difference, result).
fn check(r: &Record) -> [&str; 6] {
    [
        &r["check"],
        &r["subject"],
        &r["stated_wan"],
        &r["computed_wan"],
        &r["difference_wan"],
        &r["result"],
    ]
}

/// A check's figures and result: (stated, computed, difference, result).
fn figures(r: &Record) -> [&str; 4] {
    [
        &r["stated_wan"],
        &r["computed_wan"],
        &r["difference_wan"],
        &r["result"],
    ]
}

/// The rows of reconcile's CSV whose subject is `subject`, as [`check`] gives them.
#[track_caller]
fn by_subject<'a>(rows: &'a [Record], subject: &str) -> Vec<[&'a str; 6]> {
    let found: Vec<_> = rows
        .iter()
        .filter(|r| &r["subject"] == subject)
        .map(check)
        .collect();
    assert!(!found.is_empty(), "no check of {subject:?} in {rows:?}");
    found
}

#[test]
fn passes_on_the_seeded_ledger() {
    let env = TestEnv::seeded();
    let (code, out, _) = env.run(&["reconcile"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("all checks passed"), "{out}");
    let text = env.ok(&["reconcile", "--format", "csv"]);
    assert_eq!(
        columns(&text),
        [
            "check",
            "subject",
            "stated_wan",
            "computed_wan",
            "difference_wan",
            "result",
            "unit"
        ]
    );
    let rows = records(&text);
    assert!(
        rows.iter()
            .all(|r| &r["result"] == "ok" || &r["result"] == "unchanged"),
        "{rows:?}"
    );
    assert_eq!(
        rows.iter().filter(|r| &r["result"] == "unchanged").count(),
        7,
        "variance per table and overall"
    );
    let table1 = rows
        .iter()
        .find(|r| r["subject"].starts_with("appendix table 1 "))
        .unwrap();
    assert_eq!(figures(table1), ["152173", "152173", "0", "ok"]);
    let grand = rows
        .iter()
        .find(|r| &r["check"] == "plan: grand total of all tables")
        .unwrap();
    assert_eq!(figures(grand), ["785341", "785341", "0", "ok"]);
}

#[test]
fn names_the_table_and_difference_when_an_estimate_was_edited_behind_its_back() {
    let env = TestEnv::seeded();
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
    let rows = records(&out);
    let bad: Vec<[&str; 6]> = rows
        .iter()
        .filter(|r| &r["result"] == "mismatch")
        .map(check)
        .collect();
    assert_eq!(
        bad,
        [
            [
                "plan: subtotal of appendix table",
                "appendix table 1 environmental quality",
                "152173",
                "152173.0001",
                "0.0001",
                "mismatch"
            ],
            [
                "plan: grand total of all tables",
                "grand total",
                "785341",
                "785341.0001",
                "0.0001",
                "mismatch"
            ]
        ],
        "{out}"
    );
    let (code, out, _) = env.run(&["reconcile"]);
    assert_eq!(code, 1);
    assert!(out.contains("differences found (2/16)"), "{out}");
}

#[test]
fn names_a_stated_total_that_no_longer_matches() {
    let env = TestEnv::seeded();
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER category_no_update;
             UPDATE category SET stated_total_yuan = 5000000 WHERE table_no = 6;",
        )
        .unwrap();
    let (code, out, _) = env.run(&["--lang", "zh", "reconcile", "--format", "csv"]);
    assert_eq!(code, 1);
    let rows = records(&out);
    assert!(
        rows.iter()
            .filter(|r| &r["subject"] == "附表6 生态文化建设")
            .any(|r| figures(r) == ["500", "300", "-200", "mismatch"]),
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
             SELECT MAX(id), 2026, 1, MAX(jseq), x'00' FROM project_version WHERE project_id = 'A2-04';",
        )
        .unwrap();
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(
        by_subject(&records(&out), "A2-04 2026").contains(&[
            "year allocation in SQLite agrees with the rule",
            "A2-04 2026",
            "0",
            "0.0001",
            "0.0001",
            "mismatch"
        ]),
        "{out}"
    );
    // Now make the plan no longer add up at all.
    env.sqlite()
        .execute_batch("DROP TRIGGER version_plan_year_no_delete; DELETE FROM version_plan_year WHERE year = 2026;")
        .unwrap();
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(
        by_subject(&records(&out), "A2-04").contains(&[
            "each project's year allocation adds up to its estimate",
            "A2-04",
            "10000",
            "9999.9999",
            "-0.0001",
            "mismatch"
        ]),
        "{out}"
    );
}

/// Beside the money, reconcile checks the plan's indicator table: 87 points in 2021 out
/// of 100, 13 not scored (表2-2), of which 8 expected and 5 difficult (表2-3). These
/// rows are in points.
#[test]
fn checks_the_indicator_points_beside_the_money() {
    let env = TestEnv::seeded();
    let rows = env.records(&["reconcile"]);
    let points: Vec<[&str; 4]> = rows
        .iter()
        .filter(|r| &r["unit"] == "points")
        .map(figures)
        .collect();
    assert_eq!(
        points,
        [
            ["87", "87", "0", "ok"],
            ["100", "100", "0", "ok"],
            ["13", "13", "0", "ok"],
            ["8", "8", "0", "ok"],
            ["5", "5", "0", "ok"],
        ]
    );
    assert_eq!(
        by_subject(&rows, "table 2-3 key difficulties")[0][0],
        "not scored, key difficulties"
    );
    assert!(rows
        .iter()
        .filter(|r| &r["unit"] != "points")
        .all(|r| &r["unit"] == "wan"));
    let zh = env.records(&["--lang", "zh", "reconcile"]);
    assert!(
        zh.iter().any(|r| &r["subject"] == "表2-1 合计得分"),
        "{zh:?}"
    );
}
