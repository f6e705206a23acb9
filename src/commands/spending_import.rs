//! `ecoledger spending import FILE`: record many payments from a treasury or accounting
//! export, or a clerk's workbook, all or nothing. Headers are recognised by the alias
//! table (Chinese or English); `--dry-run` checks everything and writes nothing.

use super::{Context, Outcome};
use crate::domain::import::{Kind, Mapping, Unit};
use crate::domain::spending::Overspend;
use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::input::Encoding;
use crate::ops::import::{self as import_op, Imported, SpendingImport};
use crate::render::Output;
use crate::reports::import_preview;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;

/// The columns of ecoledger's own spending file.
pub use crate::domain::spending::PAYMENT_COLUMNS as COLUMNS;

/// Import payments from a CSV file or an Excel workbook (all rows or none).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  ecoledger spending import 2024Q2-payments.csv
  ecoledger spending import 拨付明细.csv --encoding gbk --dry-run
  ecoledger spending import 国库支付.csv --unit yuan --ignore-column 收款人 --save-mapping treasury
  ecoledger spending import 国库支付-2024-05.csv --mapping treasury
  ecoledger spending import 支出台账.xlsx --sheet 2024 --header-row 3

Columns are found by their headers, in any order: project_id (项目编号), date (支付日期),
one amount column (amount_wan / 金额（万元）, amount_yuan / 金额（元）, or 金额 with
--unit yuan|wan), and optionally voucher (凭证号) and note (摘要). The user guide lists
every recognised header. Dates like 2024-04-02, 2024/4/2, 2024年4月2日, 20240402;
amounts like 1,000.00, ¥1000 or full-width digits; 元 to the 分 at most.

CSV is UTF-8 with or without BOM, or GB18030/GBK. Any bad row means nothing is imported;
every bad row is listed as FILE:LINE (or Sheet!C17): column: problem. The same file is
not imported twice unless --allow-duplicate.")]
pub struct Args {
    /// The CSV file or Excel workbook (.xlsx).
    pub file: PathBuf,
    /// The CSV file's encoding.
    #[arg(long, value_enum, default_value_t = Encoding::Auto)]
    pub encoding: Encoding,
    /// The workbook's sheet [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The workbook row that holds the headers, as Excel numbers it [default: found].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// Read the column HEADER as FIELD (repeatable), e.g. --map '付款额（元）=amount_yuan'.
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    pub map: Vec<String>,
    /// Leave the column NAME out (repeatable).
    #[arg(long = "ignore-column", value_name = "NAME")]
    pub ignore: Vec<String>,
    /// The unit of an amount column whose header does not say it (金额, amount).
    #[arg(long, value_enum)]
    pub unit: Option<Unit>,
    /// Use the header mapping saved under NAME (flags given as well add to it).
    #[arg(long, value_name = "NAME")]
    pub mapping: Option<String>,
    /// Save this import's header mapping (--map, --ignore-column, --unit) under NAME,
    /// with the import.
    #[arg(long, value_name = "NAME")]
    pub save_mapping: Option<String>,
    /// Check everything and show what would be imported; write nothing. The exit code
    /// says whether the import would succeed.
    #[arg(long)]
    pub dry_run: bool,
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

/// The mapping flags as given: `--map` pairs, `--ignore-column`, `--unit`.
pub fn mapping_flags(map: &[String], ignore: &[String], unit: Option<Unit>) -> Result<Mapping> {
    let mut pairs = Vec::new();
    for m in map {
        let (header, field) = m
            .rsplit_once('=')
            .filter(|(h, f)| !h.trim().is_empty() && !f.trim().is_empty())
            .ok_or_else(|| Error::bad_value("--map", format!("'{m}': write it as HEADER=field")))?;
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
    let write = super::WriteArgs {
        actor: args.actor.clone(),
        date: None,
        note: None,
    };
    let stamp = write.stamp(&ctx.clock)?;
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
        ctx.warn(&format!("… and {} more", all - shown.len()))?;
    }
    for skipped in &imported.skipped {
        ctx.warn(&match lang {
            Lang::En => format!("{skipped}: a total row, passed over"),
            Lang::Zh => format!("{skipped}：合计行，已跳过"),
        })?;
    }
    let summary = imported.summary(lang, place);
    if imported.written {
        return ctx.say(&summary);
    }
    ctx.emit(&Output::Table(import_preview::table(
        lang,
        &imported.by_project,
        summary.clone(),
    )))?;
    if ctx.render.format != crate::render::Format::Table {
        // CSV and JSON stay pure data; the summary goes to stderr.
        writeln!(ctx.err, "{summary}")?;
    }
    Ok(())
}
