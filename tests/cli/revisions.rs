//! Estimate revisions, schedules and explicit annual plans: the figures move exactly,
//! plans always add up, and reconcile tells revisions (variance) from errors.

use crate::env::{dec, records, Record, TestEnv};

/// The estimate of one row (`key`: a category or `total`) of `totals --by category`.
fn category_total(env: &TestEnv, extra: &[&str], key: &str) -> String {
    let mut args = vec!["totals", "--by", "category"];
    args.extend(extra);
    find(&env.records(&args), "key", key)["estimate_wan"].to_string()
}

/// The record whose `column` is `value`.
#[track_caller]
fn find<'a>(rows: &'a [Record], column: &str, value: &str) -> &'a Record {
    rows.iter()
        .find(|r| &r[column] == value)
        .unwrap_or_else(|| panic!("no row with {column} = {value:?} in {rows:?}"))
}

/// The `columns` of `record`, in the order given.
fn cells<'a>(record: &'a Record, columns: &[&str]) -> Vec<&'a str> {
    columns.iter().map(|c| &record[c]).collect()
}

/// Whether reconcile's CSV `out` has a check of `subject` whose stated, computed,
/// difference and result are `figures` (and whose check is `check`, if given).
fn reconciled(out: &str, check: Option<&str>, subject: &str, figures: [&str; 4]) -> bool {
    records(out).iter().any(|r| {
        check.is_none_or(|c| c == &r["check"])
            && &r["subject"] == subject
            && cells(
                r,
                &["stated_wan", "computed_wan", "difference_wan", "result"],
            ) == figures
    })
}

#[test]
fn a_revision_changes_current_totals_but_not_the_plans_figures() {
    let env = TestEnv::seeded();
    let out = env.ok(&[
        "estimate",
        "A5-04",
        "341200.5",
        "--stage",
        "preliminary",
        "--reason",
        "初步设计概算批复",
        "--date",
        "2023-06-30",
    ]);
    assert_eq!(
        out,
        "A5-04: preliminary estimate 334,000 → 341,200.5 (10k CNY)\n"
    );
    assert_eq!(category_total(&env, &[], "living environment"), "563783.5");
    assert_eq!(category_total(&env, &[], "total"), "792541.5");
    assert_eq!(
        category_total(&env, &["--original"], "living environment"),
        "556583"
    );
    assert_eq!(category_total(&env, &["--original"], "total"), "785341");
    // projects show lists every revision with its difference.
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["estimate_wan"].to_string(), "341200.5");
    assert_eq!(p["stage"], "preliminary");
    let revisions = p["revisions"].as_array().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0]["stage"], "estimate");
    assert_eq!(revisions[0]["estimate_wan"].to_string(), "334000");
    assert!(revisions[0]["change_wan"].is_null());
    assert_eq!(revisions[1]["effective_date"], "2023-06-30");
    assert_eq!(revisions[1]["change_wan"].to_string(), "7200.5");
    assert_eq!(revisions[1]["reason"], "初步设计概算批复");
    // Year totals follow the current estimate exactly.
    let rows = env.records(&["totals", "--by", "year"]);
    let (total, years) = rows.split_last().unwrap();
    assert_eq!(total["key"], *"total");
    let sum: rust_decimal::Decimal = years.iter().map(|r| r.dec("estimate_wan")).sum();
    assert_eq!(sum, dec("792541.5"));
    // Reconcile: the plan still reconciles; the revision is variance, not failure.
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        reconciled(
            &out,
            None,
            "appendix table 5 living environment",
            ["556583", "563783.5", "7200.5", "revised"]
        ),
        "{out}"
    );
    assert!(
        reconciled(
            &out,
            Some("variance: current estimate against the plan"),
            "grand total",
            ["785341", "792541.5", "7200.5", "revised"]
        ),
        "{out}"
    );
    // The history has the old and new figures and the stage.
    // After the seed: the estimate, then its stage.
    let h = env.records(&["history", "A5-04"]);
    let change = ["field", "old_value", "new_value"];
    assert_eq!(
        cells(&h[1], &change),
        ["estimate_wan", "334000", "341200.5"]
    );
    assert_eq!(cells(&h[2], &change), ["stage", "estimate", "preliminary"]);
}

#[test]
fn bad_revisions_are_refused_and_change_nothing() {
    let env = TestEnv::seeded();
    env.ok(&[
        "estimate",
        "A1-01",
        "1100",
        "--stage",
        "budget",
        "--reason",
        "预算评审",
    ]);
    for (args, needle) in [
        (
            vec![
                "estimate",
                "A1-01",
                "1200",
                "--stage",
                "preliminary",
                "--reason",
                "r",
            ],
            "stages only move forward",
        ),
        (
            vec![
                "estimate", "A1-01", "1100", "--stage", "budget", "--reason", "r",
            ],
            "already 1100",
        ),
        (
            vec![
                "estimate", "A1-01", "abc", "--stage", "budget", "--reason", "r",
            ],
            "AMOUNT: 'abc' is not a plain decimal",
        ),
        (
            vec![
                "estimate", "A1-01", "1e400", "--stage", "budget", "--reason", "r",
            ],
            "'1e400' is not a plain decimal",
        ),
        (
            vec![
                "estimate", "A1-01", "12.00001", "--stage", "budget", "--reason", "r",
            ],
            "more than 4 decimals",
        ),
        (
            vec![
                "estimate", "A1-01", "-5", "--stage", "budget", "--reason", "r",
            ],
            "must be positive",
        ),
        (
            vec![
                "estimate", "A1-01", "0", "--stage", "budget", "--reason", "r",
            ],
            "must be positive",
        ),
        (
            vec![
                "estimate",
                "A1-01",
                "123456789012345678901234567890",
                "--stage",
                "final",
                "--reason",
                "r",
            ],
            "out of range",
        ),
        (
            vec!["estimate", "A1-01", "1300", "--stage", "final"],
            "estimate: --reason is required",
        ),
        (
            vec![
                "estimate", "A9-01", "1300", "--stage", "final", "--reason", "r",
            ],
            "unknown project id 'A9-01'",
        ),
    ] {
        env.refused(&args, needle);
    }
}

#[test]
fn an_explicit_plan_overrides_the_even_spread_and_must_add_up() {
    let env = TestEnv::seeded();
    env.ok(&[
        "plan",
        "A5-04",
        "2022=50000",
        "2023=120000",
        "2024=100000",
        "2025=64000",
        "--reason",
        "分年度计划下达",
    ]);
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["allocation"], "explicit");
    let years: Vec<String> = p["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["amount_wan"].to_string())
        .collect();
    assert_eq!(years, ["50000", "120000", "100000", "64000"]);
    let totals = env.records(&["totals", "--by", "year"]);
    assert_eq!(
        find(&totals, "key", "2022")["estimate_wan"],
        *"187613.5834",
        "2022 gets 50000 instead of 83500"
    );
    let total = totals.last().unwrap();
    assert_eq!(cells(total, &["key", "estimate_wan"]), ["total", "785341"]);
    // Back to the even spread: the history names it in words in the table, by its code
    // in CSV; the explicit plan stays as recorded.
    env.ok(&["plan", "A5-04", "even"]);
    let history = env.records(&["history", "A5-04", "--action", "plan"]);
    let values: Vec<(&str, &str)> = history
        .iter()
        .map(|r| (&r["old_value"][..], &r["new_value"][..]))
        .collect();
    let explicit = "2022=50000 2023=120000 2024=100000 2025=64000";
    assert_eq!(values, [("even", explicit), (explicit, "even")]);
    for (lang, even) in [
        ("en", "even spread over the schedule"),
        ("zh", "按实施周期平均分摊"),
    ] {
        let table = env.ok(&[
            "--lang", lang, "history", "A5-04", "--action", "plan", "--wide",
        ]);
        assert_eq!(table.matches(even).count(), 2, "{table}");
        assert!(table.contains("2022=50000"), "{table}");
    }
    env.ok(&[
        "plan",
        "A5-04",
        "2022=50000,2023=120000,2024=100000,2025=64000",
    ]);
    // Years not named are 0; commas work too.
    env.ok(&["plan", "A1-16", "2022=4200"]);
    env.ok(&["plan", "A2-04", "2022=5000,2024=5000"]);
    let p = env.records(&["projects", "show", "A2-04"]);
    assert_eq!(
        find(&p, "field", "years.2023.amount_wan")["value"],
        *"0",
        "{p:?}"
    );
    for (args, needle) in [
        (
            vec!["plan", "A5-04", "2022=50000", "2023=120000"],
            "adds up to 170000 (10k CNY) but the estimate is 334000 (10k CNY) (difference -164000)",
        ),
        (
            vec!["plan", "A5-04", "2021=334000"],
            "year 2021 is outside the schedule 2022-2025",
        ),
        (
            vec!["plan", "A5-04", "2022=334000", "2022=0"],
            "year 2022 appears twice",
        ),
        (vec!["plan", "A5-04", "2022:334000"], "is not YEAR=AMOUNT"),
        (
            vec!["plan", "A5-04", "2022=-1", "2023=334001"],
            "cannot be negative",
        ),
        (
            vec![
                "plan",
                "A5-04",
                "2022=50000",
                "2023=120000",
                "2024=100000",
                "2025=64000",
            ],
            "the plan is already",
        ),
    ] {
        env.refused(&args, needle);
    }
    env.ok(&["plan", "A5-04", "even"]);
    assert_eq!(
        env.json(&["projects", "show", "A5-04"])["allocation"],
        "even"
    );
    assert_eq!(env.run(&["reconcile"]).0, 0);
}

#[test]
fn a_revision_or_reschedule_never_leaves_a_plan_that_does_not_add_up() {
    let env = TestEnv::seeded();
    env.ok(&[
        "plan",
        "A5-04",
        "2022=50000",
        "2023=120000",
        "2024=100000",
        "2025=64000",
    ]);
    env.refused(
        &["estimate", "A5-04", "340000", "--stage", "preliminary", "--reason", "概算"],
        "has an explicit annual plan (2022=50000 2023=120000 2024=100000 2025=64000); give the new plan",
    );
    env.refused(
        &[
            "estimate",
            "A5-04",
            "340000",
            "--stage",
            "preliminary",
            "--reason",
            "概算",
            "--plan",
            "2022=50000",
        ],
        "--plan: the plan adds up to 50000",
    );
    env.ok(&[
        "estimate",
        "A5-04",
        "340000",
        "--stage",
        "preliminary",
        "--reason",
        "概算",
        "--plan",
        "2022=50000",
        "2023=120000",
        "2024=100000",
        "2025=70000",
    ]);
    env.refused(
        &["reschedule", "A5-04", "2022-2026", "--reason", "延期"],
        "has an explicit annual plan",
    );
    env.refused(
        &[
            "reschedule",
            "A5-04",
            "2023-2026",
            "--reason",
            "延期",
            "--plan",
            "2022=50000",
            "2023=290000",
        ],
        "year 2022 is outside the schedule 2023-2026",
    );
    env.ok(&[
        "reschedule",
        "A5-04",
        "2022-2026",
        "--reason",
        "延期",
        "--plan",
        "even",
    ]);
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["schedule"], "2022-2026");
    assert_eq!(p["allocation"], "even");
    assert_eq!(p["years"].as_array().unwrap().len(), 5);
    assert_eq!(p["years"][0]["amount_wan"].to_string(), "68000");
    // Without a plan, the even spread follows the new schedule by itself.
    env.ok(&["reschedule", "A1-16", "2022-2023", "--reason", "工期延长"]);
    let p = env.records(&["projects", "show", "A1-16"]);
    assert_eq!(
        find(&p, "field", "years.2023.amount_wan")["value"],
        *"2100",
        "{p:?}"
    );
    env.refused(
        &["reschedule", "A1-16", "2022-2023", "--reason", "x"],
        "already 2022-2023",
    );
    env.refused(
        &["reschedule", "A1-16", "2025-2022", "--reason", "x"],
        "ends before it starts",
    );
    env.refused(
        &["reschedule", "A1-16", "20x5", "--reason", "x"],
        "is not a schedule",
    );
    env.refused(
        &["reschedule", "A1-16", "2023-2024"],
        "reschedule: --reason is required",
    );
    assert_eq!(env.run(&["reconcile"]).0, 0);
    let h = env.records(&["history", "A5-04"]);
    let last = h.last().unwrap();
    assert_eq!(
        cells(last, &["action", "field", "old_value", "new_value"]),
        [
            "reschedule",
            "plan",
            "2022=50000 2023=120000 2024=100000 2025=70000",
            "even"
        ]
    );
}

#[test]
fn projects_can_be_added_and_edited() {
    let env = TestEnv::seeded();
    let id = env.ok(&[
        "projects",
        "add",
        "--category",
        "5",
        "--group",
        "污水管网建设",
        "--description",
        "陈食街道污水管网改造3公里",
        "--estimate",
        "1800",
        "--schedule",
        "2025-2026",
        "--department",
        "区住房城乡建委",
        "--date",
        "2025-03-01",
        "--reason",
        "新增储备项目",
    ]);
    assert_eq!(id, "N0001\n");
    let p = env.json(&["projects", "show", "N0001"]);
    assert_eq!(p["category"], "living environment");
    assert_eq!(p["status"], "planned");
    assert_eq!(p["years"][1]["amount_wan"].to_string(), "900");
    let list = env.records(&["projects", "list", "--category", "5"]);
    assert_eq!(
        list.last().unwrap()["id"],
        *"N0001",
        "listed after the table's appendix projects"
    );
    assert_eq!(category_total(&env, &[], "living environment"), "558383");
    assert_eq!(
        category_total(&env, &["--original"], "living environment"),
        "556583"
    );
    // A misspelt department is refused with a suggestion; a new one is accepted.
    env.refused(
        &[
            "projects",
            "add",
            "--category",
            "6",
            "--group",
            "g",
            "--description",
            "d",
            "--estimate",
            "10",
            "--schedule",
            "2026",
            "--department",
            "区文化旅游局",
        ],
        "'区文化旅游局' is close to 区文化旅游委; use that spelling, or add --new-department",
    );
    let id = env.ok(&[
        "projects",
        "add",
        "--category",
        "生态文化建设",
        "--group",
        "生态文明宣教",
        "--description",
        "生态文明主题展",
        "--estimate",
        "80.5",
        "--schedule",
        "2026",
        "--department",
        "区委宣传部、区气象局",
    ]);
    assert_eq!(id, "N0002\n");
    let depts = env.records(&["totals", "--by", "department"]);
    let figures = ["projects", "estimate_wan", "estimate_share_wan"];
    assert_eq!(
        cells(find(&depts, "key", "区气象局"), &figures),
        ["1", "80.5", "40.25"]
    );
    let total = depts.last().unwrap();
    assert_eq!(
        cells(total, &["key", "estimate_share_wan"]),
        ["total", "787221.5"]
    );
    // The plan still reconciles; the additions are variance.
    let (code, out, _) = env.run(&["reconcile", "--format", "csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        reconciled(
            &out,
            None,
            "grand total",
            ["785341", "787221.5", "1880.5", "revised"]
        ),
        "{out}"
    );

    env.ok(&[
        "projects",
        "edit",
        "A2-06",
        "--description",
        "优化调整自然保护地，开展自然保护地勘界定标工作。",
        "--reason",
        "补标点",
    ]);
    let h = env.records(&["history", "A2-06"]);
    let last = h.last().unwrap();
    assert_eq!(
        cells(
            last,
            &["action", "field", "old_value", "new_value", "reason"]
        ),
        [
            "edit",
            "description",
            "优化调整自然保护地，开展自然保护地勘界定标工作",
            "优化调整自然保护地，开展自然保护地勘界定标工作。",
            "补标点"
        ]
    );
    env.ok(&[
        "projects",
        "edit",
        "N0001",
        "--department",
        "区住房城乡建委",
        "--department",
        "区水利局",
    ]);
    assert_eq!(
        env.json(&["projects", "show", "N0001"])["departments"],
        "区住房城乡建委、区水利局"
    );
    env.refused(
        &["projects", "edit", "A2-06", "--group", "自然保护地勘界定标"],
        "nothing changes",
    );
    env.refused(&["projects", "edit", "A2-06"], "nothing to change");
    env.refused(
        &["projects", "edit", "A2-06", "--category", "9"],
        "unknown category '9'",
    );
    env.refused(
        &["projects", "edit", "A2-06", "--department", "区林业"],
        "is close to 区林业局",
    );
    env.refused(
        &[
            "projects",
            "add",
            "--category",
            "1",
            "--group",
            " ",
            "--description",
            "d",
            "--estimate",
            "1",
            "--schedule",
            "2026",
            "--department",
            "区林业局",
        ],
        "--group: must not be empty",
    );
    env.refused(
        &[
            "projects",
            "add",
            "--category",
            "1",
            "--group",
            "g",
            "--description",
            "d",
            "--estimate",
            "1,000",
            "--schedule",
            "2026",
            "--department",
            "区林业局",
        ],
        "--estimate: '1,000' is not a plain decimal",
    );
}

/// A category change is named in the reader's language in the history table (the
/// category's English label, or its Chinese name), and kept by name in CSV.
#[test]
fn a_category_change_reads_in_either_language() {
    let env = TestEnv::seeded();
    env.ok(&["projects", "edit", "A1-01", "--category", "2"]);
    let h = env.records(&["history", "A1-01", "--action", "edit"]);
    assert_eq!(
        (&h[0]["old_value"][..], &h[0]["new_value"][..]),
        ("生态环境建设", "生态屏障建设")
    );
    // Old value, then new, each the right category's label.
    for (lang, old, new) in [
        ("en", "environmental quality", "ecological barrier"),
        ("zh", "生态环境建设", "生态屏障建设"),
    ] {
        let table = env.ok(&[
            "--lang", lang, "history", "A1-01", "--action", "edit", "--wide",
        ]);
        let row = table.lines().find(|l| l.contains("A1-01")).unwrap();
        let (o, n) = (row.find(old), row.find(new));
        assert!(o.is_some() && n.is_some() && o < n, "{lang}: {row}");
    }
}
