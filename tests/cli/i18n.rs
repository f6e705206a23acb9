//! Chinese throughout, English throughout: every entry of the language tables has both
//! languages; every command's help is Chinese under `--lang zh`; errors, warnings and
//! confirmations from each area are Chinese in Chinese and carry no Chinese in English
//! but data; CSV and JSON write codes in both languages; filters take a code or either
//! label.

use crate::env::{records, TestEnv};
use clap::CommandFactory;
use ecoledger::i18n::{self, help, msg, Words};

/// A CJK ideograph (what makes a text Chinese; full-width punctuation alone does not).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(is_cjk)
}

/// The first run of four or more English words in `s` (words of letters, one space
/// apart): an English sentence, where a code, a flag or a name is one or two words.
fn english_run(s: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    let mut rest = s;
    let mut best: Option<String> = None;
    loop {
        let start = rest.find(|c: char| c.is_ascii_alphabetic());
        let Some(start) = start else { break };
        let before = &rest[..start];
        let word_len = rest[start..]
            .find(|c: char| !(c.is_ascii_alphabetic() || c == '\''))
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        let after = rest[start + word_len..].chars().next();
        // A word glued to digits, `_`, `-`, `/`, `.`, `=` or `$` is a code or a path.
        let glued_before = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || "_-/.=$<[{`@".contains(c));
        let glued_after = after.is_some_and(|c| c.is_ascii_digit() || "_-/.=>]}`@(".contains(c));
        let code = glued_before || glued_after;
        let continues = !run.is_empty() && before == " ";
        if code {
            run.clear();
        } else {
            if !continues {
                run.clear();
            }
            run.push(word);
            if run.len() >= 4 && best.is_none() {
                best = Some(run.join(" "));
            }
        }
        rest = &rest[start + word_len..];
    }
    best
}

#[test]
fn english_runs_are_found_and_codes_are_not() {
    assert!(english_run("the ledger file is here").is_some());
    assert!(english_run("用法：ecoledger [OPTIONS] <命令>").is_none());
    assert!(english_run("`ecoledger period reopen 2024Q2 --reason …` 反结账").is_none());
    assert!(english_run("A5-04：支出 in_progress → completed").is_none());
}

/// A label or message entry checked: both languages there, English without Chinese,
/// Chinese with Chinese, the two not the same.
fn check_pair(what: &str, en: &str, zh: &str, cjk_free_zh: &[&str], problems: &mut Vec<String>) {
    if en.trim().is_empty() || zh.trim().is_empty() {
        problems.push(format!("{what}: empty ({en:?} / {zh:?})"));
    }
    if en == zh {
        problems.push(format!("{what}: the same in both languages: {en:?}"));
    }
    if has_cjk(en) {
        problems.push(format!("{what}: Chinese in the English: {en:?}"));
    }
    if !has_cjk(zh) && !cjk_free_zh.contains(&what) {
        problems.push(format!("{what}: no Chinese in the Chinese: {zh:?}"));
    }
}

/// The `{names}` a template uses, sorted.
fn placeholders(template: &str) -> Vec<String> {
    let mut out: Vec<String> = template
        .split('{')
        .skip(1)
        .filter_map(|p| {
            p.split_once('}')
                .map(|(n, _)| n.split(':').next().unwrap().to_string())
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Messages whose Chinese is made of values and punctuation only (a `{place}：{problem}`
/// joint): the words are in the values, each of which is Chinese itself.
const TEMPLATES_ONLY: &[&str] = &[
    "place_problem",
    "status_moved",
    "schedule_changed",
    "plan_changed",
    "edited",
    "estimate_revised",
    "row_problem",
    "row_warning",
    "row_problem_nothing_imported",
    "bad_rows_problems_text",
    "header_expected",
    "quoted_problem",
    "plan_bad_amount",
    "filed_report",
    "period_record_line",
    "program_error",
];

#[test]
fn every_label_and_message_has_both_languages() {
    let mut problems = Vec::new();
    // The labels.
    let words = i18n::all_words();
    assert!(words.len() > 150, "{}", words.len());
    for (name, w) in &words {
        // A separator is punctuation in both languages.
        check_pair(name, w.en, w.zh, &["LIST_SEPARATOR"], &mut problems);
    }
    // The vocabularies: statuses, cost stages, verbs, history actions and fields.
    let mut vocab: Vec<(String, Words)> = Vec::new();
    for s in ecoledger::domain::project::Status::ALL {
        vocab.push((format!("status {}", s.code()), s.words()));
    }
    for s in ecoledger::domain::project::Stage::ALL {
        vocab.push((format!("stage {}", s.code()), s.words()));
    }
    for v in ecoledger::domain::lifecycle::Verb::ALL {
        vocab.push((format!("verb {}", v.name()), v.words()));
    }
    for (code, w) in ecoledger::domain::history::ACTIONS {
        vocab.push((format!("action {code}"), w));
    }
    for (code, w) in ecoledger::domain::history::FIELDS {
        vocab.push((format!("field {code}"), w));
    }
    for (name, w) in &vocab {
        check_pair(name, w.en, w.zh, &[], &mut problems);
    }
    // The messages: both templates name the same values.
    assert!(msg::MESSAGES.len() > 200, "{}", msg::MESSAGES.len());
    let mut keys = std::collections::BTreeSet::new();
    for m in msg::MESSAGES {
        assert!(keys.insert(m.key), "{} twice", m.key);
        check_pair(m.key, m.en, m.zh, TEMPLATES_ONLY, &mut problems);
        if placeholders(m.en) != placeholders(m.zh) {
            problems.push(format!(
                "{}: different values: {:?} / {:?}",
                m.key, m.en, m.zh
            ));
        }
    }
    for name in TEMPLATES_ONLY {
        assert!(keys.contains(name), "{name} is not a message any more");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The example lines of a help text (`  ecoledger …` and their continuations) are
/// commands, not prose; what is left is prose.
fn prose(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut in_examples = false;
    for line in text.lines() {
        if line.trim_end() == "Examples:" || line.trim_end() == "示例：" {
            in_examples = true;
            continue;
        }
        if in_examples {
            if line.trim().is_empty() {
                in_examples = false;
            }
            continue;
        }
        if !line.trim().is_empty() {
            out.push(line);
        }
    }
    out
}

#[test]
fn every_help_entry_has_both_languages_and_english_prose_has_no_chinese() {
    let mut problems = Vec::new();
    for h in help::HELP {
        let what = format!("{:?} {:?}", h.commands, h.part);
        if h.en.trim().is_empty() || h.zh.trim().is_empty() || h.en == h.zh {
            problems.push(format!("{what}: {:?} / {:?}", h.en, h.zh));
        }
        for line in prose(h.en) {
            // The one place the unit is named in Chinese too.
            if has_cjk(line) && !line.starts_with("Amounts are in 10k CNY (万元)") {
                problems.push(format!("{what}: Chinese in English prose: {line}"));
            }
        }
        for line in prose(h.zh) {
            if !has_cjk(line) {
                problems.push(format!("{what}: no Chinese in: {line}"));
            }
            if let Some(run) = english_run(line) {
                problems.push(format!("{what}: English in Chinese prose: {run}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every command path of the command line, `""` being `ecoledger` itself.
fn command_paths() -> Vec<(String, clap::Command)> {
    fn walk(c: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
        out.push((path.clone(), c.clone()));
        for s in c.get_subcommands() {
            let p = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path} {}", s.get_name())
            };
            walk(s, p, out);
        }
    }
    let mut out = Vec::new();
    walk(&ecoledger::cli::Cli::command(), String::new(), &mut out);
    out
}

#[test]
fn every_command_and_argument_has_help_and_no_help_names_a_missing_one() {
    let paths = command_paths();
    let mut problems = Vec::new();
    for (path, cmd) in &paths {
        if help::find(path, help::Part::About).is_none() {
            problems.push(format!("{path:?}: no description"));
        }
        for a in cmd.get_arguments() {
            if help::find_arg(path, a.get_id().as_str()).is_none() {
                problems.push(format!("{path:?} {}: no help", a.get_id()));
            }
        }
    }
    for h in help::HELP {
        for c in h.commands.iter().filter(|c| **c != "*") {
            let Some((_, cmd)) = paths.iter().find(|(p, _)| p == c) else {
                problems.push(format!("help for a command that does not exist: {c:?}"));
                continue;
            };
            if let help::Part::Arg(id) = h.part {
                if !cmd.get_arguments().any(|a| a.get_id() == id) {
                    problems.push(format!("help for {c:?} {id}, which it does not have"));
                }
            }
        }
        if h.commands.contains(&"*") {
            if let help::Part::Arg(id) = h.part {
                let used = paths
                    .iter()
                    .any(|(_, cmd)| cmd.get_arguments().any(|a| a.get_id() == id));
                assert!(used, "shared help for {id}, which no command has");
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `--help` (and `-h`, and `help …`) of every command in Chinese: each prose line says
/// something in Chinese, and none holds an English sentence.
#[test]
fn every_help_is_chinese_under_lang_zh() {
    let env = TestEnv::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, _) in command_paths() {
        let words: Vec<&str> = path.split(' ').filter(|w| !w.is_empty()).collect();
        let mut runs: Vec<Vec<&str>> = Vec::new();
        let mut long: Vec<&str> = vec!["--lang", "zh"];
        long.extend(&words);
        long.push("--help");
        runs.push(long);
        let mut short: Vec<&str> = vec!["--lang", "zh"];
        short.extend(&words);
        short.push("-h");
        runs.push(short);
        if !words.is_empty() && words[words.len() - 1] != "help" {
            let mut sub: Vec<&str> = vec!["--lang", "zh", "help"];
            sub.extend(&words);
            runs.push(sub);
        }
        for args in runs {
            let (code, out, err) = env.run(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            checked += 1;
            for line in prose(&out) {
                if line.starts_with("用法：") {
                    continue;
                }
                if !has_cjk(line) {
                    problems.push(format!("{args:?}: no Chinese in {line:?}"));
                }
                if let Some(run) = english_run(line) {
                    problems.push(format!("{args:?}: English {run:?} in {line:?}"));
                }
            }
        }
    }
    assert!(checked > 80, "{checked}");
    // The locale chooses Chinese help as --lang does.
    let out = env
        .bare()
        .env("LANG", "zh_CN.UTF-8")
        .args(["spend", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("登记一笔项目支出"), "{text}");
    // --lang en outranks the locale.
    let out = env
        .bare()
        .env("LANG", "zh_CN.UTF-8")
        .args(["--lang", "en", "spend", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Record a payment to a project"), "{text}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_help_says_no_chinese_but_data_and_the_unit_once() {
    let env = TestEnv::new();
    let mut units = 0;
    for (path, _) in command_paths() {
        let mut args: Vec<&str> = vec!["--lang", "en"];
        args.extend(path.split(' ').filter(|w| !w.is_empty()));
        args.push("--help");
        let (code, out, err) = env.run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for line in prose(&out) {
            if line.starts_with("Amounts are in 10k CNY (万元)") {
                units += 1;
                continue;
            }
            assert!(!has_cjk(line), "{args:?}: Chinese in {line:?}");
        }
    }
    assert_eq!(
        units, 1,
        "the unit is explained once, in `ecoledger --help`"
    );
}

/// clap's own refusals (an unknown flag, a bad value, a missing subcommand) follow the
/// language too.
#[test]
fn the_command_lines_own_refusals_are_chinese_in_chinese() {
    let env = TestEnv::new();
    for (args, needle) in [
        (
            vec!["--lang", "zh", "totals", "--bogus"],
            "无法识别的参数“--bogus”",
        ),
        (
            vec!["--lang", "zh", "totals", "--format", "pdf"],
            "可选值：table、csv、json、xlsx",
        ),
        (vec!["--lang", "zh", "projects", "lst"], "是否指“list”"),
        (vec!["--lang", "zh"], "需要给出子命令：init、info、projects"),
        (vec!["--lang", "zh", "spend"], "缺少以下必需的参数"),
    ] {
        let (code, _, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(err.contains("更多信息请使用 --help。"), "{err}");
        for line in err.lines().filter(|l| !l.starts_with("用法：")) {
            assert!(english_run(line).is_none(), "{args:?}: {line}");
        }
    }
    // A command group without its subcommand shows its help, in Chinese.
    let (code, _, err) = env.run(&["--lang", "zh", "projects"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("用法：ecoledger projects") && err.contains("列出项目"),
        "{err}"
    );
    // English keeps clap's own words.
    let (_, _, err) = env.run(&["--lang", "en", "totals", "--bogus"]);
    assert!(err.contains("unexpected argument '--bogus'"), "{err}");
}

/// A ledger with something in each area: a started, revised and overspent project, a
/// completed one paid after completion, a closed quarter.
fn scenario() -> TestEnv {
    TestEnv::from_template("i18n-scenario", |env| {
        for args in [
            &["start", "A5-04", "--date", "2023-03-01"][..],
            &[
                "estimate",
                "A5-04",
                "341200",
                "--stage",
                "preliminary",
                "--reason",
                "design approved",
                "--date",
                "2023-06-01",
            ],
            &[
                "spend",
                "A5-04",
                "20000",
                "--date",
                "2024-04-15",
                "--voucher",
                "V-1",
            ],
            &["start", "A1-16", "--date", "2022-11-01"],
            &["complete", "A1-16", "--date", "2022-12-20"],
            &["spend", "A1-16", "210", "--date", "2024-05-20"],
            &[
                "spend",
                "--reverse",
                "1",
                "--reason",
                "typo",
                "--date",
                "2024-05-21",
            ],
            &["period", "close", "2024Q1", "--reason", "quarter closed"],
        ] {
            env.ok(args);
        }
    })
}

/// What a person reads of a failed or warned command: stderr without the program's name.
fn said(err: &str) -> Vec<String> {
    err.lines()
        .map(|l| {
            l.trim_start_matches("ecoledger: ")
                .trim_start_matches("ecoledger：")
                .to_string()
        })
        .filter(|l| !l.trim().is_empty())
        .collect()
}

/// Each area's refusals and warnings: the same commands in both languages.
fn refusals(env: &TestEnv, bad_csv: &str) -> Vec<Vec<String>> {
    vec![
        vec!["spend".into(), "A5-04".into(), "1.0000001".into()],
        vec!["spend".into(), "A5-04".into(), "-5".into()],
        vec![
            "estimate".into(),
            "A5-04".into(),
            "abc".into(),
            "--stage".into(),
            "budget".into(),
            "--reason".into(),
            "x".into(),
        ],
        vec![
            "estimate".into(),
            "A5-04".into(),
            "1".into(),
            "--stage".into(),
            "nope".into(),
            "--reason".into(),
            "x".into(),
        ],
        vec!["projects".into(), "show".into(), "A9-99".into()],
        vec![
            "projects".into(),
            "list".into(),
            "--status".into(),
            "sleeping".into(),
        ],
        vec![
            "projects".into(),
            "list".into(),
            "--category".into(),
            "nowhere".into(),
        ],
        vec![
            "projects".into(),
            "list".into(),
            "--department".into(),
            "water".into(),
        ],
        vec!["history".into(), "--action".into(), "dance".into()],
        vec!["start".into(), "A5-04".into()],
        vec!["suspend".into(), "A5-04".into()],
        vec![
            "spend".into(),
            "A5-04".into(),
            "1".into(),
            "--date".into(),
            "2024-02-01".into(),
        ],
        vec![
            "spend".into(),
            "A5-04".into(),
            "1".into(),
            "--date".into(),
            "2024-02-30".into(),
        ],
        vec!["spending".into(), "import".into(), bad_csv.into()],
        vec!["report".into(), "quarterly".into(), "2024".into()],
        vec![
            "period".into(),
            "close".into(),
            "2030Q1".into(),
            "--reason".into(),
            "x".into(),
        ],
        vec!["backup".into(), env.db.to_string_lossy().into_owned()],
        vec![
            "reschedule".into(),
            "A5-04".into(),
            "2030-2020".into(),
            "--reason".into(),
            "x".into(),
        ],
        vec!["plan".into(), "A5-04".into(), "2023=1".into()],
        vec!["config".into(), "overspend".into(), "maybe".into()],
    ]
}

#[test]
fn errors_and_warnings_are_chinese_in_chinese_and_plain_english_in_english() {
    let env = scenario();
    let bad = env.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "project_id,date,amount_wan\nA5-04,2024-13-01,1\nA9-99,2024-05-01,x\nA5-04,2024-02-01,1\n",
    )
    .unwrap();
    let bad = bad.to_string_lossy().into_owned();
    let mut checked = 0;
    for args in refusals(&env, &bad) {
        for lang in ["zh", "en"] {
            let mut all: Vec<&str> = vec!["--lang", lang];
            all.extend(args.iter().map(String::as_str));
            let before = env.dump();
            let (code, _, err) = env.run(&all);
            assert_eq!(code, 2, "{all:?}: {err}");
            assert_eq!(env.dump(), before, "{all:?} changed the ledger");
            let lines = said(&err);
            assert!(!lines.is_empty(), "{all:?}");
            for line in &lines {
                if lang == "zh" {
                    assert!(has_cjk(line), "{all:?}: not Chinese: {line}");
                    assert!(english_run(line).is_none(), "{all:?}: English in: {line}");
                } else {
                    assert!(!has_cjk(line), "{all:?}: Chinese in English: {line}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 40);
    // Warnings: an overspend and a payment to a project not in progress.
    for lang in ["zh", "en"] {
        let env = scenario();
        let (code, out, err) = env.run(&[
            "--lang",
            lang,
            "spend",
            "A6-01",
            "61",
            "--date",
            "2024-06-01",
        ]);
        assert_eq!(code, 0, "{err}");
        let lines = said(&err);
        assert_eq!(lines.len(), 2, "{err}");
        if lang == "zh" {
            assert!(
                lines[0].starts_with(
                    "警告：A6-01：支出将达到 61 万元，超过现行投资估算 50 万元（超支 11 万元）"
                ),
                "{err}"
            );
            assert_eq!(lines[1], "警告：A6-01：项目当前为“储备”");
            assert!(
                out.starts_with("支出记录 4：A6-01 2024-06-01 61 万元"),
                "{out}"
            );
        } else {
            assert!(lines[0].starts_with("warning: A6-01: spending would reach 61 (10k CNY), above the current estimate 50 (10k CNY) (overspend 11 (10k CNY))"), "{err}");
            assert_eq!(lines[1], "warning: A6-01: the project is planned");
            assert!(!has_cjk(&out), "{out}");
        }
    }
}

#[test]
fn confirmations_are_in_the_users_language() {
    let env = scenario();
    let zh = env.ok(&["--lang", "zh", "suspend", "A5-04", "--reason", "x"]);
    assert_eq!(zh, "A5-04：实施中 → 暂停\n");
    let en = env.ok(&["--lang", "en", "resume", "A5-04"]);
    assert_eq!(en, "A5-04: suspended → in progress\n");
    let zh = env.ok(&[
        "--lang", "zh", "estimate", "A5-04", "341300", "--stage", "概算", "--reason", "x",
    ]);
    assert_eq!(zh, "A5-04：概算 341,200 → 341,300 万元\n");
    let en = env.ok(&[
        "--lang",
        "en",
        "estimate",
        "A5-04",
        "341400",
        "--stage",
        "preliminary estimate",
        "--reason",
        "x",
    ]);
    assert_eq!(
        en,
        "A5-04: preliminary estimate 341,300 → 341,400 (10k CNY)\n"
    );
    let zh = env.ok(&["--lang", "zh", "spend", "--reverse", "2", "--reason", "x"]);
    assert!(
        zh.starts_with("支出记录 4：冲销记录 2，2026-11-28 -210 万元"),
        "{zh}"
    );
    let zh = env.ok(&["--lang", "zh", "period", "close", "2024Q2", "--reason", "x"]);
    assert!(
        zh.starts_with("已结账：2024Q2（结账至 2024-06-30）\n  2024Q2 季度报表：sha256 "),
        "{zh}"
    );
}

/// The history shows its actions, fields, statuses, stages and the seed's reason in the
/// user's language in the table view, and keeps the codes (and the reason as recorded)
/// in CSV and JSON.
#[test]
fn history_speaks_the_users_language_and_keeps_codes_in_csv_and_json() {
    let env = scenario();
    let zh = env.ok(&["--lang", "zh", "history", "A5-04", "--wide"]);
    for word in [
        "规划初始化",
        "开工",
        "调整投资估算",
        "投资估算（万元）",
        "造价阶段",
        "储备",
        "实施中",
        "估算",
        "概算",
        "据规划附表5第4项初始化",
    ] {
        assert!(zh.contains(word), "{word}: {zh}");
    }
    for code in [
        "seed",
        "estimate_wan",
        "in_progress",
        "seeded from the plan",
        "preliminary",
    ] {
        assert!(!zh.contains(code), "{code}: {zh}");
    }
    let en = env.ok(&["--lang", "en", "history", "A5-04", "--wide"]);
    for word in [
        "seeded from the plan, appendix table 5 no. 4",
        "started",
        "estimate revised",
        "in progress",
        "preliminary estimate",
    ] {
        assert!(en.contains(word), "{word}: {en}");
    }
    assert!(!has_cjk(&en), "{en}");
    for lang in ["en", "zh"] {
        let rows = env.records(&["--lang", lang, "history", "A5-04"]);
        let cells = |field: &str| -> Vec<(String, String, String)> {
            rows.iter()
                .filter(|r| r["field"] == *field)
                .map(|r| {
                    (
                        r["action"].to_string(),
                        r["old_value"].to_string(),
                        r["new_value"].to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(
            cells("status"),
            [("start".into(), "planned".into(), "in_progress".into())],
            "{lang}"
        );
        assert_eq!(
            cells("stage"),
            [("estimate".into(), "estimate".into(), "preliminary".into())],
            "{lang}"
        );
        assert_eq!(rows[0]["action"], *"seed");
        assert_eq!(
            rows[0]["reason"], *"seeded from the plan, 附表5 no. 4",
            "as recorded"
        );
        let json = env.json(&["--lang", lang, "history", "A5-04"]);
        assert!(
            json.as_array()
                .unwrap()
                .iter()
                .any(|r| r["new_value"] == "in_progress"),
            "{lang}"
        );
    }
    // A filter by action takes the code or either label.
    let by = |a: &str| env.records(&["history", "--action", a]).len();
    assert_eq!(by("estimate"), 2);
    assert_eq!(by("Estimate Revised"), 2);
    assert_eq!(by("调整投资估算"), 2);
    assert_eq!(by("start"), 2);
    assert_eq!(by("开工"), 2);
}

/// Status, row kind and spending kind are codes in CSV and JSON whatever the language:
/// the same bytes a script reads in Chinese as in English.
#[test]
fn csv_and_json_carry_codes_in_both_languages() {
    let env = scenario();
    for lang in ["en", "zh"] {
        let projects = env.records(&["--lang", lang, "projects", "list"]);
        let a504 = projects.iter().find(|r| r["id"] == *"A5-04").unwrap();
        assert_eq!(a504["status"], *"in_progress", "{lang}");
        let json = env.json(&["--lang", lang, "projects", "show", "A1-16"]);
        assert_eq!(json["status"], "completed");
        assert_eq!(json["stage"], "estimate");
        assert_eq!(json["allocation"], "even");
        let totals = env.records(&["--lang", lang, "totals", "--by", "status"]);
        let keys: Vec<&str> = totals.iter().map(|r| &r["key"]).collect();
        assert_eq!(
            keys,
            [
                "planned",
                "in_progress",
                "suspended",
                "completed",
                "cancelled",
                "total"
            ]
        );
        let spending = env.records(&["--lang", lang, "spending", "list"]);
        let kinds: Vec<&str> = spending.iter().map(|r| &r["kind"]).collect();
        assert_eq!(kinds, ["payment", "after_completion", "reversal"], "{lang}");
        let text = env.ok(&[
            "--lang",
            lang,
            "report",
            "quarterly",
            "2024Q2",
            "--format",
            "csv",
        ]);
        let rows = records(&text);
        let kind = if lang == "zh" {
            "行类型"
        } else {
            "row_type"
        };
        let status = if lang == "zh" { "状态" } else { "status" };
        let kinds: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[kind]).collect();
        assert_eq!(
            kinds.into_iter().collect::<Vec<_>>(),
            ["project", "subtotal", "total"],
            "{lang}"
        );
        assert!(rows.iter().any(|r| r[status] == *"in_progress"), "{lang}");
        let json = env.json(&["--lang", lang, "report", "quarterly", "2024Q2"]);
        assert!(
            json.as_array()
                .unwrap()
                .iter()
                .any(|r| r["row_type"] == "subtotal"),
            "{lang}"
        );
        let reconcile = env.records(&["--lang", lang, "reconcile"]);
        assert!(
            reconcile
                .iter()
                .all(|r| ["ok", "unchanged", "revised"].contains(&&r["result"])),
            "{lang}"
        );
    }
    // The table views show the labels.
    let zh = env.ok(&["--lang", "zh", "projects", "list", "--search", "渝西"]);
    assert!(zh.contains("实施中") && !zh.contains("in_progress"), "{zh}");
    let zh = env.ok(&["--lang", "zh", "spending", "list"]);
    assert!(
        zh.contains("竣工后支付（尾款）") && zh.contains("冲销"),
        "{zh}"
    );
    let en = env.ok(&["--lang", "en", "totals", "--by", "status"]);
    assert!(
        en.contains("in progress") && !en.contains("in_progress"),
        "{en}"
    );
}

/// Every filter takes the code, the English label or the Chinese label.
#[test]
fn filters_take_a_code_or_either_label() {
    let env = scenario();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["projects", "list"];
        all.extend(args);
        env.records(&all)
            .iter()
            .map(|r| r["id"].to_string())
            .collect()
    };
    let started = ids(&["--status", "in_progress"]);
    assert_eq!(started, ["A5-04"]);
    for name in ["in progress", "In Progress", "实施中", "在建"] {
        assert_eq!(ids(&["--status", name]), started, "{name}");
    }
    for name in ["completed", "已完成", "已竣工"] {
        assert_eq!(ids(&["--status", name]), ["A1-16"], "{name}");
    }
    let planned = ids(&["--status", "planned"]);
    assert_eq!(planned.len(), 66);
    assert_eq!(ids(&["--status", "储备"]), planned);
    assert_eq!(ids(&["--status", "计划"]), planned);
    let five = ids(&["--category", "5"]);
    for name in [
        "living environment",
        "Living Environment",
        "生态人居建设",
        "附表5",
        "A5",
    ] {
        assert_eq!(ids(&["--category", name]), five, "{name}");
    }
    // Cost stages: the code or either label.
    for (stage, amount) in [
        ("budget", "341300"),
        ("settlement", "341400"),
        ("决算", "341500"),
    ] {
        env.ok(&[
            "estimate", "A5-04", amount, "--stage", stage, "--reason", "x",
        ]);
    }
    let p = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(p["stage"], "final");
    env.ok(&[
        "projects",
        "add",
        "--category",
        "生态文化建设",
        "--group",
        "g",
        "--description",
        "d",
        "--estimate",
        "10",
        "--schedule",
        "2025",
        "--department",
        "区委宣传部",
        "--stage",
        "概算",
    ]);
    assert_eq!(
        env.json(&["projects", "show", "N0001"])["stage"],
        "preliminary"
    );
    // The dashboard's filter is the same function.
    let (code, _, err) = env.run(&["--lang", "zh", "projects", "list", "--status", "done"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("未知状态“done”；可用：planned（储备）、in_progress（实施中）"),
        "{err}"
    );
}

/// The static HTML report in Chinese: no English sentence outside the styles.
#[test]
fn the_html_report_is_chinese_in_chinese() {
    let env = scenario();
    let html = env.ok(&["--lang", "zh", "report", "html", "--quarter", "2024Q2"]);
    let body = &html[html.find("</style>").unwrap()..];
    let text: String = {
        let mut out = String::new();
        let mut tag = false;
        for c in body.chars() {
            match c {
                '<' => tag = true,
                '>' => {
                    tag = false;
                    out.push('\n');
                }
                c if !tag => out.push(c),
                _ => {}
            }
        }
        out
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            english_run(line).is_none(),
            "English in the Chinese report: {line}"
        );
    }
    assert!(text.contains("实施中"));
    let en = env.ok(&["--lang", "en", "report", "html", "--quarter", "2024Q2"]);
    assert!(
        en.contains("in progress") && !en.contains("万元"),
        "English report"
    );
}
