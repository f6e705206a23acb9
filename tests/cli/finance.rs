//! Spending, reversals, overspending and the budget-vs-actual reports, on a hand-built
//! scenario whose every figure is worked out by hand below.

use crate::env::{assert_cells, assert_one_line_error, columns, dec, records, Record, TestEnv};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The scenario, recorded on 2024-06-28 (so an as-of 2024-06-30 report sees it all):
/// - A5-04 (334000 over 2022-2025: 83500 a year, 20875 a quarter): 50000 paid in 2023,
///   10000 in Q1 2024, 20000 + 30000 (reversed) + 3000 in Q2.
/// - A6-01 (50 over 2022-2025: 12.5 a year): 60 in Q2, overspent.
/// - A1-16 (4200, 2022 only, completed 2022-12-20): 210 retention money in Q2 2024 — no
///   budget in 2024, but spending, so it is in the report.
/// - A2-04 (10000 over 2022-2024) with the explicit plan 2022=2000 2023=3000 2024=5000.
///
/// Built once per test binary through the real binary; each test gets its own copy.
fn scenario() -> TestEnv {
    TestEnv::from_template("finance-scenario", build_scenario)
}

fn build_scenario(env: &TestEnv) {
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
}

/// The project rows of a budget report, by project id.
fn by_id(rows: &[Record]) -> HashMap<String, Record> {
    rows.iter()
        .filter(|r| &r["row_type"] == "project")
        .map(|r| (r["id"].to_string(), r.clone()))
        .collect()
}

/// Runs a report as CSV: its column names in order, and its records.
fn report(env: &TestEnv, args: &[&str]) -> (Vec<String>, Vec<Record>) {
    let mut all = args.to_vec();
    all.extend(["--format", "csv"]);
    let text = env.ok(&all);
    (columns(&text), records(&text))
}

#[test]
fn spending_entries_reversals_and_the_list() {
    let env = scenario();
    let (header, rows) = report(&env, &["spending", "list", "--project", "A5-04"]);
    assert_eq!(
        header,
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
    let amounts: Vec<&str> = rows.iter().map(|r| &r["amount_wan"]).collect();
    assert_eq!(
        amounts,
        ["50000", "10000", "20000", "30000", "-30000", "3000"]
    );
    // Both the entry and its reversal stay visible and point at each other.
    let entry = |n: &str| rows.iter().find(|r| &r["entry"] == n).unwrap();
    assert_cells(
        entry("4"),
        &[
            ("amount_wan", "30000"),
            ("kind", "payment"),
            ("voucher", "记-2024-051"),
            ("reverses", ""),
            ("reversed_by", "5"),
        ],
    );
    assert_cells(
        entry("5"),
        &[
            ("amount_wan", "-30000"),
            ("kind", "reversal"),
            ("voucher", "记-2024-051"),
            ("reverses", "4"),
            ("reason", "金额录入错误"),
        ],
    );
    let q2 = env.records(&["spending", "list", "--period", "2024Q2"]);
    assert_eq!(q2.len(), 6);
    let sum: Decimal = q2.iter().map(|r| r.dec("amount_wan")).sum();
    assert_eq!(sum, dec("23270"));
    let water = env.records(&[
        "spending",
        "list",
        "--period",
        "2024",
        "--department",
        "区水利局",
    ]);
    assert_eq!(water.len(), 5);
    // Paid after completion: shown as such.
    let retention = env.records(&["spending", "list", "--project", "A1-16"]);
    assert_eq!(retention[0]["kind"], *"after_completion");
    assert!(env
        .ok(&["spending", "list"])
        .contains("8 entries, total (10k CNY): 83,270"));
}

/// The listing streams its rows (CSV and JSON as SQLite returns them); every format
/// still carries the same entries, and `--out` writes the whole file or none.
#[test]
fn the_streamed_spending_list_is_the_same_in_every_format() {
    let env = scenario();
    let csv = env.records(&["spending", "list"]);
    let json = env.json(&["spending", "list"]);
    let json = json.as_array().unwrap();
    assert_eq!(json.len(), csv.len());
    for (row, object) in csv.iter().zip(json) {
        assert_eq!(object["entry"].to_string(), row["entry"]);
        assert_eq!(object["amount_wan"].to_string(), row["amount_wan"]);
        assert_eq!(object["voucher"].as_str().unwrap_or(""), &row["voucher"]);
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
            vec!["spend", "A5-04", "1.0000001", "--date", "2024-06-01"],
            "more than 6 decimals; payments are exact to 1 fen",
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
        .execute("UPDATE spending SET amount_fen = 1", [])
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
            "warning: A6-01: spending would reach 61 (10k CNY), above the current estimate 50 (10k CNY)"
        ),
        "{err}"
    );
    env.ok(&["config", "overspend", "stop"]);
    let config = env.records(&["config"]);
    let overspend = config.iter().find(|r| &r["key"] == "overspend").unwrap();
    assert_eq!(overspend["value"], *"stop");
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
    let h = env.records(&["history", "--since", "2026-01-01"]);
    assert_cells(
        h.last().unwrap(),
        &[
            ("action", "config"),
            ("field", "overspend"),
            ("old_value", ""),
            ("new_value", "stop"),
        ],
    );
}

#[test]
fn the_quarterly_report_adds_up_exactly() {
    let env = scenario();
    let (header, rows) = report(&env, &["report", "quarterly", "2024Q2"]);
    assert_eq!(
        header,
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
    assert_cells(
        &p["A5-04"],
        &[
            ("status", "in_progress"),
            ("estimate_wan", "334000"),
            ("budget_year_wan", "83500"),
            ("budget_quarter_wan", "20875"),
            ("actual_quarter_wan", "23000"),
            ("budget_ytd_wan", "41750"),
            ("actual_ytd_wan", "33000"),
            ("variance_ytd_wan", "-8750"),
            ("execution_rate_ytd", "79.0"),
            ("budget_to_date_wan", "208750"),
            ("actual_to_date_wan", "83000"),
            ("remaining_wan", "251000"),
        ],
    );
    // A6-01: overspent: 60 against a year-to-date budget of 6.25.
    assert_cells(
        &p["A6-01"],
        &[
            ("estimate_wan", "50"),
            ("budget_year_wan", "12.5"),
            ("budget_quarter_wan", "3.125"),
            ("actual_quarter_wan", "60"),
            ("budget_ytd_wan", "6.25"),
            ("actual_ytd_wan", "60"),
            ("variance_ytd_wan", "53.75"),
            ("execution_rate_ytd", "960.0"),
            ("budget_to_date_wan", "31.25"),
            ("actual_to_date_wan", "60"),
            ("remaining_wan", "-10"),
        ],
    );
    // A1-16: no budget in 2024 (schedule 2022), but spending in it: listed, rate empty.
    assert_cells(
        &p["A1-16"],
        &[
            ("status", "completed"),
            ("estimate_wan", "4200"),
            ("budget_year_wan", "0"),
            ("budget_quarter_wan", "0"),
            ("actual_quarter_wan", "210"),
            ("budget_ytd_wan", "0"),
            ("actual_ytd_wan", "210"),
            ("variance_ytd_wan", "210"),
            ("execution_rate_ytd", ""),
            ("budget_to_date_wan", "4200"),
            ("actual_to_date_wan", "210"),
            ("remaining_wan", "3990"),
        ],
    );
    // A2-04: the explicit plan's 5000 for 2024, in four quarters of 1250.
    assert_cells(
        &p["A2-04"],
        &[
            ("budget_year_wan", "5000"),
            ("budget_quarter_wan", "1250"),
            ("actual_quarter_wan", "0"),
            ("budget_ytd_wan", "2500"),
        ],
    );
    // Projects whose schedule ended before 2024 and without 2024 spending are left out.
    assert!(!p.contains_key("A1-09"));

    // Every subtotal is the sum of its rows; the total the sum of the subtotals: every
    // amount column (all but the rate after the descriptive columns).
    let money_cols: Vec<&str> = header
        .iter()
        .map(String::as_str)
        .filter(|c| c.ends_with("_wan"))
        .collect();
    assert_eq!(money_cols.len(), 10, "{money_cols:?}");
    let mut subtotals: Vec<&Record> = Vec::new();
    let mut members: Vec<&Record> = Vec::new();
    for r in &rows {
        match &r["row_type"] {
            "project" => members.push(r),
            "subtotal" => {
                for &c in &money_cols {
                    let sum: Decimal = members.iter().map(|m| m.dec(c)).sum();
                    assert_eq!(r.dec(c), sum, "subtotal {} column {c}", &r["category"]);
                }
                assert!(
                    members.iter().all(|m| m["category"] == r["category"]),
                    "rows under their category"
                );
                members.clear();
                subtotals.push(r);
            }
            "total" => {
                assert!(members.is_empty());
                for &c in &money_cols {
                    let sum: Decimal = subtotals.iter().map(|s| s.dec(c)).sum();
                    assert_eq!(r.dec(c), sum, "total column {c}");
                }
            }
            other => panic!("row_type {other}"),
        }
    }
    assert_eq!(subtotals.len(), 6);
    let total = rows.last().unwrap();
    assert_eq!(total["row_type"], *"total");
    // Spending in the report: 23000 + 60 + 210 this quarter.
    assert_eq!(total["actual_quarter_wan"], *"23270");
    assert_eq!(total["actual_ytd_wan"], *"33270");
    // The rates of subtotal and total rows come from their own sums.
    let culture = subtotals
        .iter()
        .find(|s| &s["category"] == "ecological culture")
        .unwrap();
    assert_cells(
        culture,
        &[
            ("budget_ytd_wan", "37.5"),
            ("actual_ytd_wan", "60"),
            ("variance_ytd_wan", "22.5"),
            ("execution_rate_ytd", "160.0"),
        ],
    );
    // The table view shows the same figures for people.
    let table = env.ok(&["report", "quarterly", "2024Q2", "--wide"]);
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
    let rows = env.records(&["report", "annual", "2024"]);
    for r in rows.iter().filter(|r| &r["row_type"] == "project") {
        let show = env.json(&["projects", "show", &r["id"]]);
        let years = show["years"].as_array().unwrap();
        let amount = |y: i64| {
            years
                .iter()
                .find(|v| v["year"] == y)
                .map_or(Decimal::ZERO, |v| dec(&v["amount_wan"].to_string()))
        };
        let id = &r["id"];
        assert_eq!(
            r.dec("budget_year_wan"),
            amount(2024),
            "{id} budget for 2024"
        );
        let before: Decimal = (2000..2024).map(amount).sum();
        assert_eq!(
            r.dec("budget_to_date_wan"),
            before + amount(2024),
            "{id} budget to date"
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
    // Under --lang zh the budget reports head their CSV columns with the labels.
    let header = columns(&text);
    assert_eq!(
        header[..11],
        [
            "行类型",
            "编号",
            "类别",
            "项目名称",
            "主要建设内容及规模",
            "牵头部门",
            "状态",
            "投资估算（万元）",
            "年度预算（万元）",
            "本季度预算（万元）",
            "本季度支出（万元）"
        ],
        "{header:?}"
    );
    assert!(
        header.iter().any(|h| h == "年初至今预算执行率（%）"),
        "{header:?}"
    );
    // Every line ends in CRLF, as Excel writes CSV.
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a bare line feed");
    let rows = records(&text);
    let row = |kind: &str, id: &str, category: &str| {
        rows.iter()
            .find(|r| &r["行类型"] == kind && &r["编号"] == id && &r["类别"] == category)
            .cloned()
    };
    // Under Chinese headers the row kinds stay codes, as in every CSV.
    assert!(
        row("subtotal", "", "生态人居建设").is_some(),
        "subtotal rows coded subtotal"
    );
    assert!(row("total", "", "").is_some(), "the total row coded total");
    let a504 = row("project", "A5-04", "生态人居建设").expect("A5-04 coded project");
    assert_eq!(a504["项目名称"], *"渝西水资源配置工程");
}

/// The English labels a workbook heads the quarterly report's columns with, by the
/// CSV's column names.
const QUARTERLY_LABELS: [(&str, &str); 18] = [
    ("row_type", "row"),
    ("id", "id"),
    ("category", "category"),
    ("group", "project group"),
    ("description", "description and scale"),
    ("departments", "lead department(s)"),
    ("status", "status"),
    ("estimate_wan", "estimate (10k CNY)"),
    ("budget_year_wan", "budget for the year (10k CNY)"),
    ("budget_quarter_wan", "budget this quarter (10k CNY)"),
    ("actual_quarter_wan", "spent this quarter (10k CNY)"),
    ("budget_ytd_wan", "budget year to date (10k CNY)"),
    ("actual_ytd_wan", "spent year to date (10k CNY)"),
    ("variance_ytd_wan", "variance year to date (10k CNY)"),
    ("execution_rate_ytd", "execution rate year to date (%)"),
    ("budget_to_date_wan", "budget to date (10k CNY)"),
    ("actual_to_date_wan", "spent to date (10k CNY)"),
    ("remaining_wan", "remaining (10k CNY)"),
];

/// The labels of `totals --by year`'s workbook, by the CSV's column names.
const TOTALS_BY_YEAR_LABELS: [(&str, &str); 3] = [
    ("key", "year"),
    ("projects", "projects"),
    ("estimate_wan", "estimate (10k CNY)"),
];

/// A numeric workbook cell as the exact decimal its shortest text reads as (a double
/// written from an amount with at most 4 decimals reads back as that amount).
fn number(cell: &calamine::Data) -> Option<Decimal> {
    match cell {
        calamine::Data::Float(f) => Some(dec(&f.to_string())),
        calamine::Data::Int(i) => Some(Decimal::from(*i)),
        _ => None,
    }
}

/// Reads the only sheet `sheet` of a workbook into records keyed by the CSV's column
/// names (through `labels`, which must name every column the sheet has, in the CSV's
/// order), and checks every cell against the CSV record of the same row: amount
/// columns (`*_wan`) and `numeric` ones are numbers equal to the CSV's exact decimal,
/// rates numbers or blank where the CSV is empty, and the rest strings.
fn assert_workbook_matches_csv(
    path: &std::path::Path,
    sheet: &str,
    labels: &[(&str, &str)],
    numeric: &[&str],
    csv_header: &[String],
    csv: &[Record],
) {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    // The report's rows on the first sheet; what the table view says under it (the
    // ledger's chain head) on a "notes" sheet of its own.
    let sheets = book.sheet_names();
    assert_eq!(sheets[0], sheet);
    // (The notes sheet is named in the workbook's language.)
    assert!(
        sheets[1..].iter().all(|s| s == "notes" || s == "说明"),
        "{sheets:?}"
    );
    if sheets.len() > 1 {
        let notes = book.worksheet_range(&sheets[1]).unwrap();
        let first = notes.get((0, 0)).map(|c| c.to_string()).unwrap_or_default();
        assert!(
            first.contains("chain head #") || first.contains("链头 #"),
            "{first}"
        );
    }
    let range = book.worksheet_range(sheet).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    // The workbook heads its columns with the labels people read, in the CSV's order.
    let names: Vec<&str> = rows[0]
        .iter()
        .map(|label| {
            let label = match label {
                Data::String(s) => s.as_str(),
                other => panic!("a header cell that is not text: {other:?}"),
            };
            labels
                .iter()
                .find(|(_, l)| *l == label)
                .unwrap_or_else(|| {
                    panic!("a column labelled {label:?} that the test does not know")
                })
                .0
        })
        .collect();
    assert_eq!(names, csv_header, "the workbook's columns are the CSV's");
    assert_eq!(rows.len() - 1, csv.len(), "one workbook row per CSV record");
    let mut amounts = 0;
    for (r, (xrow, record)) in rows[1..].iter().zip(csv).enumerate() {
        assert_eq!(xrow.len(), names.len(), "row {r}");
        for (name, cell) in names.iter().zip(*xrow) {
            let want = &record[name];
            let place = format!("row {r} column {name}: {cell:?} against the CSV's {want:?}");
            if name.ends_with("_wan") || numeric.contains(name) {
                // Amounts: numeric cells holding the CSV's exact decimal, to the 元.
                let got = number(cell).unwrap_or_else(|| panic!("not a number: {place}"));
                assert_eq!(got, dec(want), "{place}");
                amounts += 1;
            } else if name.starts_with("execution_rate") {
                // Rates: numbers with one decimal, blank where there is no budget.
                match number(cell) {
                    Some(got) => assert_eq!(got, dec(want), "{place}"),
                    None => assert!(*cell == Data::Empty && want.is_empty(), "{place}"),
                }
            } else {
                // The workbook shows a status by its label, the CSV by its code.
                let want: &str = match (&**name, want) {
                    ("status", "in_progress") => "in progress",
                    _ => want,
                };
                match cell {
                    Data::String(s) => assert_eq!(s, want, "{place}"),
                    Data::Empty => assert_eq!(want, "", "{place}"),
                    _ => panic!("text expected: {place}"),
                }
            }
        }
    }
    assert!(amounts > 0, "no amount was checked");
}

#[test]
fn the_xlsx_report_holds_the_same_numbers_as_the_csv() {
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
    let (header, csv) = report(&env, &["report", "quarterly", "2024Q2"]);
    assert_workbook_matches_csv(&path, "2024Q2", &QUARTERLY_LABELS, &[], &header, &csv);
    // Totals too, as a workbook: every amount and count a number, not only the total.
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
    let (header, csv) = report(&env, &["totals", "--by", "year"]);
    assert_workbook_matches_csv(
        &totals,
        "totals",
        &TOTALS_BY_YEAR_LABELS,
        &["projects"],
        &header,
        &csv,
    );
    let last = csv.last().unwrap();
    assert_eq!(last["key"], *"total");
    assert_eq!(last.dec("estimate_wan"), dec("785341"));
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

/// The two clocks: `--known-at` reproduces what the ledger said on a day, byte for byte,
/// whatever is recorded later; `--as-of` is the ledger by effective dates as known now,
/// so a Q2 payment entered in July counts in Q2, while a revision effective in July
/// does not.
#[test]
fn known_at_reproduces_a_past_report_and_as_of_counts_late_entries() {
    let env = scenario();
    let report = |clock: &str| {
        env.ok(&[
            "report",
            "quarterly",
            "2024Q2",
            clock,
            "2024-06-30",
            "--format",
            "csv",
        ])
    };
    let said_then = report("--known-at");
    let as_of_then = report("--as-of");
    assert_eq!(said_then, as_of_then, "nothing was late yet");
    // Recorded later: a late Q2 payment (back-dated) and a revision effective in July.
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
    assert_eq!(report("--known-at"), said_then, "what the ledger said then");
    let as_of = by_id(&records(&report("--as-of")));
    assert_cells(
        &as_of["A5-04"],
        &[("actual_quarter_wan", "23999"), ("estimate_wan", "334000")],
    );
    let now = by_id(&env.records(&["report", "quarterly", "2024Q2"]));
    assert_cells(
        &now["A5-04"],
        &[("actual_quarter_wan", "23999"), ("estimate_wan", "340000")],
    );
}

#[test]
fn the_annual_report_puts_quarters_side_by_side() {
    let env = scenario();
    let (header, rows) = report(&env, &["report", "annual", "2024"]);
    assert_eq!(
        header,
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
            "budget_q1_wan",
            "actual_q1_wan",
            "budget_q2_wan",
            "actual_q2_wan",
            "budget_q3_wan",
            "actual_q3_wan",
            "budget_q4_wan",
            "actual_q4_wan",
            "actual_year_wan",
            "variance_year_wan",
            "execution_rate_year",
            "budget_to_date_wan",
            "actual_to_date_wan",
            "remaining_wan"
        ]
    );
    let p = by_id(&rows);
    assert_cells(
        &p["A5-04"],
        &[
            ("estimate_wan", "334000"),
            ("budget_year_wan", "83500"),
            ("budget_q1_wan", "20875"),
            ("actual_q1_wan", "10000"),
            ("budget_q2_wan", "20875"),
            ("actual_q2_wan", "23000"),
            ("budget_q3_wan", "20875"),
            ("actual_q3_wan", "0"),
            ("budget_q4_wan", "20875"),
            ("actual_q4_wan", "0"),
            ("actual_year_wan", "33000"),
            ("variance_year_wan", "-50500"),
            ("execution_rate_year", "39.5"),
            ("budget_to_date_wan", "250500"),
            ("actual_to_date_wan", "83000"),
            ("remaining_wan", "251000"),
        ],
    );
    let total = rows.last().unwrap();
    assert_eq!(total["row_type"], *"total");
    let sum: Decimal = rows
        .iter()
        .filter(|r| &r["row_type"] == "subtotal")
        .map(|r| r.dec("actual_year_wan"))
        .sum();
    assert_eq!(total.dec("actual_year_wan"), sum);
    env.refused(
        &["report", "quarterly", "2024"],
        "is a year; give a quarter like 2024Q2",
    );
    env.refused(&["report", "quarterly", "2024Q5"], "is not a quarter");
    env.refused(&["report", "annual", "24"], "YEAR");
}

/// Runs `args` on `env`'s ledger with stdout on a pseudo-terminal (util-linux
/// `script`, which CI's Debian has; its absence fails the test) and stderr to a file:
/// (exit code, what reached the terminal, stderr).
fn on_a_terminal(env: &TestEnv, args: &[&str]) -> (i32, Vec<u8>, String) {
    let quote = |s: &str| {
        assert!(!s.contains('\''), "{s:?} cannot be quoted for sh");
        format!("'{s}'")
    };
    let bin = assert_cmd::cargo::cargo_bin("ecoledger");
    let err = env.dir.path().join("stderr.txt");
    let mut line = vec![quote(bin.to_str().unwrap()), "--db".into()];
    line.push(quote(env.db.to_str().unwrap()));
    line.extend(args.iter().map(|a| quote(a)));
    line.push(format!("2>{}", quote(err.to_str().unwrap())));
    // A missing `script` fails the test (never skips it).
    std::process::Command::new("script")
        .arg("--version")
        .output()
        .expect("the test needs `script` from util-linux (apt-get install bsdutils)");
    let mut script = std::process::Command::new("script");
    script
        .args(["-qec", &line.join(" "), "/dev/null"])
        .env_clear()
        .env("HOME", env.dir.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("ECOLEDGER_TODAY", crate::env::TODAY)
        .env("ECOLEDGER_USER", "tester")
        .stdin(std::process::Stdio::null());
    let out = crate::env::output_bounded(&mut script);
    assert!(
        out.stderr.is_empty(),
        "script: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = std::fs::read_to_string(&err).unwrap_or_else(|e| panic!("{}: {e}", err.display()));
    std::fs::remove_file(&err).unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, stderr)
}

#[test]
fn a_workbook_needs_a_file_on_a_terminal() {
    // `script` runs the binary with stdout on a pseudo-terminal: a workbook is refused
    // there, and nothing reaches the terminal or the ledger.
    let env = scenario();
    let before = env.dump();
    let files = || {
        let mut names: Vec<_> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    let files_before = files();
    // One report rendered whole, one streamed row by row.
    for args in [
        &["totals", "--format", "xlsx"][..],
        &["spending", "list", "--format", "xlsx"],
    ] {
        let (code, terminal, err) = on_a_terminal(&env, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_one_line_error(&err, "a workbook is binary: add --out FILE.xlsx");
        assert!(
            terminal.is_empty(),
            "{args:?} wrote to the terminal: {:?}",
            String::from_utf8_lossy(&terminal)
        );
        assert_eq!(files(), files_before, "{args:?} left a file");
    }
    assert_eq!(env.dump(), before);
    // The same commands are not refused when stdout is a terminal and --out is given.
    let out = env.dir.path().join("t.xlsx");
    let (code, terminal, err) = on_a_terminal(
        &env,
        &["totals", "--format", "xlsx", "--out", out.to_str().unwrap()],
    );
    assert_eq!((code, err.as_str()), (0, ""), "{terminal:?}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));
}

#[test]
fn a_workbook_to_a_missing_folder_is_refused_naming_it() {
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
    let env = TestEnv::seeded();
    for args in [
        ["report", "quarterly", "2026Q4"],
        ["report", "annual", "2026"],
    ] {
        let rows = env.records(&args);
        assert_eq!(rows.len(), 1, "{args:?}: the total row alone: {rows:?}");
        assert_eq!(rows[0]["row_type"], *"total");
        assert!(
            rows[0]
                .0
                .iter()
                .filter(|(column, _)| *column != "row_type")
                .all(|(_, c)| c.is_empty() || c == "0"),
            "{rows:?}"
        );
    }
}
