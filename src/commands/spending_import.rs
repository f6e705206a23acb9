//! `ecoledger spending import FILE`: record many payments from a treasury or accounting
//! export, or a clerk's workbook, all or nothing. Headers are recognised by the alias
//! table (Chinese or English); `--dry-run` checks everything and writes nothing.

use super::{Context, Outcome};
use crate::domain::import::{Kind, Mapping, Unit};
use crate::domain::spending::Overspend;
use crate::error::{Error, Result};
use crate::i18n::msg;
use crate::input::Encoding;
use crate::ops::import::{self as import_op, Imported, SpendingImport};
use crate::render::Output;
use crate::reports::import_preview;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

/// The columns of ecoledger's own spending file.
pub use crate::domain::spending::PAYMENT_COLUMNS as COLUMNS;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,
    #[arg(long = "ignore-column", value_name = "NAME")]
    pub ignore: Vec<String>,
    #[arg(long, value_enum)]
    pub unit: Option<Unit>,
    #[arg(long, value_name = "NAME")]
    pub mapping: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub allow_duplicate: bool,
    #[arg(long, value_enum)]
    pub overspend: Option<Overspend>,
    #[arg(long = "by", value_name = "NAME")]
    pub actor: Option<String>,
    #[arg(long)]
    pub password_stdin: bool,
}

/// A progress bar on a terminal; nothing when stderr is not one.
pub fn progress(len: u64) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {percent:>3}% {msg}") {
        bar.set_style(style);
    }
    bar
}

/// The mapping flags as given: `--map` pairs, `--ignore-column`, `--unit`.
pub fn mapping_flags(map: &[String], ignore: &[String], unit: Option<Unit>) -> Result<Mapping> {
    let mut pairs = Vec::new();
    for m in map {
        let (header, field) = m
            .rsplit_once('=')
            .filter(|(h, f)| !h.trim().is_empty() && !f.trim().is_empty())
            .ok_or_else(|| Error::bad_value("--map", msg::map_form(m)))?;
        pairs.push((header.trim().to_string(), field.trim().to_string()));
    }
    Ok(Mapping {
        map: pairs,
        ignore: ignore.iter().map(|i| i.trim().to_string()).collect(),
        unit: unit.map(|u| unit_name(u).to_string()),
    })
}

fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Yuan => "yuan",
        Unit::Wan => "wan",
    }
}

/// The mapping to use: the saved one named by `--mapping` (from the ledger), with the
/// flags given now on top.
pub fn mapping(
    store: &crate::store::Store,
    kind: Kind,
    saved: Option<&str>,
    flags: Mapping,
) -> Result<Mapping> {
    let Some(name) = saved else {
        return Ok(flags);
    };
    let mut mapping = import_op::saved_mapping(store, kind, name)?;
    mapping.map.extend(flags.map);
    mapping.ignore.extend(flags.ignore);
    if flags.unit.is_some() {
        mapping.unit = flags.unit;
    }
    Ok(mapping)
}

pub fn run(ctx: &mut Context<'_>, args: Args) -> Result<Outcome> {
    let place = args.file.display().to_string();
    super::check_input(&args.file, &ctx.db)?;
    let flags = mapping_flags(&args.map, &args.ignore, args.unit)?;
    if let Some(name) = &args.save_mapping {
        import_op::check_mapping_name(name)?;
    }
    // The file is read once here (hash, encoding; a workbook whole) and its rows once
    // more as they are imported.
    let input = import_op::open(
        &args.file,
        args.encoding,
        args.sheet.as_deref(),
        args.header_row,
    )?;
    if args.password_stdin && args.file.as_os_str() == "-" {
        return Err(Error::bad_value(
            "--password-stdin",
            msg::password_stdin_taken(),
        ));
    }
    let write = super::WriteArgs {
        actor: args.actor.clone(),
        password_stdin: args.password_stdin,
        date: None,
        note: None,
    };
    let stamp = write.stamp(ctx)?;
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut store = ctx.open_store()?;
    let mapping = mapping(&store, Kind::Spending, args.mapping.as_deref(), flags)?;
    let options = SpendingImport {
        place: &place,
        file_name: &file_name,
        mapping,
        save_as: args.save_mapping.as_deref(),
        overspend: args.overspend,
        allow_duplicate: args.allow_duplicate,
        dry_run: args.dry_run,
        today: ctx.clock.today(),
    };
    let bar = progress(0);
    let result = import_op::spending(&mut store, stamp, &input, &options, &bar);
    bar.finish_and_clear();
    let imported = result?;
    report(ctx, &place, &imported)?;
    Ok(Outcome::Success)
}

/// Warnings on stderr; a dry run's per-project totals as a table; the summary line.
fn report(ctx: &mut Context<'_>, place: &str, imported: &Imported) -> Result<()> {
    let lang = ctx.lang;
    let (shown, all) = &imported.warnings;
    for w in shown {
        ctx.warn(w)?;
    }
    if *all > shown.len() {
        ctx.warn(&msg::and_more_warnings(all - shown.len()))?;
    }
    for skipped in &imported.skipped {
        ctx.warn(&msg::total_row_passed(skipped))?;
    }
    if imported.pending > 0 {
        ctx.warn(&msg::imported_pending(imported.pending))?;
    }
    let summary = imported.summary(place);
    if imported.written {
        return ctx.say(&summary);
    }
    ctx.emit(&Output::Table(import_preview::table(
        lang,
        &imported.by_project,
        summary.get(lang).to_string(),
    )))?;
    if ctx.render.format != crate::render::Format::Table {
        // CSV and JSON stay pure data; the summary goes to stderr.
        writeln!(ctx.err, "{}", summary.get(lang))?;
    }
    Ok(())
}
