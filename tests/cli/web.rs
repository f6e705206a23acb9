//! The web dashboard's handlers, driven through the real router on a real ledger file:
//! every page, every form, the token, the Host check, CSRF, read-only mode and escaping.
//! What a form changes is checked with the real binary afterwards.

use crate::env::{TestEnv, TODAY};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use ecoledger::i18n::{self, Lang};
use ecoledger::render::html::url_encode;
use ecoledger::web::guard::Session;
use ecoledger::web::{self, App, Settings};
use http_body_util::BodyExt;
use std::collections::BTreeMap;
use std::sync::Arc;
use tower::ServiceExt;

/// A browser in miniature: the router, a cookie jar, and the last page's CSRF token.
/// Browsers on one server share its ledger ([`Client::another`]).
pub(crate) struct Client {
    pub(crate) env: Arc<TestEnv>,
    pub(crate) app: App,
    pub(crate) jar: BTreeMap<String, String>,
    pub(crate) csrf: String,
    pub(crate) host: String,
}

pub(crate) struct Page {
    pub(crate) status: StatusCode,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Page {
    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8 page")
    }
    pub(crate) fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

pub(crate) fn settings(env: &TestEnv, read_only: bool, token: Option<&str>) -> Settings {
    Settings {
        db: env.db.clone(),
        lang: Lang::En,
        today: Some(TODAY.to_string()),
        read_only,
        token: token.map(str::to_string),
        addr: "127.0.0.1:8080".parse().unwrap(),
        session_timeout: std::time::Duration::from_secs(1800),
    }
}

impl Client {
    fn new() -> Client {
        Client::with(false, None)
    }

    fn with(read_only: bool, token: Option<&str>) -> Client {
        let env = TestEnv::seeded();
        let app = App::new(settings(&env, read_only, token)).unwrap();
        Client::on(env, app, "127.0.0.1:8080")
    }

    pub(crate) fn on(env: TestEnv, app: App, host: &str) -> Client {
        Client {
            env: Arc::new(env),
            app,
            jar: BTreeMap::new(),
            csrf: String::new(),
            host: host.to_string(),
        }
    }

    /// Another browser on the same server and ledger: its own cookies, its own session.
    pub(crate) fn another(&self) -> Client {
        Client {
            env: Arc::clone(&self.env),
            app: self.app.clone(),
            jar: BTreeMap::new(),
            csrf: String::new(),
            host: self.host.clone(),
        }
    }

    pub(crate) fn send(&mut self, req: Request<Body>) -> Page {
        let router = web::router(self.app.clone());
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let response = rt.block_on(router.oneshot(req)).unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = rt
            .block_on(response.into_body().collect())
            .unwrap()
            .to_bytes()
            .to_vec();
        for v in headers.get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            let (pair, _) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=').unwrap();
            if val.is_empty() {
                self.jar.remove(k);
            } else {
                self.jar.insert(k.to_string(), val.to_string());
            }
        }
        let page = Page {
            status,
            headers,
            body,
        };
        if let Ok(text) = std::str::from_utf8(&page.body) {
            if let Some(at) = text.find("name=\"csrf\" value=\"") {
                let rest = &text[at + 19..];
                self.csrf = rest[..rest.find('"').unwrap()].to_string();
            }
        }
        page
    }

    pub(crate) fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let cookies: Vec<String> = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, &self.host);
        if !cookies.is_empty() {
            b = b.header(header::COOKIE, cookies.join("; "));
        }
        b
    }

    pub(crate) fn get(&mut self, path: &str) -> Page {
        let req = self.request("GET", path).body(Body::empty()).unwrap();
        self.send(req)
    }

    /// Posts a form with this session's CSRF token added.
    pub(crate) fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.csrf.clone();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all)
    }

    /// Posts a form with `token` as its CSRF token (none: the form has no token field).
    fn post_token(&mut self, path: &str, token: Option<&str>, fields: &[(&str, &str)]) -> Page {
        let mut all: Vec<(&str, &str)> = token.map(|t| ("csrf", t)).into_iter().collect();
        all.extend_from_slice(fields);
        self.post_raw(path, &all)
    }

    pub(crate) fn post_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", url_encode(v)))
            .collect();
        let req = self
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.join("&")))
            .unwrap();
        self.send(req)
    }

    /// Posts a multipart form (as a browser's file upload does) with `fields` and one
    /// file.
    pub(crate) fn upload(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: (&str, &[u8]),
    ) -> Page {
        let boundary = "----ecoledger-test-boundary";
        let mut body = Vec::new();
        for (k, v) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                file.0
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.1);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = self
            .request("POST", path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.send(req)
    }

    fn sign_in(&mut self, name: &str) {
        self.get("/signin");
        let p = self.post("/signin", &[("name", name)]);
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
        assert!(self.jar.contains_key("ecoledger_user_8080"));
    }
}

/// One chart bar as the page draws it: its data-value and its label.
#[derive(Debug)]
struct Bar {
    value: String,
    label: String,
}

/// Every chart bar in `chart`, by key.
fn bars(html: &str, chart: &str) -> BTreeMap<String, Bar> {
    let start = html.find(&format!("id=\"{chart}\"")).expect("chart");
    let end = start + html[start..].find("</svg>").unwrap();
    html[start..end]
        .split("<g class=\"bar\" ")
        .skip(1)
        .map(|g| {
            let key = g
                .split("data-key=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let value = g
                .split("data-value=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let label = g
                .split("text-anchor=\"end\">")
                .nth(1)
                .unwrap()
                .split("</text>")
                .next()
                .unwrap();
            (
                key.to_string(),
                Bar {
                    value: value.to_string(),
                    label: label.to_string(),
                },
            )
        })
        .collect()
}

/// Every body row of each report table in `html`, by the table's id: the text of the
/// row's first cell, and whether the row is set in bold (`tr class="strong"`).
fn table_rows(html: &str) -> BTreeMap<String, Vec<(String, bool)>> {
    html.split("<table class=\"report\" id=\"")
        .skip(1)
        .map(|t| {
            let id = t.split('"').next().unwrap().to_string();
            let body = &t[t.find("<tbody>").unwrap()..t.find("</tbody>").unwrap()];
            let rows = body
                .split("<tr")
                .skip(1)
                .map(|r| {
                    let cell = r.split("<td").nth(1).unwrap_or("");
                    let cell = cell.split("</td>").next().unwrap();
                    // The cell's text without its markup (a link, the cell's own tag).
                    let mut text = String::new();
                    let mut in_tag = true;
                    for ch in cell.chars() {
                        match ch {
                            '<' => in_tag = true,
                            '>' => in_tag = false,
                            _ if !in_tag => text.push(ch),
                            _ => {}
                        }
                    }
                    (text, r.starts_with(" class=\"strong\""))
                })
                .collect();
            (id, rows)
        })
        .collect()
}

/// Every report table in `html` sets its total and subtotal rows in bold, and only them;
/// each table of `totalled` has a total row.
#[track_caller]
fn assert_totals_in_bold(html: &str, totalled: &[&str]) {
    let tables = table_rows(html);
    let words = [i18n::TOTAL, i18n::ROW_SUBTOTAL];
    for (id, rows) in &tables {
        for (first, strong) in rows {
            let total = words.iter().any(|w| first == w.en || first == w.zh);
            assert_eq!(*strong, total, "{id}: the row of {first:?}");
        }
    }
    for id in totalled {
        let rows = tables.get(*id).unwrap_or_else(|| panic!("no table {id}"));
        assert!(rows.last().is_some_and(|r| r.1), "{id}: {rows:?}");
    }
}

/// Text as the page writes it: askama turns the markup characters into numeric entities.
fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&#38;".to_string(),
            '<' => "&#60;".to_string(),
            '>' => "&#62;".to_string(),
            '"' => "&#34;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// The text of the `<p>` with this id, as written in the page: `message` on a page that
/// says one thing, `error` on a page whose form or filter was refused.
fn alert(html: &str, id: &str) -> Option<String> {
    let start = html.find(&format!("id=\"{id}\""))?;
    let open = start + html[start..].find('>')? + 1;
    let close = open + html[open..].find("</p>")?;
    Some(html[open..close].to_string())
}

/// The refusal an error page shows, which must be `expected` (plain text) exactly.
#[track_caller]
fn assert_message(page: &Page, status: StatusCode, expected: &str) {
    let html = page.text();
    assert_eq!(page.status, status, "{html}");
    assert_eq!(
        alert(&html, "message").as_deref(),
        Some(escaped(expected).as_str()),
        "{html}"
    );
}

/// The "N projects shown" count of the project list.
fn count(html: &str) -> usize {
    let before = "<p id=\"count\"><b>";
    let start = html.find(before).expect("count") + before.len();
    let end = start + html[start..].find("</b>").unwrap();
    html[start..end].parse().expect("a number")
}

/// The project ids the project list shows, in its order.
fn listed_ids(html: &str) -> Vec<String> {
    let start = html.find("id=\"projects\"").expect("projects table");
    html[start..]
        .split("<tr><td><a href=\"/projects/")
        .skip(1)
        .map(|row| row[..row.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn overview_shows_the_clis_totals_as_charts() {
    let mut c = Client::new();
    // A completed project is not overdue, though its schedule has ended.
    c.env.ok(&["start", "A1-01", "--date", "2024-01-10"]);
    c.env.ok(&["complete", "A1-01", "--date", "2024-06-10"]);
    let p = c.get("/");
    assert_eq!(p.status, StatusCode::OK);
    let html = p.text();
    assert!(html.contains("data-value=\"785341\""), "grand total");
    let cli = c.env.json(&["totals", "--by", "category"]);
    let rows = cli.as_array().unwrap();
    let by_cat = bars(&html, "chart-category");
    assert_eq!(by_cat.len(), 6);
    for (i, row) in rows.iter().filter(|r| r["key"] != "total").enumerate() {
        let bar = &by_cat[&(i + 1).to_string()];
        assert_eq!(
            bar.value,
            row["estimate_wan"].to_string(),
            "category {}",
            i + 1
        );
        assert_eq!(
            bar.label,
            row["key"].as_str().unwrap(),
            "category {}",
            i + 1
        );
    }
    let years = c.env.json(&["totals", "--by", "year"]);
    let by_year = bars(&html, "chart-year");
    for row in years
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["key"] != "total")
    {
        let key = row["key"].to_string().trim_matches('"').to_string();
        assert_eq!(
            by_year[&key].value,
            row["estimate_wan"].to_string(),
            "year {key}"
        );
    }
    // Status counts, overdue projects (2026: the seed's schedules end by 2025) and the
    // quarter's execution rate are there.
    assert!(html.contains("id=\"status-table\""));
    assert!(html.contains("id=\"overdue-table\""));
    // The overdue list stops at 20 (the page must not grow with the ledger), says how
    // many there are — as many as `projects list --overdue` lists — and links to them all.
    let overdue = c.env.records(&["projects", "list", "--overdue"]);
    assert!(
        overdue.len() > 20,
        "the seed at {TODAY} has {}",
        overdue.len()
    );
    assert!(overdue.iter().all(|r| &r["id"] != "A1-01"), "completed");
    let from = html.find("id=\"overdue-table\"").expect("overdue table");
    let table = &html[from..from + html[from..].find("</table>").expect("its end")];
    assert_eq!(table.matches("<tr").count(), 1 + 20, "a header and 20 rows");
    for r in &overdue[..20] {
        assert!(
            table.contains(&format!("href=\"/projects/{}\"", &r["id"])),
            "{}",
            &r["id"]
        );
    }
    assert!(!table.contains(&format!("/projects/{}\"", &overdue[20]["id"])));
    assert!(html.contains(&format!(
        "{} projects are overdue; the first 20 are listed",
        overdue.len()
    )));
    assert!(html.contains("<a href=\"/projects?overdue=1\">all overdue projects</a>"));
    let all = c.get("/projects?overdue=1").text();
    for r in &overdue {
        assert!(
            all.contains(&format!("href=\"/projects/{}\"", &r["id"])),
            "{}",
            &r["id"]
        );
    }
    assert!(html.contains("2026Q4"));
    // Security headers on every page.
    let csp = p.headers.get(header::CONTENT_SECURITY_POLICY).unwrap();
    assert!(csp.to_str().unwrap().starts_with("default-src 'none'"));
    assert!(c.jar.contains_key("ecoledger_session_8080"));
}

#[test]
fn overview_in_chinese() {
    let env = TestEnv::seeded();
    let mut s = settings(&env, false, None);
    s.lang = Lang::Zh;
    let mut c = Client::on(env, App::new(s).unwrap(), "localhost:8080");
    let html = c.get("/").text();
    assert!(html.contains("<html lang=\"zh-CN\">"));
    assert!(html.contains("生态人居建设"));
    assert!(html.contains("按类别投资估算"));
}

/// A Chinese dashboard refuses, confirms and warns in Chinese, names a refused form
/// field by its label, and shows the history's actions and statuses as words.
#[test]
fn a_chinese_dashboard_refuses_confirms_and_warns_in_chinese() {
    let env = TestEnv::seeded();
    let mut s = settings(&env, false, None);
    s.lang = Lang::Zh;
    let mut c = Client::on(env, App::new(s).unwrap(), "localhost:8080");
    c.sign_in("张伟");
    c.get("/projects/A5-04");
    let p = c.post("/projects/A5-04/payments", &[("amount", "abc")]);
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        alert(&p.text(), "error").as_deref(),
        Some(
            escaped(
                "金额（万元）：“abc”不是以万元为单位的普通小数（数字，最多一个小数点，如 1200.5）"
            )
            .as_str()
        )
    );
    let p = c.post(
        "/projects/A5-04/status",
        &[("action", "start"), ("date", "2023-03-01")],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let html = c.get("/projects/A5-04").text();
    assert_eq!(
        alert(&html, "flash").as_deref(),
        Some(escaped("A5-04：储备 → 实施中").as_str())
    );
    assert!(
        html.contains("开工") && html.contains("实施中"),
        "history in words"
    );
    assert!(!html.contains("in_progress"), "no code on the page");
    let p = c.post(
        "/projects/A5-04/payments",
        &[("amount", "334001"), ("date", "2024-04-01")],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let page = c.get("/projects/A5-04").text();
    let flash = alert(&page, "flash").unwrap();
    assert!(
        flash.starts_with(
            "支出记录 1：A5-04 2024-04-01 334,001 万元 — 警告：A5-04：支出将达到 334,001 万元"
        ),
        "{flash}"
    );
    // Under the payments, their count and total, as `spending list` says them.
    assert!(
        page.contains(&escaped("1 条，合计（万元）：334,001")),
        "{page}"
    );
    let missing = c.get("/projects/A9-99");
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        alert(&missing.text(), "message")
            .unwrap()
            .starts_with(&escaped("未知项目编号“A9-99”")),
        "{}",
        missing.text()
    );
    let nowhere = c.get("/nowhere");
    assert_eq!(
        alert(&nowhere.text(), "message").as_deref(),
        Some("页面不存在")
    );
}

#[test]
fn project_list_filters_sorts_and_links() {
    let mut c = Client::new();
    let html = c.get("/projects").text();
    assert_eq!(count(&html), 68);
    assert_eq!(listed_ids(&html).len(), 68);
    // Each filter shows exactly the command line's projects, counted and listed.
    for (query, args) in [
        ("category=5", &["--category", "5"][..]),
        ("search=%E6%B8%9D%E8%A5%BF", &["--search", "渝西"][..]),
        (
            "department=%E5%8C%BA%E6%B0%B4%E5%88%A9%E5%B1%80&year=2024",
            &["--department", "区水利局", "--year", "2024"][..],
        ),
    ] {
        let html = c.get(&format!("/projects?{query}")).text();
        let mut all = vec!["projects", "list"];
        all.extend_from_slice(args);
        let cli: Vec<String> = c
            .env
            .records(&all)
            .iter()
            .map(|r| r["id"].to_string())
            .collect();
        assert_eq!(count(&html), cli.len(), "{query}");
        assert_eq!(listed_ids(&html), cli, "{query}");
    }
    let html = c.get("/projects?category=5").text();
    assert_eq!(count(&html), 22);
    assert!(listed_ids(&html).iter().all(|id| id.starts_with("A5-")));
    let html = c
        .get("/projects?category=5&sort=estimate_wan&dir=desc")
        .text();
    assert_eq!(count(&html), 22);
    assert_eq!(listed_ids(&html)[0], "A5-04", "largest first");
    let html = c.get("/projects?search=%E6%B8%9D%E8%A5%BF").text(); // 渝西
    assert_eq!(listed_ids(&html), ["A5-04", "A5-08"]);
    let html = c.get("/projects?status=completed").text();
    assert_eq!(count(&html), 0);
    assert!(listed_ids(&html).is_empty());
}

#[test]
fn a_bad_filter_says_what_the_cli_says() {
    let mut c = Client::new();
    let p = c.get("/projects?year=20x4");
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    let (_, _, err) = c.env.run(&["projects", "list", "--year", "20x4"]);
    let cli_problem = err.trim().split_once("--year: ").unwrap().1.to_string();
    let html = p.text();
    let shown = alert(&html, "error").expect("an error on the page");
    assert!(
        shown.ends_with(&format!(": {}", escaped(&cli_problem))),
        "{cli_problem} in {shown}"
    );
    let p = c.get("/projects?category=9");
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("unknown category"));
}

#[test]
fn project_page_has_fields_plan_spending_and_history() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    c.env.ok(&[
        "spend",
        "A5-04",
        "1200.5",
        "--date",
        "2024-05-10",
        "--voucher",
        "记-1",
    ]);
    let p = c.get("/projects/a5-04");
    assert_eq!(p.status, StatusCode::OK);
    let html = p.text();
    assert!(html.contains("渝西水资源配置工程"));
    assert!(html.contains("334,000"));
    assert!(html.contains("区水利局"));
    assert!(html.contains("1,200.5"), "spending");
    assert!(html.contains("记-1"));
    assert!(html.contains("id=\"history\""));
    // History shows the status change by its labels (`started`: the action; the
    // status itself `planned` → `in progress`).
    assert!(html.contains("started"), "history shows the status change");
    // Not signed in: no forms, a way to sign in.
    assert!(!html.contains("id=\"status-form\""));
    assert!(html.contains("href=\"/signin\""));
}

#[test]
fn an_unknown_project_is_not_found_with_the_clis_message() {
    let mut c = Client::new();
    let p = c.get("/projects/A9-99");
    let (_, _, err) = c.env.run(&["projects", "show", "A9-99"]);
    let cli = err.trim().strip_prefix("ecoledger: ").unwrap();
    assert!(cli.starts_with("unknown project id 'A9-99'"), "{cli}");
    assert_message(&p, StatusCode::NOT_FOUND, cli);
    assert_eq!(c.get("/no/such/page").status, StatusCode::NOT_FOUND);
}

#[test]
fn reports_page_and_downloads_are_the_clis_bytes() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    c.env
        .ok(&["spend", "A5-04", "1200.5", "--date", "2024-05-10"]);
    let html = c.get("/reports?quarter=2024Q2").text();
    assert!(html.contains("id=\"quarterly\""));
    assert!(html.contains("1,200.5"));
    assert!(html.contains("href=\"/reports/quarterly/2024Q2.csv\""));
    let csv = c.get("/reports/quarterly/2024Q2.csv");
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let cli = c
        .env
        .cmd()
        .args([
            "--lang",
            "en",
            "report",
            "quarterly",
            "2024Q2",
            "--format",
            "csv",
            "--bom",
        ])
        .output()
        .unwrap();
    assert_eq!(csv.body, cli.stdout, "same bytes as the CLI");
    let xlsx = c.get("/reports/quarterly/2024Q2.xlsx");
    assert_eq!(xlsx.status, StatusCode::OK);
    let out = c.env.dir.path().join("q.xlsx");
    c.env.ok(&[
        "--lang",
        "en",
        "report",
        "quarterly",
        "2024Q2",
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        xlsx.body,
        std::fs::read(&out).unwrap(),
        "same workbook as the CLI"
    );
    // The current quarter by default; a year or nonsense is refused clearly.
    assert!(c.get("/reports").text().contains("2026Q4"));
    let p = c.get("/reports?quarter=2024");
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("is a year"));
    assert_eq!(
        c.get("/reports/quarterly/2024Q5.csv").status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.get("/reports/quarterly/2024Q2.pdf").status,
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn reconcile_page_is_green_or_red() {
    let mut c = Client::new();
    let html = c.get("/reconcile").text();
    assert!(html.contains("class=\"result ok\""));
    assert!(html.contains("all checks passed"));
    // A plan figure edited behind the ledger's back (another client, the guard dropped)
    // no longer matches its table's stated subtotal: red, as `reconcile` exits 1.
    c.env
        .sqlite()
        .execute_batch(
            "DROP TRIGGER project_version_no_update;
             UPDATE project_version SET estimate_yuan = estimate_yuan + 1 WHERE project_id = 'A1-05';",
        )
        .unwrap();
    assert_eq!(c.env.run(&["reconcile"]).0, 1);
    let html = c.get("/reconcile").text();
    assert!(html.contains("class=\"result bad\""), "{html}");
}

#[test]
fn status_form_records_like_the_cli_under_the_signed_in_name() {
    let mut c = Client::new();
    c.sign_in("张伟");
    let html = c.get("/projects/A5-04").text();
    assert!(html.contains("id=\"status-form\""));
    let p = c.post(
        "/projects/A5-04/status",
        &[("action", "start"), ("date", "2023-03-01")],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    assert_eq!(p.location(), "/projects/A5-04");
    let html = c.get("/projects/A5-04").text();
    assert!(html.contains("id=\"flash\""), "a notice after the change");
    let p = c.post(
        "/projects/A5-04/status",
        &[("action", "complete"), ("note", "竣工验收")],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let show = c.env.json(&["projects", "show", "A5-04"]);
    assert_eq!(show["status"], "completed", "{show}");
    let history = c.env.csv(&["history", "A5-04"]);
    let header = &history[0];
    let actor = header.iter().position(|h| h == "actor").unwrap();
    let new = header.iter().position(|h| h == "new_value").unwrap();
    let last = history.last().unwrap();
    assert_eq!(last[actor], "张伟");
    assert_eq!(last[new], "completed");
}

#[test]
fn a_refused_status_change_shows_the_clis_message_and_changes_nothing() {
    let mut c = Client::new();
    c.sign_in("张伟");
    c.get("/projects/A5-04");
    let before = c.env.dump();
    let p = c.post("/projects/A5-04/status", &[("action", "complete")]);
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    let (_, _, cli) = c.env.run(&["complete", "A5-04"]);
    let message = cli.trim().trim_start_matches("ecoledger: ");
    assert!(p.text().contains(message), "{message}");
    let p = c.post(
        "/projects/A5-04/status",
        &[("action", "cancel"), ("note", "kept")],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("--reason is required"));
    assert!(p.text().contains("value=\"kept\""), "what was typed stays");
    let p = c.post(
        "/projects/A5-04/status",
        &[("action", "start"), ("date", "2027-01-01")],
    );
    assert!(p.text().contains("is in the future"));
    let p = c.post("/projects/A5-04/status", &[("action", "explode")]);
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        c.post("/projects/A9-99/status", &[("action", "start")])
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(c.env.dump(), before);
}

#[test]
fn payment_form_records_a_payment_and_refuses_bad_amounts() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    c.sign_in("李娜");
    c.get("/projects/A5-04");
    let p = c.post(
        "/projects/A5-04/payments",
        &[
            ("amount", "1200.5"),
            ("date", "2024-05-10"),
            ("voucher", "记-2024-0518"),
        ],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let entries = c.env.csv(&["spending", "list", "--project", "A5-04"]);
    assert_eq!(entries.len(), 2, "{entries:?}");
    let header = &entries[0];
    let at = |k: &str| header.iter().position(|h| h == k).unwrap();
    assert_eq!(entries[1][at("amount_wan")], "1200.5");
    assert_eq!(entries[1][at("voucher")], "记-2024-0518");
    assert_eq!(entries[1][at("actor")], "李娜");
    let html = c.get("/projects/A5-04").text();
    assert!(html.contains("1,200.5"));

    let before = c.env.dump();
    for (amount, message) in [
        (
            "12.3456789",
            "amount (10k CNY): '12.3456789' has more than 6 decimals; payments are exact to 1 fen (0.000001 × 10k CNY), never rounded",
        ),
        (
            "-5",
            "amount (10k CNY): '-5': a payment must be positive; correct a payment with --reverse",
        ),
        (
            "1,200",
            "amount (10k CNY): '1,200' is not a plain decimal number of 10k CNY (digits, one optional '.', e.g. 1200.5)",
        ),
        ("", "amount (10k CNY): empty amount"),
    ] {
        let p = c.post("/projects/A5-04/payments", &[("amount", amount)]);
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{amount}");
        let text = p.text();
        assert_eq!(
            alert(&text, "error").as_deref(),
            Some(escaped(message).as_str()),
            "{amount}: {text}"
        );
        assert!(
            text.contains(&format!("value=\"{amount}\"")),
            "typed amount kept"
        );
    }
    assert_eq!(c.env.dump(), before, "nothing written");
}

#[test]
fn overspend_stop_refuses_a_payment_form_above_the_estimate() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    c.env.ok(&["config", "overspend", "stop"]);
    c.sign_in("李娜");
    c.get("/projects/A5-04");
    let pay = |c: &mut Client, amount: &str, voucher: &str| {
        c.post(
            "/projects/A5-04/payments",
            &[
                ("amount", amount),
                ("date", "2024-06-10"),
                ("voucher", voucher),
            ],
        )
    };
    // A5-04 is estimated at 334,000 万元: 300,000 paid leaves 34,000.
    let p = pay(&mut c, "300000", "记-1");
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let before = c.env.dump();
    let p = pay(&mut c, "34000.0001", "记-2");
    let html = p.text();
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{html}");
    assert_eq!(c.env.dump(), before, "nothing written");
    // The command line's words for the same payment.
    let (code, _, err) = c.env.run(&[
        "spend",
        "A5-04",
        "34000.0001",
        "--date",
        "2024-06-10",
        "--voucher",
        "记-2",
    ]);
    assert_eq!(code, 2, "{err}");
    let cli = err.trim().strip_prefix("ecoledger: ").unwrap();
    assert!(
        cli.starts_with("A5-04: spending would reach 334,000.0001 (10k CNY)")
            && cli.ends_with("the ledger is set to refuse overspending"),
        "{cli}"
    );
    assert_eq!(
        alert(&html, "error").as_deref(),
        Some(escaped(cli).as_str()),
        "{html}"
    );
    assert!(html.contains("value=\"34000.0001\""), "typed amount kept");
    // Up to the estimate exactly is within it; not one 元 more.
    let p = pay(&mut c, "34000", "记-2");
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let html = c.get("/projects/A5-04").text();
    let notice = alert(&html, "flash").expect("a notice");
    assert!(!notice.contains("warning"), "{notice}");
    let before = c.env.dump();
    let p = pay(&mut c, "0.0001", "记-3");
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.text());
    assert!(alert(&p.text(), "error")
        .unwrap()
        .ends_with("the ledger is set to refuse overspending"));
    assert_eq!(c.env.dump(), before, "nothing written");
    let entries = c.env.records(&["spending", "list", "--project", "A5-04"]);
    let amounts: Vec<_> = entries.iter().map(|e| e.dec("amount_wan")).collect();
    assert_eq!(amounts, [300000.into(), 34000.into()]);
    assert!(entries.iter().all(|e| &e["actor"] == "李娜"));
}

#[test]
fn web_and_command_line_payments_race_and_each_is_recorded_once() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Barrier;
    const BROWSERS: usize = 3;
    // Each browser pays at least this many times, and goes on while the binary writes.
    const AT_LEAST: usize = 5;
    const AT_MOST: usize = 200;
    const CLI: usize = 12;
    /// Tells the browsers the binary is done, even when the binary's side fails.
    struct Done(Arc<AtomicBool>);
    impl Drop for Done {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    let c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    let go = Arc::new(Barrier::new(BROWSERS + 1));
    let cli_done = Arc::new(AtomicBool::new(false));
    let browsers: Vec<_> = (0..BROWSERS)
        .map(|b| {
            // Each browser its own session and name, on the same server and ledger file.
            let mut w = c.another();
            w.sign_in(&format!("web-{b}"));
            w.get("/projects/A5-04");
            let (go, cli_done) = (Arc::clone(&go), Arc::clone(&cli_done));
            std::thread::spawn(move || {
                go.wait();
                let mut vouchers = Vec::new();
                while vouchers.len() < AT_LEAST
                    || (!cli_done.load(Ordering::SeqCst) && vouchers.len() < AT_MOST)
                {
                    let voucher = format!("web-{b}-{}", vouchers.len());
                    let p = w.post(
                        "/projects/A5-04/payments",
                        &[
                            ("amount", "1.5"),
                            ("date", "2024-05-10"),
                            ("voucher", &voucher),
                        ],
                    );
                    assert_eq!(p.status, StatusCode::SEE_OTHER, "{voucher}: {}", p.text());
                    vouchers.push(voucher);
                }
                vouchers
            })
        })
        .collect();
    let mut expected = Vec::new();
    {
        let _done = Done(Arc::clone(&cli_done));
        go.wait();
        for i in 0..CLI {
            let voucher = format!("cli-{i}");
            c.env.ok(&[
                "spend",
                "A5-04",
                "2",
                "--date",
                "2024-05-11",
                "--voucher",
                &voucher,
            ]);
            expected.push(voucher);
        }
    }
    for b in browsers {
        expected.extend(b.join().expect("a browser's payment failed"));
    }
    let web = expected.len() - CLI;
    assert!(web >= BROWSERS * AT_LEAST);

    // Every payment listed, each exactly once, with its own amount and actor.
    let mut entries = c.env.records(&["spending", "list"]);
    entries.sort_by_key(|e| e["entry"].parse::<u64>().unwrap());
    assert_eq!(entries.len(), web + CLI, "{web} web + {CLI} command-line");
    let mut listed: Vec<&str> = entries.iter().map(|e| &e["voucher"]).collect();
    listed.sort_unstable();
    expected.sort_unstable();
    assert_eq!(listed, expected, "each payment exactly once");
    for e in &entries {
        let voucher = &e["voucher"];
        let (amount, actor) = match voucher.strip_prefix("cli-") {
            Some(_) => ("2", "tester".to_string()),
            None => ("1.5", voucher[..voucher.rfind('-').unwrap()].to_string()),
        };
        assert_eq!(e.dec("amount_wan"), crate::env::dec(amount), "{voucher}");
        assert_eq!(e["actor"], actor, "{voucher}");
    }
    // They did race: browsers' payments landed between the binary's first and last.
    let cli_at: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i]["voucher"].starts_with("cli-"))
        .collect();
    let between = (cli_at[0]..cli_at[CLI - 1])
        .filter(|&i| entries[i]["voucher"].starts_with("web-"))
        .count();
    assert!(
        between > 0,
        "no web payment between the binary's first and last"
    );
    let (code, out, err) = c.env.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn forms_need_a_genuine_session_and_a_name() {
    let mut c = Client::new();
    c.get("/projects/A5-04");
    let before = c.env.dump();
    let expired = i18n::FORM_EXPIRED.en;
    // Neither signed in nor holding a token (no page showed this session a form): the
    // token is checked first. The sign-in check has its own test with a genuine token.
    assert_eq!(c.csrf, "");
    let p = c.post("/projects/A5-04/status", &[("action", "start")]);
    assert_message(&p, StatusCode::FORBIDDEN, expired);
    c.sign_in("张伟");
    // A forged or missing CSRF token.
    let p = c.post_raw(
        "/projects/A5-04/status",
        &[
            ("csrf", "0123456789abcdef0123456789abcdef"),
            ("action", "start"),
        ],
    );
    assert_message(&p, StatusCode::FORBIDDEN, expired);
    let p = c.post_raw("/projects/A5-04/status", &[("action", "start")]);
    assert_message(&p, StatusCode::FORBIDDEN, expired);
    // Another site's page posting with the right token still fails on its Origin.
    let csrf = c.csrf.clone();
    let req = c
        .request("POST", "/projects/A5-04/status")
        .header(header::ORIGIN, "http://evil.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf={csrf}&action=start")))
        .unwrap();
    assert_message(&c.send(req), StatusCode::FORBIDDEN, expired);
    // Changes are POST only.
    assert_eq!(
        c.get("/projects/A5-04/status").status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(c.env.dump(), before);
    // A bad name is refused at sign-in.
    c.get("/signin");
    let p = c.post("/signin", &[("name", "   ")]);
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    // Signing out forgets the name.
    c.get("/");
    let p = c.post("/signout", &[]);
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert!(!c.jar.contains_key("ecoledger_user_8080"));
}

#[test]
fn a_genuine_form_without_a_signed_in_name_is_refused_for_the_name() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    // The sign-in page gives this session its token; nobody has signed in.
    c.get("/signin");
    assert!(!c.csrf.is_empty());
    assert!(!c.jar.contains_key("ecoledger_user_8080"));
    let before = c.env.dump();
    let status = [("action", "complete"), ("date", "2024-06-30")];
    let payment = [
        ("amount", "1.5"),
        ("date", "2024-05-10"),
        ("voucher", "记-1"),
    ];
    let need = i18n::NEED_SIGN_IN.en;
    let refused = |c: &mut Client, how: &str| {
        let p = c.post("/projects/A5-04/status", &status);
        assert_message(&p, StatusCode::FORBIDDEN, need);
        let p = c.post("/projects/A5-04/payments", &payment);
        assert_message(&p, StatusCode::FORBIDDEN, need);
        assert_eq!(c.env.dump(), before, "{how}: nothing written");
    };
    refused(&mut c, "never signed in");
    // Signed in and out again: the session and its token stay, the name is gone.
    c.sign_in("张伟");
    let p = c.post("/signout", &[]);
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert!(!c.jar.contains_key("ecoledger_user_8080"));
    refused(&mut c, "signed out");
    // A name cookie this server did not sign is no name either.
    c.jar.insert(
        "ecoledger_user_8080".into(),
        "0123456789abcdef|mallory".into(),
    );
    refused(&mut c, "unsigned name cookie");
    // With a name the very same forms and token are accepted.
    c.jar.remove("ecoledger_user_8080");
    c.sign_in("张伟");
    let p = c.post("/projects/A5-04/status", &status);
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let p = c.post("/projects/A5-04/payments", &payment);
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let entries = c.env.records(&["spending", "list"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(&entries[0]["actor"], "张伟");
}

#[test]
fn a_token_from_another_session_is_refused() {
    let mut a = Client::new();
    a.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    a.sign_in("张伟");
    a.get("/projects/A5-04");
    // A second browser on the same server, signed in under its own name.
    let mut b = a.another();
    b.sign_in("李娜");
    b.get("/projects/A5-04");
    assert_ne!(
        a.jar["ecoledger_session_8080"],
        b.jar["ecoledger_session_8080"]
    );
    assert_ne!(a.csrf, b.csrf, "each session has its own token");
    let before = a.env.dump();
    let stolen = a.csrf.clone();
    let expired = i18n::FORM_EXPIRED.en;
    let status = [("action", "complete"), ("date", "2024-06-30")];
    let payment = [("amount", "1.5"), ("date", "2024-05-10")];
    // B's cookies with A's token.
    for (path, fields) in [
        ("/projects/A5-04/status", &status[..]),
        ("/projects/A5-04/payments", &payment[..]),
    ] {
        let p = b.post_token(path, Some(&stolen), fields);
        assert_message(&p, StatusCode::FORBIDDEN, expired);
    }
    let p = b.post_token("/signout", Some(&stolen), &[]);
    assert_message(&p, StatusCode::FORBIDDEN, expired);
    assert!(b.get("/").text().contains("<b id=\"user\">李娜</b>"));
    let p = b.post_token("/signin", Some(&stolen), &[("name", "mallory")]);
    assert_message(&p, StatusCode::FORBIDDEN, expired);
    assert!(b.get("/").text().contains("<b id=\"user\">李娜</b>"));
    assert_eq!(a.env.dump(), before, "nothing written");
    // Each with its own token, the same forms go through.
    let p = b.post("/projects/A5-04/payments", &payment);
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let p = a.post("/projects/A5-04/status", &status);
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let entries = a.env.records(&["spending", "list"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(&entries[0]["actor"], "李娜");
}

#[test]
fn signing_in_and_out_needs_this_sessions_token() {
    let mut c = Client::new();
    let before = c.env.dump();
    let expired = i18n::FORM_EXPIRED.en;
    let mut other = c.another();
    other.get("/signin");
    let others = other.csrf.clone();
    let wrong = [
        None,
        Some(""),
        Some("0123456789abcdef0123456789abcdef"),
        Some(others.as_str()),
    ];
    c.get("/signin");
    assert!(!c.csrf.is_empty());
    let jar = c.jar.clone();
    for token in wrong {
        let p = c.post_token("/signin", token, &[("name", "张伟")]);
        assert_message(&p, StatusCode::FORBIDDEN, expired);
        assert_eq!(c.jar, jar, "{token:?}: no name cookie");
        assert!(!c.get("/").text().contains("id=\"user\""), "{token:?}");
    }
    c.sign_in("张伟");
    let jar = c.jar.clone();
    for token in wrong {
        let p = c.post_token("/signout", token, &[]);
        assert_message(&p, StatusCode::FORBIDDEN, expired);
        assert_eq!(c.jar, jar, "{token:?}: the name cookie stays");
        assert!(
            c.get("/").text().contains("<b id=\"user\">张伟</b>"),
            "{token:?}: still signed in"
        );
    }
    assert_eq!(c.env.dump(), before, "nothing written");
    // With this session's token: out.
    let p = c.post("/signout", &[]);
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert!(!c.jar.contains_key("ecoledger_user_8080"));
    assert!(!c.get("/").text().contains("id=\"user\""));
}

#[test]
fn read_only_hides_and_refuses_the_forms() {
    let mut c = Client::with(true, None);
    let html = c.get("/projects/A5-04").text();
    assert!(html.contains("id=\"read-only\""));
    assert!(!html.contains("id=\"status-form\"") && !html.contains("id=\"payment-form\""));
    assert!(!html.contains("href=\"/signin\""));
    // A read-only server refuses to sign anyone in, so give this session the name cookie
    // a sign-in would have set (signed by this server for this session). Its pages then
    // show the name and a sign-out form carrying the session's token: a form posted now
    // passes the token and name checks and can be refused for read-only alone.
    let session = Session {
        id: c.jar["ecoledger_session_8080"].clone(),
        csrf: String::new(),
        user: None,
        flash: None,
        ..Default::default()
    };
    let name = url_encode(&c.app.signed_user(&session, "张伟"));
    c.jar.insert("ecoledger_user_8080".into(), name);
    let html = c.get("/projects/A5-04").text();
    assert!(html.contains("<b id=\"user\">张伟</b>"), "{html}");
    assert!(!c.csrf.is_empty(), "the session's token is on the page");
    assert!(!html.contains("id=\"status-form\"") && !html.contains("id=\"payment-form\""));
    let before = c.env.dump();
    let read_only = i18n::READ_ONLY.en;
    let p = c.post(
        "/projects/A5-04/status",
        &[("action", "start"), ("date", "2023-03-01")],
    );
    assert_message(&p, StatusCode::FORBIDDEN, read_only);
    let p = c.post(
        "/projects/A5-04/payments",
        &[("amount", "1"), ("date", "2024-05-10")],
    );
    assert_message(&p, StatusCode::FORBIDDEN, read_only);
    // Signing in as someone else with the genuine token: refused too, the name kept.
    let jar = c.jar.clone();
    let p = c.post("/signin", &[("name", "李娜")]);
    assert_message(&p, StatusCode::FORBIDDEN, read_only);
    assert_eq!(c.jar, jar);
    assert_eq!(c.env.dump(), before);
}

#[test]
fn a_token_guards_every_request() {
    let token = "s3cret-token-0123456789";
    let mut c = Client::with(false, Some(token));
    c.host = "192.168.1.20:8080".into();
    let p = c.get("/");
    assert_eq!(p.status, StatusCode::UNAUTHORIZED);
    assert!(!p.text().contains("785,341"));
    assert_eq!(
        c.get("/reports/quarterly/2024Q2.csv").status,
        StatusCode::UNAUTHORIZED
    );
    let req = c
        .request("GET", "/")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(c.send(req).status, StatusCode::OK);
    // The token in the address is traded for a cookie and dropped from the address.
    let p = c.get(&format!("/projects?category=5&token={token}"));
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location(), "/projects?category=5");
    assert!(c.jar.contains_key("ecoledger_token_8080"));
    assert_eq!(c.get("/").status, StatusCode::OK);
    let mut wrong = Client::with(false, Some(token));
    assert_eq!(wrong.get("/?token=guess").status, StatusCode::UNAUTHORIZED);
}

#[test]
fn other_host_names_are_refused_without_a_token() {
    let mut c = Client::new();
    c.host = "attacker.example:8080".into();
    assert_eq!(c.get("/").status, StatusCode::MISDIRECTED_REQUEST);
    c.host = "localhost:8080".into();
    assert_eq!(c.get("/").status, StatusCode::OK);
}

#[test]
fn user_text_is_escaped_everywhere() {
    let mut c = Client::new();
    let evil = "<script>alert('x')</script> & \"quoted\"";
    c.env.ok(&[
        "projects",
        "edit",
        "A1-01",
        "--description",
        evil,
        "--group",
        "<b>g</b>",
    ]);
    c.sign_in("<img src=x onerror=alert(1)>");
    for path in [
        "/projects/A1-01",
        "/projects?category=1",
        "/",
        "/projects?search=%3Cscript%3E",
    ] {
        let html = c.get(path).text();
        assert!(!html.contains("<script>"), "{path}: raw script tag");
        assert!(!html.contains("<img src=x"), "{path}: raw signed-in name");
        assert!(!html.contains("<b>g</b>"), "{path}: raw group");
    }
    let html = c.get("/projects/A1-01").text();
    // Shown as text: askama writes the markup characters as numeric entities.
    assert!(
        html.contains("&#60;script&#62;alert(&#39;x&#39;)&#60;/script&#62; &#38; &#34;quoted&#34;"),
        "{html}"
    );
    assert!(html.contains("&#60;img src=x onerror=alert(1)&#62;"));
}

#[test]
fn serve_refuses_other_addresses_without_a_token() {
    let env = TestEnv::new();
    env.refused(&["serve", "--addr", "0.0.0.0:0"], "--token");
    env.refused(
        &["serve", "--addr", "127.0.0.1:0", "--token", "short"],
        "at least 16",
    );
    env.refused(&["serve", "--addr", "localhost"], "not an address");
}

#[test]
fn static_html_report_stands_alone() {
    let env = TestEnv::new();
    let out = env.dir.path().join("report.html");
    env.ok(&[
        "report",
        "html",
        "--quarter",
        "2024Q2",
        "--out",
        out.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("data-value=\"785341\""));
    assert_eq!(bars(&html, "chart-category").len(), 6);
    assert!(html.contains("id=\"quarterly\"") && html.contains("2024Q2"));
    assert!(html.contains("all checks passed"));
    assert_totals_in_bold(
        &html,
        &[
            "category-table",
            "year-table",
            "quarterly",
            "assessment-score",
            "assessment-completion",
            "assessment-money",
        ],
    );
    // Self-contained: no scripts, no links to anything outside the file.
    for outside in [
        "<script",
        "src=\"http",
        "href=\"http",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!html.contains(outside), "{outside}");
    }
    // Reproducible: the same ledger gives the same bytes; Chinese on request.
    let again = env.ok(&["report", "html", "--quarter", "2024Q2"]);
    assert_eq!(again, html);
    let zh = env.ok(&["--lang", "zh", "report", "html"]);
    assert!(zh.contains("重点工程项目情况报告"));
    env.refused(&["report", "html", "--quarter", "2024"], "is a year");
}

#[test]
fn serve_prints_its_address_and_stops_cleanly_on_ctrl_c() {
    use std::io::{BufRead, BufReader};
    let env = TestEnv::seeded();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ecoledger"))
        .env_clear()
        .env("HOME", env.dir.path())
        .env("ECOLEDGER_TODAY", TODAY)
        .args(["--lang", "en", "--db"])
        .arg(&env.db)
        .args(["serve", "--addr", "127.0.0.1:0", "--read-only"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("{first}"))
        .to_string();
    // A real request over TCP, then Ctrl-C (SIGINT).
    let page = ureq::get(&url).call().unwrap().into_string().unwrap();
    assert!(page.contains("785,341"));
    let pid = child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap()
        .success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert_eq!(rest, ["ecoledger: stopped"]);
    let status = crate::env::wait_bounded(&mut child);
    assert!(status.success(), "{status:?}");
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(err, "", "a read-only server neither creates nor warns");
}

#[test]
fn a_ledger_moved_away_is_an_error_not_a_fresh_ledger() {
    let mut c = Client::new();
    assert_eq!(c.get("/").status, StatusCode::OK);
    let moved = c.env.dir.path().join("moved.sqlite");
    std::fs::rename(&c.env.db, &moved).unwrap();
    let p = c.get("/");
    assert_eq!(p.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(p.text().contains("the ledger file is gone"));
    assert!(!c.env.db.exists(), "no new ledger was created");
}

#[test]
fn forms_are_decoded_strictly() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    c.sign_in("张伟");
    c.get("/projects/A5-04");
    let before = c.env.dump();
    let csrf = c.csrf.clone();
    // Bytes that are not UTF-8: refused, not stored as replacement characters.
    let req = c
        .request("POST", "/projects/A5-04/payments")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("csrf={csrf}&amount=1&note=%FF%FE")))
        .unwrap();
    let p = c.send(req);
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("note: is not valid UTF-8 text"));
    // A field given twice: refused, not the last one silently taken.
    let p = c.post(
        "/projects/A5-04/payments",
        &[("amount", "1"), ("amount", "2")],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("amount: is given twice"));
    // A reason too long to be a reason.
    let long = "理".repeat(2001);
    let p = c.post(
        "/projects/A5-04/status",
        &[("action", "suspend"), ("reason", &long)],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("2000"));
    assert!(
        p.text().contains("<option value=\"suspend\" selected>"),
        "the chosen action stays"
    );
    // An address that is not UTF-8.
    let p = c.get("/projects/%FF");
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("is not valid UTF-8 text"));
    assert_eq!(c.env.dump(), before);
}

#[test]
fn a_forged_name_cookie_is_not_a_sign_in() {
    let mut c = Client::new();
    c.get("/");
    // Another page on this host setting the name cookie by itself.
    c.jar
        .insert("ecoledger_user_8080".into(), "x|mallory".into());
    let html = c.get("/projects/A5-04").text();
    assert!(!html.contains("mallory"));
    assert!(!html.contains("id=\"status-form\""));
    // A signature made for another session does not carry over either.
    c.sign_in("张伟");
    let signed = c.jar["ecoledger_user_8080"].clone();
    let mut other = c.another();
    other.get("/");
    other.jar.insert("ecoledger_user_8080".into(), signed);
    assert!(!other.get("/").text().contains("id=\"user\""));
}

#[test]
fn the_token_redirect_stays_on_this_server() {
    let token = "s3cret-token-0123456789";
    let mut c = Client::with(false, Some(token));
    let p = c.get(&format!("//evil.example/path?token={token}"));
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location(), "/evil.example/path");
}

#[test]
fn port_80_accepts_a_host_without_port_and_wrong_hosts_get_secure_headers() {
    let env = TestEnv::seeded();
    let mut s = settings(&env, false, None);
    s.addr = "127.0.0.1:80".parse().unwrap();
    let mut c = Client::on(env, App::new(s).unwrap(), "localhost");
    assert_eq!(c.get("/").status, StatusCode::OK);
    c.host = "127.0.0.1".into();
    assert_eq!(c.get("/").status, StatusCode::OK);
    c.host = "evil.example".into();
    let p = c.get("/");
    assert_eq!(p.status, StatusCode::MISDIRECTED_REQUEST);
    assert!(p.headers.contains_key(header::CONTENT_SECURITY_POLICY));
}

#[test]
fn read_only_refuses_sign_in_and_never_creates_a_ledger() {
    let mut c = Client::with(true, None);
    let read_only = i18n::READ_ONLY.en;
    assert_message(&c.get("/signin"), StatusCode::FORBIDDEN, read_only);
    c.get("/");
    let p = c.post("/signin", &[("name", "张伟")]);
    assert_message(&p, StatusCode::FORBIDDEN, read_only);
    assert!(!c.jar.contains_key("ecoledger_user_8080"));
    let env = TestEnv::new();
    let (code, _, err) = env.run(&["serve", "--read-only", "--addr", "127.0.0.1:0"]);
    assert_eq!(code, 2);
    crate::env::assert_one_line_error(&err, "the ledger file is gone");
    assert!(!env.db.exists());
}

#[test]
fn static_report_follows_its_quarter_and_refuses_other_formats() {
    let env = TestEnv::new();
    env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    env.ok(&["spend", "A5-04", "1000", "--date", "2024-05-10"]);
    let html = env.ok(&["report", "html", "--quarter", "2024Q2"]);
    // The headline execution rate is the asked quarter's: 1,000 spent of A5-04's
    // 83,500 / 4 = 20,875 budget plus every other project's.
    assert!(html.contains("(2024Q2)"), "headline quarter");
    assert!(html.contains("1,000 / "));
    env.refused(&["--format", "csv", "report", "html"], "always writes HTML");
}

/// Wrong tokens are answered ever more slowly, then the client is turned away (429 with
/// `Retry-After`), even with the right token, while another client is not.
#[test]
fn wrong_tokens_are_slowed_then_refused() {
    let token = "s3cret-token-0123456789";
    let mut c = Client::with(false, Some(token));
    c.host = "192.168.1.20:8080".into();
    let mut waits = Vec::new();
    for i in 0..5 {
        let started = std::time::Instant::now();
        let p = c.get(&format!("/?token=guess{i}"));
        assert_eq!(p.status, StatusCode::UNAUTHORIZED, "attempt {i}");
        waits.push(started.elapsed());
    }
    assert!(
        waits[0] >= std::time::Duration::from_millis(50),
        "{waits:?}"
    );
    assert!(
        waits[4] >= std::time::Duration::from_millis(800),
        "each failure waits longer: {waits:?}"
    );
    let p = c.get("/?token=guess5");
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        p.text().contains("Too many failed attempts"),
        "{}",
        p.text()
    );
    let retry: u64 = p.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry >= 25, "{retry}");
    // Turned away even with the right token until the wait is over.
    assert_eq!(
        c.get(&format!("/?token={token}")).status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// The program's own name and names with invisible characters cannot sign in, and a
/// refused sign-in waits before it is told so.
#[test]
fn sign_in_refuses_the_system_name_and_invisible_characters() {
    let mut c = Client::new();
    c.get("/signin");
    let before = c.env.dump();
    for (name, expected) in [
        (
            "ecoledger",
            "is the name ecoledger signs its own records with",
        ),
        (
            "Ecoledger",
            "is the name ecoledger signs its own records with",
        ),
        ("adm\u{200B}in", "contains U+200B"),
    ] {
        let started = std::time::Instant::now();
        let p = c.post("/signin", &[("name", name)]);
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{name:?}");
        assert!(p.text().contains(expected), "{name:?}: {}", p.text());
        assert!(started.elapsed() >= std::time::Duration::from_millis(50));
        assert!(!c.jar.contains_key("ecoledger_user_8080"));
    }
    assert_eq!(c.env.dump(), before);
    c.sign_in("规划科");
}

/// A form dated inside a closed period is refused with the command line's message and
/// writes nothing; the reports page of the closed quarter shows it as of its end, with
/// the chain head; a page asked for `as_of`/`known_at` shows that view, and its
/// downloads keep it.
#[test]
fn the_dashboard_keeps_the_past_closed_and_shows_both_clocks() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    c.env.ok(&["spend", "A5-04", "100", "--date", "2024-05-10"]);
    c.env.ok(&["period", "close", "2024Q2", "--reason", "结账"]);
    c.sign_in("李娜");
    c.get("/projects/A5-04");
    let before = c.env.dump();
    let p = c.post(
        "/projects/A5-04/payments",
        &[("amount", "1"), ("date", "2024-06-30")],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    let message = alert(&p.text(), "error").unwrap();
    assert!(
        message.contains("2024-06-30 is inside the closed period 2024Q2"),
        "{message}"
    );
    let p = c.post(
        "/projects/A1-01/status",
        &[("action", "start"), ("date", "2024-04-01")],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(alert(&p.text(), "error")
        .unwrap()
        .contains("closed period 2024Q2"));
    assert_eq!(c.env.dump(), before, "nothing written");
    // The closed quarter's page: as of its end, with the ledger's chain head, the same
    // figures as the command line.
    let page = c.get("/reports?quarter=2024Q2").text();
    assert!(
        page.contains("id=\"view\">The ledger as of 2024-06-30<"),
        "{page}"
    );
    let head = c.env.ok(&["check", "--format", "csv"]);
    let head = crate::env::records(&head)
        .into_iter()
        .find(|r| &r["check"] == "hash chain over every record")
        .unwrap()["detail"]
        .split("head ")
        .nth(1)
        .unwrap()
        .to_string();
    assert!(
        page.contains(&format!("ledger chain head {head}")),
        "{page}"
    );
    // Both clocks in the address, kept by the downloads.
    c.env.ok(&["spend", "A5-04", "7", "--date", "2024-07-02"]);
    let page = c.get("/reports?quarter=2024Q3&known_at=2026-11-27").text();
    assert!(page.contains("as recorded by 2026-11-27"), "{page}");
    assert!(
        page.contains("/reports/quarterly/2024Q3.csv?known_at=2026-11-27"),
        "{page}"
    );
    let csv = c.get("/reports/quarterly/2024Q3.csv?known_at=2026-11-27");
    let cli = c
        .env
        .cmd()
        .args([
            "report",
            "quarterly",
            "2024Q3",
            "--known-at",
            "2026-11-27",
            "--format",
            "csv",
            "--bom",
        ])
        .output()
        .unwrap();
    assert_eq!(csv.body, cli.stdout);
    let overview = c.get("/?as_of=2023-01-01").text();
    assert!(
        overview.contains("The ledger as of 2023-01-01"),
        "{overview}"
    );
    let bad = c.get("/projects?as_of=2023-02-30");
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.text());
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// The hidden field `name`'s value in a page.
fn hidden(html: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    let at = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no {name} in {html}"))
        + needle.len();
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

#[test]
fn an_uploaded_workbook_is_previewed_then_imported_on_confirmation() {
    let mut c = Client::new();
    // Not signed in: the page says to sign in and has no upload form.
    let page = c.get("/import").text();
    assert!(page.contains("Sign in to import payments"), "{page}");
    assert!(!page.contains("id=\"upload-form\""));
    c.sign_in("李娜");
    let page = c.get("/import").text();
    assert!(page.contains("id=\"upload-form\""), "{page}");
    let csrf = c.csrf.clone();
    let before = c.env.dump();
    let p = c.upload(
        "/import",
        &[("csrf", &csrf), ("unit", "")],
        ("clerk-2024Q3.xlsx", &fixture("clerk-2024Q3.xlsx")),
    );
    let html = p.text();
    assert_eq!(p.status, StatusCode::OK, "{html}");
    // The dry run: per project and the total, as `spending import --dry-run` says.
    assert!(html.contains("id=\"preview-table\""), "{html}");
    assert!(html.contains("501.234568"), "{html}");
    assert!(
        html.contains("dry run: 5 entries, 501.234568 (10k CNY), from clerk-2024Q3.xlsx (xlsx) would be imported; nothing was written"),
        "{html}"
    );
    assert!(
        html.contains("2024年三季度!9: a total row, passed over"),
        "{html}"
    );
    assert_eq!(c.env.dump(), before, "a preview writes nothing");
    // Confirmed: imported under the signed-in name, once.
    let sha = hidden(&html, "sha256");
    let p = c.post("/import/confirm", &[("sha256", &sha)]);
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    let page = c.get("/import").text();
    assert!(
        page.contains("imported 5 entries, 501.234568 (10k CNY), from clerk-2024Q3.xlsx"),
        "{page}"
    );
    let rows = c.env.records(&["spending", "list"]);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| &r["actor"] == "李娜"));
    // The same confirmation again finds nothing held: nothing is imported twice.
    let p = c.post("/import/confirm", &[("sha256", &sha)]);
    assert_eq!(p.status, StatusCode::CONFLICT, "{}", p.text());
    assert_eq!(c.env.records(&["spending", "list"]).len(), 5);
}

#[test]
fn a_bad_upload_is_refused_with_the_clis_rows_and_nothing_written() {
    let mut c = Client::new();
    c.sign_in("李娜");
    c.get("/import");
    let csrf = c.csrf.clone();
    let before = c.env.dump();
    // The treasury file without its extra column ignored: the header's problem.
    let p = c.upload(
        "/import",
        &[("csrf", &csrf)],
        ("treasury.csv", &fixture("treasury-2024Q2-gbk.csv")),
    );
    let html = p.text();
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{html}");
    assert!(html.contains("unrecognised column(s) 收款人全称"), "{html}");
    assert!(!html.contains("id=\"confirm-form\""));
    // Bad rows: every one listed, by line, as the command line lists them.
    let bad = "project_id,date,amount_wan\nA1-02,4/2/2024,1\nA9-99,2024-04-02,1\n";
    let p = c.upload("/import", &[("csrf", &csrf)], ("bad.csv", bad.as_bytes()));
    let html = p.text();
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{html}");
    assert!(
        html.contains("bad.csv: 2 bad rows; nothing was imported"),
        "{html}"
    );
    assert!(
        html.contains("bad.csv:2: date: &#39;4/2/2024&#39; puts the year last")
            || html.contains("bad.csv:2: date: &#x27;4/2/2024&#x27; puts the year last"),
        "{html}"
    );
    assert!(
        html.contains("bad.csv:3: project_id: unknown project id"),
        "{html}"
    );
    // An amount without a unit takes the page's unit.
    let yuan = "项目编号,日期,金额\nA1-02,2024-04-02,\"1,000.00\"\n";
    let p = c.upload("/import", &[("csrf", &csrf)], ("yuan.csv", yuan.as_bytes()));
    assert!(
        p.text().contains("give --unit yuan or --unit wan"),
        "{}",
        p.text()
    );
    let p = c.upload(
        "/import",
        &[("csrf", &csrf), ("unit", "yuan")],
        ("yuan.csv", yuan.as_bytes()),
    );
    assert!(
        p.text().contains("dry run: 1 entry, 0.1 (10k CNY)"),
        "{}",
        p.text()
    );
    assert_eq!(c.env.dump(), before);
}

#[test]
fn the_upload_needs_this_sessions_token_a_name_and_a_sane_size() {
    let mut c = Client::new();
    // A genuine token (the sign-in page's), but no name yet.
    c.get("/signin");
    let csrf = c.csrf.clone();
    let file = (
        "one.csv",
        b"project_id,date,amount_wan\nA1-02,2024-04-02,1\n".as_slice(),
    );
    let before = c.env.dump();
    // Not signed in.
    let p = c.upload("/import", &[("csrf", &csrf)], file);
    assert_message(&p, StatusCode::FORBIDDEN, i18n::NEED_SIGN_IN.en);
    c.sign_in("李娜");
    c.get("/import");
    // No token, or another's.
    let p = c.upload("/import", &[], file);
    assert_message(&p, StatusCode::FORBIDDEN, i18n::FORM_EXPIRED.en);
    let p = c.upload("/import", &[("csrf", "0123456789abcdef")], file);
    assert_message(&p, StatusCode::FORBIDDEN, i18n::FORM_EXPIRED.en);
    // Too large.
    let csrf = c.csrf.clone();
    let big = vec![b'x'; ecoledger::web::upload::UPLOAD_LIMIT + 1];
    let p = c.upload("/import", &[("csrf", &csrf)], ("big.csv", &big));
    assert_message(&p, StatusCode::PAYLOAD_TOO_LARGE, i18n::UPLOAD_TOO_LARGE.en);
    // A confirmation from another session finds nothing of its own.
    let p = c.upload("/import", &[("csrf", &csrf)], file);
    let sha = hidden(&p.text(), "sha256");
    let mut other = c.another();
    other.sign_in("王强");
    other.get("/import");
    let p = other.post("/import/confirm", &[("sha256", &sha)]);
    assert_message(&p, StatusCode::CONFLICT, i18n::UPLOAD_GONE.en);
    assert_eq!(c.env.dump(), before);
    // A read-only server refuses the upload outright.
    let mut ro = Client::with(true, None);
    ro.get("/import");
    let csrf = ro.csrf.clone();
    let p = ro.upload("/import", &[("csrf", &csrf)], file);
    assert_message(&p, StatusCode::FORBIDDEN, i18n::READ_ONLY.en);
}

/// The report page takes the cuts the command line takes — monthly and annual reports,
/// a year beside another, filters, department subtotals — and its downloads are the
/// command's bytes with the same flags.
#[test]
fn the_report_page_takes_the_cli_cuts_and_downloads_their_bytes() {
    let mut c = Client::new();
    c.env.ok(&["start", "A5-04", "--date", "2023-03-01"]);
    c.env
        .ok(&["spend", "A5-04", "1200.5", "--date", "2024-05-10"]);
    c.env.ok(&["spend", "A5-04", "7", "--date", "2023-05-10"]);
    let cases: [(&str, &[&str]); 4] = [
        (
            "/reports/annual/2024.csv?compare=2023&category=5",
            &[
                "report",
                "annual",
                "2024",
                "--compare",
                "2023",
                "--category",
                "5",
            ],
        ),
        (
            "/reports/monthly/2024-05.csv?department=%E5%8C%BA%E6%B0%B4%E5%88%A9%E5%B1%80",
            &["report", "monthly", "2024-05", "--department", "区水利局"],
        ),
        (
            "/reports/quarterly/2024Q2.csv?subtotal_by=department&status=in_progress",
            &[
                "report",
                "quarterly",
                "2024Q2",
                "--subtotal-by",
                "department",
                "--status",
                "in_progress",
            ],
        ),
        ("/reports/annual/2024.csv", &["report", "annual", "2024"]),
    ];
    for (url, args) in cases {
        let got = c.get(url);
        assert_eq!(
            got.status,
            StatusCode::OK,
            "{url}: {}",
            String::from_utf8_lossy(&got.body)
        );
        let mut all = vec!["--lang", "en"];
        all.extend(args);
        all.extend(["--format", "csv", "--bom"]);
        let cli = c.env.cmd().args(&all).output().unwrap();
        assert!(cli.status.success(), "{all:?}");
        assert_eq!(got.body, cli.stdout, "{url}: the command's bytes");
    }
    // The page: its heading, its form keeping the choices, links to the same cut.
    let html = c
        .get("/reports?kind=annual&period=2024&compare=2023&category=5&subtotal_by=department")
        .text();
    assert!(
        html.contains("Annual budget execution review 2024 / 2023"),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"annual\" selected>"),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"department\" selected>"),
        "{html}"
    );
    assert!(
        html.contains("href=\"/reports/annual/2024.csv?compare=2023&#38;category=5&#38;subtotal_by=department\""),
        "{html}"
    );
    assert!(
        html.contains("1,200.5") && html.contains("budget 2023 (10k CNY)"),
        "{html}"
    );
    // A bad cut is said on the page.
    let p = c.get("/reports?kind=monthly&period=2024Q2");
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.text().contains("is not a month"), "{}", p.text());
    let p = c.get("/reports?department=nobody");
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        c.get("/reports/weekly/2024.csv").status,
        StatusCode::BAD_REQUEST
    );
}

/// The indicator pages: the score for a year with its veto and a chart by field, one
/// indicator with its points year by year, and the assessment; values recorded on the
/// command line show on the page, and a bad year or number says what the CLI says.
#[test]
fn indicator_pages_show_the_score_history_and_assessment() {
    let mut c = Client::new();
    let html = c.get("/indicators?year=2021").text();
    assert!(html.contains("data-total=\"87\""), "{html}");
    assert!(html.contains("class=\"result bad\""), "C1 vetoes 2021");
    assert!(html.contains("id=\"chart-fields\""));
    assert!(html.contains("href=\"/indicators/26\""));
    assert!(html.contains("href=\"/indicators\" aria-current=\"page\""));
    c.env.ok(&[
        "indicators",
        "record",
        "24",
        "45",
        "--year",
        "2023",
        "--source",
        "x",
    ]);
    c.env.ok(&[
        "indicators",
        "record",
        "C1",
        "已印发",
        "--year",
        "2023",
        "--source",
        "x",
        "--met",
        "yes",
    ]);
    let html = c.get("/indicators?year=2023").text();
    assert!(html.contains("data-total=\"91\""), "{html}");
    assert!(html.contains("class=\"result ok\""), "{html}");
    let html = c.get("/indicators/24").text();
    assert!(html.contains("id=\"chart-history\""));
    assert!(
        html.contains("data-key=\"2021\" data-value=\"0\" data-max=\"5\""),
        "{html}"
    );
    assert!(
        html.contains("data-key=\"2023\" data-value=\"4\" data-max=\"5\""),
        "{html}"
    );
    assert!(html.contains("id=\"section-measurements\""));
    let html = c.get("/assessment?year=2023").text();
    for (code, _) in ecoledger::reports::assessment::SECTIONS {
        assert!(
            html.contains(&format!("id=\"assessment-{code}\"")),
            "{code}"
        );
    }
    // The score, completion and money tables set their total row in bold, and only it.
    assert_totals_in_bold(
        &html,
        &[
            "assessment-score",
            "assessment-completion",
            "assessment-money",
        ],
    );
    let page = c.get("/indicators/99");
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("unknown indicator"), "{}", page.text());
    let page = c.get("/indicators?year=2020");
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
}

#[test]
fn indicator_pages_in_chinese() {
    let env = TestEnv::seeded();
    let mut s = settings(&env, false, None);
    s.lang = Lang::Zh;
    let mut c = Client::on(env, App::new(s).unwrap(), "localhost:8080");
    let html = c.get("/indicators?year=2021").text();
    assert!(html.contains(">指标</a>"), "the nav names the page");
    assert!(html.contains("一票否决：基本条件 C1 未满足"), "{html}");
    assert!(html.contains("各领域得分"));
    let html = c.get("/indicators/26").text();
    assert!(html.contains("城镇集中式污水处理率") && html.contains("历年得分"));
    let html = c.get("/assessment?year=2021").text();
    assert!(
        html.contains("规划实施评估 2021") && html.contains("逾期项目"),
        "{html}"
    );
    let page = c.get("/indicators?year=abc");
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("数值年度"), "{}", page.text());
}

/// The value form on an indicator's page records as `indicators record` does, under the
/// signed-in name; a refused value shows the command line's message with what was typed
/// kept and nothing written.
#[test]
fn the_value_form_records_like_the_cli_under_the_signed_in_name() {
    let mut c = Client::new();
    let html = c.get("/indicators/24").text();
    assert!(!html.contains("id=\"value-form\""), "signed out: no form");
    c.sign_in("李娜");
    let html = c.get("/indicators/24").text();
    assert!(html.contains("id=\"value-form\""));
    let p = c.post(
        "/indicators/24/values",
        &[
            ("value", "45"),
            ("year", "2023"),
            ("source", "区统计局"),
            ("met", ""),
        ],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    assert_eq!(p.location(), "/indicators/24");
    let html = c.get("/indicators/24").text();
    assert!(
        html.contains("24 2023: 45 recorded (4 of 5 points)"),
        "{html}"
    );
    let score = c.env.records(&["indicators", "score", "--year", "2023"]);
    assert_eq!(&score[23]["points"], "4");
    let h = c.env.records(&["history", "--action", "measure"]);
    assert_eq!(&h[0]["actor"], "李娜");
    // A part of a parts indicator is chosen in the form.
    let html = c.get("/indicators/5").text();
    assert!(html.contains("<option value=\"5.2\">"), "{html}");
    let p = c.post(
        "/indicators/5/values",
        &[
            ("part", "5.2"),
            ("value", "38"),
            ("year", "2023"),
            ("source", "x"),
        ],
    );
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.text());
    assert_eq!(
        &c.env.records(&["indicators", "score", "--year", "2023"])[4]["points"],
        "4"
    );
    // Refused: a text criterion without a judgement; the page keeps what was typed.
    let before = c.env.dump();
    let p = c.post(
        "/indicators/1/values",
        &[
            ("value", "开展了部署"),
            ("year", "2023"),
            ("source", "区委办"),
        ],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    let html = p.text();
    assert!(html.contains("--met yes or --met no"), "{html}");
    assert!(html.contains("value=\"开展了部署\""), "{html}");
    let p = c.post(
        "/indicators/2/values",
        &[("value", "30"), ("year", "二〇二三"), ("source", "x")],
    );
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert_eq!(c.env.dump(), before);
}

/// The pages keep their figures per state of the ledger (web/cache.rs): asked again,
/// the overview, a report and a listing are the same; after any write — here by the
/// command line, in another process — each shows the new figures at once; and pages of
/// another view (`as_of`) are kept apart.
#[test]
fn kept_pages_follow_every_write_at_once() {
    let mut c = Client::new();
    let report = "/reports?kind=quarterly&period=2026Q4";
    let listing = "/projects?category=5&sort=estimate&dir=desc";
    let pages = |c: &mut Client| -> Vec<String> {
        ["/", report, listing, "/?as_of=2023-01-01"]
            .iter()
            .map(|u| {
                let p = c.get(u);
                assert_eq!(p.status, StatusCode::OK, "{u}");
                p.text()
            })
            .collect()
    };
    let first = pages(&mut c);
    assert!(first[0].contains("data-value=\"785341\""), "grand total");
    assert_eq!(pages(&mut c), first, "asked again, the same pages");
    // A revised estimate of A5-04 (334,000 → 335,000) and a payment in 2026Q4.
    c.env.ok(&[
        "estimate",
        "A5-04",
        "335000",
        "--stage",
        "preliminary",
        "--date",
        TODAY,
        "--reason",
        "test",
    ]);
    c.env.ok(&["spend", "A5-04", "12.5", "--date", TODAY]);
    let after = pages(&mut c);
    assert!(
        after[0].contains("data-value=\"786341\""),
        "the new grand total"
    );
    assert!(!after[0].contains("data-value=\"785341\""));
    assert!(!first[1].contains("12.5"), "no such payment before");
    assert!(after[1].contains("12.5"), "the payment in the report");
    assert!(
        after[2].contains("335,000") || after[2].contains("335000"),
        "the listing"
    );
    // As of 2023-01-01 nothing of that shows; that page is kept apart from the others.
    assert!(after[3].contains("data-value=\"785341\""));
    assert!(!after[3].contains("data-value=\"786341\""));
    // A ledger replaced under the server (a fresh one, whose journal has fewer records):
    // nothing kept from the old one is served.
    c.env.ok(&["init", "--force"]);
    let fresh = c.get("/").text();
    assert!(
        fresh.contains("data-value=\"785341\""),
        "the fresh ledger's total"
    );
    assert!(!fresh.contains("data-value=\"786341\""));
}

/// A kept page is computed once per state of the ledger: asked again it is served as
/// kept; another view is a page of its own; a write (by anyone) makes every page again
/// once; a page kept at the current head serves a request that came in at it.
#[test]
fn a_page_is_computed_once_per_state_of_the_ledger() {
    let mut c = Client::new();
    let made = |c: &Client| c.app.pages().made();
    let start = made(&c);
    for _ in 0..3 {
        assert_eq!(c.get("/").status, StatusCode::OK);
    }
    assert_eq!(made(&c), start + 1, "the overview, made once");
    c.get("/?as_of=2023-01-01");
    c.get("/?as_of=2023-01-01");
    assert_eq!(made(&c), start + 2, "another view: one more");
    c.get("/reports?kind=quarterly&period=2026Q4");
    c.get("/projects?category=5");
    c.get("/reports?kind=quarterly&period=2026Q4");
    c.get("/projects?category=5");
    c.get("/");
    assert_eq!(
        made(&c),
        start + 4,
        "a report and a listing, each once; all still kept"
    );
    c.env.ok(&["spend", "A5-04", "1", "--date", TODAY]);
    c.get("/");
    c.get("/");
    c.get("/reports?kind=quarterly&period=2026Q4");
    assert_eq!(
        made(&c),
        start + 6,
        "after a write, each page made again once"
    );
}
