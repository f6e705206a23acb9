//! Snapshots of what people read: the table views of totals, the quarterly report,
//! `projects show`, `history`, `check` and the indicators (score, show, conditions), in both
//! languages, on a fixed scenario with the
//! clock pinned and the ledger's path redacted. A change to how a table looks shows up
//! in review as a changed `.snap` file under `tests/cli/snapshots/`.

use crate::env::TestEnv;

/// A small scenario recorded on 2024-06-28: A5-04 started, revised and paid (with a
/// reversal), A1-16 completed and paid retention money, A6-01 overspent.
fn scenario() -> TestEnv {
    TestEnv::from_template("snapshot-scenario", |env| {
        let at = |args: &[&str]| {
            let mut all = vec!["--today", "2024-06-28"];
            all.extend(args);
            env.ok(&all);
        };
        at(&["start", "A5-04", "--date", "2023-03-01", "--by", "规划科"]);
        at(&[
            "estimate",
            "A5-04",
            "341200",
            "--stage",
            "preliminary",
            "--reason",
            "初步设计概算批复",
            "--date",
            "2023-06-01",
            "--by",
            "规划科",
        ]);
        for (amount, date, voucher) in [
            ("50000", "2023-09-01", "记-2023-091"),
            ("20000", "2024-04-15", "记-2024-041"),
            ("30000", "2024-05-15", "记-2024-051"),
        ] {
            at(&[
                "spend",
                "A5-04",
                amount,
                "--date",
                date,
                "--voucher",
                voucher,
                "--by",
                "财务科",
            ]);
        }
        at(&[
            "spend",
            "--reverse",
            "3",
            "--reason",
            "金额录入错误",
            "--date",
            "2024-05-16",
            "--by",
            "财务科",
        ]);
        at(&["start", "A1-16", "--date", "2022-11-01", "--by", "规划科"]);
        at(&[
            "complete",
            "A1-16",
            "--date",
            "2022-12-20",
            "--by",
            "规划科",
        ]);
        at(&[
            "spend",
            "A1-16",
            "210",
            "--date",
            "2024-05-20",
            "--note",
            "质保金",
            "--by",
            "财务科",
        ]);
        at(&[
            "spend",
            "A6-01",
            "60",
            "--date",
            "2024-06-01",
            "--by",
            "财务科",
        ]);
    })
}

/// The table view of `args` in `lang`, with the ledger's path replaced by `[LEDGER]`.
fn view(env: &TestEnv, lang: &str, args: &[&str]) -> String {
    let mut all = vec!["--lang", lang];
    all.extend(args);
    let (code, out, err) = env.run(&all);
    assert!(code == 0 || code == 1, "{args:?}: {err}");
    out.replace(env.db.to_str().unwrap(), "[LEDGER]")
}

macro_rules! snapshot {
    ($name:ident, $args:expr) => {
        #[test]
        fn $name() {
            let env = scenario();
            for lang in ["en", "zh"] {
                insta::assert_snapshot!(
                    format!("{}_{lang}", stringify!($name)),
                    view(&env, lang, &$args)
                );
            }
        }
    };
}

snapshot!(totals_by_category, ["totals", "--by", "category"]);
snapshot!(totals_by_department, ["totals", "--by", "department"]);
snapshot!(report_quarterly, ["report", "quarterly", "2024Q2"]);
snapshot!(projects_show, ["projects", "show", "A5-04"]);
snapshot!(history, ["history", "A5-04"]);
snapshot!(check, ["check"]);
snapshot!(indicators_score, ["indicators", "score", "--year", "2021"]);
snapshot!(indicators_show, ["indicators", "show", "9"]);
snapshot!(
    indicators_conditions,
    ["indicators", "conditions", "--year", "2021"]
);
