//! Small wrong things a new user met, each fixed and kept fixed: the messages that name
//! the real problem, the actor the OS knows, a project not yet in a past view, totals of
//! a date before the plan, a reschedule that strands payments, and the help's words.

use crate::env::{assert_one_line_error, TestEnv};

#[test]
fn a_backup_into_a_missing_folder_says_the_folder_is_missing() {
    let env = TestEnv::seeded();
    env.refused(
        &["backup", "/missing/dir/x.sqlite"],
        "the folder /missing/dir does not exist",
    );
}

#[test]
fn periods_are_refused_in_the_words_of_the_report_asked_for() {
    let env = TestEnv::seeded();
    env.refused(
        &["report", "annual", "2022-2025"],
        "YEAR: '2022-2025' is not a year; write YYYY (e.g. 2024)",
    );
    let (code, _, err) = env.run(&["report", "quarterly", "2024Q5"]);
    assert_eq!(code, 2);
    assert_one_line_error(
        &err,
        "QUARTER: '2024Q5' is not a quarter; write one like 2024Q2 (quarters 1-4)",
    );
    assert!(
        !err.contains("a year (2024)"),
        "no form that is then refused: {err}"
    );
    env.refused(
        &["report", "quarterly", "2024"],
        "'2024' is a year; give a quarter like 2024Q2",
    );
    env.refused(&["report", "monthly", "2024-13"], "MONTH:");
}

#[test]
fn the_actor_comes_from_the_os_user_database_when_the_environment_is_silent() {
    let env = TestEnv::seeded();
    let expected = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let expected = String::from_utf8(expected.stdout)
        .unwrap()
        .trim()
        .to_string();
    let out = env
        .bare()
        .env_remove("ECOLEDGER_USER")
        .env_remove("USER")
        .env_remove("LOGNAME")
        .arg("--db")
        .arg(&env.db)
        .args(["start", "A1-03", "--date", "2024-01-01"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let history = env.records(&["history", "A1-03"]);
    let last = history.last().unwrap();
    assert_eq!(last["actor"], *expected.as_str());
    assert_ne!(&last["actor"], "unknown");
}

#[test]
fn a_project_added_later_is_not_yet_in_an_earlier_view_and_says_so() {
    let env = TestEnv::seeded();
    env.ok(&[
        "projects",
        "add",
        "--category",
        "5",
        "--group",
        "临江河整治",
        "--description",
        "清淤",
        "--estimate",
        "10",
        "--schedule",
        "2025-2026",
        "--department",
        "区水利局",
    ]);
    env.refused(
        &["projects", "show", "N0001", "--as-of", "2023-01-01"],
        "N0001 is not in this view of the ledger: it takes effect on 2026-11-28",
    );
    env.refused(&["projects", "show", "N9999"], "unknown project id 'N9999'");
    env.ok(&["projects", "show", "N0001"]);
}

#[test]
fn totals_before_the_plan_say_why_they_are_zero() {
    let env = TestEnv::seeded();
    let (code, out, err) = env.run(&["totals", "--as-of", "2022-01-01", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(
        out.ends_with("total,0,0\n") || out.contains("total,0,0"),
        "{out}"
    );
    assert!(
        err.contains(
            "no project is in the ledger as of 2022-01-01: the earliest takes effect on 2022-10-18"
        ),
        "{err}"
    );
    let (_, _, err) = env.run(&["totals", "--as-of", "2023-01-01"]);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_reschedule_that_strands_payments_is_refused_unless_allowed_and_then_recorded() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A5-05", "--date", "2022-11-01"]);
    env.ok(&["spend", "A5-05", "10", "--date", "2022-12-02"]);
    env.ok(&["spend", "A5-05", "5", "--date", "2025-03-01"]);
    env.refused(
        &["reschedule", "A5-05", "2023-2026", "--reason", "延期"],
        "A5-05: 1 recorded payment(s) would fall outside 2023-2026 (2022-12-02); add --allow-payments-outside if that is right",
    );
    // Retention money in the year after the end is not outside.
    env.ok(&["reschedule", "A5-05", "2021-2024", "--reason", "提前"]);
    env.ok(&[
        "reschedule",
        "A5-05",
        "2023-2026",
        "--reason",
        "延期",
        "--allow-payments-outside",
    ]);
    let history = env.records(&["history", "A5-05"]);
    let last = history.last().unwrap();
    assert_eq!(
        (&last["field"], &last["new_value"]),
        ("payments_outside_schedule", "2022-12-02")
    );
    let check = env.ok(&["check"]);
    assert!(!check.contains("mismatch"), "{check}");
}

#[test]
fn projects_help_names_every_projects_command() {
    let env = TestEnv::new();
    let help = env.ok(&["--help"]);
    assert!(
        help.contains("List, show, add, edit, import and export projects"),
        "{help}"
    );
}

/// A person's name is 1-64 printable characters: 64 are recorded whole, 65 or none are
/// refused with nothing written.
#[test]
fn an_actor_name_may_have_64_characters_and_no_more() {
    let env = TestEnv::seeded();
    let longest = "张".repeat(64);
    env.ok(&["start", "A5-04", "--date", "2023-03-01", "--by", &longest]);
    let history = env.records(&["history", "A5-04"]);
    assert_eq!(history.last().unwrap()["actor"], *longest);
    let before = env.dump();
    for name in ["张".repeat(65), String::new(), "   ".to_string()] {
        env.refused(
            &["suspend", "A5-04", "--date", "2023-04-01", "--by", &name],
            "a name of 1-64 printable characters is needed",
        );
    }
    assert_eq!(env.dump(), before);
}
