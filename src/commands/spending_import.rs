//! `ecoledger spending import FILE`: record many payments from a spreadsheet export, all
//! or nothing. Columns `project_id,date,amount_wan,voucher,note`.

use super::{Context, Outcome};
use crate::domain::project::{normalize_id, Status};
use crate::domain::spending::{check_payment, Overspend};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::input::{self, import_error, Encoding, RowError};
use crate::store::spending::NewEntry;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

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

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let place = args.file.display().to_string();
    let input::Decoded {
        text,
        sha256,
        encoding,
    } = input::read(&args.file, args.encoding)?;
    // The header is checked before the ledger is opened; the rows are read inside the
    // transaction, which owns the text and frees it before the indexes are rebuilt.
    input::rows(&text, &place, &COLUMNS)?;
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
    let bar = progress(text.len() as u64);
    let result = store.write(stamp, |tx| {
        let mut rows = input::rows(&text, &place, &COLUMNS)?;
        if let Some((when, name)) = tx.imported_before("spending", &sha256)? {
            if !args.allow_duplicate {
                return Err(Error::bad_value(
                    &place,
                    format!("this file's content was already imported ({name}, recorded {when}); add --allow-duplicate to import it again"),
                ));
            }
        }
        let import_id = tx.record_import("spending", &sha256, &file_name, 0)?;
        // A large import into a ledger with fewer entries appends its rows without the
        // secondary indexes and builds them again afterwards by sorting: much cheaper
        // than a random B-tree insert per row. A small import into a large ledger keeps
        // them (rebuilding would cost more than it saves).
        let expected_rows = text.lines().count().saturating_sub(1) as i64;
        let bulk = expected_rows >= BULK_ROWS && expected_rows >= tx.spending_count()?;
        if bulk {
            tx.suspend_spending_indexes()?;
        }
        let mut lines: Vec<u32> = Vec::new();
        let mut first_entry: Option<i64> = None;
        let projects = tx.project_summaries()?;
        let mut actual = tx.actual_totals()?;
        let mut errors: Vec<RowError> = Vec::new();
        let mut warnings: (Vec<String>, usize) = (Vec::new(), 0);
        let (mut count, mut total) = (0_i64, Money::ZERO);
        while let Some(next) = rows.next_record() {
            if count % 4096 == 0 {
                bar.set_position(rows.position());
            }
            let rec = match next {
                Ok(r) => r,
                Err(e) => {
                    errors.push(e);
                    continue;
                }
            };
            let line = rec.line;
            let mut bad = |column: &str, problem: String| errors.push(err(line, column, problem));
            let row = match check_payment(&rec.fields, today) {
                Ok(row) => Some(row),
                Err(problems) => {
                    for (column, problem) in problems {
                        bad(column, problem);
                    }
                    None
                }
            };
            let id = normalize_id(&rec.fields[0]);
            let project = projects.get(&id);
            if project.is_none() && !id.is_empty() {
                bad("project_id", format!("unknown project id '{}'", rec.fields[0]));
            }
            let (Some(&(status, estimate)), Some(row)) = (project, row) else {
                continue;
            };
            let (date, amount, voucher, note) = (row.date, row.amount, row.voucher, row.note);
            let so_far = actual.entry(id.clone()).or_insert(Money::ZERO);
            let after = so_far.checked_add(amount).unwrap_or(*so_far);
            if after > estimate {
                let what = format!("takes {id}'s spending to {} 万元, above its estimate {} 万元", after.grouped(), estimate.grouped());
                match policy {
                    Overspend::Stop => bad("amount_wan", format!("{what}; the ledger is set to refuse overspending")),
                    Overspend::Warn => warn(&mut warnings, || format!("{place}:{line}: {what}")),
                }
            }
            *so_far = after;
            if !errors.is_empty() {
                // Keep checking the rest to list every bad row; write nothing more.
                continue;
            }
            let new = NewEntry {
                project_id: &id,
                date: &date,
                amount,
                voucher: voucher.as_deref(),
                note: note.as_deref(),
                reverses: None,
                reason: None,
                after_completion: status == Status::Completed,
                import_id: Some(import_id),
            };
            let entry = tx.insert_entry(&new)?;
            first_entry.get_or_insert(entry);
            lines.push(u32::try_from(line).unwrap_or(u32::MAX));
            count += 1;
            total = total.checked_add(amount).unwrap_or(total);
        }
        drop(rows);
        drop(text);
        if !errors.is_empty() {
            return Err(import_error(&place, errors));
        }
        if count == 0 {
            return Err(Error::bad_value(&place, "no data rows; nothing was imported"));
        }
        if bulk {
            tx.restore_spending_indexes()?;
        }
        // Entries repeating an earlier one (in the ledger or earlier in this file): one
        // query for the whole file, each named by its line.
        for (entry, same) in tx.repeated_entries(import_id)? {
            let at = first_entry
                .and_then(|first| usize::try_from(entry - first).ok())
                .and_then(|i| lines.get(i));
            let line = at.map_or_else(|| format!("entry {entry}"), u32::to_string);
            warn(&mut warnings, || format!("{place}:{line}: same project, date, amount and voucher as entry {same}"));
        }
        tx.finish_import(import_id, count)?;
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
        encoding
    ))?;
    Ok(Outcome::Success)
}
