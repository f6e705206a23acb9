//! The dashboard's "import payments" page: a signed-in user uploads a CSV file or a
//! workbook (at most [`UPLOAD_LIMIT`]), sees what it would record — the dry run of the
//! same [`crate::ops::import::spending`] the command line runs — and imports it on
//! confirmation. The checked file waits on the server, held per session, until it is
//! confirmed or another file is checked; the confirmation names it by its SHA-256, so
//! what is imported is exactly what was previewed.

use super::guard::{form_is_genuine, Cookie, Session};
use super::params::Params;
use super::view::{self, chrome, Choice};
use super::App;
use crate::domain::import::{Kind, Mapping, Unit};
use crate::error::{Error, Result};
use crate::i18n::{self, msg, Lang};
use crate::input::Encoding;
use crate::ops::import as import_op;
use crate::render::html::{Chrome, HtmlTable};
use crate::reports::import_preview;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use indicatif::ProgressBar;

/// The largest upload the page takes.
pub const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// How many checked files the server holds at once (one per session; the oldest goes).
const HELD: usize = 16;

/// A checked file waiting for its confirmation.
#[derive(Clone)]
pub struct Pending {
    session: String,
    name: String,
    bytes: Vec<u8>,
    sha256: String,
    mapping: Mapping,
}

/// The checked files, newest last.
#[derive(Default)]
pub struct Held(std::sync::Mutex<Vec<Pending>>);

impl Held {
    fn put(&self, p: Pending) {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        held.retain(|h| h.session != p.session);
        if held.len() >= HELD {
            held.remove(0);
        }
        held.push(p);
    }

    /// The session's checked file, if it is the one with `sha256`; taken out.
    fn take(&self, session: &str, sha256: &str) -> Option<Pending> {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let at = held
            .iter()
            .position(|h| h.session == session && h.sha256 == sha256)?;
        Some(held.remove(at))
    }
}

#[derive(Template)]
#[template(path = "web/import.html")]
pub struct ImportPage {
    pub c: Chrome,
    pub units: Vec<Choice>,
    pub mappings: Vec<Choice>,
    /// The dry run's table, warnings and the file's hash to confirm.
    pub preview: Option<Preview>,
    /// A refused file's bad rows, one per line.
    pub problems: Vec<String>,
}

pub struct Preview {
    pub table: HtmlTable,
    pub warnings: Vec<String>,
    pub sha256: String,
}

fn unit_choices(lang: Lang, chosen: Option<Unit>) -> Vec<Choice> {
    [
        ("", i18n::UNIT_FROM_HEADER, None),
        ("yuan", i18n::UNIT_YUAN, Some(Unit::Yuan)),
        ("wan", i18n::UNIT_WAN, Some(Unit::Wan)),
    ]
    .into_iter()
    .map(|(value, words, unit)| Choice {
        value: value.to_string(),
        label: lang.pick(words).to_string(),
        selected: unit == chosen,
    })
    .collect()
}

fn mapping_choices(app: &App, lang: Lang, chosen: &str) -> Result<Vec<Choice>> {
    let mut choices = vec![Choice {
        value: String::new(),
        label: lang.pick(i18n::NO_MAPPING).to_string(),
        selected: chosen.is_empty(),
    }];
    for name in import_op::saved_names(&app.store()?, Kind::Spending)? {
        choices.push(Choice {
            selected: name == chosen,
            label: name.clone(),
            value: name,
        });
    }
    Ok(choices)
}

/// The page with an empty form (and whatever else the caller fills in).
fn page(app: &App, s: &Session, unit: Option<Unit>, mapping: &str) -> Result<ImportPage> {
    let lang = app.lang();
    Ok(ImportPage {
        c: chrome(app, s, "/import", lang.pick(i18n::NAV_IMPORT)),
        units: unit_choices(lang, unit),
        mappings: mapping_choices(app, lang, mapping)?,
        preview: None,
        problems: Vec::new(),
    })
}

/// A refusal on the page: the first line as the error, the bad rows listed under it.
fn refused(mut p: ImportPage, lang: Lang, e: &Error) -> Response {
    let message = e.message(lang);
    let mut lines = message.lines();
    p.c.error = lines.next().map(str::to_string);
    p.problems = lines.map(str::to_string).collect();
    view::html(view::status_of(e), &p)
}

pub async fn show(State(app): State<App>, Extension(s): Extension<Session>) -> Response {
    app.clone()
        .blocking(move |app| Ok(view::html(StatusCode::OK, &page(app, &s, None, "")?)))
        .await
}

/// What the upload form sent.
#[derive(Default)]
struct Upload {
    csrf: String,
    name: String,
    bytes: Vec<u8>,
    unit: Option<Unit>,
    mapping: String,
}

async fn read_upload(mut form: Multipart) -> std::result::Result<Upload, StatusCode> {
    let mut up = Upload::default();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(up),
            Err(e) => return Err(e.status()),
        };
        let key = field.name().unwrap_or_default().to_string();
        if key == "file" {
            up.name = field.file_name().unwrap_or("upload").to_string();
            up.bytes = field.bytes().await.map_err(|e| e.status())?.to_vec();
            continue;
        }
        let text = field.text().await.map_err(|e| e.status())?;
        match key.as_str() {
            "csrf" => up.csrf = text,
            "unit" => {
                up.unit = match text.as_str() {
                    "yuan" => Some(Unit::Yuan),
                    "wan" => Some(Unit::Wan),
                    _ => None,
                }
            }
            "mapping" => up.mapping = text.trim().to_string(),
            _ => {}
        }
    }
}

/// Checks an uploaded file: the dry run of the import, shown with a confirm button.
pub async fn check(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let lang = app.lang();
    let say = |status, words| view::message_page(lang, status, lang.pick(words));
    if app.settings().read_only {
        return say(StatusCode::FORBIDDEN, i18n::READ_ONLY);
    }
    let up = match read_upload(form).await {
        Ok(up) => up,
        Err(StatusCode::PAYLOAD_TOO_LARGE) => {
            return say(StatusCode::PAYLOAD_TOO_LARGE, i18n::UPLOAD_TOO_LARGE)
        }
        Err(status) => return say(status, i18n::FORM_EXPIRED),
    };
    if !form_is_genuine(&s, &headers, &up.csrf) {
        return say(StatusCode::FORBIDDEN, i18n::FORM_EXPIRED);
    }
    if s.user.is_none() {
        return say(StatusCode::FORBIDDEN, i18n::NEED_SIGN_IN);
    }
    // Importing payments is finance's (the write path refuses it anyway; the check
    // here spares the upload).
    if !s.may(crate::domain::role::Duty::Pay) {
        return say(StatusCode::FORBIDDEN, i18n::FORBIDDEN_ROLE);
    }
    if up.bytes.len() > UPLOAD_LIMIT {
        return say(StatusCode::PAYLOAD_TOO_LARGE, i18n::UPLOAD_TOO_LARGE);
    }
    app.clone()
        .blocking(move |app| {
            let mut p = page(app, &s, up.unit, &up.mapping)?;
            if up.bytes.is_empty() {
                p.c.error = Some(lang.pick(i18n::NO_FILE).to_string());
                return Ok(view::html(StatusCode::BAD_REQUEST, &p));
            }
            match dry_run(app, &s, &up) {
                Ok((preview, pending)) => {
                    app.held().put(pending);
                    p.preview = Some(preview);
                    Ok(view::html(StatusCode::OK, &p))
                }
                Err(e) => Ok(refused(p, lang, &e)),
            }
        })
        .await
}

/// The import's file name as messages name it: the uploaded name, without any folder.
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    crate::domain::text::visible(base).into_owned()
}

fn options<'a>(
    place: &'a str,
    mapping: Mapping,
    dry_run: bool,
    today: chrono::NaiveDate,
) -> import_op::SpendingImport<'a> {
    import_op::SpendingImport {
        place,
        file_name: place,
        mapping,
        save_as: None,
        overspend: None,
        allow_duplicate: false,
        dry_run,
        today,
    }
}

fn dry_run(app: &App, s: &Session, up: &Upload) -> Result<(Preview, Pending)> {
    let lang = app.lang();
    let clock = app.clock()?;
    let stamp = super::forms::stamp(s, &clock)?;
    let name = file_name(&up.name);
    let input = import_op::from_bytes(up.bytes.clone(), &name, Encoding::Auto)?;
    let mut store = app.store()?;
    let flags = Mapping {
        unit: up.unit.map(|u| match u {
            Unit::Yuan => "yuan".to_string(),
            Unit::Wan => "wan".to_string(),
        }),
        ..Mapping::default()
    };
    let mapping = match up.mapping.as_str() {
        "" => flags,
        saved => {
            let mut m = import_op::saved_mapping(&store, Kind::Spending, saved)?;
            if flags.unit.is_some() {
                m.unit = flags.unit;
            }
            m
        }
    };
    let opts = options(&name, mapping.clone(), true, clock.today());
    let imported = import_op::spending(&mut store, stamp, &input, &opts, &ProgressBar::hidden())?;
    let summary = imported.summary(&name);
    let table = import_preview::table(lang, &imported.by_project, summary.get(lang).to_string());
    let (shown, all) = &imported.warnings;
    let mut warnings: Vec<String> = shown.iter().map(|w| w.get(lang).to_string()).collect();
    if *all > shown.len() {
        warnings.push(
            msg::and_more_warnings(all - shown.len())
                .get(lang)
                .to_string(),
        );
    }
    warnings.extend(
        imported
            .skipped
            .iter()
            .map(|at| msg::total_row_passed(at).get(lang).to_string()),
    );
    let sha256 = input.sha256().to_string();
    Ok((
        Preview {
            table: HtmlTable::from_table(&table),
            warnings,
            sha256: sha256.clone(),
        },
        Pending {
            session: s.id.clone(),
            name,
            bytes: up.bytes.clone(),
            sha256,
            mapping,
        },
    ))
}

/// Imports the checked file named by its hash; back to the page with what was done.
pub async fn confirm(
    State(app): State<App>,
    Extension(s): Extension<Session>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let lang = app.lang();
    let say = |status, words| view::message_page(lang, status, lang.pick(words));
    if app.settings().read_only {
        return say(StatusCode::FORBIDDEN, i18n::READ_ONLY);
    }
    let f = match Params::parse(&body) {
        Ok(f) => f,
        Err(e) => return view::error_page(lang, &e),
    };
    if !form_is_genuine(&s, &headers, &f.raw("csrf")) {
        return say(StatusCode::FORBIDDEN, i18n::FORM_EXPIRED);
    }
    if s.user.is_none() {
        return say(StatusCode::FORBIDDEN, i18n::NEED_SIGN_IN);
    }
    // Importing payments is finance's (the write path refuses it anyway; the check
    // here spares the upload).
    if !s.may(crate::domain::role::Duty::Pay) {
        return say(StatusCode::FORBIDDEN, i18n::FORBIDDEN_ROLE);
    }
    let Some(pending) = app.held().take(&s.id, &f.raw("sha256")) else {
        return say(StatusCode::CONFLICT, i18n::UPLOAD_GONE);
    };
    app.clone()
        .blocking(move |app| {
            let clock = app.clock()?;
            let stamp = super::forms::stamp(&s, &clock)?;
            let attempt = || -> Result<import_op::Imported> {
                let input =
                    import_op::from_bytes(pending.bytes.clone(), &pending.name, Encoding::Auto)?;
                let opts = options(&pending.name, pending.mapping.clone(), false, clock.today());
                import_op::spending(
                    &mut app.store()?,
                    stamp,
                    &input,
                    &opts,
                    &ProgressBar::hidden(),
                )
            };
            match attempt() {
                Ok(imported) => {
                    let mut r = Redirect::to("/import").into_response();
                    let (k, v) =
                        app.set_cookie(Cookie::Flash, imported.summary(&pending.name).get(lang));
                    r.headers_mut().append(k, v);
                    Ok(r)
                }
                Err(e) => Ok(refused(page(app, &s, None, "")?, lang, &e)),
            }
        })
        .await
}
