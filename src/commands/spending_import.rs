//! `ecoledger spending import FILE`: record many payments from a spreadsheet export, all
//! or nothing. Columns `project_id,date,amount_wan,voucher,note`.

use super::{Context, Outcome};
use crate::domain::project::{normalize_id, Status};
use crate::domain::spending::{check_payment, far_from_schedule, Overspend, PaymentDates};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::input::{self, import_error, Encoding, Record, RowError, SourceRows};
use crate::store::chain::{Sealed, Sealer};
use crate::store::spending::{NewEntry, ProjectSummary, Timeline};
use crate::store::write::Stamp;
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::SyncSender;

/// The columns of a spending file.
pub use crate::domain::spending::PAYMENT_COLUMNS as COLUMNS;

/// Import payments from a CSV file (all rows or none).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger spending import 2024Q2-payments.csv
  ecoledger spending import 拨付明细.csv --encoding gbk

Columns: project_id,date,amount_wan,voucher,note (header required; any order). UTF-8 with or without
BOM, or GB18030/GBK. Any bad row means nothing is imported; every bad row is listed as
FILE:LINE: column: problem. The same file is not imported twice unless --allow-duplicate.")]
pub struct Args {
    /// The CSV file.
    pub file: PathBuf,
    /// The file's encoding.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,
    /// Import a file whose exact content was imported before.
    #[arg(long)]
    pub allow_duplicate: bool,
    /// Override the ledger's overspend setting for this import.
    #[arg(long, value_enum)]
    pub overspend: Option<Overspend>,
    /// Who imports [default: $ECOLEDGER_USER, else the OS user name].
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
}

/// A progress bar on a terminal; nothing when stderr is not one.
pub fn progress(len: u64) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {percent:>3}% {msg}") {
        bar.set_style(style);
    }
    bar
}

/// Keeps the first 50 warnings' texts and only counts the rest (an import of a million
/// rows may warn on most of them).
fn warn(warnings: &mut (Vec<String>, usize), text: impl FnOnce() -> String) {
    if warnings.0.len() < 50 {
        warnings.0.push(text());
    }
    warnings.1 += 1;
}

/// From this many rows (and at least as many as the ledger holds) an import rebuilds the
/// spending indexes instead of updating them row by row.
const BULK_ROWS: i64 = 10_000;

fn err(line: u64, column: &str, problem: impl ToString) -> RowError {
    RowError {
        line,
        column: column.to_string(),
        problem: problem.to_string(),
    }
}

/// A checked row on its way from the reading thread to the ledger, with its chain hash.
struct Checked {
    line: u32,
    project_id: String,
    date: String,
    amount: Money,
    voucher: Option<String>,
    note: Option<String>,
    after_completion: bool,
    sealed: Sealed,
}

/// What the reading thread found in the whole file.
#[derive(Default)]
struct Found {
    errors: Vec<RowError>,
    warnings: (Vec<String>, usize),
    count: i64,
    total: Money,
    /// A problem with the whole file (it changed while it was read).
    fatal: Option<Error>,
}

/// What the reading thread needs besides the rows.
struct Checker<'a> {
    place: &'a str,
    sha256: &'a str,
    today: NaiveDate,
    policy: Overspend,
    dates: PaymentDates,
    /// The close in force that reaches furthest: rows dated through it are refused.
    closed: Option<crate::store::periods::PeriodRecord>,
    import_id: i64,
    stamp: Stamp,
    projects: HashMap<String, Timeline>,
    actual: HashMap<String, Money>,
    sealer: Sealer,
    bar: &'a ProgressBar,
}

/// Rows handed over at a time, and batches in flight.
const BATCH: usize = 1024;
const IN_FLIGHT: usize = 8;

impl Checker<'_> {
    /// Reads and checks every row, seals the good ones and sends them on in batches
    /// until the first bad row; then only checks, to list every bad row. Stops early if
    /// the writing side has gone (it failed).
    fn run(mut self, mut rows: SourceRows<'_>, send: SyncSender<Vec<Checked>>) -> Found {
        let mut found = Found::default();
        let mut batch = Vec::with_capacity(BATCH);
        let mut rec = Record {
            line: 0,
            fields: Vec::new(),
        };
        let mut read = 0_u64;
        while let Some(next) = rows.next_into(&mut rec) {
            read += 1;
            if read % 4096 == 0 {
                self.bar.set_position(rows.position());
            }
            match next {
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
        let mut bad = |column: &str, problem: String| errors.push(err(line, column, problem));
        let row = match check_payment(&rec.fields, self.today) {
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
                .get(&normalize_id(&rec.fields[0]))
                .and_then(|t| t.0.last().map(|(_, s)| s)),
        };
        if project.is_none() && !rec.fields[0].is_empty() {
            bad(
                "project_id",
                format!("unknown project id '{}'", rec.fields[0]),
            );
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
                format!(
                    "{} is inside the closed period {} (the books are closed through {}); nothing in a closed period can be recorded",
                    row.date, c.period, c.through
                ),
            );
        }
        if matches!(
            status,
            Status::Planned | Status::Suspended | Status::Cancelled
        ) {
            let place = self.place;
            let label = status.label(crate::i18n::Lang::En);
            warn(&mut found.warnings, || {
                format!(
                    "{place}:{line}: {id}: the project was {label} on {}",
                    row.date
                )
            });
        }
        if let Some(problem) = far_from_schedule(&row.date, schedule) {
            match self.dates {
                PaymentDates::Stop => bad(
                    "date",
                    format!("{problem}; the ledger is set to refuse such payments (config payment-dates)"),
                ),
                PaymentDates::Warn => {
                    let place = self.place;
                    warn(&mut found.warnings, || format!("{place}:{line}: {id}: {problem}"));
                }
            }
        }
        let so_far = match self.actual.get_mut(id) {
            Some(m) => m,
            None => self.actual.entry(id.clone()).or_insert(Money::ZERO),
        };
        let after = so_far.checked_add(row.amount).unwrap_or(*so_far);
        if after > estimate {
            let what = format!(
                "takes {id}'s spending to {} 万元, above its estimate {} 万元",
                after.grouped(),
                estimate.grouped()
            );
            match self.policy {
                Overspend::Stop => bad(
                    "amount_wan",
                    format!("{what}; the ledger is set to refuse overspending"),
                ),
                Overspend::Warn => {
                    let place = self.place;
                    warn(&mut found.warnings, || format!("{place}:{line}: {what}"));
                }
            }
        }
        *so_far = after;
        if !found.errors.is_empty() {
            // Keep checking the rest to list every bad row; send nothing more.
            return;
        }
        let after_completion = status == Status::Completed;
        let sealed = self.sealer.seal(
            &NewEntry {
                project_id: id,
                date: &row.date,
                amount: row.amount,
                voucher: row.voucher.as_deref(),
                note: row.note.as_deref(),
                reverses: None,
                reason: None,
                after_completion,
                import_id: Some(self.import_id),
            }
            .fields(&self.stamp),
        );
        found.count += 1;
        found.total = found.total.checked_add(row.amount).unwrap_or(found.total);
        batch.push(Checked {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            project_id: row.project_id,
            date: row.date,
            amount: row.amount,
            voucher: row.voucher,
            note: row.note,
            after_completion,
            sealed,
        });
    }
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let place = args.file.display().to_string();
    // The file is read once here (hash, encoding, header) and once more as the rows
    // are imported, without keeping its text.
    super::check_input(&args.file, &ctx.db)?;
    let source = input::open(&args.file, args.encoding)?;
    source.rows(&place, &COLUMNS)?;
    let write = super::WriteArgs {
        actor: args.actor.clone(),
        date: None,
        note: None,
    };
    let stamp = write.stamp(&ctx.clock)?;
    let today = ctx.clock.today();
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut store = ctx.open_store()?;
    let policy = match args.overspend {
        Some(p) => p,
        None => Overspend::from_setting(store.setting("overspend")?.as_deref()),
    };
    let bar = progress(source.len);
    let result = store.write(stamp.clone(), |tx| {
        if let Some((when, name)) = tx.imported_before("spending", &source.sha256)? {
            if !args.allow_duplicate {
                return Err(Error::bad_value(
                    &place,
                    format!("this file's content was already imported ({name}, recorded {when}); add --allow-duplicate to import it again"),
                ));
            }
        }
        let import_id = tx.record_import("spending", &source.sha256, &file_name)?;
        // A large import into a ledger with fewer entries appends its rows without the
        // secondary indexes and builds them again afterwards by sorting: much cheaper
        // than a random B-tree insert per row. A small import into a large ledger keeps
        // them (rebuilding would cost more than it saves).
        let expected_rows = source.line_breaks.saturating_sub(1) as i64;
        let bulk = expected_rows >= BULK_ROWS && expected_rows >= tx.spending_count()?;
        if bulk {
            tx.suspend_spending_indexes()?;
        }
        let dates = PaymentDates::from_setting(tx.setting("payment-dates")?.as_deref());
        let checker = Checker {
            place: &place,
            sha256: &source.sha256,
            today,
            dates,
            closed: tx.closed_through()?,
            policy,
            import_id,
            stamp: stamp.clone(),
            projects: tx.project_timelines()?,
            actual: tx.actual_totals()?,
            sealer: tx.spending_sealer()?,
            bar: &bar,
        };
        let rows = source.rows(&place, &COLUMNS)?;
        // One thread reads, checks and hashes the rows; this one inserts them, so the
        // two halves of the work overlap on two cores. Each row's id and hash are fixed
        // by the reading thread; the insert refuses a row out of order.
        let mut lines: Vec<u32> = Vec::new();
        let mut first_entry: Option<i64> = None;
        let found = std::thread::scope(|scope| -> Result<Found> {
            let (send, receive) = std::sync::mpsc::sync_channel(IN_FLIGHT);
            let reader = scope.spawn(move || checker.run(rows, send));
            let mut appender = tx.spending_appender()?;
            for batch in receive {
                for c in batch {
                    let new = NewEntry {
                        project_id: &c.project_id,
                        date: &c.date,
                        amount: c.amount,
                        voucher: c.voucher.as_deref(),
                        note: c.note.as_deref(),
                        reverses: None,
                        reason: None,
                        after_completion: c.after_completion,
                        import_id: Some(import_id),
                    };
                    let entry = appender.insert(&new.fields(&stamp), c.sealed)?;
                    first_entry.get_or_insert(entry);
                    lines.push(c.line);
                }
            }
            reader
                .join()
                .map_err(|_| Error::bad_value(&place, "the reading thread stopped unexpectedly"))
        })?;
        let Found {
            errors,
            mut warnings,
            count,
            total,
            fatal,
        } = found;
        if let Some(e) = fatal {
            return Err(e);
        }
        if !errors.is_empty() {
            return Err(import_error(&place, errors));
        }
        if count == 0 {
            return Err(Error::bad_value(&place, "no data rows; nothing was imported"));
        }
        // Entries repeating an earlier one (in the ledger or earlier in this file), each
        // named by its line.
        let repeated = if bulk {
            tx.restore_spending_indexes()?;
            tx.repeated_entries_from(first_entry.unwrap_or(0))?
        } else {
            tx.repeated_entries(import_id)?
        };
        for (entry, same) in repeated {
            let at = first_entry
                .and_then(|first| usize::try_from(entry - first).ok())
                .and_then(|i| lines.get(i));
            let line = at.map_or_else(|| format!("entry {entry}"), u32::to_string);
            warn(&mut warnings, || format!("{place}:{line}: same project, date, amount and voucher as entry {same}"));
        }
        Ok((count, total, warnings))
    });
    bar.finish_and_clear();
    let (count, total, warnings) = result?;
    let (shown, all) = warnings;
    for w in &shown {
        ctx.warn(w)?;
    }
    if all > shown.len() {
        ctx.warn(&format!("… and {} more", all - shown.len()))?;
    }
    ctx.say(&format!(
        "imported {count} entries, {} 万元, from {place} ({})",
        total.grouped(),
        source.encoding
    ))?;
    Ok(Outcome::Success)
}
