//! The audit log (append-only, enforced by the database) and point-in-time views that
//! do not change when later changes are recorded.

use crate::env::{assert_cells, columns, records, Record, TestEnv};

/// The record whose `column` is `value`.
#[track_caller]
fn find<'a>(rows: &'a [Record], column: &str, value: &str) -> &'a Record {
    rows.iter()
        .find(|r| &r[column] == value)
        .unwrap_or_else(|| panic!("no row with {column} = {value:?} in {rows:?}"))
}

#[test]
fn history_lists_every_change_with_who_when_and_why() {
    let env = TestEnv::new();
    env.ok(&[
        "--today",
        "2025-01-10",
        "start",
        "A3-05",
        "--date",
        "2024-12-01",
        "--by",
        "王芳",
    ]);
    env.ok(&[
        "estimate",
        "A3-05",
        "520",
        "--stage",
        "budget",
        "--reason",
        "采购预算",
        "--by",
        "刘强",
    ]);
    let text = env.ok(&["history", "A3-05", "--format", "csv"]);
    assert_eq!(
        columns(&text),
        [
            "seq",
            "recorded_at",
            "effective_date",
            "actor",
            "project",
            "action",
            "field",
            "old_value",
            "new_value",
            "reason",
            "note",
            "signed_in"
        ]
    );
    // Oldest first.
    let rows = records(&text);
    assert_cells(
        &rows[0],
        &[
            ("effective_date", "2022-10-18"),
            ("actor", "ecoledger"),
            ("project", "A3-05"),
            ("action", "seed"),
            ("field", "estimate_wan"),
            ("old_value", ""),
            ("new_value", "500"),
        ],
    );
    assert_cells(
        &rows[1],
        &[
            ("recorded_at", "2025-01-10T00:00:00Z"),
            ("effective_date", "2024-12-01"),
            ("actor", "王芳"),
            ("project", "A3-05"),
            ("action", "start"),
            ("field", "status"),
            ("old_value", "planned"),
            ("new_value", "in_progress"),
        ],
    );
    assert_cells(
        &rows[2],
        &[
            ("recorded_at", "2026-11-28T00:00:00Z"),
            ("effective_date", "2026-11-28"),
            ("actor", "刘强"),
            ("project", "A3-05"),
            ("action", "estimate"),
            ("field", "estimate_wan"),
            ("old_value", "500"),
            ("new_value", "520"),
            ("reason", "采购预算"),
        ],
    );
    assert_cells(
        &rows[3],
        &[
            ("field", "stage"),
            ("old_value", "estimate"),
            ("new_value", "budget"),
        ],
    );
    // Filters: recorded since a date, by an actor; everything without an id.
    assert_eq!(env.csv(&["history", "--since", "2026-01-01"]).len(), 3);
    assert_eq!(env.csv(&["history", "--by", "王芳"]).len(), 2);
    assert_eq!(env.csv(&["history"]).len(), 1 + 68 + 3);
    let (code, _, err) = env.run(&["history", "A7-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown project id 'A7-01'"), "{err}");
    let (code, _, err) = env.run(&["history", "--since", "2026-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("--since"), "{err}");
    // JSON carries the same records.
    let json = env.json(&["history", "A3-05"]);
    assert_eq!(json[1]["actor"], "王芳");
    assert!(json[0]["old_value"].is_null());
}

#[test]
fn history_and_versions_refuse_update_and_delete() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A1-01"]);
    env.ok(&["plan", "A1-01", "2022=1000"]);
    let conn = env.sqlite();
    for sql in [
        "UPDATE history SET actor = 'someone else'",
        "DELETE FROM history WHERE project_id = 'A1-01'",
        "UPDATE project_version SET estimate_yuan = 1",
        "DELETE FROM project_version",
        "UPDATE version_department SET position = 9",
        "DELETE FROM version_plan_year",
    ] {
        let err = conn.execute(sql, []).expect_err(sql).to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
    drop(conn);
    let history = env.records(&["history", "A1-01"]);
    assert_eq!(history.last().unwrap()["actor"], *"tester");
}

#[test]
fn an_as_of_report_stays_identical_after_later_changes() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    env.ok(&[
        "estimate",
        "A5-04",
        "341200",
        "--stage",
        "preliminary",
        "--reason",
        "概算",
        "--date",
        "2023-06-30",
    ]);
    env.ok(&["start", "A1-16", "--date", "2022-11-01"]);
    env.ok(&["complete", "A1-16", "--date", "2022-12-20"]);
    let reports: Vec<Vec<&str>> = vec![
        vec![
            "totals",
            "--by",
            "status",
            "--as-of",
            "2024-06-30",
            "--format",
            "csv",
        ],
        vec![
            "totals",
            "--by",
            "year",
            "--as-of",
            "2024-06-30",
            "--format",
            "csv",
        ],
        vec![
            "totals",
            "--by",
            "department",
            "--as-of",
            "2024-06-30",
            "--format",
            "json",
        ],
        vec![
            "projects",
            "list",
            "--as-of",
            "2024-06-30",
            "--format",
            "csv",
        ],
        vec!["projects", "show", "A5-04", "--as-of", "2024-06-30"],
        vec!["projects", "list", "--overdue", "--as-of", "2024-06-30"],
    ];
    let before: Vec<String> = reports.iter().map(|a| env.ok(a)).collect();
    // Later changes, effective after the report date.
    env.ok(&[
        "estimate",
        "A5-04",
        "350000",
        "--stage",
        "budget",
        "--reason",
        "预算",
        "--date",
        "2024-07-01",
    ]);
    env.ok(&[
        "plan",
        "A5-04",
        "2022=100000",
        "2023=100000",
        "2024=100000",
        "2025=50000",
        "--date",
        "2024-08-01",
    ]);
    env.ok(&["complete", "A5-04", "--date", "2025-12-31"]);
    env.ok(&[
        "cancel",
        "A4-08",
        "--reason",
        "并入",
        "--date",
        "2025-01-01",
    ]);
    env.ok(&[
        "projects",
        "edit",
        "A5-04",
        "--description",
        "改写后的描述",
        "--date",
        "2026-01-01",
    ]);
    env.ok(&[
        "projects",
        "add",
        "--category",
        "1",
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
        "--date",
        "2025-02-01",
    ]);
    let after: Vec<String> = reports.iter().map(|a| env.ok(a)).collect();
    for ((args, b), a) in reports.iter().zip(&before).zip(&after) {
        assert_eq!(b, a, "{args:?} changed");
    }
    // And the current view does see the later changes.
    assert_eq!(
        env.json(&["projects", "show", "A5-04"])["status"],
        "completed"
    );
    assert_cells(
        find(&records(&before[0]), "key", "in_progress"),
        &[("projects", "1"), ("estimate_wan", "341200")],
    );
}

#[test]
fn as_of_reads_the_state_at_the_end_of_the_day() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    let at = |d: &str| {
        env.json(&["projects", "show", "A5-04", "--as-of", d])["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(at("2023-02-28"), "planned");
    assert_eq!(at("2023-03-01"), "in_progress");
    // Before the plan was issued there was nothing to show.
    let (code, _, err) = env.run(&["projects", "show", "A5-04", "--as-of", "2022-01-01"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("A5-04 is not in this view of the ledger: it takes effect on 2022-10-18"),
        "{err}"
    );
    let (code, _, err) = env.run(&["totals", "--as-of", "2024-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("--as-of"), "{err}");
    let (code, _, _) = env.run(&["totals", "--as-of", "2024-01-01", "--original"]);
    assert_eq!(code, 2, "--as-of and --original exclude each other");
}

#[test]
fn overdue_lists_unfinished_projects_whose_schedule_has_ended() {
    let env = TestEnv::seeded();
    // Today is 2026-11-28: every seeded schedule ended by 2025 and nothing is finished.
    assert_eq!(env.csv(&["projects", "list", "--overdue"]).len(), 69);
    // At the end of 2024, the projects that ended in 2022 or 2023 were overdue.
    let then = env.records(&["projects", "list", "--overdue", "--as-of", "2024-12-31"]);
    assert_eq!(then.len(), 19);
    assert!(then.iter().all(|r| &r["end_year"] < "2024"), "{then:?}");
    env.ok(&["start", "A1-16", "--date", "2022-11-01"]);
    env.ok(&["complete", "A1-16", "--date", "2022-12-20"]);
    env.ok(&["cancel", "A1-09", "--reason", "已由公交集团实施"]);
    let now = env.records(&["projects", "list", "--overdue"]);
    assert_eq!(now.len(), 66);
    assert!(!now
        .iter()
        .any(|r| &r["id"] == "A1-16" || &r["id"] == "A1-09"));
    let status = env.records(&["totals", "--by", "status"]);
    for (key, projects, estimate) in [
        ("planned", "66", "780141"),
        ("completed", "1", "4200"),
        ("cancelled", "1", "1000"),
    ] {
        assert_cells(
            find(&status, "key", key),
            &[("projects", projects), ("estimate_wan", estimate)],
        );
    }
}
