//! `projects list` and `projects show`: the seeded rows, every filter, and the CSV
//! columns the issue fixes.

use crate::env::{assert_cells, assert_one_line_error, columns, dec, records, Record, TestEnv};

fn ids(rows: &[Record]) -> Vec<String> {
    rows.iter().map(|r| r["id"].to_string()).collect()
}

#[test]
fn lists_all_68_projects_with_the_fixed_csv_columns() {
    let env = TestEnv::seeded();
    let text = env.ok(&["projects", "list", "--format", "csv"]);
    assert_eq!(
        columns(&text),
        [
            "id",
            "table",
            "category",
            "group",
            "description",
            "estimate_wan",
            "start_year",
            "end_year",
            "departments",
            "status"
        ]
    );
    let rows = records(&text);
    assert_eq!(rows.len(), 68);
    let a504 = rows.iter().find(|r| &r["id"] == "A5-04").unwrap();
    assert_cells(
        a504,
        &[
            ("id", "A5-04"),
            ("table", "5"),
            ("category", "living environment"),
            ("group", "渝西水资源配置工程"),
            (
                "description",
                "推进渝西水资源配置工程（永川段），包括：120公里输水管道、4个泵站、8个隧洞建设。",
            ),
            ("estimate_wan", "334000"),
            ("start_year", "2022"),
            ("end_year", "2025"),
            ("departments", "区水利局"),
            ("status", "planned"),
        ],
    );
    // Several lead departments are joined by 、 as the plan writes them.
    let a506 = rows.iter().find(|r| &r["id"] == "A5-06").unwrap();
    assert_eq!(
        a506["departments"],
        *"区住房城乡建委、区新城建管委、凤凰湖产业促进中心"
    );
    // Ids are A{table}-{no:02} and in table order.
    assert_eq!(rows[0]["id"], *"A1-01");
    assert_eq!(rows.last().unwrap()["id"], *"A6-03");
    let sum: rust_decimal::Decimal = rows.iter().map(|r| r.dec("estimate_wan")).sum();
    assert_eq!(sum, dec("785341"));
}

#[test]
fn filters_by_category_number_or_name() {
    let env = TestEnv::seeded();
    let by_number = ids(&env.records(&["projects", "list", "--category", "5"]));
    assert_eq!(by_number.len(), 22);
    assert_eq!(
        ids(&env.records(&["projects", "list", "--category", "生态人居建设"])),
        by_number
    );
    assert_eq!(
        ids(&env.records(&["projects", "list", "--category", "Living Environment"])),
        by_number
    );
    assert_eq!(
        ids(&env.records(&["projects", "list", "--category", "附表5"])),
        by_number
    );
}

#[test]
fn filters_by_department_year_and_text() {
    let env = TestEnv::seeded();
    let water = ids(&env.records(&["projects", "list", "--department", "区水利局"]));
    assert_eq!(
        water,
        ["A1-10", "A2-04", "A4-02", "A5-02", "A5-03", "A5-04"]
    );
    // A co-leading department finds the projects it shares.
    let traffic = ids(&env.records(&["projects", "list", "--department", "区交通局"]));
    assert_eq!(traffic, ["A1-02", "A1-09"]);
    // --year keeps projects whose schedule covers it: A1-16 runs in 2022 only.
    let y2022 = ids(&env.records(&["projects", "list", "--year", "2022"]));
    assert_eq!(y2022.len(), 66);
    assert!(y2022.contains(&"A1-16".to_string()));
    let y2025 = ids(&env.records(&["projects", "list", "--year", "2025"]));
    assert_eq!(y2025.len(), 47);
    assert!(!y2025.contains(&"A1-16".to_string()));
    assert!(ids(&env.records(&["projects", "list", "--year", "2030"])).is_empty());
    let sewage = ids(&env.records(&["projects", "list", "--search", "污水处理厂"]));
    assert!(sewage.contains(&"A5-08".to_string()) && sewage.contains(&"A1-16".to_string()));
    // Filters combine.
    let both = ids(&env.records(&[
        "projects",
        "list",
        "--category",
        "5",
        "--year",
        "2024",
        "--department",
        "区水利局",
    ]));
    assert_eq!(both, ["A5-04"]);
}

#[test]
fn search_text_is_literal_even_with_sql_metacharacters() {
    let env = TestEnv::seeded();
    for text in ["_", "%%", "' OR 1=1 --", "\"; DROP TABLE project; --"] {
        let rows = env.csv(&["projects", "list", "--search", text]);
        assert_eq!(rows.len(), 1, "{text:?} matched: {rows:?}");
    }
    // '%' is a character, not a wildcard: only the description with "80%" has it.
    assert_eq!(
        ids(&env.records(&["projects", "list", "--search", "%"])),
        ["A1-09"]
    );
    // Text with an ASCII id matches case-insensitively.
    assert_eq!(
        ids(&env.records(&["projects", "list", "--search", "a5-04"])),
        ["A5-04"]
    );
    assert_eq!(
        env.csv(&["projects", "list"]).len(),
        69,
        "nothing was dropped"
    );
}

#[test]
fn unknown_filters_are_refused_with_one_clear_line() {
    let env = TestEnv::seeded();
    let (code, out, err) = env.run(&["projects", "list", "--category", "9"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_one_line_error(&err, "unknown category '9'");
    let (code, _, err) = env.run(&["projects", "list", "--department", "水利局"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "did you mean: 区水利局?");
    let (code, _, err) = env.run(&["projects", "list", "--year", "20225"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "--year");
    let (code, _, err) = env.run(&["projects", "list", "--year", "1800"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "out of range");
}

#[test]
fn show_gives_every_field_years_and_department_shares() {
    let env = TestEnv::seeded();
    let p = env.json(&["projects", "show", "a5-04"]);
    assert_eq!(p["id"], "A5-04");
    assert_eq!(p["group"], "渝西水资源配置工程");
    assert_eq!(p["estimate_wan"].to_string(), "334000");
    assert_eq!(p["schedule"], "2022-2025");
    assert_eq!(p["start_year"], 2022);
    assert_eq!(p["end_year"], 2025);
    assert_eq!(p["departments"], "区水利局");
    assert_eq!(p["status"], "planned");
    let years: Vec<(String, String)> = p["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].to_string(), y["amount_wan"].to_string()))
        .collect();
    assert_eq!(
        years,
        [
            ("2022", "83500"),
            ("2023", "83500"),
            ("2024", "83500"),
            ("2025", "83500")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // A 200 万元 project over 3 departments: leftover 元 go to the first listed.
    let p = env.json(&["projects", "show", "A6-03"]);
    let shares: Vec<String> = p["department_shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["estimate_share_wan"].to_string())
        .collect();
    assert_eq!(shares, ["66.6667", "66.6667", "66.6666"]);
}

#[test]
fn show_splits_an_uneven_estimate_with_leftover_to_the_earliest_years() {
    let env = TestEnv::seeded();
    // A2-04: 10000 万元 over 2022-2024 does not split evenly into whole 元.
    let rows = env.records(&["projects", "show", "A2-04"]);
    let years: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["field"].starts_with("years."))
        .map(|r| (&r["field"], &r["value"]))
        .collect();
    assert_eq!(
        years,
        [
            ("years.2022.amount_wan", "3333.3334"),
            ("years.2023.amount_wan", "3333.3333"),
            ("years.2024.amount_wan", "3333.3333")
        ]
    );
    let sum: rust_decimal::Decimal = years.iter().map(|(_, v)| dec(v)).sum();
    assert_eq!(sum, dec("10000"));
    let table = env.ok(&["projects", "show", "A1-13"]);
    assert!(table.contains("一龙河鱼剑滩生态修复工程"), "{table}");
    assert!(table.contains("444.75"), "{table}");
}

#[test]
fn show_refuses_an_unknown_id() {
    let env = TestEnv::seeded();
    let (code, out, err) = env.run(&["projects", "show", "A9-99"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_one_line_error(&err, "unknown project id 'A9-99'");
}

#[test]
fn filters_by_status() {
    let env = TestEnv::seeded();
    env.ok(&["start", "A5-04", "A1-16", "--date", "2023-03-01"]);
    env.ok(&["complete", "A1-16", "--date", "2023-06-01"]);
    let rows = env.records(&["projects", "list", "--status", "in_progress"]);
    assert_eq!(ids(&rows), ["A5-04"]);
    let rows = env.records(&["projects", "list", "--status", "completed"]);
    assert_eq!(ids(&rows), ["A1-16"]);
    let rows = env.records(&["projects", "list", "--status", "planned", "--category", "5"]);
    assert!(!ids(&rows).contains(&"A5-04".to_string()));
    env.refused(
        &["projects", "list", "--status", "done"],
        "unknown status 'done'",
    );
}
