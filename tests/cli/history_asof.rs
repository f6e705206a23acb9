//! The audit log (append-only, enforced by the database) and point-in-time views that
//! do not change when later changes are recorded.

use crate::env::TestEnv;

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
    let rows = env.csv(&["history", "A3-05"]);
    assert_eq!(
        rows[0],
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
            "note"
        ]
    );
    assert_eq!(
        rows[1][2..9],
        [
            "2022-10-18",
            "ecoledger",
            "A3-05",
            "seed",
            "estimate_wan",
            "",
            "500"
        ]
    );
    assert_eq!(
        rows[2][1..9],
        [
            "2025-01-10T00:00:00Z",
            "2024-12-01",
            "王芳",
            "A3-05",
            "start",
            "status",
            "planned",
            "in_progress"
        ]
    );
    assert_eq!(
        rows[3][1..10],
        [
            "2026-11-28T00:00:00Z",
            "2026-11-28",
            "刘强",
            "A3-05",
            "estimate",
            "estimate_wan",
            "500",
            "520",
            "采购预算"
        ]
    );
    assert_eq!(rows[4][6..9], ["stage", "estimate", "budget"]);
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
    let env = TestEnv::new();
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
    assert_eq!(env.csv(&["history", "A1-01"]).last().unwrap()[3], "tester");
}

#[test]
fn an_as_of_report_stays_identical_after_later_changes() {
    let env = TestEnv::new();
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
    assert!(before[0].contains("in progress,1,341200"), "{}", before[0]);
}

#[test]
fn as_of_reads_the_state_at_the_end_of_the_day() {
    let env = TestEnv::new();
    env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    let at = |d: &str| {
        env.json(&["projects", "show", "A5-04", "--as-of", d])["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(at("2023-02-28"), "planned");
    assert_eq!(at("2023-03-01"), "in progress");
    // Before the plan was issued there was nothing to show.
    let (code, _, err) = env.run(&["projects", "show", "A5-04", "--as-of", "2022-01-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown project id"), "{err}");
    let (code, _, err) = env.run(&["totals", "--as-of", "2024-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("--as-of"), "{err}");
    let (code, _, _) = env.run(&["totals", "--as-of", "2024-01-01", "--original"]);
    assert_eq!(code, 2, "--as-of and --original exclude each other");
}

#[test]
fn overdue_lists_unfinished_projects_whose_schedule_has_ended() {
    let env = TestEnv::new();
    // Today is 2026-11-28: every seeded schedule ended by 2025 and nothing is finished.
    assert_eq!(env.csv(&["projects", "list", "--overdue"]).len(), 69);
    // At the end of 2024, the projects that ended in 2022 or 2023 were overdue.
    let then = env.csv(&["projects", "list", "--overdue", "--as-of", "2024-12-31"]);
    assert_eq!(then.len() - 1, 19);
    assert!(then.iter().all(|r| r[0] == "id" || r[7].as_str() < "2024"));
    env.ok(&["start", "A1-16", "--date", "2022-11-01"]);
    env.ok(&["complete", "A1-16", "--date", "2022-12-20"]);
    env.ok(&["cancel", "A1-09", "--reason", "已由公交集团实施"]);
    let now = env.csv(&["projects", "list", "--overdue"]);
    assert_eq!(now.len() - 1, 66);
    assert!(!now.iter().any(|r| r[0] == "A1-16" || r[0] == "A1-09"));
    let status = env.csv(&["totals", "--by", "status"]);
    assert_eq!(status[1], ["planned", "66", "780141"]);
    assert_eq!(status[4], ["completed", "1", "4200"]);
    assert_eq!(status[5], ["cancelled", "1", "1000"]);
}
