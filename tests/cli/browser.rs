//! The dashboard in a real browser: headless Chromium driven through ChromeDriver (the
//! W3C WebDriver protocol over HTTP) against `ecoledger serve` on a temporary ledger.
//! It loads the overview and checks the chart and totals against the command line,
//! signs in, marks a project started and then complete through the form, and checks
//! with the command line that the change is recorded, with its history. Screenshots go to
//! `target/browser/`.
//!
//! It needs Debian's `chromium` and `chromium-driver`. Without them it says so and
//! passes, unless `ECOLEDGER_BROWSER_TEST=required` (as `.ci/run` sets), when it fails.

use crate::env::{TestEnv, TODAY};
use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn tool(env_var: &str, default: &str) -> Option<PathBuf> {
    let path = std::env::var_os(env_var)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(default));
    path.exists().then_some(path)
}

/// Kills a child process when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One WebDriver session.
struct Driver {
    base: String,
}

impl Driver {
    /// A GET that may fail (an element gone stale while a page loads): none then.
    fn try_get(&self, path: &str) -> Option<Value> {
        let url = format!("{}{path}", self.base);
        let r = ureq::get(&url)
            .timeout(Duration::from_secs(60))
            .call()
            .ok()?;
        Some(r.into_json::<Value>().ok()?["value"].take())
    }

    /// Waits (up to ten seconds, across page loads) until an element matching `css` has
    /// a text that `ok` accepts, and returns that text.
    fn wait_text(&self, css: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < Duration::from_secs(10) {
            for e in self.find_all(css) {
                if let Some(t) = self.try_get(&format!("/element/{e}/text")) {
                    last = t.as_str().unwrap_or_default().to_string();
                    if ok(&last) {
                        return last;
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let page = self.try_get("/source").unwrap_or_default();
        panic!("{css} never showed the expected text; last: {last:?}; page: {page}");
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let req = ureq::request(method, &url).timeout(Duration::from_secs(60));
        let result = match body {
            Some(b) => req.send_json(b),
            None => req.call(),
        };
        match result {
            Ok(r) => r.into_json::<Value>().unwrap()["value"].take(),
            Err(ureq::Error::Status(code, r)) => {
                panic!(
                    "{method} {path}: {code} {}",
                    r.into_string().unwrap_or_default()
                )
            }
            Err(e) => panic!("{method} {path}: {e}"),
        }
    }

    fn go(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    fn find_all(&self, css: &str) -> Vec<String> {
        self.call(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        )
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e[ELEMENT].as_str().unwrap().to_string())
        .collect()
    }

    /// The first element matching `css`, waiting up to ten seconds for it.
    fn find(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(e) = self.find_all(css).into_iter().next() {
                return e;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no element {css}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn attr(&self, element: &str, name: &str) -> String {
        self.call("GET", &format!("/element/{element}/attribute/{name}"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn click(&self, element: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn type_into(&self, element: &str, text: &str) {
        self.call(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({ "text": text })),
        );
    }

    fn screenshot(&self, to: &Path) {
        let data = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap())
            .unwrap();
        std::fs::write(to, png).unwrap();
    }
}

#[test]
fn the_dashboard_in_headless_chromium() {
    let required = std::env::var("ECOLEDGER_BROWSER_TEST").as_deref() == Ok("required");
    let (Some(chromium), Some(chromedriver)) = (
        tool("CHROMIUM", "/usr/bin/chromium"),
        tool("CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        assert!(
            !required,
            "ECOLEDGER_BROWSER_TEST=required, but chromium or chromedriver is missing"
        );
        eprintln!("browser test skipped: install Debian's chromium and chromium-driver to run it");
        return;
    };
    let env = TestEnv::new();
    env.ok(&["info"]);
    let shots = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("browser");
    std::fs::create_dir_all(&shots).unwrap();

    // The server, on a free loopback port; its first line says where.
    let server = Command::new(assert_cmd::cargo::cargo_bin("ecoledger"))
        .env_clear()
        .env("HOME", env.dir.path())
        .env("ECOLEDGER_TODAY", TODAY)
        .arg("--db")
        .arg(&env.db)
        .args(["--lang", "en", "serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Running(server);
    let mut lines = BufReader::new(server.0.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches('/')
        .to_string();

    // ChromeDriver, and a session of headless Chromium with a fresh profile.
    let port = free_port();
    let _driver_process = Running(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let driver_url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while ureq::get(&format!("{driver_url}/status")).call().is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = env.dir.path().join("chromium-profile");
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--window-size=1300,1800".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let session = ureq::post(&format!("{driver_url}/session"))
        .timeout(Duration::from_secs(60))
        .send_json(json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.to_str().unwrap(), "args": args}
        }}}))
        .unwrap()
        .into_json::<Value>()
        .unwrap();
    let id = session["value"]["sessionId"].as_str().unwrap().to_string();
    let d = Driver {
        base: format!("{driver_url}/session/{id}"),
    };

    // The overview: the grand total and the category chart equal the command line's.
    d.go(&format!("{url}/"));
    let cli = env.json(&["totals", "--by", "category"]);
    let rows = cli.as_array().unwrap();
    let total_row = rows.iter().find(|r| r["key"] == "total").unwrap();
    let grand = d.find("#grand-total");
    assert_eq!(
        d.attr(&grand, "data-value"),
        total_row["estimate_wan"].to_string()
    );
    assert_eq!(d.text(&grand), "785,341");
    let bars = d.find_all("#chart-category g.bar");
    assert_eq!(bars.len(), 6, "one bar per appendix table");
    for (bar, row) in bars.iter().zip(rows.iter().filter(|r| r["key"] != "total")) {
        assert_eq!(d.attr(bar, "data-value"), row["estimate_wan"].to_string());
    }
    // The chart is drawn: the largest category's bar is the widest on screen.
    let widths: Vec<f64> = d
        .find_all("#chart-category rect")
        .iter()
        .map(|r| {
            d.call("GET", &format!("/element/{r}/rect"), None)["width"]
                .as_f64()
                .unwrap()
        })
        .collect();
    let widest = widths.iter().cloned().fold(0.0, f64::max);
    assert!(widest > 100.0 && widths[4] == widest, "{widths:?}");
    d.screenshot(&shots.join("overview.png"));

    // Sign in, then start and complete A5-04 through the form.
    d.go(&format!("{url}/signin"));
    let name = d.find("#signin-form input[name=name]");
    d.type_into(&name, "张伟");
    d.click(&d.find("#signin-form button[type=submit]"));
    d.wait_text("#user", |t| t == "张伟");
    d.go(&format!("{url}/projects/A5-04"));
    // Each submission loads the project's page again with a one-time notice of the
    // move; wait for that notice (the previous page's may still be there a moment).
    for (verb, to) in [("start", "in progress"), ("complete", "completed")] {
        d.click(&d.find(&format!(
            "#status-form select[name=action] option[value={verb}]"
        )));
        d.click(&d.find("#status-form button[type=submit]"));
        let flash = d.wait_text("#flash", |t| t.ends_with(&format!("→ {to}")));
        assert!(flash.starts_with("A5-04:"), "{verb}: {flash}");
    }
    d.screenshot(&shots.join("project.png"));

    // Import payments: upload the clerk's workbook, see the dry run, confirm.
    d.go(&format!("{url}/import"));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clerk-2024Q3.xlsx");
    d.type_into(
        &d.find("#upload-form input[name=file]"),
        fixture.to_str().unwrap(),
    );
    d.click(&d.find("#upload-form button[type=submit]"));
    let total = d.wait_text("#preview-table tr.strong", |t| t.contains("501.234568"));
    assert!(total.contains('5'), "{total}");
    assert!(d
        .text(&d.find("#preview p.note"))
        .starts_with("dry run: 5 entries"));
    assert!(
        env.csv(&["spending", "list"]).len() == 1,
        "a preview writes nothing"
    );
    d.screenshot(&shots.join("import-preview.png"));
    d.click(&d.find("#confirm-form button[type=submit]"));
    let flash = d.wait_text("#flash", |t| t.starts_with("imported 5 entries"));
    assert!(flash.contains("501.234568 (10k CNY)"), "{flash}");
    d.call("DELETE", "", None);

    // The command line sees it: completed, by 张伟, in the history.
    let show = env.json(&["projects", "show", "A5-04"]);
    assert_eq!(show["status"], "completed", "{show}");
    let history = env.csv(&["history", "A5-04"]);
    let head = &history[0];
    let col = |k: &str| head.iter().position(|h| h == k).unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last[col("actor")].as_str(), last[col("new_value")].as_str()),
        ("张伟", "completed")
    );
    assert!(last[col("recorded_at")].starts_with(TODAY));
    // And the imported entries, under the signed-in name.
    let entries = env.csv(&["spending", "list"]);
    let actor = entries[0].iter().position(|h| h == "actor").unwrap();
    assert_eq!(entries.len(), 6, "{entries:?}");
    assert!(entries[1..].iter().all(|e| e[actor] == "张伟"));

    // Stopped by SIGTERM, the server finishes cleanly.
    let pid = server.0.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    assert!(server.0.wait().unwrap().success());
}

/// What a browser test on a ledger of its own runs on: the server, ChromeDriver and a
/// headless Chromium session (all stopped when dropped).
struct Browser {
    d: Driver,
    url: String,
    _server: Running,
    _driver: Running,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&self.d.base).call();
    }
}

/// Starts `ecoledger serve` on `env`'s ledger and a browser on it; none (and a note)
/// without Chromium, unless the test is required.
fn browser(env: &TestEnv) -> Option<Browser> {
    let required = std::env::var("ECOLEDGER_BROWSER_TEST").as_deref() == Ok("required");
    let (Some(chromium), Some(chromedriver)) = (
        tool("CHROMIUM", "/usr/bin/chromium"),
        tool("CHROMEDRIVER", "/usr/bin/chromedriver"),
    ) else {
        assert!(
            !required,
            "ECOLEDGER_BROWSER_TEST=required, but chromium or chromedriver is missing"
        );
        eprintln!("browser test skipped: install Debian's chromium and chromium-driver to run it");
        return None;
    };
    let server = Command::new(assert_cmd::cargo::cargo_bin("ecoledger"))
        .env_clear()
        .env("HOME", env.dir.path())
        .env("ECOLEDGER_TODAY", TODAY)
        .arg("--db")
        .arg(&env.db)
        .args(["--lang", "en", "serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Running(server);
    let mut lines = BufReader::new(server.0.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .trim_end_matches('/')
        .to_string();
    let port = free_port();
    let driver = Running(
        Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let driver_url = format!("http://127.0.0.1:{port}");
    let start = Instant::now();
    while ureq::get(&format!("{driver_url}/status")).call().is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = env.dir.path().join("chromium-profile");
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--window-size=1300,1800".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let session = ureq::post(&format!("{driver_url}/session"))
        .timeout(Duration::from_secs(60))
        .send_json(json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium.to_str().unwrap(), "args": args}
        }}}))
        .unwrap()
        .into_json::<Value>()
        .unwrap();
    let id = session["value"]["sessionId"].as_str().unwrap().to_string();
    Some(Browser {
        d: Driver {
            base: format!("{driver_url}/session/{id}"),
        },
        url,
        _server: server,
        _driver: driver,
    })
}

impl Browser {
    /// Signs in with a name and a password through the sign-in form.
    fn sign_in(&self, name: &str, password: &str) {
        let d = &self.d;
        d.go(&format!("{}/signin", self.url));
        d.type_into(&d.find("#signin-form input[name=name]"), name);
        d.type_into(&d.find("#signin-form input[name=password]"), password);
        d.click(&d.find("#signin-form button[type=submit]"));
        d.wait_text("#user", |t| t == name);
    }

    fn sign_out(&self) {
        let d = &self.d;
        d.click(&d.find("form[action='/signout'] button"));
        d.wait_text("#signin", |_| true);
    }

    /// The browser's cookies for this server, as a `Cookie` header.
    fn cookie_header(&self) -> String {
        self.d
            .call("GET", "/cookie", None)
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{}={}",
                    c["name"].as_str().unwrap(),
                    c["value"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// A ledger with users, in a real browser: a planner signs in with a password and sees
/// no payment form, and a payment posted with the planner's own session and CSRF token
/// anyway is refused with 403; a finance user sees the payment form and pays.
#[test]
fn the_dashboard_with_passwords_and_roles_in_headless_chromium() {
    let env = crate::users::with_users();
    let Some(b) = browser(&env) else {
        return;
    };
    let d = &b.d;
    let shots = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("browser");
    std::fs::create_dir_all(&shots).unwrap();

    // The planner: the status form, no payment form.
    b.sign_in("planner1", &crate::users::password("planner1"));
    d.go(&format!("{}/projects/A5-04", b.url));
    let csrf = d.attr(&d.find("#status-form input[name=csrf]"), "value");
    assert!(
        d.find_all("#payment-form").is_empty(),
        "no payment form for a planner"
    );
    d.screenshot(&shots.join("planner.png"));
    // A payment forged with the planner's session and token: 403, nothing written.
    let before = env.dump();
    let forged = ureq::post(&format!("{}/projects/A5-04/payments", b.url))
        .set("Cookie", &b.cookie_header())
        .set("Content-Type", "application/x-www-form-urlencoded")
        .send_string(&format!("csrf={csrf}&amount=5"));
    match forged {
        Err(ureq::Error::Status(code, _)) => assert_eq!(code, 403),
        other => panic!(
            "a forged payment was not refused: {:?}",
            other.map(|r| r.status())
        ),
    }
    assert_eq!(env.dump(), before);
    // The planner's own duty works.
    d.click(&d.find("#status-form select[name=action] option[value=start]"));
    d.click(&d.find("#status-form button[type=submit]"));
    d.wait_text("#flash", |t| t.ends_with("→ in progress"));
    b.sign_out();

    // Finance: the payment form, no status form; the payment is recorded under the name.
    b.sign_in("finance2", &crate::users::password("finance2"));
    d.go(&format!("{}/projects/A5-04", b.url));
    assert!(
        d.find_all("#status-form").is_empty(),
        "no status form for finance"
    );
    d.type_into(&d.find("#payment-form input[name=amount]"), "7.5");
    d.click(&d.find("#payment-form button[type=submit]"));
    d.wait_text("#flash", |t| t.starts_with("entry "));
    d.screenshot(&shots.join("finance.png"));
    let entries = env.records(&["spending", "list", "--project", "A5-04"]);
    let paid = entries.iter().find(|e| &e["amount_wan"] == "7.5").unwrap();
    assert_eq!(&paid["actor"], "finance2");
    let h = env.records(&["history", "--by", "planner1"]);
    assert_eq!(&h.last().unwrap()["signed_in"], "password");
}
