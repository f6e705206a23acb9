//! Spending, reversals, overspending and the budget-vs-actual reports, on a hand-built
//! scenario whose every figure is worked out by hand below.

use crate::env::{assert_one_line_error, dec, TestEnv};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The scenario, recorded on 2024-06-28 (so an as-of 2024-06-30 report sees it all):
/// - A5-04 (334000 over 2022-2025: 83500 a year, 20875 a quarter): 50000 paid in 2023,
///   10000 in Q1 2024, 20000 + 30000 (reversed) + 3000 in Q2.
/// - A6-01 (50 over 2022-2025: 12.5 a year): 60 in Q2, overspent.
/// - A1-16 (4200, 2022 only, completed 2022-12-20): 210 retention money in Q2 2024 — no
///   budget in 2024, but spending, so it is in the report.
/// - A2-04 (10000 over 2022-2024) with the explicit plan 2022=2000 2023=3000 2024=5000.
fn scenario() -> TestEnv {
    let env = TestEnv::new();
    let t = ["--today", "2024-06-28"];
    let run = |args: &[&str]| {
        let mut all = t.to_vec();
        all.extend(args);
        env.ok(&all)
    };
    run(&["start", "A5-04", "--date", "2023-03-01"]);
    run(&[
        "spend",
        "A5-04",
        "50000",
        "--date",
        "2023-09-01",
        "--voucher",
        "记-2023-091",
    ]);
    run(&[
        "spend",
        "A5-04",
        "10000",
        "--date",
        "2024-02-10",
        "--voucher",
        "记-2024-021",
    ]);
    run(&[
        "spend",
        "A5-04",
        "20000",
        "--date",
        "2024-04-15",
        "--voucher",
        "记-2024-041",
    ]);
    run(&[
        "spend",
        "A5-04",
        "30000",
        "--date",
        "2024-05-15",
        "--voucher",
        "记-2024-051",
    ]);
    run(&[
        "spend",
        "--reverse",
        "4",
        "--reason",
        "金额录入错误",
        "--date",
        "2024-05-16",
    ]);
    run(&[
        "spend",
        "A5-04",
        "3000",
        "--date",
        "2024-05-17",
        "--voucher",
        "记-2024-052",
    ]);
    run(&["spend", "A6-01", "60", "--date", "2024-06-01"]);
    run(&["start", "A1-16", "--date", "2022-11-01"]);
    run(&["complete", "A1-16", "--date", "2022-12-20"]);
    run(&[
        "spend",
        "A1-16",
        "210",
        "--date",
        "2024-05-20",
        "--note",
        "质保金",
    ]);
    run(&["plan", "A2-04", "2022=2000", "2023=3000", "2024=5000"]);
    env
}

fn by_id(rows: &[Vec<String>]) -> HashMap<String, Vec<String>> {
    rows[1..]
        .iter()
        .filter(|r| r[0] == "project")
        .map(|r| (r[1].clone(), r.clone()))
        .collect()
}

#[test]
fn spending_entries_reversals_and_the_list() {
    let env = scenario();
    let rows = env.csv(&["spending", "list", "--project", "A5-04"]);
    assert_eq!(
        rows[0],
        [
            "entry",
            "date",
            "project",
            "amount_wan",
            "kind",
            "voucher",
            "reverses",
            "reversed_by",
            "note",
            "reason",
            "actor",
            "recorded_at"
        ]
    );
    let amounts: Vec<&str> = rows[1..].iter().map(|r| r[3].as_str()).collect();
    assert_eq!(
        amounts,
        ["50000", "10000", "20000", "30000", "-30000", "3000"]
    );
    // Both the entry and its reversal stay visible and point at each other.
    assert_eq!(rows[4][7], "5");
    assert_eq!(rows[5][4..7], ["reversal", "记-2024-051", "4"]);
    assert_eq!(rows[5][9], "金额录入错误");
    let q2 = env.csv(&["spending", "list", "--period", "2024Q2"]);
    assert_eq!(q2.len() - 1, 6);
    let sum: Decimal = q2[1..].iter().map(|r| dec(&r[3])).sum();
    assert_eq!(sum, dec("23270"));
    let water = env.csv(&[
        "spending",
        "list",
        "--period",
        "2024",
        "--department",
        "区水利局",
    ]);
    assert_eq!(water.len() - 1, 5);
    // Paid after completion: shown as such.
    let retention = env.csv(&["spending", "list", "--project", "A1-16"]);
    assert_eq!(retention[1][4], "after completion (final payment)");
    assert!(env
        .ok(&["spending", "list"])
        .contains("8 entries, total (10k CNY): 83,270"));
}

/// The listing streams its rows (CSV and JSON as SQLite returns them); every format
/// still carries the same entries, and `--out` writes the whole file or none.
#[test]
fn the_streamed_spending_list_is_the_same_in_every_format() {
    let env = scenario();
    let csv = env.csv(&["spending", "list"]);
    let json = env.json(&["spending", "list"]);
    let json = json.as_array().unwrap();
    assert_eq!(json.len(), csv.len() - 1);
    for (row, object) in csv[1..].iter().zip(json) {
        assert_eq!(object["entry"].to_string(), row[0]);
        assert_eq!(object["amount_wan"].to_string(), row[3]);
        assert_eq!(object["voucher"].as_str().unwrap_or(""), row[5]);
    }
    let none = env.json(&["spending", "list", "--period", "2019"]);
    assert_eq!(none, serde_json::json!([]));
    let file = env.dir.path().join("spending.csv");
    let file_arg = file.to_str().unwrap();
    env.ok(&[
        "spending", "list", "--format", "csv", "--bom", "--out", file_arg,
    ]);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with("\u{feff}entry,date,".as_bytes()));
    assert_eq!(
        bytes[3..],
        *env.ok(&["spending", "list", "--format", "csv"]).as_bytes()
    );
    let missing = env.dir.path().join("no-such-folder").join("out.csv");
    let (code, _, err) = env.run(&["spending", "list", "--out", missing.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("no-such-folder"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let left: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(left.is_empty());
}

#[test]
fn bad_spending_is_refused_and_changes_nothing() {
    let env = scenario();
    for (args, needle) in [
        (
            vec!["spend", "A5-04", "0", "--date", "2024-06-01"],
            "must be positive",
        ),
        (
            vec!["spend", "A5-04", "-5", "--date", "2024-06-01"],
            "must be positive",
        ),
        (
            vec!["spend", "A5-04", "1.00001", "--date", "2024-06-01"],
            "more than 4 decimals",
        ),
        (
            vec!["spend", "A5-04", "NaN", "--date", "2024-06-01"],
            "is not a plain decimal",
        ),
        (
            vec!["spend", "A9-04", "1", "--date", "2024-06-01"],
            "unknown project id 'A9-04'",
        ),
        (
            vec!["spend", "A5-04", "1", "--date", "2024-02-30"],
            "not a day of the calendar",
        ),
        (
            vec!["spend", "A5-04", "1", "--date", "2027-01-01"],
            "in the future",
        ),
        (
            vec!["spend", "--reverse", "4", "--reason", "again"],
            "entry 4 was already reversed by entry 5",
        ),
        (
            vec!["spend", "--reverse", "5", "--reason", "x"],
            "entry 5 is itself the reversal of entry 4",
        ),
        (
            vec!["spend", "--reverse", "99", "--reason", "x"],
            "no spending entry 99",
        ),
        (vec!["spend", "--reverse", "3"], "--reason is required"),
        (
            vec![
                "spend",
                "--reverse",
                "3",
                "--reason",
                "x",
                "--date",
                "2024-01-01",
            ],
            "cannot be dated before the entry it reverses",
        ),
    ] {
        env.refused(&args, needle);
    }
    // The ledger refuses spending entries' edits by itself.
    let err = env
        .sqlite()
        .execute("UPDATE spending SET amount_yuan = 1", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("never changed"), "{err}");
}

#[test]
fn overspending_warns_by_default_and_can_be_refused() {
    let env = scenario();
    let (code, out, err) = env.run(&["spend", "A6-01", "1", "--date", "2024-06-02"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("entry 9: A6-01"), "{out}");
    assert!(
        err.contains(
            "warning: A6-01: spending would reach 61 万元, above the current estimate 50 万元"
        ),
        "{err}"
    );
    env.ok(&["config", "overspend", "stop"]);
    assert_eq!(env.csv(&["config"])[1], ["overspend", "stop"]);
    env.refused(
        &["spend", "A6-01", "1", "--date", "2024-06-02"],
        "the ledger is set to refuse overspending",
    );
    // A single command can still say otherwise.
    env.ok(&[
        "spend",
        "A6-01",
        "1",
        "--date",
        "2024-06-02",
        "--overspend",
        "warn",
    ]);
    env.refused(&["config", "overspend", "maybe"], "use warn or stop");
    let h = env.csv(&["history", "--since", "2026-01-01"]);
    assert_eq!(h.last().unwrap()[5..9], ["config", "overspend", "", "stop"]);
}

#[test]
fn the_quarterly_report_adds_up_exactly() {
    let env = scenario();
    let rows = env.csv(&["report", "quarterly", "2024Q2"]);
    assert_eq!(
        rows[0],
        [
            "row_type",
            "id",
            "category",
            "group",
            "description",
            "departments",
            "status",
            "estimate_wan",
            "budget_year_wan",
            "budget_quarter_wan",
            "actual_quarter_wan",
            "budget_ytd_wan",
            "actual_ytd_wan",
            "variance_ytd_wan",
            "execution_rate_ytd",
            "budget_to_date_wan",
            "actual_to_date_wan",
            "remaining_wan"
        ]
    );
    let p = by_id(&rows);
    // A5-04: 83500 a year → 20875 a quarter; to date = 2022 + 2023 + Q1..Q2 of 2024.
    assert_eq!(
        p["A5-04"][6..],
        [
            "in progress",
            "334000",
            "83500",
            "20875",
            "23000",
            "41750",
            "33000",
            "-8750",
            "79.0",
            "208750",
            "83000",
            "251000"
        ]
    );
    // A6-01: overspent: 60 against a year-to-date budget of 6.25.
    assert_eq!(
        p["A6-01"][7..],
        ["50", "12.5", "3.125", "60", "6.25", "60", "53.75", "960.0", "31.25", "60", "-10"]
    );
    // A1-16: no budget in 2024 (schedule 2022), but spending in it: listed, rate empty.
    assert_eq!(
        p["A1-16"][6..],
        [
            "completed",
            "4200",
            "0",
            "0",
            "210",
            "0",
            "210",
            "210",
            "",
            "4200",
            "210",
            "3990"
        ]
    );
    // A2-04: the explicit plan's 5000 for 2024, in four quarters of 1250.
    assert_eq!(p["A2-04"][8..12], ["5000", "1250", "0", "2500"]);
    // Projects whose schedule ended before 2024 and without 2024 spending are left out.
    assert!(!p.contains_key("A1-09"));

    // Every subtotal is the sum of its rows; the total the sum of the subtotals.
    let money_cols: Vec<usize> = (7..18).filter(|c| *c != 14).collect();
    let mut subtotals: Vec<&Vec<String>> = Vec::new();
    let mut members: Vec<&Vec<String>> = Vec::new();
    for r in &rows[1..] {
        match r[0].as_str() {
            "project" => members.push(r),
            "subtotal" => {
                for &c in &money_cols {
                    let sum: Decimal = members.iter().map(|m| dec(&m[c])).sum();
                    assert_eq!(dec(&r[c]), sum, "subtotal {} column {}", r[2], rows[0][c]);
                }
                assert!(
                    members.iter().all(|m| m[2] == r[2]),
                    "rows under their category"
                );
                members.clear();
                subtotals.push(r);
            }
            "total" => {
                assert!(members.is_empty());
                for &c in &money_cols {
                    let sum: Decimal = subtotals.iter().map(|s| dec(&s[c])).sum();
                    assert_eq!(dec(&r[c]), sum, "total column {}", rows[0][c]);
                }
            }
            other => panic!("row_type {other}"),
        }
    }
    assert_eq!(subtotals.len(), 6);
    let total = rows.last().unwrap();
    assert_eq!(total[0], "total");
    // Spending in the report: 23000 + 60 + 210 this quarter.
    assert_eq!(total[10], "23270");
    assert_eq!(total[12], "33270");
    // The rates of subtotal and total rows come from their own sums.
    let culture = subtotals
        .iter()
        .find(|s| s[2] == "ecological culture")
        .unwrap();
    assert_eq!(culture[11..15], ["37.5", "60", "22.5", "160.0"]);
    // The table view shows the same figures for people.
    let table = env.ok(&["report", "quarterly", "2024Q2"]);
    assert!(
        table.contains("79.0%") && table.contains("251,000") && table.contains("subtotal"),
        "{table}"
    );
    // Same data, same bytes.
    let again = env.ok(&["report", "quarterly", "2024Q2", "--format", "csv"]);
    assert_eq!(
        env.ok(&["report", "quarterly", "2024Q2", "--format", "csv"]),
        again
    );
}

#[test]
fn report_budgets_agree_with_each_projects_year_allocation() {
    // The report computes the year's budget in closed form; `projects show` lists the
    // allocation the rule gives. They must agree for every project, plan or not.
    let env = scenario();
    env.ok(&[
        "--today",
        "2024-06-28",
        "reschedule",
        "A1-13",
        "2023-2026",
        "--reason",
        "延期",
    ]);
    let rows = env.csv(&["report", "annual", "2024"]);
    for r in rows[1..].iter().filter(|r| r[0] == "project") {
        let show = env.json(&["projects", "show", &r[1]]);
        let years = show["years"].as_array().unwrap();
        let amount = |y: i64| {
            years
                .iter()
                .find(|v| v["year"] == y)
                .map_or(Decimal::ZERO, |v| dec(&v["amount_wan"].to_string()))
        };
        assert_eq!(dec(&r[8]), amount(2024), "{} budget for 2024", r[1]);
        let before: Decimal = (2000..2024).map(amount).sum();
        assert_eq!(
            dec(&r[20]),
            before + amount(2024),
            "{} budget to date",
            r[1]
        );
    }
}

#[test]
fn the_quarterly_report_speaks_chinese_and_opens_in_excel() {
    let env = scenario();
    let out = env
        .cmd()
        .args([
            "--lang",
            "zh",
            "--bom",
            "report",
            "quarterly",
            "2024Q2",
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    let header = text.lines().next().unwrap();
    assert!(header.starts_with("行类型,编号,类别,项目名称,主要建设内容及规模,牵头部门,状态,投资估算（万元）,年度预算（万元）,本季度预算（万元）,本季度支出（万元）"), "{header}");
    assert!(header.contains("年初至今预算执行率（%）"));
    assert!(
        text.contains("\r\n小计,,生态人居建设,"),
        "subtotal rows labelled 小计"
    );
    assert!(text.contains("\r\n合计,,,"), "the total row labelled 合计");
    assert!(text.contains("项目,A5-04,生态人居建设,渝西水资源配置工程"));
}

#[test]
fn the_xlsx_report_holds_the_same_numbers_as_the_csv() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let env = scenario();
    let path = env.dir.path().join("2024Q2.xlsx");
    env.ok(&[
        "report",
        "quarterly",
        "2024Q2",
        "--format",
        "xlsx",
        "--out",
        path.to_str().unwrap(),
    ]);
    let csv = env.csv(&["report", "quarterly", "2024Q2"]);
    let mut book: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["2024Q2"]);
    let range = book.worksheet_range("2024Q2").unwrap();
    let sheet: Vec<&[Data]> = range.rows().collect();
    assert_eq!(sheet.len(), csv.len());
    // The workbook heads its columns with the labels people read.
    assert_eq!(sheet[0][3], Data::String("project group".into()));
    assert_eq!(
        sheet[0][14],
        Data::String("execution rate year to date (%)".into())
    );
    for (r, (xrow, crow)) in sheet.iter().zip(&csv).enumerate().skip(1) {
        for (c, (x, v)) in xrow.iter().zip(crow).enumerate() {
            match x {
                Data::Float(f) => {
                    // Numeric cells: the CSV's exact decimal, to the 元.
                    let shown = Decimal::from_f64_retain(*f)
                        .unwrap()
                        .round_dp(4)
                        .normalize();
                    assert_eq!(shown, dec(v).normalize(), "row {r} column {c}");
                    assert!(c >= 7, "numbers only in figure columns");
                }
                Data::String(s) => assert_eq!(s, v, "row {r} column {c}"),
                Data::Empty => assert_eq!(v, "", "row {r} column {c}"),
                other => panic!("unexpected cell {other:?}"),
            }
        }
    }
    // Totals too, as a workbook.
    let totals = env.dir.path().join("totals.xlsx");
    env.ok(&[
        "totals",
        "--by",
        "year",
        "--format",
        "xlsx",
        "--out",
        totals.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = open_workbook(&totals).unwrap();
    let range = book.worksheet_range("totals").unwrap();
    let last = range.rows().next_back().unwrap();
    assert_eq!(last[0], Data::String("total".into()));
    assert_eq!(last[2], Data::Float(785341.0));
    // A workbook is not sent to a terminal-less stdout by mistake: it needs --out or a pipe.
    let out = env
        .cmd()
        .args(["totals", "--format", "xlsx"])
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stdout.starts_with(b"PK"),
        "a pipe gets the bytes"
    );
}

#[test]
fn an_as_of_report_does_not_change_when_later_payments_are_recorded() {
    let env = scenario();
    let args = [
        "report",
        "quarterly",
        "2024Q2",
        "--as-of",
        "2024-06-30",
        "--format",
        "csv",
    ];
    let before = env.ok(&args);
    // Recorded later: a late Q2 payment (back-dated) and a revision.
    env.ok(&[
        "--today",
        "2024-07-10",
        "spend",
        "A5-04",
        "999",
        "--date",
        "2024-06-29",
    ]);
    env.ok(&[
        "--today",
        "2024-07-10",
        "estimate",
        "A5-04",
        "340000",
        "--stage",
        "preliminary",
        "--reason",
        "概算",
        "--date",
        "2024-07-05",
    ]);
    assert_eq!(env.ok(&args), before);
    let now = env.csv(&["report", "quarterly", "2024Q2"]);
    assert_eq!(by_id(&now)["A5-04"][10], "23999");
    assert_eq!(by_id(&now)["A5-04"][7], "340000");
}

#[test]
fn the_annual_report_puts_quarters_side_by_side() {
    let env = scenario();
    let rows = env.csv(&["report", "annual", "2024"]);
    assert_eq!(
        rows[0][7..12],
        [
            "estimate_wan",
            "budget_year_wan",
            "budget_q1_wan",
            "actual_q1_wan",
            "budget_q2_wan"
        ]
    );
    let p = by_id(&rows);
    assert_eq!(
        p["A5-04"][7..],
        [
            "334000", "83500", "20875", "10000", "20875", "23000", "20875", "0", "20875", "0",
            "33000", "-50500", "39.5", "250500", "83000", "251000"
        ]
    );
    let total = rows.last().unwrap();
    assert_eq!(total[0], "total");
    let sum: Decimal = rows[1..]
        .iter()
        .filter(|r| r[0] == "subtotal")
        .map(|r| dec(&r[17]))
        .sum();
    assert_eq!(dec(&total[17]), sum);
    env.refused(
        &["report", "quarterly", "2024"],
        "is a year; give a quarter like 2024Q2",
    );
    env.refused(&["report", "quarterly", "2024Q5"], "is not a period");
    env.refused(&["report", "annual", "24"], "YEAR");
}

#[test]
fn a_workbook_needs_a_file_on_a_terminal() {
    // Whether stdout is a terminal is decided by main; here the refusal's wording is
    // checked through --out to a folder that does not exist instead: one clear line.
    let env = scenario();
    let (code, _, err) = env.run(&[
        "totals",
        "--format",
        "xlsx",
        "--out",
        "/nonexistent/dir/t.xlsx",
    ]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "/nonexistent/dir/t.xlsx");
}

#[test]
fn a_period_without_any_project_still_reports_a_zero_total() {
    // No seeded schedule reaches 2026: the report has only its total row, all zero
    // (this used to panic).
    let env = TestEnv::new();
    for args in [
        ["report", "quarterly", "2026Q4"],
        ["report", "annual", "2026"],
    ] {
        let rows = env.csv(&args);
        assert_eq!(rows.len(), 2, "{args:?}: header and total: {rows:?}");
        assert_eq!(rows[1][0], "total");
        assert!(
            rows[1]
                .iter()
                .skip(1)
                .all(|c| c.is_empty() || c == "0" || c == "total"),
            "{rows:?}"
        );
    }
}
