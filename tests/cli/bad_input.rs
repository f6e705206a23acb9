//! The bad-input suite: every command and import that takes input, fed malformed,
//! out-of-range, unknown, hostile or broken input. Each case must fail with exit code 2
//! and one clear line naming the place and the problem, leave every table exactly as it
//! was, and never panic.

use crate::env::TestEnv;

struct Case {
    args: Vec<String>,
    /// A file the case writes first; `{file}` in `args` is its path.
    file: Option<(&'static str, Vec<u8>)>,
    needle: &'static str,
}

fn case(args: &[&str], needle: &'static str) -> Case {
    Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        file: None,
        needle,
    }
}

fn import(name: &'static str, bytes: impl Into<Vec<u8>>, needle: &'static str) -> Case {
    Case {
        args: vec!["spending".into(), "import".into(), "{file}".into()],
        file: Some((name, bytes.into())),
        needle,
    }
}

const H: &str = "project_id,date,amount_wan,voucher,note\n";

fn cases() -> Vec<Case> {
    let spend = |amount: &'static str, needle: &'static str| {
        case(&["spend", "A5-04", amount, "--date", "2024-05-01"], needle)
    };
    let thirty = "123456789012345678901234567890";
    let ten_mb = "x".repeat(10 * 1024 * 1024);
    vec![
        // Amounts.
        spend("abc", "AMOUNT: 'abc' is not a plain decimal"),
        spend("1e400", "'1e400' is not a plain decimal"),
        spend("NaN", "'NaN' is not a plain decimal"),
        spend("inf", "'inf' is not a plain decimal"),
        spend("-5", "must be positive"),
        spend("0", "must be positive"),
        spend("0.00001", "more than 4 decimals"),
        spend(thirty, "out of range"),
        spend("1,000", "'1,000' is not a plain decimal"),
        spend("", "AMOUNT: empty amount"),
        spend("１２", "is not a plain decimal"),
        spend("0x10", "is not a plain decimal"),
        spend("+-1", "is not a plain decimal"),
        case(&["estimate", "A1-01", "abc", "--stage", "budget", "--reason", "r"], "AMOUNT: 'abc'"),
        case(&["estimate", "A1-01", "-1", "--stage", "budget", "--reason", "r"], "must be positive"),
        case(&["estimate", "A1-01", "1e5", "--stage", "budget", "--reason", "r"], "is not a plain decimal"),
        case(&["estimate", "A1-01", thirty, "--stage", "budget", "--reason", "r"], "out of range"),
        case(&["plan", "A1-01", "2022=abc"], "'2022=abc'"),
        case(&["plan", "A1-01", "2022=1000.00001"], "more than 4 decimals"),
        case(&["projects", "add", "--category", "1", "--group", "g", "--description", "d", "--estimate", "1e3", "--schedule", "2026", "--department", "区林业局"], "--estimate: '1e3'"),
        // Dates, years, schedules, periods.
        case(&["start", "A1-02", "--date", "2024-02-30"], "--date: '2024-02-30' is not a day of the calendar"),
        case(&["start", "A1-02", "--date", "2023-02-29"], "'2023-02-29' is not a day of the calendar"),
        case(&["start", "A1-02", "--date", "2024-13-01"], "is not a day of the calendar"),
        case(&["start", "A1-02", "--date", "24-01-01"], "is not a date"),
        case(&["start", "A1-02", "--date", "1800-01-01"], "out of range"),
        case(&["start", "A1-02", "--date", "2027-01-01"], "is in the future"),
        spend("1", "").with_date("2024-02-30", "--date: '2024-02-30'"),
        case(&["projects", "list", "--year", "1800"], "--year: year 1800 is out of range"),
        case(&["projects", "list", "--year", "20225"], "--year: '20225' is not a schedule"),
        case(&["projects", "list", "--year", "abcd"], "--year"),
        case(&["totals", "--as-of", "2024-02-30"], "--as-of: '2024-02-30'"),
        case(&["reschedule", "A1-02", "2025-2022", "--reason", "r"], "SCHEDULE: schedule '2025-2022' ends before it starts"),
        case(&["reschedule", "A1-02", "3000", "--reason", "r"], "year 3000 is out of range"),
        case(&["reschedule", "A1-02", "2022-", "--reason", "r"], "is not a schedule"),
        case(&["projects", "add", "--category", "1", "--group", "g", "--description", "d", "--estimate", "1", "--schedule", "2026-2024", "--department", "区林业局"], "--schedule: schedule '2026-2024' ends before it starts"),
        case(&["report", "quarterly", "2024Q5"], "QUARTER: '2024Q5' is not a period"),
        case(&["report", "quarterly", "Q1"], "is not a period"),
        case(&["spending", "list", "--period", "2024Q0"], "--period: '2024Q0' is not a period"),
        case(&["report", "annual", "abcd"], "YEAR"),
        case(&["history", "--since", "2024-02-30"], "--since"),
        case(&["--today", "2024-02-30", "info"], "--today"),
        // Unknown ids and names, hostile text.
        case(&["projects", "show", "A9-99"], "unknown project id 'A9-99'"),
        case(&["start", "A9-99"], "unknown project id 'A9-99'"),
        case(&["estimate", "A9-99", "1", "--stage", "budget", "--reason", "r"], "unknown project id"),
        case(&["plan", "A9-99", "2022=1"], "unknown project id"),
        case(&["history", "A9-99"], "unknown project id"),
        spend("1", "").with_project("A9-99", "unknown project id 'A9-99'"),
        case(&["spend", "--reverse", "999", "--reason", "r"], "no spending entry 999"),
        case(&["projects", "show", "A1-01'; DROP TABLE project;--"], "unknown project id"),
        case(&["start", "' OR 1=1 --"], "unknown project id"),
        case(&["projects", "list", "--category", "'; DROP TABLE category;--"], "unknown category"),
        case(&["projects", "list", "--department", "水利局"], "did you mean: 区水利局?"),
        case(&["projects", "edit", "A1-02", "--department", "区水力局"], "is close to 区水利局"),
        case(&["spend", "A5-04", "1", "--date", "2024-05-01", "--note", "bell\u{7}"], "--note: contains control characters"),
        case(&["projects", "add", "--category", "1", "--group", "g", "--description", &"长".repeat(2001), "--estimate", "1", "--schedule", "2026", "--department", "区林业局"], "--description: longer than 2000 characters"),
        case(&["config", "colour", "blue"], "unknown setting 'colour'"),
        case(&["config", "overspend", "maybe"], "use warn or stop"),
        case(&["complete", "A1-03"], "cannot complete a project that is planned"),
        case(&["suspend", "A1-01"], "--reason is required"),
        case(&["init"], "a ledger already exists"),
        // Files.
        import("empty.csv", "", "the file is empty"),
        import("header.csv", H, "no data rows"),
        import("missing.csv", "project_id,date,amount_wan\nA5-04,2024-01-01,1\n", "header: missing column(s) voucher, note"),
        import("extra.csv", "project_id,date,amount_wan,voucher,note,colour\nA5-04,2024-01-01,1,,,red\n", "unexpected column(s) colour"),
        import("nul.csv", format!("{H}A5-04,2024-01-01,1,\0,\n"), "nul.csv:2: a NUL byte"),
        import("png.csv", b"\x89PNG\r\n\x1a\n\x00\x00".to_vec(), "png.csv:3: a NUL byte"),
        import("binary.csv", format!("{H}A5-04,2024-01-01,1,,").into_bytes().into_iter().chain([0xff, 0xfe, 0xfa, b'\n']).collect::<Vec<u8>>(), "binary.csv:2: bytes that are neither UTF-8 nor GB18030/GBK"),
        import("truncated.csv", format!("{H}A5-04,2024-01-01,1,v1,\nA5-04,2024-0"), "truncated.csv:3: row: 2 fields where the header has 5; nothing was imported"),
        import("quote.csv", format!("{H}A5-04,2024-01-01,1,\"v1,\nA5-04,2024-01-02,1,v2,\n"), "quote.csv:2: row: a quoted field runs on across lines"),
        import("crlf.csv", "project_id,date,amount_wan,voucher,note\r\nA5-04,2024-01-01,1,v,\"a\r\nb\"\r\nA5-04,2024-01-01,NaN,v,\r\n", "crlf.csv:4: amount_wan: 'NaN'"),
        import("big.csv", format!("{H}A5-04,2024-01-01,1,,{ten_mb}\n"), "big.csv:2: note: longer than 2000 characters"),
        import("fields.csv", format!("{H}A5-04,2024-01-01\n"), "fields.csv:2: row: 2 fields where the header has 5"),
        import("thirty.csv", format!("{H}A5-04,2024-01-01,{thirty},,\n"), "thirty.csv:2: amount_wan"),
        import("future.csv", format!("{H}A5-04,2030-01-01,1,,\n"), "future.csv:2: date: 2030-01-01 is in the future"),
        import("sql.csv", format!("{H}\"A5-04'); DROP TABLE spending;--\",2024-01-01,1,,\n"), "sql.csv:2: project_id: unknown project id"),
        Case {
            args: ["spending", "import", "{file}", "--encoding", "utf-8"].map(String::from).to_vec(),
            file: Some(("gbk.csv", format!("{H}A5-04,2024-01-01,1,,").bytes().chain("拨付".encode_gbk()).chain(*b"\n").collect())),
            needle: "gbk.csv:2: bytes that are not UTF-8",
        },
        // Found by fuzzing: a BOM then a byte GB18030 cannot decode once hung the import.
        Case {
            args: ["spending", "import", "{file}", "--encoding", "gbk"].map(String::from).to_vec(),
            file: Some(("bomff.csv", b"\xef\xbb\xbf\xff".to_vec())),
            needle: "bomff.csv:1: bytes that are neither UTF-8 nor GB18030/GBK",
        },
        case(&["spending", "import", "/no/such/file.csv"], "/no/such/file.csv"),
        case(&["spending", "import", "/tmp"], "/tmp"),
        Case {
            args: ["projects", "import", "{file}"].map(String::from).to_vec(),
            file: Some(("p.csv", "id,table,category,group,description,estimate_wan,start_year,end_year,departments,status\nA1-02,1,,g,d,200,2022,2025,区公安局、区交通局,completed\n".into())),
            needle: "p.csv:2: status: A1-02 cannot go from planned to completed in one step",
        },
    ]
}

trait With {
    fn with_date(self, date: &str, needle: &'static str) -> Case;
    fn with_project(self, id: &str, needle: &'static str) -> Case;
}

impl With for Case {
    fn with_date(mut self, date: &str, needle: &'static str) -> Case {
        let at = self.args.iter().position(|a| a == "--date").unwrap();
        self.args[at + 1] = date.to_string();
        self.needle = needle;
        self
    }

    fn with_project(mut self, id: &str, needle: &'static str) -> Case {
        self.args[1] = id.to_string();
        self.needle = needle;
        self
    }
}

trait Gbk {
    fn encode_gbk(&self) -> std::vec::IntoIter<u8>;
}

impl Gbk for str {
    fn encode_gbk(&self) -> std::vec::IntoIter<u8> {
        encoding_rs::GBK.encode(self).0.into_owned().into_iter()
    }
}

#[test]
fn every_bad_input_fails_cleanly_and_changes_nothing() {
    let env = TestEnv::new();
    // Some history first, so that "unchanged" means something.
    env.ok(&["start", "A1-01", "--date", "2024-01-02"]);
    env.ok(&[
        "spend",
        "A5-04",
        "100",
        "--date",
        "2024-03-01",
        "--voucher",
        "记-1",
    ]);
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let before = env.dump();
    let mut tried = 0;
    for c in cases {
        let mut args = c.args.clone();
        if let Some((name, bytes)) = &c.file {
            let path = env.dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            for a in args.iter_mut() {
                if a == "{file}" {
                    *a = path.to_str().unwrap().to_string();
                }
            }
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = env.run(&refs);
        let shown: String = err.chars().take(300).collect();
        assert_eq!(code, 2, "{:?}: {shown}", c.args);
        assert!(!err.contains("panicked at"), "{:?}: {shown}", c.args);
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{:?}: one line expected: {shown}",
            c.args
        );
        assert!(err.starts_with("ecoledger: "), "{:?}: {shown}", c.args);
        assert!(
            err.contains(c.needle),
            "{:?}: expected {:?} in {shown}",
            c.args,
            c.needle
        );
        assert_eq!(env.dump(), before, "{:?} changed the ledger", c.args);
        tried += 1;
    }
    eprintln!("bad-input cases tried: {tried}");
}
