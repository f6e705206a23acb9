//! Imports: encodings, all-or-nothing with every bad row named, duplicate files, and the
//! projects export/import round trip.

use crate::env::{assert_one_line_error, dec, records, Record, TestEnv};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn write(env: &TestEnv, name: &str, bytes: &[u8]) -> String {
    let path = env.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

const HEADER: &str = "project_id,date,amount_wan,voucher,note\n";

#[test]
fn gbk_and_bom_files_import_the_same_entries() {
    for (name, encoding) in [
        ("spending-gbk.csv", "gb18030"),
        ("spending-bom.csv", "utf-8"),
    ] {
        let env = TestEnv::seeded();
        let out = env.ok(&["spending", "import", fixture(name).to_str().unwrap()]);
        assert!(
            out.contains("imported 3 entries, 1,210.5001 (10k CNY)"),
            "{out}"
        );
        assert!(out.contains(encoding), "{out}");
        // The entries in the file's order.
        let rows = env.records(&["spending", "list"]);
        let first: Vec<&str> = ["project", "amount_wan", "kind", "voucher", "note"]
            .iter()
            .map(|c| &rows[0][c])
            .collect();
        assert_eq!(
            first,
            ["A5-04", "1200.5", "payment", "记-2024-041", "第一期进度款"]
        );
        assert_eq!(
            rows[1]["note"], *"两行\r\n备注",
            "a quoted note keeps its line break"
        );
        assert_eq!(rows[2]["amount_wan"], *"0.0001");
    }
    // Piped, an import draws no progress bar: stderr holds only the warnings (the three
    // projects were planned on the payments' dates), one per line.
    let env = TestEnv::seeded();
    let (code, _, err) = env.run(&[
        "spending",
        "import",
        fixture("spending-bom.csv").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("warning: ") && l.contains("the project was planned on")),
        "{err}"
    );
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}'),
        "a progress bar: {err:?}"
    );
    // Forcing the wrong encoding is an error naming the line, never mojibake.
    let env = TestEnv::seeded();
    env.refused(
        &[
            "spending",
            "import",
            fixture("spending-gbk.csv").to_str().unwrap(),
            "--encoding",
            "utf-8",
        ],
        "spending-gbk.csv:2: bytes that are not UTF-8",
    );
}

#[test]
fn one_bad_row_means_nothing_is_imported_and_every_bad_row_is_named() {
    let env = TestEnv::seeded();
    let mut text = String::from(HEADER);
    for i in 0..30 {
        text.push_str(&format!("A1-01,2024-01-{:02},1,v{i},\n", i % 28 + 1));
    }
    text.push_str("A1-01,2024-02-30,1,,\n"); // line 32
    text.push_str("A9-09,2024-03-01,1,,\n"); // line 33
    text.push_str("A1-02,2024-03-01,1e3,,\n"); // line 34
    text.push_str("A1-02,2024-03-01,-3,,\n"); // line 35
    text.push_str("A1-02,2024-03-01,3,,,extra\n"); // line 36
    let file = write(&env, "q1.csv", text.as_bytes());
    let before = env.dump();
    let (code, _, err) = env.run(&["spending", "import", &file]);
    assert_eq!(code, 2);
    assert!(!err.contains("panicked"));
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].ends_with("q1.csv: 5 bad rows; nothing was imported"),
        "{err}"
    );
    assert!(
        lines[1].ends_with("q1.csv:32: date: '2024-02-30' is not a day of the calendar"),
        "{err}"
    );
    assert!(
        lines[2].ends_with("q1.csv:33: project_id: unknown project id 'A9-09'"),
        "{err}"
    );
    assert!(
        lines[3].contains("q1.csv:34: amount_wan: '1e3' is not an amount of 10k CNY"),
        "{err}"
    );
    assert!(
        lines[4].contains("q1.csv:35: amount_wan: '-3': a payment must be positive"),
        "{err}"
    );
    assert!(
        lines[5].ends_with("q1.csv:36: row: 6 fields where the header has 5"),
        "{err}"
    );
    assert_eq!(env.dump(), before, "nothing was written");
    // Past 50 bad rows, the rest are counted.
    let mut text = String::from(HEADER);
    for _ in 0..60 {
        text.push_str("A9-09,2024-03-01,1,,\n");
    }
    let file = write(&env, "many.csv", text.as_bytes());
    let (_, _, err) = env.run(&["spending", "import", &file]);
    assert_eq!(err.lines().count(), 1 + 50 + 1, "{err}");
    assert!(err.trim_end().ends_with("… and 10 more"), "{err}");
}

#[test]
fn line_numbers_are_physical_lines_with_crlf_and_quoted_line_breaks() {
    let env = TestEnv::seeded();
    let text = "project_id,date,amount_wan,voucher,note\r\nA5-04,2024-04-15,1,v,ok\r\nA1-01,2024-05-01,10,,\"two\r\nlines\"\r\nA1-02,2024-05-01,x,,\r\n";
    let file = write(&env, "crlf.csv", text.as_bytes());
    let (code, _, err) = env.run(&["spending", "import", &file]);
    assert_eq!(code, 2);
    assert!(
        err.contains("crlf.csv:5: amount_wan: 'x' is not an amount of 10k CNY"),
        "{err}"
    );
}

#[test]
fn broken_files_are_refused_with_the_place_named() {
    let env = TestEnv::seeded();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.csv", Vec::new(), "empty.csv: the file is empty"),
        ("header.csv", HEADER.as_bytes().to_vec(), "header.csv: no data rows; nothing was imported"),
        ("columns.csv", b"project,date,amount\nA1-01,2024-01-01,1\n".to_vec(), "columns.csv:1: header: column 'amount' is an amount without a unit: give --unit yuan or --unit wan"),
        ("missing.csv", b"project,amount_wan\nA1-01,1\n".to_vec(), "missing.csv:1: header: missing column(s) date"),
        ("colour.csv", b"project,date,amount_wan,colour\nA1-01,2024-01-01,1,red\n".to_vec(), "colour.csv:1: header: unrecognised column(s) colour"),
        ("nul.csv", format!("{HEADER}A1-01,2024-01-01,1,\0,\n").into_bytes(), "nul.csv:2: a NUL byte"),
        ("binary.csv", b"\xff\xfe\xfa\xfb,\x81\n".to_vec(), "binary.csv:1: bytes that are neither UTF-8 nor GB18030/GBK"),
        ("quote.csv", format!("{HEADER}A1-01,2024-01-01,1,\"v1,note\nA1-02,2024-01-02,2,v2,n\n").into_bytes(), "quote.csv:2: row: a quoted field runs on across lines"),
        ("sql.csv", format!("{HEADER}A1-01'; DROP TABLE spending; --,2024-01-01,1,,\n").into_bytes(), "sql.csv:2: project_id: unknown project id"),
    ];
    for (name, bytes, needle) in cases {
        let file = write(&env, name, &bytes);
        let before = env.dump();
        let (code, _, err) = env.run(&["spending", "import", &file]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(
            err.contains(needle),
            "{name}: expected {needle:?} in {err:?}"
        );
        assert!(!err.contains("panicked"));
        assert_eq!(env.dump(), before, "{name} changed the ledger");
    }
    let (code, _, err) = env.run(&["spending", "import", "/no/such/file.csv"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "/no/such/file.csv");
}

#[test]
fn the_same_file_is_not_imported_twice() {
    let env = TestEnv::seeded();
    let file = fixture("spending-bom.csv");
    let file = file.to_str().unwrap();
    env.ok(&["spending", "import", file]);
    env.refused(
        &["spending", "import", file],
        "this file's content was already imported (spending-bom.csv",
    );
    // Asked for, it goes in, and the rows identical to existing entries are reported.
    let (code, _, err) = env.run(&["spending", "import", file, "--allow-duplicate"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.matches("same project, date, amount and voucher as entry")
            .count(),
        3,
        "{err}"
    );
    assert_eq!(env.records(&["spending", "list"]).len(), 6);
}

#[test]
fn an_import_respects_the_overspend_setting() {
    let env = TestEnv::seeded();
    env.ok(&["config", "overspend", "stop"]);
    let file = write(
        &env,
        "over.csv",
        format!("{HEADER}A6-01,2024-01-01,30,,\nA6-01,2024-02-01,30,,\n").as_bytes(),
    );
    let before = env.dump();
    let (code, _, err) = env.run(&["spending", "import", &file]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "over.csv:3: amount_wan: takes A6-01's spending to 60 (10k CNY), above its estimate 50 (10k CNY)"
        ),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    let (code, _, err) = env.run(&["spending", "import", &file, "--overspend", "warn"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("warning:") && err.contains("over.csv:3"),
        "{err}"
    );
}

/// Up to the estimate exactly is not overspending: the import goes through under
/// `overspend stop` without a warning; one 分 more is refused.
#[test]
fn an_import_up_to_the_estimate_exactly_is_not_overspending() {
    let env = TestEnv::seeded();
    env.ok(&["config", "overspend", "stop"]);
    let exact = write(
        &env,
        "exact.csv",
        format!("{HEADER}A6-01,2024-01-01,30,,\nA6-01,2024-02-01,20,,\n").as_bytes(),
    );
    let (code, _, err) = env.run(&["spending", "import", &exact]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("estimate"), "no overspending warning: {err}");
    let cent = write(
        &env,
        "cent.csv",
        format!("{HEADER}A6-01,2024-03-01,0.000001,,\n").as_bytes(),
    );
    let before = env.dump();
    let (code, _, err) = env.run(&["spending", "import", &cent]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cent.csv:2: amount_wan: takes A6-01's spending to 50.000001"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn projects_round_trip_through_export_and_import() {
    let env = TestEnv::seeded();
    let path = env.dir.path().join("projects.csv");
    env.ok(&["projects", "export", "--out", path.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&path).unwrap();
    assert_eq!(exported, env.ok(&["projects", "list", "--format", "csv"]));
    // Importing what was exported changes nothing.
    let out = env.ok(&["projects", "import", path.to_str().unwrap()]);
    assert_eq!(
        out.trim_end().rsplit(": ").next().unwrap(),
        "0 added, 0 updated, 68 unchanged"
    );
    // Edit it as a spreadsheet would: a revised estimate, a start, a new row, a new text.
    let header: Vec<String> = csv::Reader::from_path(&path)
        .unwrap()
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = records(&exported);
    for r in rows.iter_mut() {
        match &r["id"] {
            "A1-01" => {
                r.0.insert("estimate_wan".into(), "1100".into());
                r.0.insert("status".into(), "in_progress".into());
            }
            "A1-02" => r.0.get_mut("description").unwrap().push_str("（补充）"),
            _ => {}
        }
    }
    rows.push(Record(
        [
            ("id", ""),
            ("table", "2"),
            ("category", "生态屏障建设"),
            ("group", "新组"),
            ("description", "新增项目说明"),
            ("estimate_wan", "300"),
            ("start_year", "2025"),
            ("end_year", "2026"),
            ("departments", "区林业局"),
            ("status", "储备"),
        ]
        .map(|(c, v)| (c.to_string(), v.to_string()))
        .into(),
    ));
    // Written back in the exported file's column order.
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&header).unwrap();
    for r in &rows {
        w.write_record(header.iter().map(|c| &r[c])).unwrap();
    }
    w.flush().unwrap();
    let out = env.ok(&[
        "--today",
        "2026-11-28",
        "projects",
        "import",
        path.to_str().unwrap(),
        "--reason",
        "储备库调整",
    ]);
    assert!(out.ends_with("1 added, 2 updated, 66 unchanged\n"), "{out}");
    let p = env.json(&["projects", "show", "A1-01"]);
    assert_eq!(p["estimate_wan"].to_string(), "1100");
    assert_eq!(p["status"], "in_progress");
    // After the seed: the revision, then the start.
    let h = env.records(&["history", "A1-01"]);
    let change = |r: &Record, columns: &[&str]| -> Vec<String> {
        columns.iter().map(|c| r[c].to_string()).collect()
    };
    assert_eq!(
        change(
            &h[1],
            &["action", "field", "old_value", "new_value", "reason"]
        ),
        ["import", "estimate_wan", "1000", "1100", "储备库调整"]
    );
    assert_eq!(
        change(&h[2], &["action", "field", "old_value", "new_value"]),
        ["start", "status", "planned", "in_progress"]
    );
    assert_eq!(
        env.json(&["projects", "show", "N0001"])["departments"],
        "区林业局"
    );
    let totals = env.records(&["totals"]);
    let total = totals.iter().find(|r| &r["key"] == "total").unwrap();
    assert_eq!(total.dec("estimate_wan"), dec("785741"));
    assert_eq!(env.run(&["reconcile"]).0, 0);
}

#[test]
fn a_bad_project_import_names_every_row_and_changes_nothing() {
    let env = TestEnv::seeded();
    let text = "id,table,category,group,description,estimate_wan,start_year,end_year,departments,status\n\
A1-01,1,environmental quality,移动源污染治理,完成市级下达的老旧车淘汰任务。,1000,2022,2025,区公安局,completed\n\
A1-02,1,green economy,移动源污染治理,x,200,2022,2025,区公安局、区交通局,planned\n\
A9-01,2,,g,d,300,2025,2026,区林业局,planned\n\
,7,,g,d,300,2025,2026,区林业局,planned\n\
,2,,g,d,0,2026,2025,区林业,sleeping\n\
A1-03,1,,移动源污染治理,推进中心城区加油站、油库油气回收监控设施建设。,200,2022,2025,区生态环境局,planned\n\
A1-03,1,,移动源污染治理,推进中心城区加油站、油库油气回收监控设施建设。,200,2022,2025,区生态环境局,planned\n";
    let file = write(&env, "p.csv", text.as_bytes());
    let before = env.dump();
    let (code, _, err) = env.run(&["projects", "import", &file]);
    assert_eq!(code, 2);
    for needle in [
        "p.csv:2: status: A1-01 cannot go from planned to completed in one step",
        "p.csv:3: category: 'green economy' is not table 1's category",
        "p.csv:4: id: 'A9-01' is not in the ledger, and appendix ids belong to the plan",
        "p.csv:5: table: '7' is not an appendix table number",
        "p.csv:6: estimate_wan: an estimate must be positive",
        "p.csv:6: end_year: schedule '2026-2025' ends before it starts",
        "p.csv:6: departments: '区林业' is close to 区林业局",
        "p.csv:6: status: unknown status 'sleeping'",
        "p.csv:8: id: 'A1-03' appears twice in the file",
    ] {
        assert!(err.contains(needle), "expected {needle:?} in:\n{err}");
    }
    assert_eq!(env.dump(), before);
}

/// A note whose opening quote is never closed would swallow the rows after it into
/// one note; the import refuses the file instead, naming the line of the quote.
#[test]
fn a_quote_never_closed_does_not_swallow_rows() {
    let env = TestEnv::seeded();
    let file = write(
        &env,
        "open-quote.csv",
        format!(
            "{HEADER}A5-04,2024-05-01,1,V1,\"分两期\nA5-04,2024-05-02,2,V2,\nA5-04,2024-05-03,3,V3,\n"
        )
        .as_bytes(),
    );
    let before = env.dump();
    let (code, _, err) = env.run(&["spending", "import", &file]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("open-quote.csv:2: row: a quoted field runs on to the end of the file"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
}

/// A file that cannot be read twice (a pipe) is imported from memory, in either
/// encoding, with the same lines in its errors.
#[test]
fn an_import_reads_a_pipe() {
    for name in ["spending-gbk.csv", "spending-bom.csv"] {
        let env = TestEnv::seeded();
        let bytes = std::fs::read(fixture(name)).unwrap();
        let out = env
            .cmd()
            .args(["spending", "import", "/dev/stdin"])
            .write_stdin(bytes)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{name}: {stdout} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("imported 3 entries, 1,210.5001 (10k CNY)"),
            "{stdout}"
        );
    }
    let env = TestEnv::seeded();
    let before = env.dump();
    let out = env
        .cmd()
        .args(["spending", "import", "/dev/stdin"])
        .write_stdin(format!(
            "{HEADER}A5-04,2024-05-01,1,,\nA5-04,2024-02-30,1,,\n"
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/dev/stdin:3: date:"), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn a_bulk_import_rebuilds_the_indexes_and_still_names_repeated_rows() {
    // 12,000 rows into an empty spending table: the bulk path (indexes dropped, rows
    // appended, indexes rebuilt, repeats found by one query).
    let env = TestEnv::seeded();
    env.ok(&["start", "A5-04", "--date", "2023-01-01"]);
    // Entry 1, already in the ledger; the file repeats it (no voucher on either).
    env.ok(&["spend", "A5-04", "7.5", "--date", "2024-03-03"]);
    let mut text = String::from("project_id,date,amount_wan,voucher,note\n");
    for i in 0..12_000 {
        let id = "A5-04";
        text.push_str(&format!(
            "{id},2024-{:02}-{:02},{}.{:04},V{i},\n",
            1 + i % 12,
            1 + i % 28,
            1 + i / 10_000,
            i % 10_000
        ));
    }
    // Two rows repeating rows 1 and 2 (lines 2 and 3, entries 2 and 3) exactly, and one
    // repeating the entry recorded before.
    text.push_str("A5-04,2024-01-01,1.0000,V0,\n");
    text.push_str("A5-04,2024-02-02,1.0001,V1,\n");
    text.push_str("a5-04,2024-03-03,7.50,,second time\n");
    let file = write(&env, "bulk.csv", text.as_bytes());
    let (code, out, err) = env.run(&["spending", "import", &file]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported 12003 entries"), "{out}");
    let repeats: Vec<&str> = err
        .lines()
        .filter_map(|l| l.split_once("bulk.csv:").map(|(_, rest)| rest))
        .collect();
    assert_eq!(
        repeats,
        [
            "12002: same project, date, amount and voucher as entry 2",
            "12003: same project, date, amount and voucher as entry 3",
            "12004: same project, date, amount and voucher as entry 1",
        ],
        "{err}"
    );
    let indexes: Vec<String> = env
        .sqlite()
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'spending' AND sql IS NOT NULL ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(indexes, ["spending_by_project", "spending_reverses"]);
    assert_eq!(env.run(&["check"]).0, 0);
    // A bad row anywhere: nothing imported, the indexes are still there.
    let before = env.dump();
    let mut bad = text.clone();
    bad.push_str("A5-04,2024-13-01,1,,\n");
    let file = write(&env, "bulk-bad.csv", bad.as_bytes());
    let (code, _, _) = env.run(&["spending", "import", &file, "--allow-duplicate"]);
    assert_eq!(code, 2);
    assert_eq!(env.dump(), before);
}
