//! Users, roles and who may do what (issue 17): the first user is an admin; once a ledger
//! has users every write names a user who proves it (password or mapped OS login); each
//! write command is allowed or refused by the writer's roles exactly as the role table
//! says, with nothing written on refusal; incompatible roles are refused; passwords are
//! stored only as Argon2id hashes; the history records who signed in and how.

use crate::env::{assert_one_line_error, TestEnv};

/// Every user of the `users` template, with their roles.
pub const USERS: [(&str, &str); 6] = [
    ("root1", "admin"),
    ("viewer1", "viewer"),
    ("planner1", "planner"),
    ("finance1", "finance"),
    ("finance2", "finance"),
    ("auditor1", "auditor"),
];

/// The password of a template user (long enough, and unlike anything else in the file).
pub fn password(name: &str) -> String {
    format!("pw-{name}-Zq8")
}

/// Runs `args` as `user` (password from `ECOLEDGER_PASSWORD`), returning (code, out, err).
pub fn run_as(env: &TestEnv, user: &str, args: &[&str]) -> (i32, String, String) {
    let out = env
        .cmd()
        .env("ECOLEDGER_USER", user)
        .env("ECOLEDGER_PASSWORD", password(user))
        .args(args)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `args` with `stdin` as its standard input, as `user`.
fn run_with_stdin(env: &TestEnv, user: &str, args: &[&str], stdin: &str) -> (i32, String) {
    let out = env
        .cmd()
        .env("ECOLEDGER_USER", user)
        .env("ECOLEDGER_PASSWORD", password(user))
        .args(args)
        .write_stdin(stdin.to_string())
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[track_caller]
pub fn ok_as(env: &TestEnv, user: &str, args: &[&str]) -> String {
    let (code, out, err) = run_as(env, user, args);
    assert_eq!(code, 0, "{user} {args:?}: {err}");
    out
}

/// A seeded ledger with the users of [`USERS`], a payment (entry 1) and a close of
/// 2025Q4 by finance1, A1-03 started and indicator 26 linked to A5-08 by planner1.
pub fn with_users() -> TestEnv {
    TestEnv::from_template("users", |env| {
        env.ok(&["info"]);
        for (name, role) in USERS {
            let (code, err) = run_with_stdin(
                env,
                "root1",
                &["users", "add", name, "--role", role, "--password-stdin"],
                &format!("{}\n", password(name)),
            );
            assert_eq!(code, 0, "users add {name}: {err}");
        }
        ok_as(
            env,
            "finance1",
            &["spend", "A5-04", "5", "--date", "2026-01-05"],
        );
        ok_as(
            env,
            "finance1",
            &["period", "close", "2025Q4", "--reason", "year end"],
        );
        ok_as(env, "planner1", &["start", "A1-03"]);
        ok_as(env, "planner1", &["indicators", "link", "26", "A5-08"]);
    })
}

/// A write command of the role matrix: its arguments, and the roles that may run it.
struct Case {
    args: Vec<String>,
    allowed: &'static [&'static str],
    /// A file the command reads, written into the env's folder first.
    file: Option<(&'static str, &'static str)>,
}

fn case(args: &[&str], allowed: &'static [&'static str]) -> Case {
    Case {
        args: args.iter().map(|a| a.to_string()).collect(),
        allowed,
        file: None,
    }
}

const PLANNER: &[&str] = &["planner1"];
const FINANCE: &[&str] = &["finance1", "finance2"];
const ADMIN: &[&str] = &["root1"];

fn cases() -> Vec<Case> {
    let mut all = vec![
        case(&["start", "A5-04"], PLANNER),
        case(&["cancel", "A5-06", "--reason", "merged"], PLANNER),
        case(&["complete", "A1-03"], PLANNER),
        case(&["suspend", "A1-03", "--reason", "land"], PLANNER),
        case(&["indicators", "unlink", "26", "A5-08"], PLANNER),
        case(
            &[
                "estimate",
                "A5-04",
                "341200",
                "--stage",
                "preliminary",
                "--reason",
                "r",
            ],
            PLANNER,
        ),
        case(
            &["reschedule", "A5-06", "2022-2026", "--reason", "r"],
            PLANNER,
        ),
        case(
            &[
                "plan", "A1-01", "2022=100", "2023=200", "2024=300", "2025=400",
            ],
            PLANNER,
        ),
        case(
            &[
                "projects",
                "add",
                "--category",
                "5",
                "--group",
                "新项目",
                "--description",
                "内容",
                "--estimate",
                "100",
                "--schedule",
                "2025-2027",
                "--department",
                "区水利局",
            ],
            PLANNER,
        ),
        case(
            &[
                "projects", "edit", "A1-02", "--group", "新名", "--reason", "r",
            ],
            PLANNER,
        ),
        case(
            &[
                "indicators",
                "record",
                "26",
                "85",
                "--year",
                "2025",
                "--source",
                "公报",
            ],
            PLANNER,
        ),
        case(&["indicators", "link", "26", "A5-06"], PLANNER),
        case(&["spend", "A5-04", "7", "--date", "2026-02-01"], FINANCE),
        case(&["spend", "--reverse", "1", "--reason", "wrong"], FINANCE),
        case(&["period", "close", "2026Q1", "--reason", "q1"], FINANCE),
        case(
            &["period", "reopen", "2025Q4", "--reason", "late voucher"],
            FINANCE,
        ),
        case(&["config", "overspend", "stop"], ADMIN),
        case(&["users", "roles", "viewer1", "viewer", "auditor"], ADMIN),
        case(&["users", "disable", "viewer1"], ADMIN),
    ];
    all.push(Case {
        file: Some((
            "p.csv",
            "id,table,category,group,description,estimate_wan,start_year,end_year,departments,status\n\
             A1-02,1,environmental quality,移动源污染治理,改造治理。,250,2022,2025,区公安局,planned\n",
        )),
        ..case(&["projects", "import", "p.csv"], PLANNER)
    });
    all.push(Case {
        file: Some((
            "s.csv",
            "project,date,amount_wan,voucher\nA5-04,2026-03-05,12,V1\n",
        )),
        ..case(&["spending", "import", "s.csv"], FINANCE)
    });
    all
}

/// Every role × every write command: allowed exactly for the roles the table names, and
/// refused for every other with one line naming the rule, the ledger unchanged.
#[test]
fn every_role_may_run_exactly_its_write_commands() {
    let template = with_users();
    for c in cases() {
        for (user, _) in USERS {
            let env = TestEnv::new();
            crate::env::copy_ledger(&template.db, &env.db);
            let mut args: Vec<String> = c.args.clone();
            if let Some((name, text)) = c.file {
                let path = env.dir.path().join(name);
                std::fs::write(&path, text).unwrap();
                args = args
                    .into_iter()
                    .map(|a| {
                        if a == name {
                            path.display().to_string()
                        } else {
                            a
                        }
                    })
                    .collect();
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let before = env.dump();
            let (code, out, err) = run_as(&env, user, &args);
            if c.allowed.contains(&user) {
                assert_eq!(code, 0, "{user} may run {args:?}: {out}{err}");
                assert_ne!(env.dump(), before, "{user} {args:?} wrote nothing");
            } else {
                assert_eq!(code, 2, "{user} may not run {args:?}: {out}{err}");
                assert_one_line_error(&err, "may not do this");
                assert_eq!(env.dump(), before, "{user} {args:?} changed the ledger");
            }
        }
    }
}

/// Adding users and changing passwords are the admin's alone.
#[test]
fn only_an_admin_manages_users() {
    let env = with_users();
    // The admin last: it changes viewer1's password.
    for (user, _) in USERS.iter().rev().copied() {
        let before = env.dump();
        let (code, err) = run_with_stdin(
            &env,
            user,
            &[
                "users",
                "add",
                "newbie",
                "--role",
                "viewer",
                "--password-stdin",
            ],
            "a-long-password\n",
        );
        let (code2, err2) = run_with_stdin(
            &env,
            user,
            &["users", "passwd", "viewer1", "--password-stdin"],
            "another-password\n",
        );
        if user == "root1" {
            assert_eq!((code, code2), (0, 0), "{err}{err2}");
        } else {
            assert_eq!((code, code2), (2, 2), "{user}: {err}{err2}");
            assert_one_line_error(&err, "may not do this");
            assert_one_line_error(&err2, "may not do this");
            assert_eq!(env.dump(), before);
        }
    }
    // The new password works and the old one no longer does.
    let (code, _, err) = env
        .cmd()
        .env("ECOLEDGER_USER", "viewer1")
        .env("ECOLEDGER_PASSWORD", password("viewer1"))
        .args(["start", "A5-04"])
        .output()
        .map(|o| {
            (
                o.status.code().unwrap_or(-1),
                o.stdout,
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        })
        .unwrap();
    assert_eq!(code, 2);
    assert_one_line_error(&err, "wrong name or password");
}

#[test]
fn the_first_user_must_be_an_admin_and_then_writes_need_a_signed_in_user() {
    let env = TestEnv::seeded();
    let before = env.dump();
    let (code, err) = run_with_stdin(
        &env,
        "x",
        &[
            "users",
            "add",
            "pat",
            "--role",
            "planner",
            "--password-stdin",
        ],
        "long-enough-1\n",
    );
    assert_eq!(code, 2);
    assert_one_line_error(&err, "must be an admin");
    assert_eq!(env.dump(), before);
    // Without users, writes are as before.
    env.ok(&["start", "A5-04"]);
    let (code, err) = run_with_stdin(
        &env,
        "x",
        &[
            "users",
            "add",
            "boss",
            "--role",
            "admin",
            "--password-stdin",
        ],
        "long-enough-1\n",
    );
    assert_eq!(code, 0, "{err}");
    // Now a write without a password is refused, with nothing written.
    env.refused(&["complete", "A5-04"], "not a user of this ledger");
    env.refused(
        &["complete", "A5-04", "--by", "nobody"],
        "not a user of this ledger",
    );
    // A password that is not a terminal's nor given is refused, not hung on.
    let before = env.dump();
    let (code, _, err) = env.run(&["complete", "A5-04", "--by", "boss"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "boss's password");
    assert!(
        err.contains("--password-stdin / ECOLEDGER_PASSWORD"),
        "{err}"
    );
    assert_eq!(env.dump(), before);
    // An empty ECOLEDGER_PASSWORD is no password: the same refusal, not a wrong password.
    let out = env
        .cmd()
        .env("ECOLEDGER_PASSWORD", "")
        .args(["complete", "A5-04", "--by", "boss"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_one_line_error(&String::from_utf8_lossy(&out.stderr), "boss's password");
    assert_eq!(env.dump(), before);
    // In users add, --password-stdin is the new user's password: the writer's comes
    // from ECOLEDGER_PASSWORD or the terminal, and the refusal says so.
    let out = env
        .cmd()
        .args(["users", "add", "clerk", "--role", "viewer", "--by", "boss"])
        .arg("--password-stdin")
        .write_stdin("a-new-password\n")
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_one_line_error(&err, "boss's password: give it with ECOLEDGER_PASSWORD");
    assert_eq!(env.dump(), before);
    // Reads need no sign-in: the file's permissions are the boundary.
    env.ok(&["projects", "show", "A5-04"]);
    assert_eq!(env.run(&["check"]).0, 0);
}

#[test]
fn a_wrong_password_or_a_disabled_user_writes_nothing() {
    let env = with_users();
    let before = env.dump();
    let out = env
        .cmd()
        .env("ECOLEDGER_USER", "planner1")
        .env("ECOLEDGER_PASSWORD", "not-the-password")
        .args(["start", "A5-04"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_one_line_error(
        &String::from_utf8_lossy(&out.stderr),
        "wrong name or password",
    );
    assert_eq!(env.dump(), before);
    // --password-stdin proves the same.
    let (code, err) = {
        let out = env
            .cmd()
            .args(["start", "A5-04", "--by", "planner1", "--password-stdin"])
            .write_stdin(format!("{}\n", password("planner1")))
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert_eq!(code, 0, "{err}");
    ok_as(&env, "root1", &["users", "disable", "planner1"]);
    let before = env.dump();
    let (code, _, err) = run_as(&env, "planner1", &["complete", "A5-04"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "disabled");
    assert_eq!(env.dump(), before);
    // The last admin can be neither disabled nor lose the role.
    let (code, _, err) = run_as(&env, "root1", &["users", "disable", "root1"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "last active admin");
    let (code, _, err) = run_as(&env, "root1", &["users", "roles", "root1", "viewer"]);
    assert_eq!(code, 2);
    assert_one_line_error(&err, "last active admin");
    let list = env.records(&["users", "list"]);
    let planner = list.iter().find(|u| &u["name"] == "planner1").unwrap();
    assert_eq!(&planner["status"], "disabled");
    assert_eq!(list.len(), USERS.len());
}

#[test]
fn incompatible_roles_are_refused_with_the_rule() {
    let env = with_users();
    for (roles, needle) in [
        (
            &["planner", "finance"][..],
            "whoever approves a project's progress does not pay it",
        ),
        (
            &["finance", "auditor"][..],
            "whoever records payments does not audit them",
        ),
        (
            &["admin", "planner"][..],
            "whoever grants rights does not use them",
        ),
        (
            &["admin", "finance"][..],
            "whoever grants rights does not use them",
        ),
        (
            &["admin", "auditor"][..],
            "whoever grants rights does not use them",
        ),
        (&["planner,finance"][..], "does not pay it"),
    ] {
        let mut args = vec!["users", "roles", "viewer1"];
        args.extend(roles);
        let before = env.dump();
        let (code, _, err) = run_as(&env, "root1", &args);
        assert_eq!(code, 2, "{roles:?}");
        assert_one_line_error(&err, needle);
        assert_eq!(env.dump(), before);
        let mut add = vec!["users", "add", "someone", "--password-stdin"];
        for r in roles {
            add.extend(["--role", r]);
        }
        let (code, err) = run_with_stdin(&env, "root1", &add, "long-enough-1\n");
        assert_eq!(code, 2, "{roles:?}");
        assert_one_line_error(&err, needle);
        assert_eq!(env.dump(), before);
    }
    // In Chinese, the rule is said in Chinese.
    let (_, _, err) = run_as(
        &env,
        "root1",
        &[
            "--lang", "zh", "users", "roles", "viewer1", "planner", "finance",
        ],
    );
    assert!(err.contains("不相容岗位相分离"), "{err}");
    // Compatible pairs are accepted.
    ok_as(
        &env,
        "root1",
        &["users", "roles", "viewer1", "planner", "auditor"],
    );
    ok_as(
        &env,
        "root1",
        &["users", "roles", "viewer1", "admin", "viewer"],
    );
}

/// The stored password is an Argon2id PHC string, and no password's bytes are anywhere
/// in the ledger file.
#[test]
fn passwords_are_stored_only_as_argon2id_hashes() {
    let env = with_users();
    let conn = env.sqlite();
    let hashes: Vec<String> = conn
        .prepare("SELECT password FROM user_account")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(hashes.len(), USERS.len());
    for h in &hashes {
        assert!(h.starts_with("$argon2id$v=19$"), "{h}");
    }
    drop(conn);
    // Checkpoint the write-ahead log into the file, then scan every byte beside it too.
    env.ok(&["check"]);
    let mut bytes = std::fs::read(&env.db).unwrap();
    for side in ["-wal", "-shm"] {
        if let Ok(b) = std::fs::read(format!("{}{side}", env.db.display())) {
            bytes.extend(b);
        }
    }
    for (name, _) in USERS {
        let pw = password(name);
        assert!(
            !bytes.windows(pw.len()).any(|w| w == pw.as_bytes()),
            "{name}'s password is in the file"
        );
    }
    // Nor does the listing show anything of them.
    let list = env.ok(&["users", "list", "--format", "csv"]);
    assert!(!list.contains("argon2"), "{list}");
}

#[test]
fn the_history_records_who_signed_in_and_how_and_filters_by_user() {
    let env = with_users();
    let before = env.records(&["history", "--by", "planner1"]).len();
    ok_as(&env, "planner1", &["start", "A5-04"]);
    let rows = env.records(&["history", "--by", "planner1"]);
    assert_eq!(rows.len(), before + 1);
    let last = rows.last().unwrap();
    assert_eq!(&last["actor"], "planner1");
    assert_eq!(&last["signed_in"], "password");
    assert_eq!(&last["action"], "start");
    assert!(rows.iter().all(|r| &r["actor"] == "planner1"));
    // The user changes are history rows of their own, never with a password.
    let adds = env.records(&["history", "--action", "user-add"]);
    assert_eq!(adds.len(), USERS.len());
    assert!(adds.iter().all(|r| !r["new_value"].contains("argon2")));
    // An OS login mapped to a user proves it without a password.
    let login = ecoledger::commands::os_user_name().expect("an OS login");
    let (code, err) = run_with_stdin(
        &env,
        "root1",
        &[
            "users",
            "add",
            "osplanner",
            "--role",
            "planner",
            "--os-user",
            &login,
            "--password-stdin",
        ],
        "long-enough-1\n",
    );
    assert_eq!(code, 0, "{err}");
    let out = env
        .cmd()
        .env_remove("ECOLEDGER_USER")
        .args(["complete", "A5-04"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = env.records(&["history", "--by", "osplanner"]);
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0]["signed_in"], "os-user");
    assert_eq!(env.run(&["check"]).0, 0);
}

/// A terminal-less `users add` without `--password-stdin` is refused rather than hung.
#[test]
fn a_new_password_needs_a_terminal_or_stdin() {
    let env = TestEnv::seeded();
    env.refused(
        &["users", "add", "boss", "--role", "admin"],
        "no terminal to ask for the new user boss's password: give it with --password-stdin",
    );
    assert!(env.records(&["users", "list"]).is_empty());
}

/// `init --force` does not erase a ledger with users (and its accounts).
#[test]
fn init_force_leaves_a_ledger_with_users_alone() {
    let env = with_users();
    env.refused(&["init", "--force"], "this ledger has users");
    assert_eq!(env.records(&["users", "list"]).len(), USERS.len());
}
