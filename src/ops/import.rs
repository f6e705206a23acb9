//! Importing payments, from a CSV file (UTF-8 or GBK, any header the alias table knows)
//! or an Excel workbook, all or nothing: the one path the command line and the
//! dashboard's upload share. Every row is checked (and every bad row named by its line
//! or cell) before anything is written; `dry_run` checks everything and writes nothing.
//!
//! Rows are read, checked and hashed on a second thread while this one inserts them,
//! in batches over a bounded channel; a large import into a smaller ledger appends
//! without the secondary indexes and rebuilds them by sorting in the same transaction.

use crate::domain::import::{self, Kind, Mapping, Resolved, Unit};
use crate::domain::project::{normalize_id, Status};
use crate::domain::spending::{
    check_payment, far_from_schedule, Overspend, PaymentDates, PaymentText,
};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use crate::input::workbook::{CellValue, Sheet};
use crate::input::{self, import_error, Record, RowError, Source, SourceRows};
use crate::store::chain::{Sealed, Sealer};
use crate::store::spending::{NewEntry, ProjectSummary, Timeline};
use crate::store::write::Stamp;
use crate::store::Store;
use chrono::NaiveDate;
use indicatif::ProgressBar;
use std::collections::{BTreeMap, HashMap};
use std::sync::mpsc::SyncSender;

/// A file to import, read.
pub enum Input {
    /// A CSV file (streamed when it is UTF-8).
    Csv(Source),
    /// A workbook's sheet, with the header row if the user named it (1-based, as Excel
    /// numbers rows).
    Sheet {
        sheet: Sheet,
        sha256: String,
        header_row: Option<u32>,
    },
}

impl Input {
    pub fn sha256(&self) -> &str {
        match self {
            Input::Csv(s) => &s.sha256,
            Input::Sheet { sha256, .. } => sha256,
        }
    }

    /// How the file was read, for the summary: `utf-8`, `gb18030`, `xlsx`.
    pub fn encoding(&self) -> &'static str {
        match self {
            Input::Csv(s) => s.encoding,
            Input::Sheet { .. } => "xlsx",
        }
    }

    fn len(&self) -> u64 {
        match self {
            Input::Csv(s) => s.len,
            Input::Sheet { sheet, .. } => sheet.rows.len() as u64,
        }
    }

    /// A row count to expect (the line breaks of a CSV, the rows of a sheet).
    fn expected_rows(&self) -> i64 {
        match self {
            Input::Csv(s) => s.line_breaks.saturating_sub(1) as i64,
            Input::Sheet { sheet, .. } => sheet.rows.len() as i64,
        }
    }
}

/// Reads the file at `path` for an import: a workbook when it is one (by its content),
/// else CSV in `encoding`.
pub fn open(
    path: &std::path::Path,
    encoding: input::Encoding,
    sheet: Option<&str>,
    header_row: Option<u32>,
) -> Result<Input> {
    // A regular file is recognised by its first bytes; a pipe cannot be read twice, so
    // it is a workbook only by its name.
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    let is_workbook = if regular {
        let mut head = [0_u8; 4];
        std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && input::workbook::is_workbook(&head)
    } else {
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    };
    if is_workbook {
        let bytes = std::fs::read(path).map_err(|e| Error::file(path, e))?;
        return from_workbook_bytes(bytes, path, sheet, header_row);
    }
    if sheet.is_some() || header_row.is_some() {
        return Err(Error::bad_value(
            path.display().to_string(),
            msg::sheet_flags_for_csv(),
        ));
    }
    Ok(Input::Csv(input::open(path, encoding)?))
}

/// An uploaded file's bytes (the dashboard): a workbook or CSV by content.
pub fn from_bytes(bytes: Vec<u8>, name: &str, encoding: input::Encoding) -> Result<Input> {
    let path = std::path::Path::new(name);
    if input::workbook::is_workbook(&bytes) {
        return from_workbook_bytes(bytes, path, None, None);
    }
    Ok(Input::Csv(input::Source::in_memory(input::decode_owned(
        bytes, name, encoding,
    )?)))
}

fn from_workbook_bytes(
    bytes: Vec<u8>,
    path: &std::path::Path,
    sheet: Option<&str>,
    header_row: Option<u32>,
) -> Result<Input> {
    use sha2::Digest;
    let sha256 = crate::store::chain::hex(&sha2::Sha256::digest(&bytes));
    Ok(Input::Sheet {
        sheet: input::workbook::read(bytes, path, sheet)?,
        sha256,
        header_row,
    })
}

/// A sheet's header row: the one named, else the first of its first 20 rows that the
/// alias table resolves (a title row above it, as Chinese office tables have, is passed).
fn sheet_header(
    place: &str,
    sheet: &Sheet,
    header_row: Option<u32>,
    kind: Kind,
    mapping: &Mapping,
) -> Result<(usize, Resolved)> {
    let texts = |row: &[CellValue]| -> Vec<String> { row.iter().map(CellValue::text).collect() };
    if let Some(n) = header_row {
        let i = (n as usize)
            .checked_sub(sheet.first_row as usize)
            .filter(|i| *i < sheet.rows.len())
            .ok_or_else(|| {
                Error::bad_value(
                    format!("{place}: {}", sheet.name),
                    msg::no_such_header_row(n),
                )
            })?;
        let resolved = import::resolve(kind, &texts(&sheet.rows[i]), mapping).map_err(|p| {
            Error::bad_value(
                format!("{place}: {}!{n}", sheet.name),
                msg::header_problem(p),
            )
        })?;
        return Ok((i, resolved));
    }
    let mut first_problem = None;
    for (i, row) in sheet.rows.iter().enumerate().take(20) {
        let header = texts(row);
        if header.iter().filter(|h| !h.is_empty()).count() < 2 {
            continue;
        }
        match import::resolve(kind, &header, mapping) {
            Ok(resolved) => return Ok((i, resolved)),
            Err(p) => {
                first_problem.get_or_insert((i, p));
            }
        }
    }
    Err(match first_problem {
        Some((i, p)) => Error::bad_value(
            format!("{place}: {}!{}", sheet.name, sheet.sheet_row(i)),
            msg::header_problem_or_row(p),
        ),
        None => Error::bad_value(format!("{place}: {}", sheet.name), msg::no_header_row()),
    })
}

/// The rows of a sheet after its header, as records of the import's fields (a date or
/// number cell in a date field read as the date Excel shows).
pub struct SheetRows<'s> {
    sheet: &'s Sheet,
    next: usize,
    index: Vec<Option<usize>>,
    date_field: Option<usize>,
}

/// Rows that are totals (合计), not data: the row's first filled cell says 合计 (or 总计,
/// 小计, total), and its key field (the project id of a payment, the description of a
/// project) is blank or that word. They are passed over and named in the summary.
pub fn is_total_row(kind: Kind, rec: &Record) -> bool {
    let total = |f: &str| {
        matches!(
            import::normalize_header(f).trim_end_matches(':'),
            "合计" | "总计" | "小计" | "total" | "subtotal" | "grandtotal"
        )
    };
    let key = match kind {
        Kind::Spending => 0,
        Kind::Projects => 4,
    };
    let key = rec.fields.get(key).map_or("", |k| k.trim());
    total(&rec.lead) && (key.is_empty() || total(key))
}

impl SheetRows<'_> {
    fn next_into(&mut self, rec: &mut Record) -> Option<std::result::Result<(), RowError>> {
        loop {
            let row = self.sheet.rows.get(self.next)?;
            let at = self.next;
            self.next += 1;
            if row
                .iter()
                .all(|c| matches!(c, CellValue::Empty) || c.text().is_empty())
            {
                continue;
            }
            rec.line = self.sheet.sheet_row(at);
            rec.fields.clear();
            rec.lead = row
                .iter()
                .map(CellValue::text)
                .find(|t| !t.is_empty())
                .unwrap_or_default();
            for (field, col) in self.index.iter().enumerate() {
                let cell = col
                    .and_then(|c| row.get(c))
                    .cloned()
                    .unwrap_or(CellValue::Empty);
                let text = match (&cell, Some(field) == self.date_field) {
                    (CellValue::Date(n) | CellValue::Number(n), true) => {
                        import::excel_serial_date(*n).unwrap_or_else(|| cell.text())
                    }
                    _ => cell.text(),
                };
                rec.fields
                    .push(crate::render::csv_out::restore(&text).to_string());
            }
            return Some(Ok(()));
        }
    }
}

/// A file's rows after its header, as records of the import's fields.
pub enum Rows<'a> {
    Csv(Box<SourceRows<'a>>),
    Sheet(SheetRows<'a>),
}

impl Rows<'_> {
    pub fn next_into(&mut self, rec: &mut Record) -> Option<std::result::Result<(), RowError>> {
        match self {
            Rows::Csv(r) => r.next_into(rec),
            Rows::Sheet(r) => r.next_into(rec),
        }
    }

    pub fn position(&self) -> u64 {
        match self {
            Rows::Csv(r) => r.position(),
            Rows::Sheet(r) => r.next as u64,
        }
    }

    pub fn finish(&mut self, sha256: &str) -> Result<()> {
        match self {
            Rows::Csv(r) => r.finish(sha256),
            Rows::Sheet(_) => Ok(()),
        }
    }
}

/// Where a file's cells are, for naming a bad one: the sheet and each field's column
/// (none for a CSV file, whose problems are named by line).
pub type Cells = Option<(String, Vec<Option<usize>>)>;

/// Resolves the header of `input` for `kind` and opens its rows.
pub fn rows<'a>(
    place: &str,
    input: &'a Input,
    kind: Kind,
    mapping: &Mapping,
) -> Result<(Rows<'a>, Resolved, Cells)> {
    match input {
        Input::Csv(source) => {
            let resolved = std::cell::RefCell::new(None);
            let resolve = |header: &[String]| -> std::result::Result<input::Columns, Text> {
                let r = import::resolve(kind, header, mapping)?;
                let index = r.index.clone();
                *resolved.borrow_mut() = Some(r);
                Ok(index)
            };
            let rows = source.rows_resolved(place, &resolve)?;
            let resolved = resolved
                .into_inner()
                .ok_or_else(|| Error::bad_value(format!("{place}:1"), msg::no_header()))?;
            Ok((Rows::Csv(Box::new(rows)), resolved, None))
        }
        Input::Sheet {
            sheet, header_row, ..
        } => {
            let (at, resolved) = sheet_header(place, sheet, *header_row, kind, mapping)?;
            let date_field = match kind {
                Kind::Spending => kind.fields().iter().position(|f| f.name == "date"),
                Kind::Projects => None,
            };
            let rows = SheetRows {
                sheet,
                next: at + 1,
                index: resolved.index.clone(),
                date_field,
            };
            Ok((
                Rows::Sheet(rows),
                resolved.clone(),
                Some((sheet.name.clone(), resolved.index.clone())),
            ))
        }
    }
}

/// What a spending import is asked to do.
#[derive(Clone, Debug)]
pub struct SpendingImport<'a> {
    /// The file as named in messages.
    pub place: &'a str,
    pub file_name: &'a str,
    pub mapping: Mapping,
    /// Save the mapping under this name, with the import.
    pub save_as: Option<&'a str>,
    /// Overrides the ledger's overspend setting.
    pub overspend: Option<Overspend>,
    pub allow_duplicate: bool,
    /// Check everything, write nothing.
    pub dry_run: bool,
    pub today: NaiveDate,
}

/// What an import did (or, dry, would do).
#[derive(Clone, Debug, Default)]
pub struct Imported {
    pub count: i64,
    pub total: Money,
    /// Of them, at or above the approval threshold: recorded as pending payments.
    pub pending: i64,
    /// Per project: entries and their sum.
    pub by_project: BTreeMap<String, (i64, Money)>,
    /// The first 50 warnings' texts, and how many there were.
    pub warnings: (Vec<Text>, usize),
    /// Total rows passed over (合计 / total), named.
    pub skipped: Vec<String>,
    pub encoding: &'static str,
    pub written: bool,
}

impl Imported {
    /// The one line that says what was imported (or, dry, would be), from `place`.
    pub fn summary(&self, place: &str) -> Text {
        let what = msg::entry_count(self.count);
        let total = msg::wan(self.total.grouped());
        if self.written {
            msg::imported_payments(what, total, place, self.encoding)
        } else {
            msg::dry_run_payments(what, total, place, self.encoding)
        }
    }
}

/// The names of the mappings saved for `kind`.
pub fn saved_names(store: &Store, kind: Kind) -> Result<Vec<String>> {
    let prefix = mapping_key(kind, "");
    Ok(store
        .setting_keys(&prefix)?
        .into_iter()
        .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
        .collect())
}

/// Keeps the first 50 warnings' texts and only counts the rest (an import of a million
/// rows may warn on most of them).
fn warn(warnings: &mut (Vec<Text>, usize), text: impl FnOnce() -> Text) {
    if warnings.0.len() < 50 {
        warnings.0.push(text());
    }
    warnings.1 += 1;
}

/// From this many rows (and at least as many as the ledger holds) an import rebuilds the
/// spending indexes instead of updating them row by row.
const BULK_ROWS: i64 = 10_000;

/// Rows handed over at a time, and batches in flight.
const BATCH: usize = 1024;
const IN_FLIGHT: usize = 8;

/// A checked row on its way from the reading thread to the ledger, with its hash.
struct Checked {
    line: u32,
    project_id: String,
    date: String,
    amount: Money,
    voucher: Option<String>,
    note: Option<String>,
    reverses: Option<i64>,
    reason: Option<String>,
    after_completion: bool,
    /// Sealed as a spending entry; none for a payment at or above the approval
    /// threshold, which becomes a pending payment instead.
    sealed: Option<Sealed>,
}

/// What the reading thread found in the whole file.
#[derive(Default)]
struct Found {
    errors: Vec<RowError>,
    warnings: (Vec<Text>, usize),
    count: i64,
    total: Money,
    /// Rows at or above the approval threshold: recorded as pending payments.
    pending: i64,
    by_project: BTreeMap<String, (i64, Money)>,
    skipped: Vec<u64>,
    /// A problem with the whole file (it changed while it was read).
    fatal: Option<Error>,
}

/// What the reading thread needs besides the rows.
struct Checker<'a> {
    /// What names a row before its number (see [`row_prefix`]).
    row_prefix: String,
    /// The file's amount field (`amount_wan`, `amount_yuan` or `amount`).
    amount_field: &'static str,
    sha256: &'a str,
    today: NaiveDate,
    unit: Unit,
    policy: Overspend,
    dates: PaymentDates,
    /// The close in force that reaches furthest: rows dated through it are refused.
    closed: Option<crate::store::periods::PeriodRecord>,
    import_id: i64,
    stamp: Stamp,
    projects: HashMap<String, Timeline>,
    actual: HashMap<String, Money>,
    /// The file's own entry numbers: the id each row got, its amount and project, and
    /// whether a later row reverses it.
    entries: HashMap<i64, (i64, Money, String, bool, bool)>,
    sealer: Sealer,
    /// Payments at or above it become pending (待复核).
    threshold: Option<Money>,
    bar: &'a ProgressBar,
}

impl Checker<'_> {
    /// Reads and checks every row, seals the good ones and sends them on in batches
    /// until the first bad row; then only checks, to list every bad row. Stops early if
    /// the writing side has gone (it failed).
    fn run(mut self, mut rows: Rows<'_>, send: SyncSender<Vec<Checked>>) -> Found {
        let mut found = Found::default();
        let mut batch = Vec::with_capacity(BATCH);
        let mut rec = Record {
            line: 0,
            fields: Vec::new(),
            lead: String::new(),
        };
        let mut read = 0_u64;
        while let Some(next) = rows.next_into(&mut rec) {
            read += 1;
            if read % 4096 == 0 {
                self.bar.set_position(rows.position());
            }
            match next {
                Ok(()) if is_total_row(Kind::Spending, &rec) => {
                    found.skipped.push(rec.line);
                }
                Ok(()) => self.check(&rec, &mut found, &mut batch),
                Err(e) => found.errors.push(e),
            }
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if send.send(full).is_err() {
                    return found;
                }
            }
        }
        if let Err(e) = rows.finish(self.sha256) {
            found.fatal = Some(e);
        } else if !batch.is_empty() && found.errors.is_empty() {
            // A failed send means the writing side failed; it reports why.
            let _ = send.send(batch);
        }
        found
    }

    fn check(&mut self, rec: &Record, found: &mut Found, batch: &mut Vec<Checked>) {
        let line = rec.line;
        let errors = &mut found.errors;
        // The amount's problems name the file's own amount field.
        let amount_field = self.amount_field;
        let mut bad = |column: &str, problem: Text| {
            let column = if column == "amount_wan" {
                amount_field
            } else {
                column
            };
            errors.push(RowError::new(line, column, problem));
        };
        let text = PaymentText::from_fields(&rec.fields);
        let row = match check_payment(&text, self.unit, self.today) {
            Ok(row) => Some(row),
            Err(problems) => {
                for (column, problem) in problems {
                    bad(column, problem);
                }
                None
            }
        };
        // Each payment is judged by its project as it stood on the payment's own date.
        let project = match &row {
            Some(row) => self
                .projects
                .get(&row.project_id)
                .and_then(|t| t.on(&row.date)),
            None => self
                .projects
                .get(&normalize_id(text.project_id))
                .and_then(|t| t.0.last().map(|(_, s)| s)),
        };
        if project.is_none() && !text.project_id.is_empty() {
            bad("project_id", msg::unknown_project_id(text.project_id));
        }
        let (
            Some(&ProjectSummary {
                status,
                estimate,
                schedule,
            }),
            Some(row),
        ) = (project, row)
        else {
            return;
        };
        let id = &row.project_id;
        if let Some(c) = self.closed.as_ref().filter(|c| row.date <= c.through) {
            bad(
                "date",
                msg::row_in_closed_period(&row.date, &c.period, &c.through),
            );
        }
        // A reversal row names the row it reverses by the file's own entry number.
        let mut reverses_id = None;
        let mut after_completion = status == Status::Completed;
        if let Some(n) = row.reverses {
            match self.entries.get_mut(&n) {
                None => bad("reverses", msg::not_an_earlier_row(n)),
                Some((_, _, _, true, _)) => bad("reverses", msg::already_reversed_in_file(n)),
                Some((_, amount, project, _, _))
                    if *project != *id || *amount != Money::from_fen(-row.amount.fen()) =>
                {
                    bad(
                        "reverses",
                        msg::reversal_takes_back(n, msg::wan(amount.grouped()), &*project),
                    )
                }
                Some((new_id, _, _, reversed, completed)) => {
                    *reversed = true;
                    reverses_id = Some(*new_id);
                    after_completion = *completed;
                }
            }
        }
        if row.reverses.is_none()
            && matches!(
                status,
                Status::Planned | Status::Suspended | Status::Cancelled
            )
        {
            let at = &self.row_prefix;
            warn(&mut found.warnings, || {
                msg::row_project_was(format!("{at}{line}"), id, status.words(), &row.date)
            });
        }
        if let Some(problem) = far_from_schedule(&row.date, schedule) {
            match self.dates {
                PaymentDates::Stop => bad("date", msg::refused_payment_dates(problem)),
                PaymentDates::Warn => {
                    let at = &self.row_prefix;
                    warn(&mut found.warnings, || {
                        msg::row_warning(format!("{at}{line}"), id, problem)
                    });
                }
            }
        }
        let so_far = match self.actual.get_mut(id) {
            Some(m) => m,
            None => self.actual.entry(id.clone()).or_insert(Money::ZERO),
        };
        let after = so_far.checked_add(row.amount).unwrap_or(*so_far);
        if after > estimate && row.amount > Money::ZERO {
            let what =
                msg::row_overspend(id, msg::wan(after.grouped()), msg::wan(estimate.grouped()));
            match self.policy {
                Overspend::Stop => bad("amount_wan", msg::refused_overspend(what)),
                Overspend::Warn => {
                    let at = &self.row_prefix;
                    warn(&mut found.warnings, || {
                        msg::place_problem(format!("{at}{line}"), what)
                    });
                }
            }
        }
        *so_far = after;
        let slot = found.by_project.entry(id.clone()).or_default();
        slot.0 += 1;
        slot.1 = slot.1.checked_add(row.amount).unwrap_or(slot.1);
        found.count += 1;
        found.total = found.total.checked_add(row.amount).unwrap_or(found.total);
        if !found.errors.is_empty() {
            // Keep checking the rest to list every bad row; send nothing more.
            return;
        }
        let pending = reverses_id.is_none() && self.threshold.is_some_and(|t| row.amount >= t);
        if pending {
            found.pending += 1;
            batch.push(Checked {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                project_id: row.project_id,
                date: row.date,
                amount: row.amount,
                voucher: row.voucher,
                note: row.note,
                reverses: None,
                reason: row.reason,
                after_completion,
                sealed: None,
            });
            return;
        }
        let sealed = self.sealer.seal(
            &NewEntry {
                project_id: id,
                date: &row.date,
                amount: row.amount,
                voucher: row.voucher.as_deref(),
                note: row.note.as_deref(),
                reverses: reverses_id,
                reason: row.reason.as_deref(),
                after_completion,
                import_id: Some(self.import_id),
            }
            .fields(&self.stamp),
        );
        if let Some(n) = row.entry {
            self.entries.insert(
                n,
                (sealed.id, row.amount, id.clone(), false, after_completion),
            );
        }
        batch.push(Checked {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            project_id: row.project_id,
            date: row.date,
            amount: row.amount,
            voucher: row.voucher,
            note: row.note,
            reverses: reverses_id,
            reason: row.reason,
            after_completion,
            sealed: Some(sealed),
        });
    }
}

/// The setting a saved mapping is kept in.
fn mapping_key(kind: Kind, name: &str) -> String {
    let kind = match kind {
        Kind::Spending => "spending",
        Kind::Projects => "projects",
    };
    format!("mapping.{kind}.{}", name.trim())
}

/// Saves `mapping` under `name` (a setting; a later save replaces it).
pub fn save_mapping(
    tx: &mut crate::store::write::Tx<'_>,
    kind: Kind,
    name: &str,
    mapping: &Mapping,
) -> Result<()> {
    tx.set_setting(&mapping_key(kind, name), &mapping.to_json())
        .map(|_| ())
}

/// A mapping's name: 1–40 letters, digits, `-` or `_` (Chinese letters too).
pub fn check_mapping_name(name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > 40
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::bad_value(
            "--save-mapping",
            msg::bad_mapping_name(crate::domain::text::visible(name)),
        ));
    }
    Ok(())
}

/// The mapping saved under `name`; the error lists the saved ones.
pub fn saved_mapping(store: &Store, kind: Kind, name: &str) -> Result<Mapping> {
    let key = mapping_key(kind, name);
    match store.setting(&key)? {
        Some(json) => Mapping::from_json(&json)
            .map_err(|e| Error::bad_value(format!("--mapping {name}"), msg::mapping_unreadable(e))),
        None => {
            let saved = saved_names(store, kind)?;
            Err(Error::bad_value(
                format!("--mapping {name}"),
                if saved.is_empty() {
                    msg::no_mapping_none_saved()
                } else {
                    msg::no_mapping_saved(Text::list(&saved))
                },
            ))
        }
    }
}

/// Imports the payments of `input` (or, with `dry_run`, checks them and writes nothing).
pub fn spending(
    store: &mut Store,
    stamp: Stamp,
    input: &Input,
    options: &SpendingImport<'_>,
    bar: &ProgressBar,
) -> Result<Imported> {
    let place = options.place;
    let sha256 = input.sha256().to_string();
    // The header, resolved before anything is opened for writing (a bad header is
    // refused as it is, without a transaction).
    let (_, resolved, cells) = rows(place, input, Kind::Spending, &options.mapping)?;
    let unit = resolved.amount.map_or(Unit::Wan, |(_, u)| u);
    let amount_field = ["amount_wan", "amount_yuan", "amount"]
        .into_iter()
        .find(|f| {
            resolved.column(Kind::Spending, f).is_some()
                && resolved.column(Kind::Spending, f) == resolved.amount.map(|(c, _)| c)
        })
        .unwrap_or("amount_wan");
    let policy = match options.overspend {
        Some(p) => p,
        None => Overspend::from_setting(store.setting("overspend")?.as_deref()),
    };
    bar.set_length(input.len());
    let dry_run = options.dry_run;
    let work = |tx: &mut crate::store::write::Tx<'_>| -> Result<Imported> {
        if let Some((when, name)) = tx.imported_before("spending", &sha256)? {
            if !options.allow_duplicate {
                return Err(Error::bad_value(place, msg::already_imported(name, when)));
            }
        }
        let import_id = tx.record_import("spending", &sha256, options.file_name)?;
        if let Some(name) = options.save_as {
            save_mapping(tx, Kind::Spending, name, &options.mapping)?;
        }
        // A large import into a ledger with fewer entries appends its rows without the
        // secondary indexes and builds them again afterwards by sorting: much cheaper
        // than a random B-tree insert per row. A small import into a large ledger keeps
        // them (rebuilding would cost more than it saves).
        let expected_rows = input.expected_rows();
        let bulk = expected_rows >= BULK_ROWS && expected_rows >= tx.spending_count()?;
        if bulk {
            tx.suspend_spending_indexes()?;
        }
        let dates = PaymentDates::from_setting(tx.setting("payment-dates")?.as_deref());
        let checker = Checker {
            row_prefix: row_prefix(place, &cells),
            amount_field,
            sha256: &sha256,
            today: options.today,
            unit,
            dates,
            closed: tx.closed_through()?,
            policy,
            import_id,
            stamp: stamp.clone(),
            projects: tx.project_timelines()?,
            actual: tx.actual_totals()?,
            entries: HashMap::new(),
            sealer: tx.spending_sealer()?,
            threshold: super::payment::approval_threshold(
                tx.setting(super::payment::THRESHOLD)?.as_deref(),
            ),
            bar,
        };
        let (rows, _, _) = rows(place, input, Kind::Spending, &options.mapping)?;
        // One thread reads, checks and hashes the rows; this one inserts them, so the
        // two halves of the work overlap on two cores. Each row's id and hash are fixed
        // by the reading thread; the insert refuses a row out of order.
        let mut lines: Vec<u32> = Vec::new();
        let mut first_entry: Option<i64> = None;
        let mut pending_rows: Vec<Checked> = Vec::new();
        // The spending per month of the rows appended while its trigger is suspended.
        let mut months = crate::store::aggregates::MonthDeltas::default();
        let found = std::thread::scope(|scope| -> Result<Found> {
            let (send, receive) = std::sync::mpsc::sync_channel(IN_FLIGHT);
            let reader = scope.spawn(move || checker.run(rows, send));
            let mut appender = tx.spending_appender()?;
            for batch in receive {
                for c in batch {
                    let Some(sealed) = c.sealed else {
                        pending_rows.push(c);
                        continue;
                    };
                    let new = NewEntry {
                        project_id: &c.project_id,
                        date: &c.date,
                        amount: c.amount,
                        voucher: c.voucher.as_deref(),
                        note: c.note.as_deref(),
                        reverses: c.reverses,
                        reason: c.reason.as_deref(),
                        after_completion: c.after_completion,
                        import_id: Some(import_id),
                    };
                    let entry = appender.insert(&new.fields(&stamp), sealed)?;
                    if bulk {
                        months.add(&c.date, c.amount);
                    }
                    first_entry.get_or_insert(entry);
                    lines.push(c.line);
                }
            }
            reader
                .join()
                .map_err(|_| Error::bad_value(place, msg::reading_thread_stopped()))
        })?;
        let Found {
            mut errors,
            mut warnings,
            count,
            total,
            pending,
            by_project,
            skipped,
            fatal,
        } = found;
        if let Some(e) = fatal {
            return Err(e);
        }
        if !errors.is_empty() {
            name_cells(&mut errors, Kind::Spending, &cells, &resolved);
            return Err(import_error(place, errors));
        }
        if count == 0 {
            return Err(Error::bad_value(place, msg::no_data_rows()));
        }
        for c in &pending_rows {
            tx.insert_pending(&NewEntry {
                project_id: &c.project_id,
                date: &c.date,
                amount: c.amount,
                voucher: c.voucher.as_deref(),
                note: c.note.as_deref(),
                reverses: None,
                reason: None,
                after_completion: c.after_completion,
                import_id: Some(import_id),
            })?;
        }
        // Entries repeating an earlier one (in the ledger or earlier in this file), each
        // named by its line.
        let repeated = if bulk {
            tx.restore_spending_indexes(months)?;
            tx.repeated_entries_from(first_entry.unwrap_or(0))?
        } else {
            tx.repeated_entries(import_id)?
        };
        for (entry, same) in repeated {
            let at = first_entry
                .and_then(|first| usize::try_from(entry - first).ok())
                .and_then(|i| lines.get(i));
            let prefix = row_prefix(place, &cells);
            let where_ = match at {
                Some(line) => Text::data(format!("{prefix}{line}")),
                None => msg::at_entry(prefix, entry),
            };
            warn(&mut warnings, || msg::row_same_entry(where_, same));
        }
        let skipped = skipped_places(place, &cells, &skipped);
        Ok(Imported {
            count,
            total,
            pending,
            by_project,
            warnings,
            skipped,
            encoding: input.encoding(),
            written: !dry_run,
        })
    };
    if dry_run {
        store.write_dry(stamp.clone(), work)
    } else {
        store.write(stamp.clone(), work)
    }
}

/// In a workbook, each bad row's problem names its cell (`Sheet1!C17`) rather than a
/// line: the field's column, or the row's first cell for a problem with the whole row.
pub fn name_cells(errors: &mut [RowError], kind: Kind, cells: &Cells, resolved: &Resolved) {
    let Some((sheet, index)) = cells else {
        return;
    };
    let fields = kind.fields();
    for e in errors {
        let col = match e.column.as_str() {
            "amount_wan" | "amount_yuan" | "amount" | "estimate_wan" | "estimate_yuan" => {
                resolved.amount.map(|(c, _)| c)
            }
            name => fields
                .iter()
                .position(|f| f.name == name)
                .and_then(|i| index[i]),
        }
        .unwrap_or(0);
        e.cell = Some(format!(
            "{sheet}!{}{}",
            input::workbook::column_letters(col),
            e.line
        ));
    }
}

/// What names a row before its number: `FILE:` for a CSV file, `FILE: Sheet!` for a
/// workbook's sheet.
pub fn row_prefix(place: &str, cells: &Cells) -> String {
    match cells {
        Some((sheet, _)) => format!("{place}: {sheet}!"),
        None => format!("{place}:"),
    }
}

/// Total rows passed over, named by line or sheet row.
pub fn skipped_places(place: &str, cells: &Cells, lines: &[u64]) -> Vec<String> {
    let at = row_prefix(place, cells);
    lines.iter().map(|line| format!("{at}{line}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::reports::{projects_list, spending_list};

    /// The first 50 warnings are kept whole; the rest are counted.
    #[test]
    fn warnings_keep_fifty_texts_and_count_them_all() {
        let mut w = (Vec::new(), 0);
        for i in 0..60 {
            warn(&mut w, || Text::new(format!("w{i}"), format!("w{i}")));
        }
        assert_eq!((w.0.len(), w.1), (50, 60));
    }

    /// A CSV file is read twice (hashed, then imported): one that changed in between is
    /// refused when its rows are finished, one that did not is accepted.
    #[test]
    fn a_file_changed_between_its_two_reads_is_refused_at_the_finish() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pay.csv");
        let text = "project_id,date,amount_wan\nA5-04,2024-05-01,1\n";
        for changed in [false, true] {
            std::fs::write(&path, text).unwrap();
            let input = open(&path, input::Encoding::Auto, None, None).unwrap();
            if changed {
                std::fs::write(&path, text.replace("2024-05-01,1", "2024-05-01,9")).unwrap();
            }
            let (mut rows, _, _) =
                super::rows("pay.csv", &input, Kind::Spending, &Mapping::default()).unwrap();
            let mut rec = Record {
                line: 0,
                fields: Vec::new(),
                lead: String::new(),
            };
            let mut n = 0;
            while let Some(r) = rows.next_into(&mut rec) {
                r.unwrap();
                n += 1;
            }
            assert_eq!(n, 1);
            assert_eq!(
                rows.finish(input.sha256()).is_err(),
                changed,
                "changed: {changed}"
            );
        }
    }

    /// What ecoledger writes, it reads back: every header of `spending list` and
    /// `projects export`, machine keys and labels, in both languages.
    #[test]
    fn every_header_ecoledger_writes_resolves() {
        for lang in [Lang::En, Lang::Zh] {
            for (kind, columns) in [
                (Kind::Spending, spending_list::columns(lang)),
                (Kind::Projects, projects_list::template(lang).columns),
            ] {
                for header in [
                    columns
                        .iter()
                        .map(|c| c.key.to_string())
                        .collect::<Vec<_>>(),
                    columns.iter().map(|c| c.label.to_string()).collect(),
                ] {
                    let resolved = import::resolve(kind, &header, &Mapping::default());
                    assert!(
                        resolved.is_ok(),
                        "{lang:?} {kind:?} {header:?}: {resolved:?}"
                    );
                    let resolved = resolved.unwrap_or_else(|_| unreachable!());
                    let mapped = resolved.index.iter().flatten().count();
                    let derived = header
                        .iter()
                        .filter(|h| {
                            kind.derived()
                                .iter()
                                .any(|d| import::normalize_header(d) == import::normalize_header(h))
                        })
                        .count();
                    assert_eq!(mapped + derived, header.len(), "{lang:?} {header:?}");
                }
            }
        }
    }

    #[test]
    fn total_rows_are_recognised_by_their_first_cell_and_no_key() {
        let rec = |lead: &str, fields: &[&str]| Record {
            line: 1,
            fields: fields.iter().map(|c| c.to_string()).collect(),
            lead: lead.to_string(),
        };
        let s = Kind::Spending;
        assert!(is_total_row(s, &rec("合计", &["", "", "", "3371400.57"])));
        assert!(is_total_row(s, &rec("合 计", &["合 计", "", "1"])));
        assert!(is_total_row(s, &rec("Total:", &["", "", "1"])));
        assert!(!is_total_row(
            s,
            &rec("合计", &["A1-02", "2024-01-01", "1"])
        ));
        assert!(!is_total_row(s, &rec("A1-02", &["A1-02", "合计"])));
        assert!(!is_total_row(s, &rec("", &["", ""])));
        let p = Kind::Projects;
        assert!(is_total_row(
            p,
            &rec("合计", &["", "", "", "", "", "152173"])
        ));
        assert!(!is_total_row(
            p,
            &rec("合计", &["", "", "", "合计", "建设内容", "1"])
        ));
    }

    #[test]
    fn mapping_names_are_plain_words() {
        assert!(check_mapping_name("treasury").is_ok());
        assert!(check_mapping_name("国库_2024").is_ok());
        for bad in ["", "a b", "x.y", &"n".repeat(41), "a\u{202e}b"] {
            assert!(check_mapping_name(bad).is_err(), "{bad:?}");
        }
    }
}
