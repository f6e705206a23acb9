//! The indicator commands through the real binary: the plan's table listed, values
//! recorded and judged (tier boundaries, parts, text criteria, the veto), values carried
//! forward, the score for a year, and bad input refused with one line and nothing
//! written.

use crate::env::{columns, Record, TestEnv};

/// The score rows for `year`, by indicator number, and the total row.
fn score(env: &TestEnv, year: &str) -> (Vec<Record>, Record) {
    let mut rows = env.records(&["indicators", "score", "--year", year]);
    let total = rows.pop().expect("a total row");
    assert_eq!(&total["no"], "total");
    (rows, total)
}

fn points(env: &TestEnv, year: &str, no: &str) -> u32 {
    let (rows, _) = score(env, year);
    let r = rows.iter().find(|r| &r["no"] == no).expect("the indicator");
    r["points"].parse().expect("points")
}

fn total(env: &TestEnv, year: &str) -> u32 {
    score(env, year).1["points"].parse().expect("total")
}

fn record(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["indicators", "record"];
    all.extend_from_slice(args);
    if !args.contains(&"--source") {
        all.extend(["--source", "区统计局年报"]);
    }
    env.ok(&all)
}

#[test]
fn the_list_is_the_plans_table_with_the_issues_columns() {
    let env = TestEnv::seeded();
    let out = env.ok(&["indicators", "list", "--format", "csv"]);
    assert_eq!(
        columns(&out).join(","),
        "no,field,name,unit,criterion,value_2021,points_2021,max_points,target_2023,target_2025,departments,remark"
    );
    let rows = crate::env::records(&out);
    assert_eq!(rows.len(), 38);
    let sum = |c: &str| {
        rows.iter()
            .map(|r| r[c].parse::<u32>().unwrap())
            .sum::<u32>()
    };
    assert_eq!(sum("points_2021"), 87);
    assert_eq!(sum("max_points"), 100);
    let r26 = rows.iter().find(|r| &r["no"] == "26").unwrap();
    crate::env::assert_cells(
        r26,
        &[
            ("name", "城镇集中式污水处理率"),
            ("criterion", "≥95；95＞A≥90"),
            ("value_2021", "城区97.68、乡镇88.12"),
            ("points_2021", "0"),
            ("max_points", "3"),
            ("target_2025", "城区98、乡镇95"),
            ("departments", "区住房城乡建委"),
            ("remark", "未达标，易达标"),
        ],
    );
    // A field, and a department's own indicators (21's third part names 区供销社).
    let field = env.records(&["indicators", "list", "--field", "生态文化"]);
    assert_eq!(field.len(), 5);
    let coop = env.records(&["indicators", "list", "--department", "区供销社"]);
    assert_eq!(coop.len(), 1);
    assert_eq!(&coop[0]["no"], "21");
    assert_eq!(&coop[0]["departments"], "区农业农村委、区供销社");
    env.refused(&["indicators", "list", "--field", "生态"], "unknown field");
    env.refused(
        &["indicators", "list", "--department", "区不存在局"],
        "区不存在局",
    );
}

#[test]
fn the_seeded_2021_score_is_87_and_the_veto_is_stated() {
    let env = TestEnv::seeded();
    let (rows, total_row) = score(&env, "2021");
    assert_eq!(rows.len(), 38);
    assert_eq!(&total_row["points"], "87");
    assert_eq!(&total_row["max_points"], "100");
    let r10 = rows.iter().find(|r| &r["no"] == "10").unwrap();
    crate::env::assert_cells(
        r10,
        &[
            ("value", "59.38"),
            ("tier", "2"),
            ("points", "2"),
            ("max_points", "3"),
        ],
    );
    // On track in 2021, text and numeric alike: full points on a text target is on track.
    for (no, on_track) in [
        ("1", "yes"),
        ("4", "yes"),
        ("9", "no"),
        ("24", "no"),
        ("26", "no"),
    ] {
        let r = rows.iter().find(|r| r["no"] == *no).unwrap();
        assert_eq!(&r["on_track"], on_track, "{no}");
    }
    // The target is 2023's up to 2023 and 2025's after, as the list gives them.
    let list = env.records(&["indicators", "list"]);
    for (year, column) in [
        ("2021", "target_2023"),
        ("2023", "target_2023"),
        ("2025", "target_2025"),
    ] {
        let (rows, _) = score(&env, year);
        for no in ["2", "15", "22", "30"] {
            let listed = list.iter().find(|r| r["no"] == *no).unwrap();
            let scored = rows.iter().find(|r| r["no"] == *no).unwrap();
            assert_eq!(scored["target"], listed[column], "{year} {no}");
        }
    }
    // C1 (the plan not yet issued) is 暂不满足 in 2021: the veto applies.
    let table = env.ok(&["indicators", "score", "--year", "2021"]);
    assert!(
        table.contains("the veto applies: basic condition(s) C1 not met"),
        "{table}"
    );
    let zh = env.ok(&["--lang", "zh", "indicators", "score", "--year", "2021"]);
    assert!(zh.contains("一票否决：基本条件 C1 未满足"), "{zh}");
    assert!(zh.contains("得分 87 / 100 分"), "{zh}");
    // A department's own indicators, totalled alone: 区水利局 has 18 (3 of 3) and 25 (1 of 2).
    let water = env.records(&[
        "indicators",
        "score",
        "--year",
        "2021",
        "--department",
        "区水利局",
    ]);
    let nos: Vec<&str> = water.iter().map(|r| &r["no"] as &str).collect();
    assert_eq!(nos, ["18", "25", "total"]);
    crate::env::assert_cells(&water[2], &[("points", "4"), ("max_points", "5")]);
    env.refused(
        &[
            "indicators",
            "score",
            "--year",
            "2021",
            "--department",
            "区无此局",
        ],
        "区无此局",
    );
    let conditions = env.records(&["indicators", "conditions", "--year", "2021"]);
    assert_eq!(conditions.len(), 7);
    assert_eq!(&conditions[0]["status"], "not_met");
    assert!(conditions[1..].iter().all(|c| &c["status"] == "met"));
}

#[test]
fn tiers_score_on_their_bounds_exactly() {
    let env = TestEnv::seeded();
    // 10 生态环境状况指数: ≥60 → 3, 60＞A≥55 → 2, 55＞A≥50 → 1, below → 0.
    for (year, value, expected) in [
        ("2022", "60", 3),
        ("2023", "59.999999", 2),
        ("2024", "55", 2),
        ("2025", "54.99", 1),
        ("2026", "49.9", 0),
    ] {
        record(&env, &["10", value, "--year", year]);
        assert_eq!(points(&env, year, "10"), expected, "10 = {value}");
    }
    // 28 城镇人均公园绿地面积: 8.7 scored 0 in 2021; 12 is the lower tier's bound.
    record(&env, &["28", "11.99", "--year", "2022"]);
    assert_eq!(points(&env, "2022", "28"), 0);
    record(&env, &["28", "12", "--year", "2023"]);
    assert_eq!(points(&env, "2023", "28"), 1);
    record(&env, &["28", "15", "--year", "2024"]);
    assert_eq!(points(&env, "2024", "28"), 2);
    // A bare 100 means at least 100: 16 依法开展规划环境影响评价.
    record(&env, &["16", "99.9", "--year", "2023"]);
    assert_eq!(points(&env, "2023", "16"), 1);
}

#[test]
fn parts_add_up_and_text_criteria_take_met() {
    let env = TestEnv::seeded();
    // 5.2 PM2.5 ≤37: 37 scores, 37.01 does not. A part is judged out of its own points.
    let out = record(&env, &["5.2", "37", "--year", "2022"]);
    assert!(
        out.contains("5.2 2022: 37 recorded (2 of 2 points)"),
        "{out}"
    );
    assert_eq!(points(&env, "2022", "5"), 6);
    // Every part scores in 2022, yet 5.1's 88.5 is short of its 2023 target ≥90.
    let (rows, _) = score(&env, "2022");
    let r5 = rows.iter().find(|r| &r["no"] == "5").unwrap();
    assert_eq!((&r5["points"][..], &r5["on_track"][..]), ("6", "no"));
    record(&env, &["5.2", "37.01", "--year", "2023"]);
    record(
        &env,
        &["5.3", "出现重污染天气", "--year", "2023", "--met", "no"],
    );
    assert_eq!(points(&env, "2023", "5"), 2, "only 5.1 scores");
    let (rows, _) = score(&env, "2023");
    let r5 = rows.iter().find(|r| &r["no"] == "5").unwrap();
    assert_eq!(&r5["value"], "88.5；37.01；出现重污染天气");
    assert_eq!(&r5["tier"], "1");
    assert_eq!(&r5["on_track"], "no");
    assert_eq!(total(&env, "2023"), 87 - 4);
    // A text criterion: 1 有效开展, judged by the person.
    record(&env, &["1", "未开展", "--year", "2024", "--met", "no"]);
    assert_eq!(points(&env, "2024", "1"), 0);
    // 9: a numeric tier, then a text one.
    record(&env, &["9", "100", "--year", "2024"]);
    assert_eq!(points(&env, "2024", "9"), 3);
    record(
        &env,
        &["9", "城区100，乡镇98", "--year", "2025", "--met", "yes"],
    );
    assert_eq!(points(&env, "2025", "9"), 2);
}

#[test]
fn values_carry_forward_to_later_years_and_not_back() {
    let env = TestEnv::seeded();
    let out = record(
        &env,
        &["24", "52", "--year", "2022", "--date", "2023-03-01"],
    );
    assert!(
        out.contains("24 2022: 52 recorded (5 of 5 points)"),
        "{out}"
    );
    assert_eq!(total(&env, "2021"), 87);
    assert_eq!(total(&env, "2022"), 92);
    assert_eq!(total(&env, "2026"), 92);
    let (rows, _) = score(&env, "2025");
    let r24 = rows.iter().find(|r| &r["no"] == "24").unwrap();
    crate::env::assert_cells(
        r24,
        &[("value", "52"), ("target", "≥52"), ("on_track", "yes")],
    );
    // A later year's value replaces it from then on.
    record(&env, &["24", "45", "--year", "2024"]);
    assert_eq!(points(&env, "2023", "24"), 5);
    assert_eq!(points(&env, "2024", "24"), 4);
    // The history has it, with who and when; `check` verifies the chain over it.
    let h = env.records(&["history", "--action", "measure"]);
    assert_eq!(h.len(), 2);
    assert_eq!(&h[0]["actor"], "tester");
    assert_eq!(&h[0]["effective_date"], "2023-03-01");
    assert_eq!(env.run(&["check"]).0, 0);
    // `show` lists both measurements.
    let v = env.json(&["indicators", "show", "24"]);
    assert_eq!(v["measurements"].as_array().unwrap().len(), 2);
    assert_eq!(v["max_points"], 5);
}

#[test]
fn the_veto_lifts_when_every_condition_is_met() {
    let env = TestEnv::seeded();
    let out = record(
        &env,
        &["C1", "已印发实施", "--year", "2023", "--met", "yes"],
    );
    assert!(out.contains("C1 2023: 已印发实施 recorded (met)"), "{out}");
    let table = env.ok(&["indicators", "score", "--year", "2023"]);
    assert!(table.contains("every basic condition is met"), "{table}");
    let table = env.ok(&["indicators", "score", "--year", "2022"]);
    assert!(table.contains("the veto applies"), "{table}");
    record(
        &env,
        &["C5", "发生重大环境事件", "--year", "2024", "--met", "no"],
    );
    let c = env.records(&["indicators", "conditions", "--year", "2024"]);
    assert_eq!(&c[0]["status"], "met");
    assert_eq!(&c[4]["status"], "not_met");
    assert_eq!(&c[4]["value_year"], "2024");
}

#[test]
fn bad_input_is_refused_with_one_line_and_nothing_written() {
    let env = TestEnv::seeded();
    let src = ["--source", "x"];
    let with = |args: &[&'static str]| -> Vec<&'static str> {
        let mut all = vec!["indicators", "record"];
        all.extend_from_slice(args);
        all.extend_from_slice(&src);
        all
    };
    env.refused(
        &with(&["39", "1", "--year", "2023"]),
        "unknown indicator '39'",
    );
    env.refused(
        &with(&["5.4", "1", "--year", "2023"]),
        "unknown indicator '5.4'",
    );
    env.refused(&with(&["abc", "1", "--year", "2023"]), "unknown indicator");
    env.refused(&with(&["2", "24%", "--year", "2023"]), "is not a number");
    env.refused(&with(&["2", "1e2", "--year", "2023"]), "is not a number");
    env.refused(&with(&["5", "88", "--year", "2023"]), "scored by its parts");
    env.refused(&with(&["10.1", "60", "--year", "2023"]), "has no parts");
    env.refused(
        &with(&["1", "开展", "--year", "2023"]),
        "--met yes or --met no",
    );
    env.refused(&with(&["C1", "已印发", "--year", "2023"]), "--met");
    env.refused(
        &with(&["2", "30", "--year", "2023", "--met", "yes"]),
        "--met is only for text criteria",
    );
    env.refused(&with(&["2", "30", "--year", "2020"]), "2021");
    env.refused(&with(&["2", "30", "--year", "2027"]), "2026 (this year)");
    env.refused(
        &with(&["2", "30", "--year", "2023", "--date", "2027-01-01"]),
        "--date",
    );
    env.refused(
        &[
            "indicators",
            "record",
            "2",
            "30",
            "--year",
            "2023",
            "--source",
            " ",
        ],
        "--source",
    );
    env.refused(
        &with(&["1", "开\u{7}展", "--year", "2023", "--met", "yes"]),
        "VALUE",
    );
    let long = "长".repeat(501);
    env.refused(
        &[
            "indicators",
            "record",
            "1",
            &long,
            "--year",
            "2023",
            "--met",
            "yes",
            "--source",
            "x",
        ],
        "VALUE",
    );
    // A value for a year that has one needs a reason.
    record(&env, &["2", "30", "--year", "2023"]);
    env.refused(&with(&["2", "31", "--year", "2023"]), "--reason");
    let out = record(
        &env,
        &["2", "31", "--year", "2023", "--reason", "统计口径更正"],
    );
    assert!(out.contains("31 recorded"), "{out}");
    env.refused(&["indicators", "show", "0"], "unknown indicator");
    env.refused(&["indicators", "show", "5.9"], "unknown indicator '5.9'");
    env.ok(&["indicators", "show", "5.2"]);
    env.refused(&["indicators", "score", "--year", "2020"], "2021");
}

#[test]
fn a_closed_period_refuses_a_value_dated_in_it() {
    let env = TestEnv::seeded();
    env.ok(&["period", "close", "2025", "--reason", "年度结账"]);
    env.refused(
        &[
            "indicators",
            "record",
            "24",
            "52",
            "--year",
            "2025",
            "--source",
            "x",
            "--date",
            "2025-12-31",
        ],
        "2025",
    );
    // Dated after the close, a value for a closed year is recorded (it is new knowledge).
    record(
        &env,
        &["24", "52", "--year", "2025", "--date", "2026-01-15"],
    );
    assert_eq!(points(&env, "2025", "24"), 5);
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn links_tie_projects_to_indicators_and_totals_share_the_money_exactly() {
    let env = TestEnv::seeded();
    let out = env.ok(&["indicators", "link", "26", "A5-05", "A5-08"]);
    assert_eq!(
        out,
        "linked A5-05 to indicator 26\nlinked A5-08 to indicator 26\n"
    );
    env.ok(&["indicators", "link", "24", "A5-05"]);
    env.ok(&["indicators", "link", "27", "a5-05"]);
    env.ok(&["spend", "A5-05", "1000.01", "--date", "2026-01-01"]);
    let rows = env.records(&["totals", "--by", "indicator"]);
    let keys: Vec<&str> = rows.iter().map(|r| &r["key"] as &str).collect();
    assert_eq!(keys, ["24", "26", "27", "unlinked", "total"]);
    // A5-05 (60000) is shared three ways, A5-08 (15000) is 26's alone.
    crate::env::assert_cells(
        &rows[1],
        &[
            ("projects", "2"),
            ("estimate_wan", "75000"),
            ("estimate_share_wan", "35000"),
            ("spent_wan", "1000.01"),
        ],
    );
    let share_sum: rust_decimal::Decimal =
        rows[..4].iter().map(|r| r.dec("estimate_share_wan")).sum();
    assert_eq!(share_sum, rows[4].dec("estimate_share_wan"));
    assert_eq!(&rows[4]["estimate_share_wan"], "785341");
    let spent_sum: rust_decimal::Decimal = rows[..4].iter().map(|r| r.dec("spent_share_wan")).sum();
    assert_eq!(spent_sum, crate::env::dec("1000.01"));
    // Sorted, the total row stays last; the workbook's rows are on a sheet named as the
    // totals are.
    crate::env::assert_sorted_above_the_total(
        &env,
        &["totals", "--by", "indicator"],
        "estimate_share_wan",
    );
    for (lang, sheet) in [("en", "totals"), ("zh", "汇总")] {
        let path = env.dir.path().join(format!("indicators-{lang}.xlsx"));
        let path = path.to_str().unwrap();
        env.ok(&[
            "--lang",
            lang,
            "totals",
            "--by",
            "indicator",
            "--format",
            "xlsx",
            "--out",
            path,
        ]);
        use calamine::Reader;
        let book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
        // The first sheet holds the rows; the note has a sheet of its own.
        assert_eq!(book.sheet_names()[0], sheet);
    }
    // 1000.01 万元 over three indicators: the leftover 元 go to the first.
    assert_eq!(&rows[0]["spent_share_wan"], "333.3367");
    assert_eq!(&rows[1]["spent_share_wan"], "333.3367");
    assert_eq!(&rows[2]["spent_share_wan"], "333.3366");
    // show lists the linked projects with their money and status.
    let v = env.json(&["indicators", "show", "26"]);
    let projects = v["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 2);
    assert_eq!(projects[0]["id"], "A5-05");
    assert_eq!(projects[0]["spent_wan"].to_string(), "1000.01");
    // The project's own page names the indicators it serves.
    assert_eq!(
        env.json(&["projects", "show", "A5-05"])["indicators"],
        "24、26、27"
    );
    // Unlink, with its history on the project.
    env.ok(&["indicators", "unlink", "26", "A5-08", "--reason", "误关联"]);
    let rows = env.records(&["totals", "--by", "indicator"]);
    assert_eq!(&rows[1]["projects"], "1");
    let h = env.records(&["history", "A5-08"]);
    let actions: Vec<&str> = h.iter().map(|r| &r["action"] as &str).collect();
    assert_eq!(&actions[actions.len() - 2..], ["link", "unlink"]);
    assert_eq!(env.run(&["check"]).0, 0);
    // The table says which columns add up and which do not.
    let table = env.ok(&["totals", "--by", "indicator"]);
    assert!(table.contains("note: a project serving several"), "{table}");
    // Refusals: one line, nothing written.
    env.refused(&["indicators", "link", "26", "A5-05"], "already linked");
    env.refused(&["indicators", "unlink", "26", "A5-08"], "is not linked");
    env.refused(
        &["indicators", "link", "26", "A9-99"],
        "unknown project id 'A9-99'",
    );
    env.refused(&["indicators", "link", "5.1", "A5-05"], "link 5, not 5.1");
    env.refused(
        &["indicators", "link", "C1", "A5-05"],
        "unknown indicator 'C1'",
    );
    env.refused(
        &["totals", "--by", "indicator", "--by", "year"],
        "no second --by",
    );
    env.ok(&["period", "close", "2025", "--reason", "年度结账"]);
    env.refused(
        &["indicators", "link", "28", "A5-05", "--date", "2025-06-30"],
        "2025",
    );
}

/// `report assessment 2023` on a hand-built scenario: four indicators moved (24 +4, 26 +3,
/// 10 −1, 5 −2 from 87 gives 91), C1 met, the park indicator (28) served by a project in
/// progress, one project completed, one overdue, and a payment after the year that the
/// year does not count.
#[test]
fn the_assessment_for_2023_on_a_hand_built_scenario() {
    let env = TestEnv::seeded();
    record(&env, &["24", "45", "--year", "2023"]); // 50＞A≥40: 4 (was 0)
    record(&env, &["26", "96", "--year", "2023"]); // ≥95: 3 (was 0)
    record(&env, &["10", "54", "--year", "2023"]); // 55＞A≥50: 1 (was 2)
    record(&env, &["5.2", "38", "--year", "2023"]); // ≤37 fails: 5 scores 4 (was 6)
    record(
        &env,
        &["C1", "已印发实施", "--year", "2023", "--met", "yes"],
    );
    record(&env, &["28", "9.5", "--year", "2024"]); // after 2023: not counted
    env.ok(&["indicators", "link", "28", "A5-05"]);
    env.ok(&["start", "A5-05", "--date", "2023-03-01"]);
    env.ok(&["spend", "A5-05", "1000", "--date", "2023-05-01"]);
    env.ok(&["spend", "A5-05", "500", "--date", "2024-02-01"]);
    env.ok(&["start", "A1-01", "--date", "2022-11-01"]);
    env.ok(&["complete", "A1-01", "--date", "2023-06-30"]);
    let expected_total = 87 + 4 + 3 - 1 - 2;

    let dir = env.dir.path().join("assessment");
    let out = env.ok(&[
        "report",
        "assessment",
        "2023",
        "--format",
        "csv",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(out.lines().count(), 6, "{out}");
    let section = |name: &str| {
        let text =
            std::fs::read_to_string(dir.join(format!("assessment-2023-{name}.csv"))).unwrap();
        crate::env::records(&text)
    };
    // 1. Every basic condition met in 2023: C1 by its 2023 value.
    let conditions = section("conditions");
    assert!(
        conditions.iter().all(|c| &c["status"] == "met"),
        "{conditions:?}"
    );
    // 2. The score against 2021.
    let score = section("score");
    let total = score.last().unwrap();
    crate::env::assert_cells(
        total,
        &[
            ("no", "total"),
            ("points_2021", "87"),
            ("points", &expected_total.to_string()),
            ("change", "4"),
            ("movement", "rose"),
            ("max_points", "100"),
        ],
    );
    let row = |no: &str| score.iter().find(|r| &r["no"] == no).unwrap().clone();
    crate::env::assert_cells(
        &row("24"),
        &[("points", "4"), ("change", "4"), ("movement", "rose")],
    );
    crate::env::assert_cells(
        &row("10"),
        &[("points", "1"), ("change", "-1"), ("movement", "fell")],
    );
    crate::env::assert_cells(
        &row("5"),
        &[
            ("value", "88.5；38；基本消除"),
            ("points", "4"),
            ("movement", "fell"),
        ],
    );
    crate::env::assert_cells(&row("28"), &[("value", "8.7"), ("movement", "same")]);
    // 3. Off target: 28 with its project's progress through 2023; 24 without projects.
    let off = section("off_target");
    let r28 = off.iter().find(|r| &r["no"] == "28").unwrap();
    crate::env::assert_cells(
        r28,
        &[
            ("project", "A5-05"),
            ("status", "in_progress"),
            ("estimate_wan", "60000"),
            ("spent_wan", "1000"),
            ("execution_rate", "1.7"),
        ],
    );
    let r24 = off.iter().find(|r| &r["no"] == "24").unwrap();
    assert_eq!(&r24["project"], "");
    assert!(off.iter().all(|r| &r["no"] != "26"), "26 is on track");
    // 4. Completion, 5. overdue, 6. money (through 2023-12-31).
    let completion = section("completion");
    let env_quality = &completion[0];
    crate::env::assert_cells(
        env_quality,
        &[
            ("projects", "22"),
            ("completed", "1"),
            ("overdue", "1"),
            ("completion_rate", "4.5"),
        ],
    );
    let all = completion.last().unwrap();
    crate::env::assert_cells(
        all,
        &[("projects", "68"), ("in_progress", "1"), ("completed", "1")],
    );
    let overdue = section("overdue");
    let ids: Vec<&str> = overdue.iter().map(|r| &r["id"] as &str).collect();
    assert_eq!(ids, ["A1-16"]);
    let money = section("money");
    crate::env::assert_cells(
        money.last().unwrap(),
        &[
            ("estimate_wan", "785341"),
            ("spent_wan", "1000"),
            ("execution_rate", "0.1"),
        ],
    );

    // One section as CSV; all of them as JSON; and a workbook of six sheets, read back.
    let one = env.records(&["report", "assessment", "2023", "--section", "money"]);
    assert_eq!(one, money);
    let json = env.json(&["report", "assessment", "2023"]);
    assert_eq!(json["score"].as_array().unwrap().len(), 39);
    assert_eq!(json["score"][38]["points"], expected_total);
    let book_path = env.dir.path().join("assessment.xlsx");
    env.ok(&[
        "report",
        "assessment",
        "2023",
        "--format",
        "xlsx",
        "--out",
        book_path.to_str().unwrap(),
    ]);
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&book_path).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "basic conditions",
            "indicator score",
            "indicators off target",
            "project completion",
            "overdue projects",
            "investment and spending"
        ]
    );
    let sheet = book.worksheet_range("indicator score").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    // Header, 38 indicators, the total, then the note under them.
    let total_row = rows[39];
    assert_eq!(total_row[0], Data::String("total".into()));
    assert_eq!(total_row[5], Data::Float(f64::from(expected_total)));
    let note = rows[41][0].to_string();
    assert!(
        note.contains("91 of 100") && note.contains("every basic condition is met"),
        "{note}"
    );
    let sheet = book.worksheet_range("investment and spending").unwrap();
    let last: Vec<Data> = sheet.rows().next_back().unwrap().to_vec();
    assert_eq!(last[2], Data::Float(1000.0));

    // Refusals.
    env.refused(
        &["report", "assessment", "2023", "--format", "csv"],
        "--section",
    );
    env.refused(
        &["report", "assessment", "2023", "--section", "all"],
        "unknown section",
    );
    env.refused(&["report", "assessment", "2020"], "2021");
    env.refused(&["report", "assessment", "2027"], "this year");
}

/// `check` verifies indicator values like every other record: an edit behind the
/// program's back breaks the chain, and a value naming no indicator is named.
#[test]
fn check_verifies_the_indicator_records() {
    let env = TestEnv::seeded();
    record(&env, &["24", "45", "--year", "2023"]);
    env.ok(&["indicators", "link", "26", "A5-05"]);
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("1 values and 1 links in force, each naming an indicator of the plan"),
        "{out}"
    );
    env.sqlite()
        .execute_batch(
            "DROP TRIGGER indicator_measurement_no_update;
             UPDATE indicator_measurement SET value = '52', indicator = '99';",
        )
        .unwrap();
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_ne!(code, 0, "{out}");
    assert!(out.contains("indicator_measurement 1"), "{out}");
    assert!(
        out.contains("naming no indicator of the plan: indicator_measurement 1 99"),
        "{out}"
    );
}

#[test]
fn chinese_confirmations_refusals_and_labels() {
    let env = TestEnv::seeded();
    let out = env.ok(&[
        "--lang",
        "zh",
        "indicators",
        "record",
        "24",
        "45",
        "--year",
        "2023",
        "--source",
        "x",
    ]);
    assert_eq!(out, "24 2023年：已录入 45（得 4 / 5 分）\n");
    let (code, _, err) = env.run(&[
        "--lang",
        "zh",
        "indicators",
        "record",
        "1",
        "开展",
        "--year",
        "2023",
        "--source",
        "x",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("需人工判定：请加 --met yes 或 --met no"),
        "{err}"
    );
    let table = env.ok(&[
        "--lang",
        "zh",
        "--wide",
        "indicators",
        "list",
        "--field",
        "生态文化",
    ]);
    assert!(
        table.contains("指标名称") && table.contains("责任单位"),
        "{table}"
    );
    // JSON numbers stay numbers; codes stay codes in either language.
    let v = env.json(&["--lang", "zh", "indicators", "score", "--year", "2023"]);
    assert_eq!(v[23]["no"], 24);
    assert_eq!(v[23]["on_track"], "no");
    assert_eq!(v[38]["no"], "total");
}

/// `indicators score` and `conditions` take the ledger's two clocks: `--as-of` counts the
/// values known by their effective date, `--known-at` those recorded by then.
#[test]
fn the_score_as_of_a_date_and_as_known_at_a_moment() {
    let env = TestEnv::new();
    env.ok(&["--today", "2026-01-05", "info"]);
    env.ok(&[
        "--today",
        "2026-01-10",
        "indicators",
        "record",
        "24",
        "45",
        "--year",
        "2023",
        "--source",
        "x",
        "--date",
        "2024-03-01",
    ]);
    record(&env, &["26", "96", "--year", "2023"]);
    let total_with = |extra: &[&str]| -> String {
        let mut args = vec!["indicators", "score", "--year", "2023"];
        args.extend_from_slice(extra);
        env.records(&args).pop().unwrap()["points"].to_string()
    };
    assert_eq!(total_with(&[]), "94");
    assert_eq!(total_with(&["--as-of", "2024-02-29"]), "87");
    assert_eq!(total_with(&["--as-of", "2024-03-01"]), "91");
    assert_eq!(total_with(&["--known-at", "2026-06-01"]), "91");
    assert_eq!(total_with(&["--known-at", "2025-12-31"]), "87");
    env.refused(
        &[
            "indicators",
            "score",
            "--year",
            "2023",
            "--as-of",
            "2024-02-30",
        ],
        "--as-of",
    );
}
