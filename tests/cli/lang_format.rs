//! Languages, formats and reproducibility.

use crate::env::{records, TestEnv};

#[test]
fn lang_flag_and_locale_choose_chinese() {
    let env = TestEnv::seeded();
    let zh = env.ok(&["--lang", "zh", "totals"]);
    assert!(
        zh.contains("投资估算（万元）") && zh.contains("生态人居建设") && zh.contains("合计"),
        "{zh}"
    );
    let out = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .arg("totals")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), zh);
    // LC_ALL outranks LANG; --lang outranks both.
    let out = env
        .cmd()
        .env("LANG", "zh_CN.UTF-8")
        .env("LC_ALL", "C")
        .arg("totals")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("living environment"));
    let out = env
        .cmd()
        .env("LC_ALL", "zh_CN.UTF-8")
        .args(["--lang", "en", "totals"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("living environment"));
    // Errors follow the language too.
    let (_, _, err) = env.run(&["--lang", "zh", "projects", "show", "X"]);
    assert!(err.contains("未知项目编号"), "{err}");
}

#[test]
fn csv_columns_stay_machine_names_in_chinese() {
    let env = TestEnv::seeded();
    let text = env.ok(&[
        "--lang", "zh", "totals", "--by", "category", "--format", "csv",
    ]);
    let header = csv::Reader::from_reader(text.as_bytes())
        .headers()
        .unwrap()
        .clone();
    assert_eq!(header, vec!["key", "projects", "estimate_wan"]);
    // The rows' own words are Chinese; the total row's kind is its code.
    let rows = records(&text);
    for (key, projects, estimate) in [("生态环境建设", "22", "152173"), ("total", "68", "785341")]
    {
        let row = rows
            .iter()
            .find(|r| &r["key"] == key)
            .unwrap_or_else(|| panic!("no row {key:?} in {rows:?}"));
        assert_eq!(
            [&row["projects"], &row["estimate_wan"]],
            [projects, estimate],
            "{key}"
        );
    }
}

#[test]
fn bom_starts_csv_for_excel() {
    let env = TestEnv::seeded();
    let out = env
        .cmd()
        .args(["--bom", "projects", "list", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBFid,table,"));
    let out = env
        .cmd()
        .args(["projects", "list", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.stdout.starts_with(b"id,table,"));
}

#[test]
fn the_same_data_gives_byte_identical_output() {
    let env = TestEnv::seeded();
    for args in [
        vec!["projects", "list", "--format", "csv"],
        vec!["totals", "--by", "department", "--format", "json"],
        vec!["reconcile"],
        vec!["projects", "show", "A5-06"],
    ] {
        assert_eq!(env.ok(&args), env.ok(&args), "{args:?}");
    }
    // A second ledger seeded from scratch reports the same bytes.
    let other = TestEnv::new();
    assert_eq!(
        env.ok(&["totals", "--by", "year", "--format", "csv"]),
        other.ok(&["totals", "--by", "year", "--format", "csv"])
    );
}

#[test]
fn help_has_examples() {
    let env = TestEnv::new();
    let help = env.ok(&["--help"]);
    assert!(
        help.contains("Examples:") && help.contains("ecoledger totals --by category"),
        "{help}"
    );
    let help = env.ok(&["projects", "list", "--help"]);
    assert!(help.contains("--department 区水利局"), "{help}");
}
