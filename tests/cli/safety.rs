//! Nothing lost, whatever is typed: output paths that would overwrite a ledger, sums
//! past what can be added exactly, CSV that a spreadsheet would run, `--db` names that
//! look like URIs, `init --force` beside a writer, read-only media, orphaned copies,
//! invisible characters in names, payments far outside a schedule, the program's own
//! name. Each test drives the binary and would fail on the release before these fixes.

use crate::env::{assert_one_line_error, records, wait_bounded, TestEnv, TIMEOUT, TODAY};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// Every output path that is, or leads to, a ledger (this one, its journal files, a
/// link to it, another SQLite file) is refused with one line, and both ledgers stay
/// byte for byte as they were and fully usable.
#[test]
fn no_output_path_can_overwrite_a_ledger() {
    let env = TestEnv::seeded();
    env.ok(&["spend", "A5-04", "10", "--date", "2024-05-01"]);
    let dir = env.dir.path();
    let other = dir.join("other.sqlite");
    env.ok(&["backup", other.to_str().unwrap()]);
    let link = dir.join("link.csv");
    std::os::unix::fs::symlink(&env.db, &link).unwrap();
    let hard = dir.join("hard.csv");
    std::fs::hard_link(&env.db, &hard).unwrap();
    let wal = PathBuf::from(format!("{}-wal", env.db.display()));
    let journal = PathBuf::from(format!("{}-journal", other.display()));
    let relative_dir = dir.join("sub");
    std::fs::create_dir(&relative_dir).unwrap();
    let dotted = relative_dir.join("../ledger.sqlite");
    let (ledger_before, other_before) = (bytes(&env.db), bytes(&other));
    let dump = env.dump();
    for (target, needle) in [
        (&env.db, "is the ledger"),
        (&wal, "is the ledger"),
        (&link, "is the ledger"),
        (&hard, "is the ledger"),
        (&dotted, "is the ledger"),
        (&other, "is an SQLite database"),
        (&journal, "journal file of an SQLite database"),
    ] {
        let t = target.to_str().unwrap();
        for args in [
            vec!["totals", "--format", "csv", "--out", t],
            vec!["spending", "list", "--format", "json", "--out", t],
            vec![
                "report",
                "quarterly",
                "2024Q2",
                "--format",
                "xlsx",
                "--out",
                t,
            ],
            vec!["report", "html", "--out", t],
            vec!["backup", t],
        ] {
            let (code, _, err) = env.run(&args);
            assert_eq!(code, 2, "{args:?}: {err}");
            assert_one_line_error(&err, needle);
        }
    }
    assert!(bytes(&env.db) == ledger_before, "the ledger changed");
    assert!(bytes(&other) == other_before, "the other ledger changed");
    assert!(!wal.exists() || env.dump() == dump);
    assert_eq!(env.dump(), dump);
    assert_eq!(env.run(&["check"]).0, 0);
    // A folder that does not exist is named, with nothing written.
    let (code, _, err) = env.run(&["backup", "/missing/dir/x.sqlite"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "the folder /missing/dir does not exist");
}

/// One more project at the largest estimate than the ledger can add up is refused with
/// the limit named; up to the limit every command still reads the ledger exactly.
#[test]
fn sums_past_the_limit_are_refused_and_the_ledger_stays_usable() {
    let env = TestEnv::seeded();
    let header =
        "id,table,category,group,description,estimate_wan,start_year,end_year,departments,status\n";
    let rows = |n: usize| {
        let mut text = header.to_string();
        for i in 0..n {
            text.push_str(&format!(
                ",1,,大额,第{i}项,1000000000,2024,2025,区林业局,planned\n"
            ));
        }
        text
    };
    // The largest amount there is, and one 元 more.
    env.refused(
        &["spend", "A5-04", "1000000000.0001", "--date", "2024-05-01"],
        "out of range (at most 1000000000 (10k CNY) per amount)",
    );
    let over = env.dir.path().join("over.csv");
    std::fs::write(&over, rows(1000)).unwrap();
    env.refused(
        &["projects", "import", over.to_str().unwrap()],
        "the projects' current estimates would add up to 1,000,000,785,341 (10k CNY), past 1,000,000,000,000 (10k CNY)",
    );
    let within = env.dir.path().join("within.csv");
    std::fs::write(&within, rows(999)).unwrap();
    env.ok(&["projects", "import", within.to_str().unwrap()]);
    let total = "999000785341";
    assert_eq!(env.json(&["info"])["grand_total_wan"].to_string(), total);
    let t = env.records(&["totals", "--by", "category"]);
    assert_eq!(&t.last().unwrap()["estimate_wan"], total);
    for args in [
        vec!["totals", "--by", "year"],
        vec!["totals", "--by", "department"],
        vec!["reconcile"],
        vec!["report", "annual", "2024"],
        vec!["projects", "list"],
    ] {
        env.ok(&[&args[..], &["--format", "csv"]].concat());
    }
    let q = env.records(&["report", "quarterly", "2024Q2"]);
    let total_row = q.iter().find(|r| &r["row_type"] == "total").unwrap();
    // 999 projects of 1e9 over 2024-2025 (5e8 a year, 1.25e8 a quarter) plus the plan's.
    let plan_q2 = crate::env::dec(
        &TestEnv::seeded()
            .records(&["report", "quarterly", "2024Q2"])
            .iter()
            .find(|r| &r["row_type"] == "total")
            .unwrap()["budget_quarter_wan"],
    );
    assert_eq!(
        total_row.dec("budget_quarter_wan"),
        crate::env::dec("124875000000") + plan_q2
    );
    env.ok(&[
        "report",
        "html",
        "--out",
        env.dir.path().join("r.html").to_str().unwrap(),
    ]);
    assert_eq!(env.run(&["check"]).0, 0);
    // Payments: the same limit, over the whole ledger.
    let pay = env.dir.path().join("pay.csv");
    let mut text = "project_id,date,amount_wan,voucher,note\n".to_string();
    for i in 0..1001 {
        text.push_str(&format!("N0001,2024-05-01,1000000000,v{i},\n"));
    }
    std::fs::write(&pay, text).unwrap();
    env.refused(
        &["spending", "import", pay.to_str().unwrap()],
        "the payments would add up to 1,001,000,000,000 (10k CNY), past 1,000,000,000,000 (10k CNY)",
    );
    env.ok(&["spend", "N0001", "1", "--date", "2024-05-02"]);
}

/// A ledger written before the limits, holding sums no `i64` can carry, gives a clear
/// error (never a wrapped figure with exit 0), and `check` measures it and says why it
/// cannot reconcile it.
#[test]
fn a_ledger_beyond_the_limits_is_refused_clearly_never_summed_wrong() {
    let env = TestEnv::seeded();
    env.ok(&["info"]);
    // What the old release accepted: a thousand estimates of 999999999999.9999 万元.
    env.write_projects_past_the_limits("N", 100);
    for args in [
        vec!["totals"],
        vec!["info"],
        vec!["report", "quarterly", "2024Q2", "--format", "csv"],
        vec!["reconcile"],
    ] {
        let (code, out, err) = env.run(&args);
        assert_eq!(code, 2, "{args:?} exited {code}: {out}");
        assert_one_line_error(&err, "too large to add up exactly");
        // A streamed report may have written the rows before the first sum it could not
        // make, never a sum: no subtotal or total, and no negative estimate.
        for line in out.lines().skip(1) {
            assert!(
                !line.starts_with("subtotal") && !line.starts_with("total"),
                "{args:?}: a sum was written: {line}"
            );
            if let Some(estimate) = line.split(',').nth(7) {
                assert!(!estimate.starts_with('-'), "{args:?}: {line}");
            }
        }
    }
    let (code, out, _) = env.run(&["check", "--format", "csv"]);
    assert_eq!(code, 1);
    let rows = records(&out);
    let limits = rows
        .iter()
        .find(|r| &r["check"] == "ledger limits")
        .unwrap();
    assert_eq!(&limits["result"], "mismatch");
    assert!(
        limits["detail"].contains("current estimates 1000000000785340.9 (10k CNY)"),
        "{}",
        &limits["detail"]
    );
    // The aggregate of the current projects cannot hold those sums, and holds the seeded
    // ones: check names it (its recomputation being past SQLite's integers).
    let kept = rows
        .iter()
        .find(|r| &r["check"] == "page aggregates")
        .unwrap();
    assert_eq!(&kept["result"], "mismatch");
    assert!(
        kept["detail"].contains(
            "project_total *: the file keeps 6 rows, its records give > 9223372036854775807"
        ),
        "{}",
        &kept["detail"]
    );
    // No write can add to the estimates; payments (within their own limit) still can.
    env.refused(
        &[
            "estimate",
            "A5-04",
            "334001",
            "--stage",
            "budget",
            "--reason",
            "r",
            "--date",
            "2024-05-01",
        ],
        "the projects' current estimates would add up to more than an exact sum can hold",
    );
    env.ok(&["spend", "A5-04", "1", "--date", "2024-05-01"]);
}

/// Text that a spreadsheet would run is written with a leading `'` in every CSV output
/// (amounts untouched), and re-imports to the text that was typed.
#[test]
fn csv_never_carries_a_formula_and_round_trips() {
    let env = TestEnv::seeded();
    let evil = "=cmd|' /C calc'!A0";
    let id = env.ok(&[
        "projects",
        "add",
        "--category",
        "1",
        "--group",
        "@SUM(A1)",
        "--description",
        evil,
        "--estimate",
        "10",
        "--schedule",
        "2024",
        "--department",
        "区林业局",
        "--date",
        "2024-01-02",
    ]);
    let id = id.trim();
    env.ok(&[
        "spend",
        id,
        "2",
        "--date",
        "2024-05-01",
        "--voucher",
        "+1+1",
        "--note=-2+3",
    ]);
    env.ok(&[
        "spend",
        "--reverse",
        "1",
        "--reason",
        "=HYPERLINK(\"http://x\")",
    ]);
    let export = env.ok(&["projects", "export", "--format", "csv"]);
    let p = records(&export);
    let mine = p.iter().find(|r| &r["id"] == id).unwrap();
    assert_eq!(&mine["description"], "'=cmd|' /C calc'!A0");
    assert_eq!(&mine["group"], "'@SUM(A1)");
    let s = env.records(&["spending", "list"]);
    assert_eq!(&s[0]["voucher"], "'+1+1");
    assert_eq!(&s[0]["note"], "'-2+3");
    assert_eq!(&s[1]["amount_wan"], "-2", "amounts stay numbers");
    assert_eq!(&s[1]["reason"], "'=HYPERLINK(\"http://x\")");
    let q = env.records(&["report", "quarterly", "2024Q2"]);
    let row = q.iter().find(|r| &r["id"] == id).unwrap();
    assert_eq!(&row["description"], "'=cmd|' /C calc'!A0");
    // No cell of any CSV starts with a formula character.
    for text in [
        export.clone(),
        env.ok(&["spending", "list", "--format", "csv"]),
        env.ok(&["report", "quarterly", "2024Q2", "--format", "csv"]),
        env.ok(&["history", "--format", "csv"]),
    ] {
        for r in records(&text) {
            for (k, v) in &r.0 {
                let numeric = k.ends_with("_wan") || v.parse::<f64>().is_ok();
                assert!(
                    numeric || !v.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{k} = {v:?}"
                );
            }
        }
    }
    // The export re-imports into a fresh ledger as typed.
    let fresh = TestEnv::seeded();
    let file = fresh.dir.path().join("export.csv");
    std::fs::write(&file, &export).unwrap();
    fresh.ok(&[
        "projects",
        "import",
        file.to_str().unwrap(),
        "--date",
        "2024-01-02",
    ]);
    let p = fresh.json(&["projects", "show", id]);
    assert_eq!(p["description"], evil);
    assert_eq!(p["group"], "@SUM(A1)");
}

/// `--db` and `ECOLEDGER_DB` are file names, never SQLite URIs.
#[test]
fn a_db_name_that_looks_like_a_uri_is_a_file_name() {
    let env = TestEnv::new();
    for name in ["file:NAME", "file:other?mode=memory"] {
        let out = env
            .bare()
            .current_dir(env.dir.path())
            .args(["--db", name, "spend", "A5-04", "1", "--date", "2024-05-01"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(env.dir.path().join(name).is_file(), "{name}");
    }
    let out = env
        .bare()
        .current_dir(env.dir.path())
        .env("ECOLEDGER_DB", "file:NAME")
        .args(["spending", "list", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(records(&String::from_utf8(out.stdout).unwrap()).len(), 1);
    let mut names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["file:NAME", "file:other?mode=memory"], "{names:?}");
}

/// A first command that cannot make a ledger leaves no empty file behind.
#[test]
fn a_failed_first_open_leaves_no_file() {
    let env = TestEnv::new();
    // A folder where the ledger should be: nothing can be created inside it by SQLite.
    let folder_db = env.dir.path().join("x.sqlite");
    std::fs::write(
        &folder_db,
        b"not a ledger, not SQLite either: some text file\n",
    )
    .unwrap();
    let (code, _, err) = env.run(&["--db", folder_db.to_str().unwrap(), "info"]);
    assert_eq!(code, 2, "{err}");
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["x.sqlite"], "{names:?}");
}

fn spending_file(env: &TestEnv, rows: usize) -> String {
    let mut text = String::from("project_id,date,amount_wan,voucher,note\n");
    for i in 0..rows {
        text.push_str(&format!("A5-04,2024-05-{:02},0.0001,v{i},\n", i % 28 + 1));
    }
    let path = env.dir.path().join("big.csv");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn process(env: &TestEnv, args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("ecoledger"));
    cmd.env_clear()
        .env("ECOLEDGER_TODAY", TODAY)
        .env("ECOLEDGER_USER", "tester")
        .arg("--db")
        .arg(&env.db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

/// `init --force` while an import writes: init refuses, saying so, and the import's
/// acknowledged entries are in the ledger. Once the import is done init replaces the
/// ledger, and a writer that comes later writes into the new one.
#[test]
fn init_force_never_loses_a_concurrent_writers_commit() {
    let env = TestEnv::seeded();
    let file = spending_file(&env, 20_000);
    let mut import = process(&env, &["spending", "import", &file])
        .spawn()
        .unwrap();
    let deadline = Instant::now() + TIMEOUT;
    let mut refused = false;
    while Instant::now() < deadline && import.try_wait().unwrap().is_none() {
        let (code, _, err) = env.run(&["init", "--force"]);
        if code == 2 {
            assert_one_line_error(&err, "another process is writing to the ledger");
            refused = true;
            break;
        }
        // init ran before the import began writing: the import writes into the new file.
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(wait_bounded(&mut import).success());
    let n: i64 = env
        .sqlite()
        .query_row("SELECT COUNT(*) FROM spending", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 20_000, "the import's acknowledged entries are there");
    assert!(refused, "init never met the import while it wrote");
    assert_eq!(env.run(&["check"]).0, 0);
    // Now init replaces it: a fresh ledger, no entries; a later write lands in it.
    env.ok(&["init", "--force"]);
    assert_eq!(env.records(&["spending", "list"]).len(), 0);
    env.ok(&["spend", "A5-04", "1", "--date", "2024-05-01"]);
    assert_eq!(env.records(&["spending", "list"]).len(), 1);
    assert_eq!(env.run(&["check"]).0, 0);
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".init-") || n.contains(".tmp-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Runs the binary as the unprivileged user `nobody` (the tests run as root, whom file
/// modes do not stop).
fn as_nobody(db: &Path, args: &[&str]) -> (i32, String, String) {
    let out = crate::env::output_bounded(
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("ecoledger"))
            .env_clear()
            .env("ECOLEDGER_TODAY", TODAY)
            .env("ECOLEDGER_USER", "reader")
            .arg("--db")
            .arg(db)
            .args(args),
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A ledger in a folder its reader may not write (as on read-only media) reads in full,
/// a backup as well as a live ledger; a write is refused with one clear line.
#[cfg(unix)]
#[test]
fn a_ledger_on_read_only_media_reads_and_refuses_writes_clearly() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::seeded();
    env.ok(&["spend", "A5-04", "10", "--date", "2024-05-01"]);
    let media = tempfile::tempdir().unwrap();
    std::fs::set_permissions(media.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let copy = media.path().join("backup.sqlite");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let live = media.path().join("live.sqlite");
    crate::env::copy_ledger(&env.db, &live);
    assert!(!PathBuf::from(format!("{}-wal", live.display())).exists());
    for f in [&copy, &live] {
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(media.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let walk = std::fs::metadata(std::path::Path::new("/")).is_ok();
    assert!(walk);
    for db in [&copy, &live] {
        for args in [
            vec!["info"],
            vec!["check"],
            vec!["totals", "--by", "category"],
            vec!["report", "quarterly", "2024Q2"],
            vec!["spending", "list"],
        ] {
            let (code, out, err) = as_nobody(db, &args);
            assert_eq!(code, 0, "{db:?} {args:?}: {out}{err}");
        }
        let (code, _, err) = as_nobody(db, &["spend", "A5-04", "1", "--date", "2024-05-02"]);
        assert_eq!(code, 2, "{err}");
        assert_one_line_error(&err, "the ledger is read-only here");
    }
    std::fs::set_permissions(media.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let names: Vec<String> = std::fs::read_dir(media.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "nothing written beside them: {names:?}");
}

/// Copies a killed run left (an output, a backup or an old init being written) are
/// removed by the next run that writes there, which says so.
#[test]
fn a_killed_runs_partial_copies_are_cleaned_up_and_named() {
    let env = TestEnv::seeded();
    let dir = env.dir.path();
    // PIDs far above any live process's.
    let out_orphan = dir.join("out.csv.tmp-4000000");
    let init_orphan = dir.join("ledger.sqlite.init-4000001");
    let backup_orphan = dir.join("b.sqlite.tmp-4000002");
    for f in [&out_orphan, &init_orphan, &backup_orphan] {
        std::fs::write(f, vec![0_u8; 4096]).unwrap();
    }
    let out = dir.join("out.csv");
    let (code, _, err) = env.run(&["totals", "--format", "csv", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(out_orphan.to_str().unwrap()), "{err}");
    assert!(err.contains(init_orphan.to_str().unwrap()), "{err}");
    let (code, _, err) = env.run(&["backup", dir.join("b.sqlite").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(backup_orphan.to_str().unwrap()), "{err}");
    for f in [&out_orphan, &init_orphan, &backup_orphan] {
        assert!(!f.exists(), "{f:?}");
    }
}

fn as_refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Invisible and direction-changing characters are refused in names and kept, shown
/// escaped, in free text.
#[test]
fn names_refuse_invisible_characters_free_text_shows_them() {
    let env = TestEnv::seeded();
    let add = |group: &str, department: &str| {
        vec![
            "projects".to_string(),
            "add".into(),
            "--category".into(),
            "1".into(),
            "--group".into(),
            group.into(),
            "--description".into(),
            "d".into(),
            "--estimate".into(),
            "1".into(),
            "--schedule".into(),
            "2024".into(),
            "--department".into(),
            department.into(),
            "--new-department".into(),
            "--date".into(),
            "2024-01-02".into(),
        ]
    };
    env.refused(
        &as_refs(&add("组\u{200B}", "区林业局")),
        "--group: contains U+200B",
    );
    env.refused(&as_refs(&add("组", "区林\u{202E}业局")), "U+202E");
    env.refused(
        &[
            "spend",
            "A5-04",
            "1",
            "--date",
            "2024-05-01",
            "--voucher",
            "记\u{2066}-1",
        ],
        "--voucher: contains U+2066",
    );
    env.refused(
        &[
            "start",
            "A1-02",
            "--date",
            "2024-05-01",
            "--by",
            "admin\u{202E}nimda",
        ],
        "--by: 'admin⟨U+202E⟩nimda' contains U+202E",
    );
    env.refused(
        &[
            "start",
            "A1-02",
            "--date",
            "2024-05-01",
            "--by",
            "ecoledger",
        ],
        "--by: 'ecoledger' is the name ecoledger signs its own records with",
    );
    // Free text keeps them; the table view shows them, JSON carries them as typed.
    env.ok(&[
        "spend",
        "A5-04",
        "1",
        "--date",
        "2024-05-01",
        "--note",
        "备注\u{202E}txet",
    ]);
    let table = env.ok(&["spending", "list", "--wide"]);
    assert!(table.contains("备注⟨U+202E⟩txet"), "{table}");
    assert!(!table.contains('\u{202E}'));
    assert_eq!(
        env.json(&["spending", "list"])[0]["note"],
        "备注\u{202E}txet"
    );
}

/// A payment dated more than a year outside its project's schedule is warned about, and
/// refused once the ledger is set to stop such payments (by `spend` and by an import).
#[test]
fn payments_far_outside_the_schedule_warn_or_are_refused() {
    let env = TestEnv::seeded();
    // A5-04 runs 2022-2025.
    let (code, _, err) = env.run(&["spend", "A5-04", "1", "--date", "1970-01-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "1970-01-01 is more than a year before the project's schedule (2022-2025) begins"
        ),
        "{err}"
    );
    let (_, _, err) = env.run(&["spend", "A5-04", "1", "--date", "2021-01-01"]);
    assert!(!err.contains("more than a year"), "{err}");
    // The year after the schedule ends (retention money) is not far; the one after is.
    let (_, _, err) = env.run(&["spend", "A1-16", "1", "--date", "2023-12-31"]);
    assert!(!err.contains("more than a year"), "{err}");
    let (_, _, err) = env.run(&["spend", "A1-16", "1", "--date", "2024-01-01"]);
    assert!(
        err.contains("2024-01-01 is more than a year after the project's schedule (2022) ends"),
        "{err}"
    );
    env.ok(&["config", "payment-dates", "stop"]);
    env.refused(
        &["spend", "A5-04", "1", "--date", "2020-12-31"],
        "A5-04: 2020-12-31 is more than a year before the project's schedule (2022-2025) begins; the ledger is set to refuse such payments",
    );
    let file = env.dir.path().join("far.csv");
    std::fs::write(
        &file,
        "project_id,date,amount_wan,voucher,note\nA5-04,2024-05-01,1,,\nA1-16,2024-05-01,1,,\n",
    )
    .unwrap();
    // A1-16 ran in 2022 only: 2024 is more than a year after it ended.
    env.refused(
        &["spending", "import", file.to_str().unwrap()],
        "far.csv:3: date: 2024-05-01 is more than a year after the project's schedule (2022) ends",
    );
    assert_eq!(
        env.records(&["config"])
            .iter()
            .find(|r| &r["key"] == "payment-dates")
            .map(|r| r["value"].to_string()),
        Some("stop".to_string())
    );
}

/// A CSV header naming a column twice is refused, naming it.
#[test]
fn a_repeated_column_is_refused() {
    let env = TestEnv::seeded();
    let file = env.dir.path().join("twice.csv");
    std::fs::write(
        &file,
        "project_id,date,amount_wan,amount_wan,voucher,note\nA5-04,2024-05-01,1,2,,\n",
    )
    .unwrap();
    env.refused(
        &["spending", "import", file.to_str().unwrap()],
        "twice.csv:1: header: column 'amount_wan' appears twice (columns 3 and 4)",
    );
    // The ledger itself is not a file to import.
    env.refused(
        &["spending", "import", env.db.to_str().unwrap()],
        "is the ledger itself",
    );
}
