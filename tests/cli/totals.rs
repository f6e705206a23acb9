//! `totals --by …`: the seeded figures, exact to the 元, and every total row equals
//! the sum of its rows.

use crate::env::{dec, TestEnv};
use rust_decimal::Decimal;

fn sum_column(rows: &[Vec<String>], col: usize) -> Decimal {
    rows.iter().map(|r| dec(&r[col])).sum()
}

#[test]
fn by_category_gives_the_plans_subtotals_exactly() {
    let env = TestEnv::new();
    let text = env.ok(&["totals", "--by", "category", "--format", "csv"]);
    assert_eq!(
        text,
        "key,projects,estimate_wan\r\n\
         environmental quality,22,152173\r\n\
         ecological barrier,6,21850\r\n\
         ecological security,6,4700\r\n\
         green economy,9,49735\r\n\
         living environment,22,556583\r\n\
         ecological culture,3,300\r\n\
         total,68,785341\r\n"
    );
}

#[test]
fn by_year_spreads_estimates_and_adds_up_to_the_grand_total() {
    let env = TestEnv::new();
    let rows = env.csv(&["totals", "--by", "year"]);
    assert_eq!(rows[0], ["key", "projects", "estimate_wan"]);
    let (total, years) = rows[1..].split_last().unwrap();
    assert_eq!(
        years.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        ["2022", "2023", "2024", "2025"]
    );
    assert_eq!(sum_column(years, 2), dec("785341"));
    assert_eq!(total, &["total", "68", "785341"]);
    // A5-04 contributes 83500 to each of its four years; A1-16 (2022 only) 4200 to 2022.
    assert_eq!(years[0][1], "66");
}

#[test]
fn by_department_shares_add_up_but_full_estimates_do_not() {
    let env = TestEnv::new();
    let rows = env.csv(&["totals", "--by", "department"]);
    assert_eq!(
        rows[0],
        ["key", "projects", "estimate_wan", "estimate_share_wan"]
    );
    let (total, depts) = rows[1..].split_last().unwrap();
    assert_eq!(depts.len(), 19);
    assert_eq!(sum_column(depts, 3), dec("785341"));
    assert!(
        sum_column(depts, 2) > dec("785341"),
        "co-led projects count once per department"
    );
    assert_eq!(total, &["total", "68", "785341", "785341"]);
    let water = depts.iter().find(|r| r[0] == "区水利局").unwrap();
    assert_eq!(water[1..], ["6", "354600", "354600"]);
    // 区委宣传部 co-leads three projects of 50, 50 and 200 万元 with two or three others,
    // and is listed first, so it gets the leftover 元 of each split.
    let publicity = depts.iter().find(|r| r[0] == "区委宣传部").unwrap();
    assert_eq!(publicity[3], "108.3334");
    // The table view explains which column adds up.
    assert!(env
        .ok(&["totals", "--by", "department"])
        .contains("does not add up"));
}

#[test]
fn by_group_continues_merged_cells_and_counts_the_repeated_group_once() {
    let env = TestEnv::new();
    let rows = env.csv(&["totals", "--by", "group"]);
    let water: Vec<_> = rows.iter().filter(|r| r[0] == "水生态修复").collect();
    assert_eq!(
        water.len(),
        1,
        "水生态修复 repeats across a page break: one group"
    );
    assert_eq!(water[0][1], "7");
    assert_eq!(dec(&water[0][2]), dec("57973"));
    let (total, groups) = rows[1..].split_last().unwrap();
    assert_eq!(sum_column(groups, 2), dec("785341"));
    assert_eq!(total[2], "785341");
}

#[test]
fn by_status_lists_every_state_in_lifecycle_order() {
    let env = TestEnv::new();
    let rows = env.csv(&["totals", "--by", "status"]);
    let keys: Vec<_> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        keys,
        [
            "key",
            "planned",
            "in progress",
            "suspended",
            "completed",
            "cancelled",
            "total"
        ]
    );
    assert_eq!(rows[1], ["planned", "68", "785341"]);
    assert_eq!(rows[6], ["total", "68", "785341"]);
}

#[test]
fn table_view_groups_thousands_and_json_is_exact() {
    let env = TestEnv::new();
    let table = env.ok(&["totals"]);
    assert!(table.contains("556,583"), "{table}");
    assert!(table.contains("785,341"));
    let json = env.json(&["totals", "--by", "year"]);
    let rows = json.as_array().unwrap();
    let sum: Decimal = rows[..rows.len() - 1]
        .iter()
        .map(|r| dec(&r["estimate_wan"].to_string()))
        .sum();
    assert_eq!(sum, dec("785341"));
    assert_eq!(rows[0]["estimate_wan"].to_string(), "221113.5834");
}
