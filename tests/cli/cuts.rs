//! The cuts finance asks for, each checked against sums computed here from the CSV of
//! the whole report: filtered reports, department subtotals, the category × year matrix,
//! monthly execution, year against year, spending totals, and sorting.

use crate::env::{dec, Record, TestEnv};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// A ledger with payments across 2023 and 2024 (a co-led project among them) and a
/// reversal dated in a later quarter than its payment.
fn ledger() -> TestEnv {
    TestEnv::from_template("cuts", |env| {
        for id in ["A5-04", "A1-02", "A2-04", "A1-22"] {
            env.ok(&["start", id, "--date", "2023-01-10"]);
        }
        for (id, amount, date) in [
            ("A5-04", "1200.5", "2023-05-02"),
            ("A5-04", "30000", "2024-04-15"),
            ("A5-04", "0.000001", "2024-05-31"),
            ("A1-02", "12.345678", "2024-05-01"),
            ("A2-04", "333.33", "2024-06-30"),
            ("A1-22", "999.99", "2024-02-29"),
            ("A1-22", "1", "2024-07-01"),
        ] {
            env.ok(&["spend", id, amount, "--date", date]);
        }
        env.ok(&[
            "spend",
            "--reverse",
            "6",
            "--reason",
            "错付",
            "--date",
            "2024-04-02",
        ]);
    })
}

fn money_columns(r: &Record) -> Vec<String> {
    r.0.keys()
        .filter(|k| k.ends_with("_wan"))
        .cloned()
        .collect()
}

fn projects(rows: &[Record]) -> Vec<&Record> {
    rows.iter()
        .filter(|r| &r["row_type"] == "project")
        .collect()
}

/// Every subtotal is the sum of the project rows above it (since the last subtotal),
/// and the total the sum of the subtotals, in every amount column.
#[track_caller]
fn assert_groups_add_up(rows: &[Record]) {
    let columns = money_columns(&rows[0]);
    let mut group: BTreeMap<String, Decimal> = BTreeMap::new();
    let mut subtotals: BTreeMap<String, Decimal> = BTreeMap::new();
    for r in rows {
        match &r["row_type"] {
            "project" => {
                for c in &columns {
                    *group.entry(c.clone()).or_default() += r.dec(c);
                }
            }
            "subtotal" => {
                for c in &columns {
                    let sum = group.remove(c).unwrap_or_default();
                    assert_eq!(r.dec(c), sum, "subtotal {c}: {r:?}");
                    *subtotals.entry(c.clone()).or_default() += sum;
                }
            }
            "total" => {
                for c in &columns {
                    assert_eq!(
                        r.dec(c),
                        subtotals.get(c).copied().unwrap_or_default(),
                        "total {c}"
                    );
                }
            }
            other => panic!("row type {other}"),
        }
    }
}

#[test]
fn a_report_for_some_departments_holds_their_projects_with_the_same_figures() {
    let env = ledger();
    let all = env.records(&["report", "quarterly", "2024Q2"]);
    let filtered = env.records(&[
        "report",
        "quarterly",
        "2024Q2",
        "--department",
        "区水利局",
        "--department",
        "区生态环境局",
    ]);
    assert_groups_add_up(&filtered);
    let expected: Vec<&Record> = projects(&all)
        .into_iter()
        .filter(|r| {
            r["departments"]
                .split('、')
                .any(|d| d == "区水利局" || d == "区生态环境局")
        })
        .collect();
    let got = projects(&filtered);
    assert_eq!(got.len(), expected.len());
    assert!(!got.is_empty());
    for (g, e) in got.iter().zip(&expected) {
        assert_eq!(g.0, e.0, "the same row as in the whole report");
    }
    // Category and status filters, statuses by code or either label.
    for status in ["in_progress", "in progress", "实施中"] {
        let rows = env.records(&[
            "report",
            "annual",
            "2024",
            "--category",
            "1",
            "--status",
            status,
        ]);
        assert_groups_add_up(&rows);
        let ids: Vec<&str> = projects(&rows).iter().map(|r| &r["id"]).collect();
        assert_eq!(ids, ["A1-02", "A1-22"], "{status}");
    }
    // The table view says what it covers.
    let table = env.ok(&["report", "quarterly", "2024Q2", "--category", "5", "--wide"]);
    assert!(table.contains("only projects of: category 5"), "{table}");
    env.refused(
        &["report", "quarterly", "2024Q2", "--department", "水利局"],
        "水利局",
    );
}

#[test]
fn department_subtotals_share_co_led_projects_and_add_up_to_the_total() {
    let env = ledger();
    for (kind, period) in [
        ("quarterly", "2024Q2"),
        ("monthly", "2024-05"),
        ("annual", "2024"),
    ] {
        department_subtotals_add_up(&env, kind, period);
    }
    // At 80 columns the department comes right after the row's kind and id, and the
    // figures follow it.
    let narrow = env.ok(&[
        "report",
        "quarterly",
        "2024Q2",
        "--subtotal-by",
        "department",
    ]);
    let header = narrow.lines().nth(1).unwrap();
    let at = |label: &str| {
        header
            .find(label)
            .unwrap_or_else(|| panic!("{label}: {narrow}"))
    };
    assert!(at("row") < at("id") && at("id") < at("lead") && at("lead") < at("budget"));
    // The note says how co-led projects are shared; the report by category has none.
    let note = "Subtotals by lead department";
    assert!(narrow.contains(note), "{narrow}");
    assert!(!env.ok(&["report", "quarterly", "2024Q2"]).contains(note));
}

fn department_subtotals_add_up(env: &TestEnv, kind: &str, period: &str) {
    let by_category = env.records(&["report", kind, period]);
    let by_department = env.records(&["report", kind, period, "--subtotal-by", "department"]);
    assert!(
        projects(&by_department).len() >= projects(&by_category).len(),
        "{kind}: every project is in the department report"
    );
    assert_groups_add_up(&by_department);
    let total = |rows: &[Record]| {
        rows.iter()
            .find(|r| &r["row_type"] == "total")
            .unwrap()
            .0
            .clone()
    };
    let (a, b) = (total(&by_category), total(&by_department));
    for c in money_columns(&by_category[0]) {
        assert_eq!(
            dec(&a[&c]),
            dec(&b[&c]),
            "{kind} {c}: the same total either way"
        );
    }
    // Each project's shares add up to its row of the category report.
    for p in projects(&by_category) {
        let shares: Vec<&Record> = projects(&by_department)
            .into_iter()
            .filter(|r| r["id"] == p["id"])
            .collect();
        let k = p["departments"].split('、').count();
        assert_eq!(shares.len(), k, "{kind} {}", &p["id"]);
        // A share names its department, marked i/k only when the project is co-led.
        let names: Vec<&str> = p["departments"].split('、').collect();
        for s in &shares {
            assert_eq!(s["category"], p["category"], "{kind} {}", &p["id"]);
        }
        for (i, s) in shares.iter().enumerate() {
            let shown = if k > 1 {
                format!("{} ({}/{k})", names[i], i + 1)
            } else {
                names[0].to_string()
            };
            assert!(
                shares.iter().any(|s| s["departments"] == shown),
                "{}: share {i} shown as {:?}, expected {shown:?}",
                &p["id"],
                &s["departments"]
            );
        }
        for c in money_columns(p) {
            let sum: Decimal = shares.iter().map(|s| s.dec(&c)).sum();
            assert_eq!(sum, p.dec(&c), "{kind} {} {c}", &p["id"]);
        }
    }
}

#[test]
fn the_category_by_year_matrix_agrees_with_its_rows_columns_and_corner() {
    let env = ledger();
    let matrix = env.csv(&["totals", "--by", "category", "--by", "year"]);
    let header = &matrix[0];
    assert_eq!(header[0], "category");
    assert_eq!(header.last().unwrap(), "total_wan");
    let by_category = env.records(&["totals", "--by", "category"]);
    let by_year = env.records(&["totals", "--by", "year"]);
    let (body, total) = matrix[1..].split_at(matrix.len() - 2);
    for (row, t) in body.iter().zip(&by_category) {
        assert_eq!(
            row[0], t["key"],
            "each row is named as totals --by category names it"
        );
        let cells: Decimal = row[1..row.len() - 1].iter().map(|c| dec(c)).sum();
        assert_eq!(dec(row.last().unwrap()), cells, "row total {row:?}");
        assert_eq!(
            dec(row.last().unwrap()),
            t.dec("estimate_wan"),
            "{row:?} = totals --by category"
        );
    }
    for (i, y) in by_year.iter().filter(|r| &r["key"] != "total").enumerate() {
        assert_eq!(header[i + 1], format!("{}_wan", &y["key"]));
        let column: Decimal = body.iter().map(|r| dec(&r[i + 1])).sum();
        assert_eq!(dec(&total[0][i + 1]), column);
        assert_eq!(column, y.dec("estimate_wan"), "column {}", &y["key"]);
    }
    assert_eq!(dec(total[0].last().unwrap()), dec("785341"));
    // Any two keys: department × year adds up too (co-led projects shared).
    let m = env.csv(&["totals", "--by", "department", "--by", "year"]);
    let body = &m[1..m.len() - 1];
    let corner: Decimal = body.iter().map(|r| dec(r.last().unwrap())).sum();
    assert_eq!(dec(m.last().unwrap().last().unwrap()), corner);
    assert_eq!(corner, dec("785341"));
    // The workbook's sheet is named as the totals are, in the workbook's language.
    for (lang, sheet) in [("en", "totals"), ("zh", "汇总")] {
        let path = env.dir.path().join(format!("matrix-{lang}.xlsx"));
        let path = path.to_str().unwrap();
        env.ok(&[
            "--lang", lang, "totals", "--by", "category", "--by", "year", "--format", "xlsx",
            "--out", path,
        ]);
        use calamine::Reader;
        let book: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
        assert_eq!(book.sheet_names(), [sheet]);
    }
    // At 80 columns a matrix keeps its row key and row totals, leaving out later years.
    let narrow = env.ok(&["totals", "--by", "category", "--by", "year"]);
    let header = narrow.lines().nth(1).unwrap();
    assert!(
        header.contains("category") && header.contains("total"),
        "{narrow}"
    );
    assert!(narrow.contains("left out to fit 80 columns"), "{narrow}");
    // The note on shared amounts is there when departments are a key, and only then.
    let shared = "shared among its lead departments";
    for (keys, noted) in [
        (["category", "year"], false),
        (["department", "year"], true),
        (["year", "department"], true),
        (["status", "category"], false),
    ] {
        let table = env.ok(&["totals", "--by", keys[0], "--by", keys[1]]);
        assert_eq!(table.contains(shared), noted, "{keys:?}: {table}");
    }
    env.refused(
        &["totals", "--by", "year", "--by", "year"],
        "the two keys of a matrix must differ",
    );
    env.refused(
        &[
            "totals", "--by", "year", "--by", "status", "--by", "category",
        ],
        "at most two keys",
    );
}

#[test]
fn a_quarters_three_months_add_up_to_the_quarter_for_every_project() {
    let env = ledger();
    let quarter = env.records(&["report", "quarterly", "2024Q2"]);
    let months: Vec<Vec<Record>> = ["2024-04", "2024-05", "2024-06"]
        .iter()
        .map(|m| env.records(&["report", "monthly", m]))
        .collect();
    for m in &months {
        assert_groups_add_up(m);
    }
    for q in &quarter {
        let id = (&q["row_type"], &q["id"], &q["category"]);
        let rows: Vec<&Record> = months
            .iter()
            .map(|m| {
                m.iter()
                    .find(|r| (&r["row_type"], &r["id"], &r["category"]) == id)
                    .unwrap()
            })
            .collect();
        let budget: Decimal = rows.iter().map(|r| r.dec("budget_month_wan")).sum();
        let actual: Decimal = rows.iter().map(|r| r.dec("actual_month_wan")).sum();
        assert_eq!(budget, q.dec("budget_quarter_wan"), "{id:?}");
        assert_eq!(actual, q.dec("actual_quarter_wan"), "{id:?}");
        // June closes the quarter: its year to date is the quarter's.
        assert_eq!(rows[2].dec("budget_ytd_wan"), q.dec("budget_ytd_wan"));
        assert_eq!(rows[2].dec("actual_ytd_wan"), q.dec("actual_ytd_wan"));
    }
    let may = &months[1];
    let a5 = may.iter().find(|r| &r["id"] == "A5-04").unwrap();
    assert_eq!(a5.dec("actual_month_wan"), dec("0.000001"));
    env.refused(&["report", "monthly", "2024Q2"], "'2024Q2' is not a month");
    // Spending listed by month.
    let listed = env.records(&["spending", "list", "--period", "2024-05"]);
    assert_eq!(listed.len(), 2);
}

#[test]
fn a_year_beside_another_shows_both_and_the_changes() {
    let env = ledger();
    let cmp = env.records(&["report", "annual", "2024", "--compare", "2023"]);
    assert_groups_add_up(&cmp);
    let y2024 = env.records(&["report", "annual", "2024"]);
    let y2023 = env.records(&["report", "annual", "2023"]);
    let find = |rows: &[Record], id: &str| {
        rows.iter()
            .find(|r| r["id"] == *id && &r["row_type"] == "project")
            .map(|r| r.0.clone())
    };
    for r in projects(&cmp) {
        let id = &r["id"];
        let (budget, actual) = find(&y2024, id).map_or((Decimal::ZERO, Decimal::ZERO), |x| {
            (dec(&x["budget_year_wan"]), dec(&x["actual_year_wan"]))
        });
        let (budget_o, actual_o) = find(&y2023, id).map_or((Decimal::ZERO, Decimal::ZERO), |x| {
            (dec(&x["budget_year_wan"]), dec(&x["actual_year_wan"]))
        });
        assert_eq!(r.dec("budget_year_wan"), budget, "{id}");
        assert_eq!(r.dec("actual_year_wan"), actual, "{id}");
        assert_eq!(r.dec("budget_other_wan"), budget_o, "{id}");
        assert_eq!(r.dec("actual_other_wan"), actual_o, "{id}");
        assert_eq!(r.dec("budget_change_wan"), budget - budget_o, "{id}");
        assert_eq!(r.dec("actual_change_wan"), actual - actual_o, "{id}");
    }
    let table = env.ok(&["report", "annual", "2024", "--compare", "2023", "--wide"]);
    assert!(
        table.contains("budget 2024 (10k CNY)") && table.contains("spent 2023 (10k CNY)"),
        "{table}"
    );
    env.refused(
        &["report", "annual", "2024", "--compare", "2024"],
        "is the report's own year",
    );
}

#[test]
fn spending_totals_add_up_by_every_key() {
    let env = ledger();
    let entries = env.records(&["spending", "list", "--period", "2024"]);
    let whole: Decimal = entries.iter().map(|e| e.dec("amount_wan")).sum();
    let mut by_month: BTreeMap<String, Decimal> = BTreeMap::new();
    for e in &entries {
        *by_month.entry(e["date"][..7].to_string()).or_default() += e.dec("amount_wan");
    }
    for by in ["category", "department", "project", "month", "quarter"] {
        let rows = env.records(&["spending", "totals", "--by", by, "--period", "2024"]);
        let (body, total) = rows.split_at(rows.len() - 1);
        let sum: Decimal = body.iter().map(|r| r.dec("amount_wan")).sum();
        assert_eq!(sum, whole, "{by}");
        assert_eq!(total[0].dec("amount_wan"), whole, "{by}");
        if by != "department" {
            let n: i64 = body
                .iter()
                .map(|r| r["entries"].parse::<i64>().unwrap())
                .sum();
            assert_eq!(n, entries.len() as i64, "{by}");
        } else {
            // A department counts every entry of the projects it leads (a co-led
            // project's entries count in each of its departments).
            let departments: BTreeMap<String, String> = env
                .records(&["projects", "list"])
                .iter()
                .map(|p| (p["id"].to_string(), p["departments"].to_string()))
                .collect();
            let mut expected: BTreeMap<String, i64> = BTreeMap::new();
            for e in &entries {
                for d in departments[&e["project"]].split('、') {
                    *expected.entry(d.to_string()).or_default() += 1;
                }
            }
            let got: BTreeMap<String, i64> = body
                .iter()
                .map(|r| (r["key"].to_string(), r["entries"].parse().unwrap()))
                .collect();
            assert_eq!(got, expected);
        }
        if by == "month" {
            let got: BTreeMap<String, Decimal> = body
                .iter()
                .map(|r| (r["key"].to_string(), r.dec("amount_wan")))
                .collect();
            assert_eq!(got, by_month);
        }
        if by == "category" {
            // Each row is a category by its name, as the projects list names it.
            let category: BTreeMap<String, String> = env
                .records(&["projects", "list"])
                .iter()
                .map(|p| (p["id"].to_string(), p["category"].to_string()))
                .collect();
            let mut expected: BTreeMap<String, Decimal> = BTreeMap::new();
            for e in &entries {
                *expected.entry(category[&e["project"]].clone()).or_default() +=
                    e.dec("amount_wan");
            }
            let got: BTreeMap<String, Decimal> = body
                .iter()
                .map(|r| (r["key"].to_string(), r.dec("amount_wan")))
                .collect();
            assert_eq!(got, expected);
        }
    }
    // The note on shared spending only when grouped by department.
    let shared = "By department, each";
    for (by, noted) in [("department", true), ("category", false), ("month", false)] {
        let table = env.ok(&["spending", "totals", "--by", by, "--period", "2024"]);
        assert_eq!(table.contains(shared), noted, "{by}: {table}");
    }
    // The reversal dated in Q2 takes back the Q1 payment there.
    let q = env.records(&["spending", "totals", "--by", "quarter", "--period", "2024"]);
    assert_eq!(q[0]["key"], *"2024Q1");
    assert_eq!(q[0].dec("amount_wan"), dec("999.99"));
    assert_eq!(
        q[1].dec("amount_wan"),
        dec("30000.000001") + dec("12.345678") + dec("333.33") - dec("999.99")
    );
}

#[test]
fn sort_orders_listings_and_reports_within_their_groups() {
    let env = ledger();
    let listed = env.records(&["projects", "list", "--sort", "estimate_wan:desc"]);
    let estimates: Vec<Decimal> = listed.iter().map(|r| r.dec("estimate_wan")).collect();
    assert!(estimates.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(&listed[0]["id"], "A5-04");
    let by_label = env.records(&["projects", "list", "--sort", "estimate (10k CNY)"]);
    assert!(by_label
        .windows(2)
        .all(|w| w[0].dec("estimate_wan") <= w[1].dec("estimate_wan")));
    let report = env.records(&[
        "report",
        "quarterly",
        "2024Q2",
        "--sort",
        "budget_quarter_wan:desc",
    ]);
    assert_groups_add_up(&report);
    let mut last: Option<Decimal> = None;
    for r in &report {
        if &r["row_type"] == "project" {
            if let Some(prev) = last {
                assert!(prev >= r.dec("budget_quarter_wan"), "{r:?}");
            }
            last = Some(r.dec("budget_quarter_wan"));
        } else {
            last = None;
        }
    }
    let spent = env.records(&["spending", "list", "--sort", "amount_wan"]);
    assert!(spent
        .windows(2)
        .all(|w| w[0].dec("amount_wan") <= w[1].dec("amount_wan")));
    // A report's total row stays last, under the rows it adds up; only the rows above
    // it are sorted.
    for (args, column) in [
        (&["totals", "--by", "category"][..], "estimate_wan"),
        (&["totals", "--by", "category", "--by", "year"], "total_wan"),
        (&["spending", "totals", "--by", "category"], "amount_wan"),
        (&["indicators", "score", "--year", "2021"], "points"),
    ] {
        crate::env::assert_sorted_above_the_total(&env, args, column);
    }
    env.refused(
        &["projects", "list", "--sort", "colour"],
        "--sort: unknown column 'colour'",
    );
}
