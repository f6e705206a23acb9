//! The table view fits the terminal: every report at 80, 120 and 200 columns (`COLUMNS`,
//! as a terminal sets it, and piped output laid out for 80), in both languages, keeps
//! every line within the width, one line per row, and shows every amount, id and date
//! whole — each cell is the `--wide` table's cell, or a long text shortened with `…`.

use crate::env::TestEnv;
use unicode_width::UnicodeWidthStr;

/// A ledger with payments (a long note among them), a revision and a closed quarter.
fn ledger() -> TestEnv {
    TestEnv::from_template("layout", |env| {
        env.ok(&["start", "A5-04", "--date", "2024-01-10"]);
        env.ok(&["start", "A1-02", "--date", "2024-01-10"]);
        env.ok(&[
            "spend",
            "A5-04",
            "187973.5834",
            "--date",
            "2024-04-15",
            "--voucher",
            "记-2024-041",
            "--note",
            "渝西水资源配置工程（永川段）第一期工程进度款，含输水管道与泵站建设",
        ]);
        env.ok(&["spend", "A1-02", "0.000001", "--date", "2024-05-02"]);
        env.ok(&[
            "estimate",
            "A1-02",
            "250",
            "--stage",
            "preliminary",
            "--reason",
            "初步设计概算批复，调增监测设备",
        ]);
    })
}

/// The data rows of a table view: the cells between its header rule and its bottom.
/// A long value of a record (`projects show`) or a finding of `check` wraps within its
/// cell: its continuation lines (the first cell empty) are joined to the row, without
/// the spaces the wrapping took.
fn data_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with('╞') {
            inside = true;
            continue;
        }
        if line.starts_with('└') {
            inside = false;
            continue;
        }
        if inside && line.starts_with('│') {
            let body = line.trim_start_matches('│').trim_end_matches('│');
            let cells: Vec<String> = body
                .split('┆')
                .map(|c| c.chars().filter(|c| !c.is_whitespace()).collect())
                .collect();
            // A continuation line: the first cell empty (a later column wrapped), or
            // only the first cell filled (the first column wrapped).
            let continued =
                cells[0].is_empty() || (cells.len() > 1 && cells[1..].iter().all(|c| c.is_empty()));
            match rows.last_mut() {
                Some(last) if continued => {
                    for (into, more) in last.iter_mut().zip(cells) {
                        into.push_str(&more);
                    }
                }
                _ => rows.push(cells),
            }
        }
    }
    rows
}

fn numeric(text: &str) -> bool {
    let t = text.trim_end_matches('%').replace(',', "");
    !t.is_empty() && t.parse::<f64>().is_ok()
}

#[track_caller]
fn check_fits(env: &TestEnv, args: &[&str], width: usize, lang: &str) {
    let mut all = args.to_vec();
    all.extend(["--lang", lang]);
    let wide_out = {
        let mut w = all.clone();
        w.push("--wide");
        env.ok(&w)
    };
    let out = env
        .cmd()
        .args(&all)
        .env("COLUMNS", width.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for line in text.lines() {
        assert!(
            line.width() <= width,
            "{all:?} at {width}: a line of {} columns:\n{line}\n{text}",
            line.width()
        );
    }
    let (wide, narrow) = (data_rows(&wide_out), data_rows(&text));
    assert_eq!(
        wide.len(),
        narrow.len(),
        "{all:?} at {width}: one line per row\n{text}"
    );
    for (w, n) in wide.iter().zip(&narrow) {
        for cell in n.iter().filter(|c| !c.is_empty()) {
            if cell.contains('…') && !cell.ends_with('…') {
                // A wrapped finding with a long word (a hash) shortened inside it.
                let start = cell.split('…').next().unwrap_or_default();
                assert!(
                    w.iter().any(|full| full.starts_with(start)),
                    "{all:?}: {cell:?}"
                );
            } else if let Some(prefix) = cell.strip_suffix('…') {
                assert!(!numeric(prefix), "{all:?}: a number shortened: {cell}");
                assert!(
                    w.iter().any(|full| full.starts_with(prefix)),
                    "{all:?} at {width}: {cell:?} is not the start of any cell of {w:?}"
                );
            } else {
                assert!(
                    w.contains(cell),
                    "{all:?} at {width}: {cell:?} is not a whole cell of {w:?}\n{text}"
                );
            }
        }
    }
}

const REPORTS: [&[&str]; 19] = [
    &["check"],
    &["period", "list"],
    &["report", "quarterly", "2024Q2"],
    &["report", "annual", "2024"],
    &["projects", "list"],
    &["projects", "show", "A5-04"],
    &["spending", "list"],
    &["history"],
    &["totals", "--by", "category"],
    &["totals", "--by", "department"],
    &["totals", "--by", "year"],
    &["reconcile"],
    &["info"],
    &["config"],
    &["indicators", "list"],
    &["indicators", "conditions"],
    &["indicators", "score", "--year", "2021"],
    &["indicators", "show", "5"],
    &["report", "assessment", "2024"],
];

#[test]
fn every_report_fits_80_120_and_200_columns_in_both_languages() {
    let env = ledger();
    for report in REPORTS {
        for width in [80, 120, 200] {
            for lang in ["en", "zh"] {
                check_fits(&env, report, width, lang);
            }
        }
    }
}

#[test]
fn piped_output_is_laid_out_for_80_columns_and_wide_shows_every_column() {
    let env = ledger();
    let piped = env.ok(&["report", "quarterly", "2024Q2"]);
    assert!(piped.lines().all(|l| l.width() <= 80), "{piped}");
    assert!(piped.contains("(left out to fit 80 columns:"), "{piped}");
    let wide = env.ok(&["report", "quarterly", "2024Q2", "--wide"]);
    let header = wide.lines().nth(1).unwrap();
    for label in [
        "remaining (10k CNY)",
        "execution rate year to date (%)",
        "lead department(s)",
    ] {
        assert!(header.contains(label), "{header}");
    }
    // Every row on one line, every description whole.
    assert!(wide.contains(
        "推进渝西水资源配置工程（永川段），包括：120公里输水管道、4个泵站、8个隧洞建设。"
    ));
    // The first header is a word, never the machine name.
    assert!(header.starts_with("│ row "), "{header}");
    let zh = env.ok(&["report", "quarterly", "2024Q2", "--wide", "--lang", "zh"]);
    assert!(zh.lines().nth(1).unwrap().starts_with("│ 行类型 "), "{zh}");
    // Long prose (a basic condition, a criterion) wraps at 80 columns rather than
    // pushing out the columns that say what the row is.
    for (args, lang, headers) in [
        (
            &["indicators", "conditions"][..],
            "zh",
            &["基本条件", "状态"][..],
        ),
        (
            &["indicators", "conditions"],
            "en",
            &["condition", "status"],
        ),
        (&["indicators", "list"], "zh", &["指标名称", "指标值"]),
        (&["indicators", "list"], "en", &["indicator", "criterion"]),
        (&["reconcile"], "en", &["check", "result", "computed"]),
        (&["reconcile"], "zh", &["核对项", "结果", "计算"]),
    ] {
        let mut all = args.to_vec();
        all.extend(["--lang", lang]);
        let out = env.ok(&all);
        let header = out.lines().nth(1).unwrap();
        for h in headers {
            assert!(header.contains(h), "{all:?}: {h} missing from\n{out}");
        }
        assert!(out.lines().all(|l| l.width() <= 80), "{out}");
    }
}

/// The header of a table view: its lines down to the rule under it, joined.
fn header_of(table: &str) -> String {
    table
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('╞'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_table_view_shows_a_reports_chosen_columns_and_leaves_out_the_least_important_first() {
    let env = ledger();
    // (command, width, columns shown, columns left out until --wide)
    let cases = [
        // Who recorded an entry and when are for --wide and the files, however wide.
        (
            &["spending", "list"][..],
            "200",
            &["entry", "amount", "reverses", "note", "reason"][..],
            &["actor", "recorded"][..],
        ),
        // The plan's criterion and 2025 target; the field, unit, 2023 target and remark
        // only with --wide.
        (
            &["indicators", "list"],
            "200",
            &["indicator", "criterion", "2025"],
            &["field", "unit", "2023", "remark"],
        ),
        // Narrow, a check keeps its result; the difference and the unit go first.
        (
            &["reconcile"],
            "60",
            &["check", "subject", "result"],
            &["difference", "unit"],
        ),
    ];
    for (args, width, shown, left_out) in cases {
        let mut all = args.to_vec();
        all.extend(["--lang", "en"]);
        let out = env.cmd().args(&all).env("COLUMNS", width).output().unwrap();
        assert!(out.status.success(), "{all:?}");
        let table = String::from_utf8(out.stdout).unwrap();
        let header = header_of(&table);
        for h in shown {
            assert!(
                header.contains(h),
                "{all:?} at {width}: {h} missing\n{table}"
            );
        }
        for h in left_out {
            assert!(
                !header.contains(h),
                "{all:?} at {width}: {h} shown\n{table}"
            );
        }
        all.push("--wide");
        let wide = header_of(&env.ok(&all));
        for h in left_out {
            assert!(wide.contains(h), "{all:?}: {h} missing\n{wide}");
        }
    }
}

#[test]
fn columns_chooses_the_columns_of_every_format() {
    let env = ledger();
    let args = [
        "report",
        "quarterly",
        "2024Q2",
        "--columns",
        "id,actual_quarter_wan,budget this quarter (10k CNY)",
    ];
    let csv = env.csv(&args);
    assert_eq!(csv[0], ["id", "actual_quarter_wan", "budget_quarter_wan"]);
    // Labels in the output's language name columns too.
    let zh = env.csv(&[
        "report",
        "quarterly",
        "2024Q2",
        "--lang",
        "zh",
        "--columns",
        "编号,本季度预算（万元）",
    ]);
    assert_eq!(zh[0], ["编号", "本季度预算（万元）"]);
    let a5 = csv.iter().find(|r| r[0] == "A5-04").unwrap();
    assert_eq!(a5[1], "187973.5834");
    let json = env.json(&args);
    assert_eq!(json[0].as_object().unwrap().len(), 3, "{json}");
    let table = env.ok(&args);
    let header: Vec<String> = data_rows(&table).into_iter().take(0).flatten().collect();
    assert!(header.is_empty());
    assert!(
        table.lines().nth(1).unwrap().starts_with("│ id "),
        "{table}"
    );
    // Streamed listings too.
    let listing = env.csv(&["spending", "list", "--columns", "date,amount_wan"]);
    assert_eq!(listing[0], ["date", "amount_wan"]);
    assert_eq!(listing[1], ["2024-04-15", "187973.5834"]);
    env.refused(
        &["report", "quarterly", "2024Q2", "--columns", "id,colour"],
        "--columns: unknown column 'colour'; this output's columns: row_type, id,",
    );
}
