//! The dashboard on a ledger with users (issue 17): sign-in takes a name and a password,
//! on loopback too; a sign-in starts a new session id; sessions expire when idle and at
//! sign-out; failed sign-ins are throttled; each page shows only the forms the user's
//! roles allow, and the server refuses any other form with 403 and writes nothing.

use crate::env::TestEnv;
use crate::users::{password, with_users, USERS};
use crate::web::{settings, Client};
use axum::http::StatusCode;
use ecoledger::web::App;
use std::time::Duration;

const SESSION: &str = "ecoledger_session_8080";

fn client(env: TestEnv, timeout: Duration) -> Client {
    let mut s = settings(&env, false, None);
    s.session_timeout = timeout;
    let app = App::new(s).unwrap();
    Client::on(env, app, "127.0.0.1:8080")
}

fn signed_in(user: &str) -> Client {
    let mut c = client(with_users(), Duration::from_secs(1800));
    let page = sign_in(&mut c, user, &password(user));
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.text());
    c
}

fn sign_in(c: &mut Client, user: &str, pw: &str) -> crate::web::Page {
    c.get("/signin");
    c.post("/signin", &[("name", user), ("password", pw)])
}

fn signed_in_as(c: &mut Client) -> Option<String> {
    let html = c.get("/").text();
    let at = html.find("<b id=\"user\">")?;
    let rest = &html[at + 13..];
    Some(rest[..rest.find('<')?].to_string())
}

#[test]
fn a_ledger_without_users_says_so_on_the_sign_in_page() {
    let mut c = client(TestEnv::seeded(), Duration::from_secs(1800));
    let html = c.get("/signin").text();
    assert!(html.contains("has no users yet"), "{html}");
    assert!(html.contains("users add"), "{html}");
    assert!(!html.contains("type=\"password\""));
    // And a typed name still signs in, as before.
    let page = c.post("/signin", &[("name", "张伟")]);
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in_as(&mut c).as_deref(), Some("张伟"));
}

#[test]
fn sign_in_needs_the_password_and_starts_a_new_session() {
    let mut c = client(with_users(), Duration::from_secs(1800));
    let html = c.get("/signin").text();
    assert!(html.contains("type=\"password\""), "{html}");
    assert!(!html.contains("has no users yet"));
    let before = c.jar[SESSION].clone();
    // A name alone, or a wrong password, signs nobody in.
    let page = c.post("/signin", &[("name", "planner1")]);
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("wrong name or password"));
    let page = sign_in(&mut c, "planner1", "wrong-password");
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert_eq!(signed_in_as(&mut c), None);
    // The right one does, under a new session id.
    let page = sign_in(&mut c, "planner1", &password("planner1"));
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let after = c.jar[SESSION].clone();
    assert_ne!(before, after, "the session id changes at sign-in");
    assert_eq!(signed_in_as(&mut c).as_deref(), Some("planner1"));
    // The old id is worth nothing.
    let mut old = c.another();
    old.jar.insert(SESSION.into(), before);
    assert_eq!(signed_in_as(&mut old), None);
    // Sign-out ends the session on the server: replaying its id signs nobody in.
    c.post("/signout", &[]);
    assert_eq!(signed_in_as(&mut c), None);
    let mut replay = c.another();
    replay.jar.insert(SESSION.into(), after);
    assert_eq!(signed_in_as(&mut replay), None);
}

#[test]
fn an_idle_session_expires() {
    let mut c = client(with_users(), Duration::from_millis(800));
    let page = sign_in(&mut c, "finance1", &password("finance1"));
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in_as(&mut c).as_deref(), Some("finance1"));
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(signed_in_as(&mut c), None, "expired after inactivity");
    // A form posted now is refused: nobody is signed in.
    let before = c.env.dump();
    let page = c.post("/projects/A5-04/payments", &[("amount", "1")]);
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(c.env.dump(), before);
}

#[test]
fn the_twentieth_rapid_failed_sign_in_is_refused() {
    let mut c = client(with_users(), Duration::from_secs(1800));
    let mut statuses = Vec::new();
    for _ in 0..20 {
        statuses.push(sign_in(&mut c, "finance1", "guess").status);
    }
    assert_eq!(statuses[19], StatusCode::TOO_MANY_REQUESTS, "{statuses:?}");
    // Even the right password is turned away while the lock lasts.
    assert_eq!(
        sign_in(&mut c, "finance1", &password("finance1")).status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// Every dashboard form × every role: allowed (a redirect, something written) exactly as
/// the role table says; otherwise 403 and the ledger unchanged — whether or not the page
/// showed the form.
#[test]
fn every_role_may_post_exactly_its_forms() {
    type Form = (
        &'static str,
        Vec<(&'static str, &'static str)>,
        &'static [&'static str],
    );
    let forms: Vec<Form> = vec![
        (
            "/projects/A5-04/status",
            vec![("action", "start")],
            &["planner1"],
        ),
        (
            "/projects/A5-04/payments",
            vec![("amount", "3"), ("date", "2026-02-01")],
            &["finance1", "finance2"],
        ),
        (
            "/indicators/26/values",
            vec![("value", "85"), ("year", "2025"), ("source", "公报")],
            &["planner1"],
        ),
    ];
    for (path, fields, allowed) in &forms {
        for (user, _) in USERS {
            let mut c = signed_in(user);
            let page = c.get(if path.starts_with("/ind") {
                "/indicators/26"
            } else {
                "/projects/A5-04"
            });
            let html = page.text();
            let before = c.env.dump();
            let page = c.post(path, fields);
            if allowed.contains(&user) {
                assert_eq!(
                    page.status,
                    StatusCode::SEE_OTHER,
                    "{user} {path}: {}",
                    page.text()
                );
                assert_ne!(c.env.dump(), before, "{user} {path} wrote nothing");
            } else {
                assert_eq!(
                    page.status,
                    StatusCode::FORBIDDEN,
                    "{user} {path}: {}",
                    page.text()
                );
                assert_eq!(c.env.dump(), before, "{user} {path} changed the ledger");
            }
            // The page shows the forms the roles allow, and only those.
            let shown = |id: &str| html.contains(&format!("id=\"{id}\""));
            match *path {
                "/projects/A5-04/status" => {
                    assert_eq!(shown("status-form"), user == "planner1", "{user}")
                }
                "/projects/A5-04/payments" => {
                    assert_eq!(shown("payment-form"), user.starts_with("finance"), "{user}")
                }
                _ => assert_eq!(shown("value-form"), user == "planner1", "{user}"),
            }
        }
    }
}

#[test]
fn the_approvals_queue_approves_for_another_finance_user_only() {
    let env = with_users();
    crate::users::ok_as(&env, "root1", &["config", "approval-threshold", "500"]);
    crate::users::ok_as(
        &env,
        "finance1",
        &["spend", "A5-04", "600", "--date", "2026-02-01"],
    );
    let mut c = client(env, Duration::from_secs(1800));
    // Not finance: the queue is shown without forms, and a forged approval is refused.
    sign_in(&mut c, "planner1", &password("planner1"));
    // The project's page lists it as pending too.
    let html = c.get("/projects/A5-04").text();
    assert!(
        html.contains("P1") && html.contains("pending approval"),
        "{html}"
    );
    let html = c.get("/approvals").text();
    assert!(html.contains("P1"), "{html}");
    assert!(!html.contains("approve-form"));
    let before = c.env.dump();
    assert_eq!(
        c.post("/approvals/1/approve", &[]).status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(c.env.dump(), before);
    c.post("/signout", &[]);
    // Who recorded it may not approve it.
    sign_in(&mut c, "finance1", &password("finance1"));
    let html = c.get("/approvals").text();
    assert!(html.contains("approve-form"), "{html}");
    assert_eq!(
        c.post("/approvals/1/approve", &[]).status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(c.env.dump(), before);
    c.post("/signout", &[]);
    // Another finance user may.
    sign_in(&mut c, "finance2", &password("finance2"));
    c.get("/approvals");
    assert_eq!(
        c.post("/approvals/1/approve", &[]).status,
        StatusCode::SEE_OTHER
    );
    assert!(!c.get("/approvals").text().contains("id=\"pending\""));
    // The history page filters by user and says how they signed in.
    let html = c.get("/history?by=finance2").text();
    assert!(html.contains("approve"), "{html}");
    assert!(html.contains("password"), "{html}");
    assert!(!html.contains("planner1"), "{html}");
}

/// The import page: its upload form is finance's, and an upload posted by another role
/// is refused with 403 before anything is checked or held.
#[test]
fn only_finance_uploads_payment_files() {
    let csv = b"project,date,amount_wan\nA5-04,2026-03-05,12\n";
    for (user, _) in USERS {
        let mut c = signed_in(user);
        let html = c.get("/import").text();
        let finance = user.starts_with("finance");
        assert_eq!(html.contains("id=\"upload-form\""), finance, "{user}");
        let csrf = c.csrf.clone();
        let before = c.env.dump();
        let page = c.upload("/import", &[("csrf", &csrf)], ("pay.csv", csv));
        if finance {
            assert_eq!(page.status, StatusCode::OK, "{user}: {}", page.text());
        } else {
            assert_eq!(page.status, StatusCode::FORBIDDEN, "{user}");
        }
        assert_eq!(c.env.dump(), before, "a check writes nothing");
    }
}

/// A running server logs a throttled sign-in on its standard error, naming the client and
/// the name, never the password tried.
#[test]
fn a_throttled_sign_in_is_logged_without_the_password() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};
    let env = with_users();
    let mut server = Command::new(assert_cmd::cargo::cargo_bin("ecoledger"))
        .env_clear()
        .env("HOME", env.dir.path())
        .env("ECOLEDGER_TODAY", crate::env::TODAY)
        .arg("--db")
        .arg(&env.db)
        .args(["--lang", "en", "serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .trim_end_matches('/')
        .to_string();
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let page = agent.get(&format!("{url}/signin")).call().unwrap();
    let cookie = page
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let html = page.into_string().unwrap();
    let at = html.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = &html[at..at + html[at..].find('"').unwrap()];
    let mut last = 0;
    for _ in 0..7 {
        last = match agent
            .post(&format!("{url}/signin"))
            .set("Cookie", &cookie)
            .set("Content-Type", "application/x-www-form-urlencoded")
            .send_string(&format!(
                "csrf={csrf}&name=finance1&password=secret-guess-42"
            )) {
            Ok(r) => r.status(),
            Err(ureq::Error::Status(code, _)) => code,
            Err(e) => panic!("{e}"),
        };
    }
    assert_eq!(last, 429);
    let _ = server.kill();
    let mut err = String::new();
    server
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let _ = server.wait();
    assert!(
        err.contains("sign-in refused for a while") && err.contains("name finance1"),
        "{err}"
    );
    assert!(!err.contains("secret-guess-42"), "{err}");
}

#[test]
fn nothing_is_shown_before_sign_in_on_a_ledger_with_users() {
    let mut c = client(with_users(), Duration::from_secs(1800));
    let pages = [
        "/",
        "/projects",
        "/projects/A5-04",
        "/reports?kind=quarterly&period=2024Q2",
        "/reports/totals/totals.csv",
        "/reconcile",
        "/indicators",
        "/assessment",
        "/import",
        "/approvals",
        "/history",
        "/no-such-page",
    ];
    for path in pages {
        let page = c.get(path);
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.location(), "/signin", "{path}");
        assert!(!page.text().contains("渝西水资源配置工程"), "{path}");
    }
    let before = c.env.dump();
    for path in [
        "/projects/A5-04/payments",
        "/projects/A5-04/status",
        "/approvals/1/approve",
        "/signout",
    ] {
        let page = c.post(path, &[("amount", "1"), ("status", "started")]);
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.text().contains("sign in first"), "{path}");
    }
    assert_eq!(c.env.dump(), before, "nothing written");
    // The viewer role is what reading takes: signed in, every page shows.
    let page = sign_in(&mut c, "viewer1", &password("viewer1"));
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    for path in ["/", "/projects/A5-04", "/history"] {
        let page = c.get(path);
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
    assert!(c
        .get("/projects/A5-04")
        .text()
        .contains("渝西水资源配置工程"));
}

#[test]
fn a_read_only_server_shares_a_ledger_with_users_without_accounts() {
    let env = with_users();
    let app = App::new(settings(&env, true, None)).unwrap();
    let mut c = Client::on(env, app, "127.0.0.1:8080");
    let page = c.get("/projects/A5-04");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("渝西水资源配置工程"));
}
