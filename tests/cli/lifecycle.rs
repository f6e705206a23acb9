//! The status verbs: the whole life of a project, every illegal move refused with
//! nothing changed, reasons, dates, actors, and all-or-nothing batches.

use crate::env::{assert_one_line_error, TestEnv};

fn status(env: &TestEnv, id: &str) -> String {
    env.json(&["projects", "show", id])["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_project_goes_through_its_whole_life() {
    let env = TestEnv::seeded();
    assert_eq!(status(&env, "A5-04"), "planned");
    env.ok(&[
        "start",
        "A5-04",
        "--date",
        "2023-03-01",
        "--by",
        "张伟",
        "--note",
        "开工令",
    ]);
    assert_eq!(status(&env, "A5-04"), "in_progress");
    env.ok(&[
        "suspend",
        "A5-04",
        "--date",
        "2024-01-10",
        "--reason",
        "征地未完成",
    ]);
    assert_eq!(status(&env, "A5-04"), "suspended");
    env.ok(&["resume", "A5-04", "--date", "2024-04-01"]);
    env.ok(&["complete", "A5-04", "--date", "2025-12-20"]);
    assert_eq!(status(&env, "A5-04"), "completed");
    env.ok(&[
        "reopen",
        "A5-04",
        "--date",
        "2026-02-01",
        "--reason",
        "验收整改",
    ]);
    assert_eq!(status(&env, "A5-04"), "in_progress");
    env.ok(&["complete", "A5-04", "--date", "2026-06-30"]);
    assert_eq!(status(&env, "A5-04"), "completed");
    // Cancelled projects can be reopened back into the reserve.
    env.ok(&[
        "cancel",
        "A4-08",
        "--date",
        "2023-05-05",
        "--reason",
        "并入A4-06",
    ]);
    env.ok(&["reopen", "A4-08", "--reason", "恢复立项"]);
    assert_eq!(status(&env, "A4-08"), "planned");

    // Every change after the seed, oldest first.
    let rows = env.records(&["history", "A5-04"]);
    let moves: Vec<(&str, &str, &str, &str, &str)> = rows[1..]
        .iter()
        .map(|r| {
            (
                &r["effective_date"],
                &r["actor"],
                &r["action"],
                &r["new_value"],
                &r["reason"],
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            ("2023-03-01", "张伟", "start", "in_progress", ""),
            ("2024-01-10", "tester", "suspend", "suspended", "征地未完成"),
            ("2024-04-01", "tester", "resume", "in_progress", ""),
            ("2025-12-20", "tester", "complete", "completed", ""),
            ("2026-02-01", "tester", "reopen", "in_progress", "验收整改"),
            ("2026-06-30", "tester", "complete", "completed", ""),
        ]
    );
    assert_eq!(rows[1]["note"], *"开工令", "the note is kept");
    assert_eq!(
        rows[1]["recorded_at"], *"2026-11-28T00:00:00Z",
        "recorded at the pinned clock"
    );
    assert_eq!(env.run(&["reconcile"]).0, 0);
}

#[test]
fn illegal_transitions_name_the_state_and_the_allowed_moves() {
    let env = TestEnv::seeded();
    env.ok(&["cancel", "A1-01", "--reason", "取消"]);
    env.ok(&["start", "A1-02"]);
    env.ok(&["start", "A1-03"]);
    env.ok(&["complete", "A1-03"]);
    for (args, needle) in [
        (
            vec!["complete", "A1-01"],
            "cannot complete a project that is cancelled; allowed from cancelled: reopen",
        ),
        (vec!["start", "A1-01"], "that is cancelled"),
        (
            vec!["complete", "A1-04"],
            "cannot complete a project that is planned; allowed from planned: start, cancel",
        ),
        (
            vec!["resume", "A1-02"],
            "allowed from in progress: complete, suspend, cancel",
        ),
        (
            vec!["start", "A1-02"],
            "cannot start a project that is in progress",
        ),
        (vec!["suspend", "A1-04", "--reason", "x"], "that is planned"),
        (
            vec!["cancel", "A1-03", "--reason", "x"],
            "cannot cancel a project that is completed; allowed from completed: reopen",
        ),
        (
            vec!["reopen", "A1-04", "--reason", "x"],
            "cannot reopen a project that is planned",
        ),
    ] {
        env.refused(&args, needle);
    }
    let (_, _, err) = env.run(&["--lang", "zh", "complete", "A1-01"]);
    assert!(
        err.contains("项目当前为“已终止”，不能完成；当前状态允许的操作：重新启用"),
        "{err}"
    );
}

#[test]
fn suspend_cancel_and_reopen_need_a_reason() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A1-02"]);
    env.refused(&["suspend", "A1-02"], "suspend: --reason is required");
    env.refused(
        &["cancel", "A1-02", "--reason", "  "],
        "cancel: --reason is required",
    );
    env.ok(&["cancel", "A1-02", "--reason", "重复立项"]);
    env.refused(&["reopen", "A1-02"], "reopen: --reason is required");
}

#[test]
fn several_ids_are_all_or_nothing() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A1-03"]);
    // The last id is unknown, the second is already started: nothing changes.
    env.refused(
        &["start", "A1-01", "A1-02", "A9-99"],
        "unknown project id 'A9-99'",
    );
    env.refused(&["start", "A1-01", "A1-03", "A1-02"], "A1-03: cannot start");
    env.refused(&["start", "A1-01", "a1-01"], "A1-01: given twice");
    assert_eq!(status(&env, "A1-01"), "planned");
    let out = env.ok(&["start", "A1-01", "A1-02", "--date", "2023-01-02"]);
    assert_eq!(
        out,
        "A1-01: planned → in progress\nA1-02: planned → in progress\n"
    );
    assert_eq!(status(&env, "A1-02"), "in_progress");
}

#[test]
fn dates_are_checked() {
    let env = TestEnv::seeded();
    env.refused(
        &["start", "A1-01", "--date", "2026-11-29"],
        "is in the future (today is 2026-11-28)",
    );
    env.refused(
        &["start", "A1-01", "--date", "2024-02-30"],
        "'2024-02-30' is not a day of the calendar",
    );
    env.refused(&["start", "A1-01", "--date", "2024/03/01"], "is not a date");
    env.refused(
        &["start", "A1-01", "--date", "2020-01-01"],
        "before the project's latest change (effective 2022-10-18)",
    );
    env.ok(&["start", "A1-01", "--date", "2023-03-01"]);
    env.refused(
        &["complete", "A1-01", "--date", "2023-02-28"],
        "A1-01: --date 2023-02-28 is before",
    );
    env.ok(&["complete", "A1-01", "--date", "2023-03-01"]);
    // Without --date the change takes effect today (the pinned clock).
    env.ok(&["start", "A1-02"]);
    let rows = env.records(&["history", "A1-02"]);
    assert_eq!(rows.last().unwrap()["effective_date"], *"2026-11-28");
    // --today moves the clock, so a later date becomes possible (never past the system
    // clock: a write cannot be recorded in the future).
    env.ok(&[
        "--today",
        "2026-11-30",
        "complete",
        "A1-02",
        "--date",
        "2026-11-29",
    ]);
    env.refused(&["--today", "2024-13-01", "info"], "--today");
}

#[test]
fn the_actor_comes_from_by_then_the_environment_then_the_os_user() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A1-01", "--by", "李娜"]);
    env.ok(&["start", "A1-02"]);
    let out = env
        .cmd()
        .env_remove("ECOLEDGER_USER")
        .env("USER", "osuser")
        .args(["start", "A1-03"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let actors: Vec<String> = env
        .records(&["history", "--since", "2026-11-28"])
        .iter()
        .filter(|r| &r["action"] == "start")
        .map(|r| r["actor"].to_string())
        .collect();
    assert_eq!(actors, ["李娜", "tester", "osuser"]);
    let only: Vec<_> = env.csv(&["history", "--by", "李娜"]);
    assert_eq!(only.len(), 2);
    let (code, _, err) = env.run(&["start", "A1-04", "--by", ""]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "--by");
}
