//! Real files in: payment and project files as treasury systems and Excel write them
//! (Chinese headers, GBK, dates like 2024/4/2, 元 with separators, workbooks with title
//! rows and merged cells), every refusal named by row or cell, `--dry-run`, saved
//! mappings, and what ecoledger writes read back to identical data.

use crate::env::{dec, TestEnv};
use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

fn write(env: &TestEnv, name: &str, bytes: &[u8]) -> String {
    let path = env.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

/// The entries as (date, project, amount, voucher, note), in entry order.
fn entries(env: &TestEnv) -> Vec<[String; 5]> {
    env.records(&["spending", "list"])
        .iter()
        .map(|r| ["date", "project", "amount_wan", "voucher", "note"].map(|c| r[c].to_string()))
        .collect()
}

fn row(cells: [&str; 5]) -> [String; 5] {
    cells.map(str::to_string)
}

/// A workbook of one sheet from rows of text cells (numbers where they parse).
fn workbook(env: &TestEnv, name: &str, sheet: &str, rows: &[&[&str]]) -> String {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if !cell.contains('-') || cell.starts_with('-') => {
                    ws.write_number(r as u32, c as u16, n).unwrap()
                }
                _ => ws.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    let path = env.dir.path().join(name);
    book.save(&path).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_treasury_csv_in_gbk_imports_exactly_to_the_fen() {
    let env = TestEnv::seeded();
    let file = fixture("treasury-2024Q2-gbk.csv");
    let (code, out, err) = env.run(&["spending", "import", &file, "--ignore-column", "收款人全称"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("imported 4 entries, 337.140057 (10k CNY)") && out.contains("(gb18030)"),
        "{out}"
    );
    assert!(
        err.contains("treasury-2024Q2-gbk.csv:6: a total row, passed over"),
        "{err}"
    );
    assert_eq!(
        entries(&env),
        [
            row(["2024-04-02", "A5-04", "125", "", "渝西水资源配置工程进度款"]),
            row(["2024-04-15", "A1-02", "8.64005", "", "监测设备采购"]),
            row(["2024-05-06", "A5-04", "200", "", "进度款"]),
            row(["2024-06-28", "A2-04", "3.500007", "", "设计费"]),
        ]
    );
    // The reports show the actuals to the 分, and every difference and sum keeps them.
    let q2 = env.records(&["report", "quarterly", "2024Q2"]);
    let a2 = q2.iter().find(|r| &r["id"] == "A2-04").unwrap();
    assert_eq!(a2.dec("actual_quarter_wan"), dec("3.500007"));
    for r in &q2 {
        assert_eq!(
            r.dec("variance_ytd_wan"),
            r.dec("actual_ytd_wan") - r.dec("budget_ytd_wan"),
            "{r:?}"
        );
        assert_eq!(
            r.dec("remaining_wan"),
            r.dec("estimate_wan") - r.dec("actual_to_date_wan"),
            "{r:?}"
        );
    }
    let total = q2.iter().find(|r| &r["row_type"] == "total").unwrap();
    assert_eq!(total.dec("actual_quarter_wan"), dec("337.140057"));
    let year = env.records(&["report", "annual", "2024"]);
    for r in &year {
        assert_eq!(
            r.dec("variance_year_wan"),
            r.dec("actual_year_wan") - r.dec("budget_year_wan"),
            "{r:?}"
        );
        assert_eq!(
            r.dec("remaining_wan"),
            r.dec("estimate_wan") - r.dec("actual_to_date_wan"),
            "{r:?}"
        );
    }
    let total = year.iter().find(|r| &r["row_type"] == "total").unwrap();
    assert_eq!(total.dec("actual_q2_wan"), dec("337.140057"));
}

#[test]
fn an_unknown_column_is_named_with_what_is_recognised_and_nothing_is_written() {
    let env = TestEnv::seeded();
    env.refused(
        &["spending", "import", &fixture("treasury-2024Q2-gbk.csv")],
        "treasury-2024Q2-gbk.csv:1: header: unrecognised column(s) 收款人全称; recognised: project_id, date, amount_wan, amount_yuan",
    );
}

#[test]
fn a_clerks_workbook_with_a_title_row_merged_cells_and_serial_dates_imports() {
    let env = TestEnv::seeded();
    let (code, out, err) = env.run(&[
        "spending",
        "import",
        &fixture("clerk-2024Q3.xlsx"),
        "--lang",
        "zh",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("导入 5 条，合计 501.234568 万元（xlsx）"),
        "{out}"
    );
    assert!(err.contains("2024年三季度!9：合计行，已跳过"), "{err}");
    assert_eq!(
        entries(&env),
        [
            row(["2024-07-01", "A5-04", "300", "记-0701", "进度款"]),
            row(["2024-08-01", "A1-02", "1.234567", "记-0801", "设备尾款"]),
            row(["2024-08-15", "A5-04", "150.000025", "记-0815", "进度款"]),
            row(["2024-09-02", "A1-02", "0.000001", "记-0902", "设备尾款"]),
            row(["2024-09-30", "A5-04", "49.999975", "记-0930", "进度款"]),
        ]
    );
}

#[test]
fn dates_and_amounts_as_people_write_them() {
    let env = TestEnv::seeded();
    let text = "项目编号,日期,金额（元）,凭证号,备注\n\
        A1-02,2024-04-02,\"1,000.00\",v1,\n\
        A1-02,2024/4/3,１２３.４５,v2,full-width\n\
        A1-02,2024.4.4,¥1000,v3,\n\
        A1-02,2024年4月5日,\"￥2,000.5\",v4,\n\
        a1-02 ,20240406, 7 ,v5,\n";
    let file = write(&env, "people.csv", text.as_bytes());
    env.ok(&["spending", "import", &file]);
    let got: Vec<(String, String)> = entries(&env)
        .into_iter()
        .map(|[d, _, a, _, _]| (d, a))
        .collect();
    let want = [
        ("2024-04-02", "0.1"),
        ("2024-04-03", "0.012345"),
        ("2024-04-04", "0.1"),
        ("2024-04-05", "0.20005"),
        ("2024-04-06", "0.0007"),
    ];
    assert_eq!(
        got,
        want.map(|(d, a)| (d.to_string(), a.to_string())).to_vec()
    );
}

/// Every refusal the import makes of a value or a header, each with its place named and
/// the ledger unchanged.
#[test]
fn ambiguous_and_inexact_values_are_refused_by_row() {
    let env = TestEnv::seeded();
    let cases: [(&str, &str, &[&str], &str); 9] = [
        ("us-date.csv", "项目编号,日期,金额（元）\nA1-02,4/2/2024,1\n", &[], "us-date.csv:2: date: '4/2/2024' puts the year last: is it month/day or day/month?"),
        ("comma.csv", "项目编号,日期,金额（元）\nA1-02,2024-04-02,\"2,5\"\n", &[], "comma.csv:2: amount_yuan: '2,5': a comma that is not a thousands separator"),
        ("unit.csv", "项目编号,日期,金额\nA1-02,2024-04-02,1\n", &[], "unit.csv:1: header: column '金额' is an amount without a unit: give --unit yuan or --unit wan (money is never guessed)"),
        ("fen.csv", "项目编号,日期,金额（元）\nA1-02,2024-04-02,1.001\n", &[], "fen.csv:2: amount_yuan: '1.001' has more than 2 decimals of yuan: payments are exact to the fen, never rounded"),
        ("wan.csv", "project_id,date,amount_wan\nA1-02,2024-04-02,0.0000001\n", &[], "wan.csv:2: amount_wan: '0.0000001'"),
        ("two.csv", "项目编号,日期,金额（元）,金额（万元）\nA1-02,2024-04-02,1,1\n", &[], "two.csv:1: header: two amount columns (金额（元）, 金额（万元）); keep one"),
        ("map.csv", "项目编号,日期,付款额\nA1-02,2024-04-02,1\n", &["--map", "付款额=money"], "map.csv:1: header: --map 付款额=money: 'money' is not a field"),
        ("utf8.csv", "项目编号,日期,金额（元）\nA1-02,2024-04-02,1\n", &["--encoding", "gbk"], "utf8.csv: the file looks like UTF-8"),
        ("dup.csv", "项目编号,项目代码,日期,金额（元）\nA1-02,A1-02,2024-04-02,1\n", &[], "dup.csv:1: header: columns '项目编号' and '项目代码' both give project_id"),
    ];
    for (name, text, flags, needle) in cases {
        let file = write(&env, name, text.as_bytes());
        let before = env.dump();
        let mut args = vec!["spending", "import", file.as_str()];
        args.extend(flags);
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(needle), "{name}: expected {needle:?} in {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(env.dump(), before, "{name} changed the ledger");
    }
    // The odd header mapped, and a unit given, the same files import.
    let file = write(
        &env,
        "odd.csv",
        "项目编号,日期,付款额\nA1-02,2024-04-02,1\n".as_bytes(),
    );
    env.ok(&[
        "spending",
        "import",
        &file,
        "--map",
        "付款额=amount",
        "--unit",
        "yuan",
    ]);
    assert_eq!(entries(&env)[0][2], "0.0001");
}

#[test]
fn the_bad_row_count_counts_rows_not_problems() {
    let env = TestEnv::seeded();
    let text = "project_id,date,amount_wan\n\
        A1-02,2024-13-01,1\n\
        A9-99,2024-02-30,1\n\
        A1-02,2024-04-02,1\n\
        A1-02,2024-04-02,x\n";
    let file = write(&env, "three.csv", text.as_bytes());
    let before = env.dump();
    let (code, _, err) = env.run(&["spending", "import", &file]);
    assert_eq!(code, 2);
    assert!(
        err.lines()
            .next()
            .unwrap()
            .ends_with("three.csv: 3 bad rows (4 problems); nothing was imported"),
        "{err}"
    );
    let (_, _, zh) = env.run(&["spending", "import", &file, "--lang", "zh"]);
    assert!(zh.contains("3 行有误（4 处问题）；未导入任何内容"), "{zh}");
    assert_eq!(env.dump(), before);
}

#[test]
fn a_bad_cell_in_a_workbook_is_named_by_its_address() {
    let env = TestEnv::seeded();
    let mut rows: Vec<Vec<String>> = vec![["项目编号", "金额（元）", "支付日期"]
        .map(str::to_string)
        .to_vec()];
    for day in 1..=15 {
        rows.push(vec!["A1-02".into(), "100".into(), format!("2024/5/{day}")]);
    }
    rows.push(vec!["A1-02".into(), "100".into(), "2024/13/45".into()]); // row 17
    rows.push(vec!["A1-02".into(), "1.005".into(), "2024/5/20".into()]); // row 18
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let file = workbook(&env, "bad.xlsx", "Sheet1", &slices);
    let before = env.dump();
    let (code, _, err) = env.run(&["spending", "import", &file]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("bad.xlsx: 2 bad rows; nothing was imported"),
        "{err}"
    );
    assert!(err.contains("Sheet1!C17: date: '2024/13/45'"), "{err}");
    assert!(
        err.contains("Sheet1!B18: amount_yuan: '1.005' has more than 2 decimals of yuan"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    // A sheet by name, and one that is not there.
    env.refused(
        &["spending", "import", &file, "--sheet", "2024"],
        "no sheet '2024'; the sheets are Sheet1",
    );
    env.refused(
        &[
            "spending",
            "import",
            &fixture("treasury-2024Q2-gbk.csv"),
            "--sheet",
            "x",
        ],
        "--sheet and --header-row are for Excel workbooks",
    );
}

#[test]
fn the_header_row_can_be_named_and_a_sheet_chosen() {
    let env = TestEnv::seeded();
    let file = workbook(
        &env,
        "two-headers.xlsx",
        "付款",
        &[
            &["说明", "本表由财务科填写"],
            &["project_id", "date", "amount_wan"],
            &["A1-02", "2024-05-01", "1.5"],
        ],
    );
    // The header is found below the note row …
    env.ok(&["spending", "import", &file, "--dry-run"]);
    // … and --header-row names it (a wrong one is refused with its row).
    env.refused(
        &["spending", "import", &file, "--header-row", "1"],
        "two-headers.xlsx: 付款!1: header: unrecognised column(s) 说明",
    );
    env.refused(
        &["spending", "import", &file, "--header-row", "9"],
        "--header-row 9: the sheet has no such row",
    );
    env.ok(&[
        "spending",
        "import",
        &file,
        "--header-row",
        "2",
        "--sheet",
        "付款",
    ]);
    assert_eq!(entries(&env)[0][2], "1.5");
}

#[test]
fn a_dry_run_writes_nothing_and_its_exit_code_says_whether_the_import_would_succeed() {
    let env = TestEnv::seeded();
    env.ok(&["info"]);
    let bytes = std::fs::read(&env.db).unwrap();
    let (code, out, err) = env.run(&[
        "spending",
        "import",
        &fixture("clerk-2024Q3.xlsx"),
        "--dry-run",
        "--wide",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("dry run: 5 entries, 501.234568 (10k CNY)")
            && out.contains("nothing was written"),
        "{out}"
    );
    assert!(out.contains("A5-04") && out.contains("500"), "{out}");
    assert!(
        err.contains("A5-04: the project was planned on 2024-07-01"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&env.db).unwrap(),
        bytes,
        "the ledger's bytes changed"
    );
    let wal = PathBuf::from(format!("{}-wal", env.db.display()));
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    // Per project as CSV: the rows and a total that is their sum.
    let rows = env.records(&[
        "spending",
        "import",
        &fixture("clerk-2024Q3.xlsx"),
        "--dry-run",
    ]);
    let total = rows.iter().find(|r| &r["project_id"] == "total").unwrap();
    let sum: rust_decimal::Decimal = rows
        .iter()
        .filter(|r| &r["project_id"] != "total")
        .map(|r| r.dec("amount_wan"))
        .sum();
    assert_eq!(total.dec("amount_wan"), sum);
    assert_eq!(&total["entries"], "5");
    // A file that would fail fails the dry run the same way.
    env.refused(
        &[
            "spending",
            "import",
            &fixture("treasury-2024Q2-gbk.csv"),
            "--dry-run",
        ],
        "unrecognised column(s) 收款人全称",
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
    // And the real import then does what the dry run said.
    let out = env.ok(&["spending", "import", &fixture("clerk-2024Q3.xlsx")]);
    assert!(
        out.contains("imported 5 entries, 501.234568 (10k CNY)"),
        "{out}"
    );
}

#[test]
fn one_entry_or_many_in_english_and_tiao_in_chinese() {
    let env = TestEnv::seeded();
    let one = write(
        &env,
        "one.csv",
        b"project_id,date,amount_wan\nA1-02,2024-05-01,1\n",
    );
    let out = env.ok(&["spending", "import", &one]);
    assert!(out.contains("imported 1 entry, 1 (10k CNY)"), "{out}");
    let two = write(
        &env,
        "two.csv",
        b"project_id,date,amount_wan\nA1-02,2024-05-02,1\nA1-02,2024-05-03,1\n",
    );
    let out = env.ok(&["spending", "import", &two, "--lang", "zh", "--dry-run"]);
    assert!(
        out.contains("预检：将从") && out.contains("导入 2 条"),
        "{out}"
    );
    let out = env.ok(&["spending", "import", &two, "--lang", "zh"]);
    assert!(out.contains("导入 2 条，合计 2 万元"), "{out}");
}

#[test]
fn a_mapping_is_saved_with_an_import_and_used_by_name() {
    let env = TestEnv::seeded();
    let april = write(
        &env,
        "04.csv",
        "项目编号,支付日期,付款额,收款人\nA1-02,2024/4/2,\"1,000.00\",某公司\n".as_bytes(),
    );
    // A bad name is refused before anything is read.
    env.refused(
        &["spending", "import", &april, "--save-mapping", "a b"],
        "a mapping's name is 1-40 letters",
    );
    env.refused(
        &["spending", "import", &april, "--mapping", "treasury"],
        "--mapping treasury: no mapping is saved under that name (none is saved yet",
    );
    env.ok(&[
        "spending",
        "import",
        &april,
        "--map",
        "付款额=amount",
        "--unit",
        "yuan",
        "--ignore-column",
        "收款人",
        "--save-mapping",
        "treasury",
    ]);
    let may = write(
        &env,
        "05.csv",
        "项目编号,支付日期,付款额,收款人\nA1-02,2024/5/6,\"2,000.00\",某公司\n".as_bytes(),
    );
    env.ok(&["spending", "import", &may, "--mapping", "treasury"]);
    let got: Vec<String> = entries(&env).into_iter().map(|e| e[2].clone()).collect();
    assert_eq!(got, ["0.1", "0.2"]);
    env.refused(
        &["spending", "import", &may, "--mapping", "bank"],
        "no mapping is saved under that name; saved: treasury",
    );
    // The mapping is a recorded setting, in the history like any other.
    let history = env.records(&["history"]);
    assert!(
        history
            .iter()
            .any(|r| &r["field"] == "mapping.spending.treasury"),
        "{history:?}"
    );
}

/// A ledger with payments, a reversal and retention money: what `spending list` writes
/// (CSV in both languages, workbooks in both) imports into a fresh ledger to the same
/// entries.
#[test]
fn spending_listings_re_import_to_identical_entries() {
    let source = TestEnv::seeded();
    source.ok(&["start", "A5-04", "--date", "2024-01-10"]);
    source.ok(&[
        "spend",
        "A5-04",
        "1200.5",
        "--date",
        "2024-04-02",
        "--voucher",
        "记-1",
        "--note",
        "第一期",
    ]);
    source.ok(&[
        "spend",
        "A5-04",
        "0.000001",
        "--date",
        "2024-04-03",
        "--note",
        "a \"quoted\", note",
    ]);
    source.ok(&[
        "spend",
        "A1-02",
        "3",
        "--date",
        "2024-04-05",
        "--voucher",
        "=1+1",
    ]);
    source.ok(&[
        "spend",
        "--reverse",
        "2",
        "--reason",
        "错付",
        "--date",
        "2024-04-06",
    ]);
    let key = |env: &TestEnv| -> Vec<Vec<String>> {
        env.records(&["spending", "list"])
            .iter()
            .map(|r| {
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
                ]
                .iter()
                .map(|c| r[c].to_string())
                .collect()
            })
            .collect()
    };
    let want = key(&source);
    assert_eq!(want.len(), 4);
    for lang in ["en", "zh"] {
        for format in ["csv", "xlsx"] {
            let file = source.dir.path().join(format!("list-{lang}.{format}"));
            let file = file.to_str().unwrap();
            source.ok(&[
                "spending", "list", "--lang", lang, "--format", format, "--out", file,
            ]);
            let target = TestEnv::seeded();
            let (code, _, err) = target.run(&["spending", "import", file]);
            assert_eq!(code, 0, "{lang} {format}: {err}");
            assert_eq!(key(&target), want, "{lang} {format}");
        }
    }
}

#[test]
fn projects_exports_re_import_unchanged_in_both_languages() {
    let source = TestEnv::seeded();
    source.ok(&[
        "estimate",
        "A5-04",
        "341200",
        "--stage",
        "preliminary",
        "--reason",
        "概算批复",
    ]);
    source.ok(&["reschedule", "A2-04", "2023-2026", "--reason", "调整"]);
    for lang in ["en", "zh"] {
        let file = source.dir.path().join(format!("projects-{lang}.csv"));
        let file = file.to_str().unwrap();
        source.ok(&["projects", "export", "--lang", lang, "--bom", "--out", file]);
        // Into the ledger it came from: nothing to change.
        let out = source.ok(&["projects", "import", file, "--dry-run"]);
        assert!(
            out.contains("would add 0, update 0 and leave 68 unchanged"),
            "{lang}: {out}"
        );
        // Into a fresh ledger: the two changed projects are updated, and the listings agree.
        let target = TestEnv::seeded();
        let out = target.ok(&["projects", "import", file]);
        assert!(
            out.contains("0 added, 2 updated, 66 unchanged"),
            "{lang}: {out}"
        );
        assert_eq!(
            target.ok(&["projects", "export"]),
            source.ok(&["projects", "export"]),
            "{lang}"
        );
    }
}

#[test]
fn a_plans_table_as_excel_holds_it_adds_projects() {
    let env = TestEnv::seeded();
    let file = workbook(
        &env,
        "附表7.xlsx",
        "附表7",
        &[
            &["附表7  2025年新增储备项目表"],
            &[
                "序号",
                "类别",
                "项目名称",
                "主要建设内容及规模",
                "投资估算（万元）",
                "实施周期",
                "牵头部门",
            ],
            &[
                "1",
                "生态环境建设",
                "临江河综合治理",
                "河道清淤12公里",
                "1200.5",
                "2025—2027年",
                "区水利局",
            ],
            &[
                "2",
                "生态环境建设",
                "",
                "岸线生态修复8公里",
                "800",
                "2026年",
                "区水利局、区生态环境局",
            ],
            &["合计", "", "", "", "2000.5", "", ""],
        ],
    );
    let (code, out, err) = env.run(&["projects", "import", &file, "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("would add 2"), "{out}");
    assert!(err.contains("附表7!5: a total row, passed over"), "{err}");
    env.ok(&["projects", "import", &file]);
    let added: Vec<_> = env
        .records(&["projects", "list"])
        .into_iter()
        .filter(|r| r["id"].starts_with('N'))
        .collect();
    assert_eq!(added.len(), 2, "the blank group continued the one above");
    assert_eq!(&added[0]["estimate_wan"], "1200.5");
    assert_eq!(
        (&added[0]["start_year"], &added[0]["end_year"]),
        ("2025", "2027")
    );
    assert_eq!(
        (&added[1]["start_year"], &added[1]["end_year"]),
        ("2026", "2026")
    );
    assert_eq!(&added[1]["departments"], "区水利局、区生态环境局");
    // An estimate finer than the 元, and a schedule that disagrees, are refused by cell.
    let bad = workbook(
        &env,
        "bad-plan.xlsx",
        "Sheet1",
        &[
            &[
                "类别",
                "项目名称",
                "主要建设内容及规模",
                "投资估算（元）",
                "实施周期",
                "开始年份",
                "结束年份",
                "牵头部门",
            ],
            &[
                "生态环境建设",
                "甲",
                "内容",
                "1000.5",
                "2025-2026",
                "",
                "",
                "区水利局",
            ],
            &[
                "生态环境建设",
                "乙",
                "内容",
                "1000",
                "2025-2026",
                "2025",
                "2027",
                "区水利局",
            ],
        ],
    );
    let (code, _, err) = env.run(&["projects", "import", &bad]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Sheet1!D2: estimate_yuan: '1000.5': estimates are kept to the yuan"),
        "{err}"
    );
    assert!(
        err.contains(
            "Sheet1!E3: schedule: '2025-2026' disagrees with start_year-end_year 2025-2027"
        ),
        "{err}"
    );
}
