//! The bad-input suite: every command and import that takes input, fed malformed,
//! out-of-range, unknown, hostile or broken input. Each case must fail with exit code 2
//! and one clear line naming the place and the problem, leave every table exactly as it
//! was, and never panic. The table below generates one test per case (a failing case
//! does not hide the others), each on its own copy of a ledger with some history.

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

/// Cases that need their values built (a long text, a file's bytes).
const THIRTY: &str = "123456789012345678901234567890";

fn spend(amount: &str, needle: &'static str) -> Case {
    case(&["spend", "A5-04", amount, "--date", "2024-05-01"], needle)
}

fn ten_mb() -> String {
    "x".repeat(10 * 1024 * 1024)
}

/// One `#[test]` per case, named by the table, plus [`all_cases`] for the count.
macro_rules! bad_inputs {
    ($($(#[$doc:meta])* $name:ident => $case:expr,)*) => {
        $(
            #[test]
            fn $name() {
                run_case(stringify!($name), $case);
            }
        )*
        /// Every case of the table.
        fn all_cases() -> Vec<&'static str> {
            vec![$(stringify!($name)),*]
        }
    };
}

bad_inputs! {
    // Amounts.
    amount_letters => spend("abc", "AMOUNT: 'abc' is not a plain decimal"),
    amount_exponent => spend("1e400", "'1e400' is not a plain decimal"),
    amount_nan => spend("NaN", "'NaN' is not a plain decimal"),
    amount_inf => spend("inf", "'inf' is not a plain decimal"),
    amount_negative => spend("-5", "must be positive"),
    amount_zero => spend("0", "must be positive"),
    amount_finer_than_fen => spend("0.0000001", "more than 6 decimals; payments are exact to 1 fen"),
    amount_thirty_digits => spend(THIRTY, "out of range"),
    amount_thousands_separator => spend("1,000", "'1,000' is not a plain decimal"),
    amount_empty => spend("", "AMOUNT: empty amount"),
    amount_full_width_digits => spend("１２", "is not a plain decimal"),
    amount_hex => spend("0x10", "is not a plain decimal"),
    amount_two_signs => spend("+-1", "is not a plain decimal"),
    estimate_letters => case(&["estimate", "A1-01", "abc", "--stage", "budget", "--reason", "r"], "AMOUNT: 'abc'"),
    estimate_negative => case(&["estimate", "A1-01", "-1", "--stage", "budget", "--reason", "r"], "must be positive"),
    estimate_exponent => case(&["estimate", "A1-01", "1e5", "--stage", "budget", "--reason", "r"], "is not a plain decimal"),
    estimate_thirty_digits => case(&["estimate", "A1-01", THIRTY, "--stage", "budget", "--reason", "r"], "out of range"),
    plan_letters => case(&["plan", "A1-01", "2022=abc"], "'2022=abc'"),
    plan_too_precise => case(&["plan", "A1-01", "2022=1000.00001"], "more than 4 decimals"),
    projects_add_exponent => case(&["projects", "add", "--category", "1", "--group", "g", "--description", "d", "--estimate", "1e3", "--schedule", "2026", "--department", "区林业局"], "--estimate: '1e3'"),
    // Dates, years, schedules, periods.
    date_february_30 => case(&["start", "A1-02", "--date", "2024-02-30"], "--date: '2024-02-30' is not a day of the calendar"),
    date_not_leap => case(&["start", "A1-02", "--date", "2023-02-29"], "'2023-02-29' is not a day of the calendar"),
    date_month_13 => case(&["start", "A1-02", "--date", "2024-13-01"], "is not a day of the calendar"),
    date_two_digit_year => case(&["start", "A1-02", "--date", "24-01-01"], "is not a date"),
    date_1800 => case(&["start", "A1-02", "--date", "1800-01-01"], "out of range"),
    date_in_future => case(&["start", "A1-02", "--date", "2027-01-01"], "is in the future"),
    spend_date_february_30 => spend("1", "").with_date("2024-02-30", "--date: '2024-02-30'"),
    year_1800 => case(&["projects", "list", "--year", "1800"], "--year: year 1800 is out of range"),
    year_five_digits => case(&["projects", "list", "--year", "20225"], "--year: '20225' is not a year"),
    year_letters => case(&["projects", "list", "--year", "abcd"], "--year"),
    as_of_february_30 => case(&["totals", "--as-of", "2024-02-30"], "--as-of: '2024-02-30'"),
    reschedule_backwards => case(&["reschedule", "A1-02", "2025-2022", "--reason", "r"], "SCHEDULE: schedule '2025-2022' ends before it starts"),
    reschedule_year_3000 => case(&["reschedule", "A1-02", "3000", "--reason", "r"], "year 3000 is out of range"),
    reschedule_open_ended => case(&["reschedule", "A1-02", "2022-", "--reason", "r"], "is not a schedule"),
    projects_add_backwards_schedule => case(&["projects", "add", "--category", "1", "--group", "g", "--description", "d", "--estimate", "1", "--schedule", "2026-2024", "--department", "区林业局"], "--schedule: schedule '2026-2024' ends before it starts"),
    quarter_5 => case(&["report", "quarterly", "2024Q5"], "QUARTER: '2024Q5' is not a quarter"),
    quarter_without_year => case(&["report", "quarterly", "Q1"], "'Q1' is not a quarter"),
    spending_period_q0 => case(&["spending", "list", "--period", "2024Q0"], "--period: '2024Q0' is not a period"),
    annual_letters => case(&["report", "annual", "abcd"], "YEAR"),
    history_since_february_30 => case(&["history", "--since", "2024-02-30"], "--since"),
    today_february_30 => case(&["--today", "2024-02-30", "info"], "--today"),
    // Unknown ids and names, hostile text.
    show_unknown_id => case(&["projects", "show", "A9-99"], "unknown project id 'A9-99'"),
    start_unknown_id => case(&["start", "A9-99"], "unknown project id 'A9-99'"),
    estimate_unknown_id => case(&["estimate", "A9-99", "1", "--stage", "budget", "--reason", "r"], "unknown project id"),
    plan_unknown_id => case(&["plan", "A9-99", "2022=1"], "unknown project id"),
    history_unknown_id => case(&["history", "A9-99"], "unknown project id"),
    spend_unknown_id => spend("1", "").with_project("A9-99", "unknown project id 'A9-99'"),
    reverse_unknown_entry => case(&["spend", "--reverse", "999", "--reason", "r"], "no spending entry 999"),
    show_sql_injection => case(&["projects", "show", "A1-01'; DROP TABLE project;--"], "unknown project id"),
    start_sql_injection => case(&["start", "' OR 1=1 --"], "unknown project id"),
    category_sql_injection => case(&["projects", "list", "--category", "'; DROP TABLE category;--"], "unknown category"),
    department_misspelt_suggests => case(&["projects", "list", "--department", "水利局"], "did you mean: 区水利局?"),
    edit_department_misspelt => case(&["projects", "edit", "A1-02", "--department", "区水力局"], "is close to 区水利局"),
    note_control_character => case(&["spend", "A5-04", "1", "--date", "2024-05-01", "--note", "bell\u{7}"], "--note: contains control characters"),
    description_too_long => case(&["projects", "add", "--category", "1", "--group", "g", "--description", &"长".repeat(2001), "--estimate", "1", "--schedule", "2026", "--department", "区林业局"], "--description: longer than 2000 characters"),
    config_unknown_setting => case(&["config", "colour", "blue"], "unknown setting 'colour'"),
    config_bad_overspend => case(&["config", "overspend", "maybe"], "use warn or stop"),
    complete_planned => case(&["complete", "A1-03"], "cannot complete a project that is planned"),
    suspend_without_reason => case(&["suspend", "A1-01"], "--reason is required"),
    init_over_existing => case(&["init"], "a ledger already exists"),
    serve_weak_token => case(&["serve", "--addr", "0.0.0.0:0", "--token", "________________"], "--token: the token is too easy to guess"),
    voucher_invisible_character => case(&["spend", "A5-04", "1", "--date", "2024-05-01", "--voucher", "记\u{200D}1"], "--voucher: contains U+200D"),
    actor_system_name => case(&["start", "A1-02", "--by", "ecoledger"], "--by: 'ecoledger' is the name ecoledger signs its own records with"),
    department_right_to_left => case(&["projects", "edit", "A1-02", "--department", "区\u{202E}局", "--new-department", "--reason", "r"], "U+202E"),
    amount_over_the_largest => spend("1000000000.0001", "out of range (at most 1000000000 (10k CNY) per amount)"),
    // Files.
    import_empty => import("empty.csv", "", "the file is empty"),
    import_header_only => import("header.csv", H, "no data rows"),
    import_repeated_column => import("twice.csv", "project_id,date,amount_wan,amount_wan,voucher,note\nA5-04,2024-01-01,1,2,,\n", "twice.csv:1: header: column 'amount_wan' appears twice"),
    import_missing_columns => import("missing.csv", "project_id,amount_wan\nA5-04,1\n", "header: missing column(s) date; recognised: project_id, date, amount_wan"),
    import_no_amount_column => import("noamount.csv", "project_id,date,voucher\nA5-04,2024-01-01,x\n", "noamount.csv:1: header: no amount column; recognised: project_id"),
    import_positive_reversal => import("rev.csv", "project_id,date,amount_wan,voucher,note,reverses,reason\nA5-04,2024-05-01,1,,,1,错付\n", "rev.csv:2: amount_wan: '1': a reversal's amount is negative"),
    import_extra_column => import("extra.csv", "project_id,date,amount_wan,voucher,note,colour\nA5-04,2024-01-01,1,,,red\n", "unrecognised column(s) colour; recognised: project_id"),
    import_nul_byte => import("nul.csv", format!("{H}A5-04,2024-01-01,1,\0,\n"), "nul.csv:2: a NUL byte"),
    import_png => import("png.csv", b"\x89PNG\r\n\x1a\n\x00\x00".to_vec(), "png.csv:3: a NUL byte"),
    import_undecodable_bytes => import("binary.csv", format!("{H}A5-04,2024-01-01,1,,").into_bytes().into_iter().chain([0xff, 0xfe, 0xfa, b'\n']).collect::<Vec<u8>>(), "binary.csv:2: bytes that are neither UTF-8 nor GB18030/GBK"),
    import_truncated => import("truncated.csv", format!("{H}A5-04,2024-01-01,1,v1,\nA5-04,2024-0"), "truncated.csv:3: row: 2 fields where the header has 5; nothing was imported"),
    import_open_quote => import("quote.csv", format!("{H}A5-04,2024-01-01,1,\"v1,\nA5-04,2024-01-02,1,v2,\n"), "quote.csv:2: row: a quoted field runs on across lines"),
    import_crlf_bad_amount => import("crlf.csv", "project_id,date,amount_wan,voucher,note\r\nA5-04,2024-01-01,1,v,\"a\r\nb\"\r\nA5-04,2024-01-01,NaN,v,\r\n", "crlf.csv:4: amount_wan: 'NaN'"),
    import_ten_megabyte_note => import("big.csv", format!("{H}A5-04,2024-01-01,1,,{}\n", ten_mb()), "big.csv:2: note: longer than 2000 characters"),
    import_short_row => import("fields.csv", format!("{H}A5-04,2024-01-01\n"), "fields.csv:2: row: 2 fields where the header has 5"),
    import_thirty_digits => import("thirty.csv", format!("{H}A5-04,2024-01-01,{THIRTY},,\n"), "thirty.csv:2: amount_wan"),
    import_future_date => import("future.csv", format!("{H}A5-04,2030-01-01,1,,\n"), "future.csv:2: date: 2030-01-01 is in the future"),
    import_sql_injection => import("sql.csv", format!("{H}\"A5-04'); DROP TABLE spending;--\",2024-01-01,1,,\n"), "sql.csv:2: project_id: unknown project id"),
    import_gbk_said_utf8 => Case {
            args: ["spending", "import", "{file}", "--encoding", "utf-8"].map(String::from).to_vec(),
            file: Some(("gbk.csv", format!("{H}A5-04,2024-01-01,1,,").bytes().chain("拨付".encode_gbk()).chain(*b"\n").collect())),
            needle: "gbk.csv:2: bytes that are not UTF-8",
        },
    // Found by fuzzing: a BOM then a byte GB18030 cannot decode once hung the import.
    import_bom_then_undecodable => Case {
            args: ["spending", "import", "{file}", "--encoding", "gbk"].map(String::from).to_vec(),
            file: Some(("bomff.csv", b"\xef\xbb\xbf\xff".to_vec())),
            needle: "bomff.csv:1: bytes that are neither UTF-8 nor GB18030/GBK",
        },
    import_missing_file => case(&["spending", "import", "/no/such/file.csv"], "/no/such/file.csv"),
    import_folder => case(&["spending", "import", "/tmp"], "/tmp"),
    projects_import_impossible_status => Case {
            args: ["projects", "import", "{file}"].map(String::from).to_vec(),
            file: Some(("p.csv", "id,table,category,group,description,estimate_wan,start_year,end_year,departments,status\nA1-02,1,,g,d,200,2022,2025,区公安局、区交通局,completed\n".into())),
            needle: "p.csv:2: status: A1-02 cannot go from planned to completed in one step",
        },
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

/// A ledger with some history, so that "unchanged" means something.
fn ledger() -> TestEnv {
    TestEnv::from_template("bad-input", |env| {
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
    })
}

fn run_case(name: &str, c: Case) {
    let env = ledger();
    let before = env.dump();
    let mut args = c.args.clone();
    if let Some((file, bytes)) = &c.file {
        let path = env.dir.path().join(file);
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
    assert_eq!(code, 2, "{name} {:?}: {shown}", c.args);
    assert!(!err.contains("panicked at"), "{name}: {shown}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{name}: one line expected: {shown}"
    );
    assert!(err.starts_with("ecoledger: "), "{name}: {shown}");
    assert!(
        err.contains(c.needle),
        "{name}: expected {:?} in {shown}",
        c.needle
    );
    assert_eq!(env.dump(), before, "{name} changed the ledger");
}

#[test]
fn the_table_covers_every_kind_of_input() {
    let names = all_cases();
    assert!(names.len() >= 80, "{} cases", names.len());
    for kind in ["amount_", "date_", "import_", "unknown_id", "sql_injection"] {
        assert!(names.iter().any(|n| n.contains(kind)), "no {kind} case");
    }
}
