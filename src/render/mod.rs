//! Renders any report as a terminal table, CSV or JSON. Reports hand over an [`Output`]
//! (labelled columns of typed cells); the renderers decide how each cell looks: money
//! gets thousands separators in a table and stays a plain exact decimal in CSV and JSON.
//! Column keys (`estimate_wan`) are fixed machine names used by CSV and JSON; column
//! labels follow the language and are used by the table view.

mod csv_out;
pub mod html;
mod json_out;
mod table_out;
mod xlsx_out;

use crate::domain::Money;
use crate::error::Result;
use rust_decimal::Decimal;
use std::io::Write;

/// The output format, `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    /// An Excel workbook (binary: needs --out FILE or a redirected stdout).
    Xlsx,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct RenderOptions {
    pub format: Format,
    /// Start CSV with a UTF-8 byte-order mark, so that Excel reads Chinese correctly.
    pub bom: bool,
    /// The creation date a workbook records (today, from the one clock), so that the same
    /// data gives the same bytes; none: the library's current time.
    pub created: Option<chrono::NaiveDate>,
}

/// One value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Money(Money),
    /// A percentage, already rounded (`95.3` means 95.3%).
    Percent(Decimal),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// A column: its machine key and its label in the chosen language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

pub fn col(key: &'static str, label: &'static str) -> Column {
    Column { key, label }
}

/// Rows under labelled columns.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// A remark shown under the table view only (CSV and JSON stay pure data).
    pub note: Option<String>,
    /// Rows to emphasise (subtotals, totals): bold in a workbook. Empty means none.
    pub strong: Vec<bool>,
    /// Head the CSV with the column labels instead of the machine names: the budget
    /// reports do so in Chinese, for people opening them in Excel; data listings never.
    pub labelled_csv: bool,
    /// The workbook sheet's name.
    pub title: Option<String>,
}

/// One record with named fields, followed by titled sub-tables (e.g. a project with its
/// year allocation).
#[derive(Clone, Debug)]
pub struct Record {
    /// The two header labels of the table view (field, value).
    pub header: [Column; 2],
    pub fields: Vec<(Column, Cell)>,
    pub sections: Vec<(Column, Table)>,
}

#[derive(Clone, Debug)]
pub enum Output {
    Table(Table),
    Record(Record),
}

/// Writes `output` to `out` in the chosen format.
pub fn write(out: &mut dyn Write, output: &Output, opts: RenderOptions) -> Result<()> {
    match opts.format {
        Format::Table => table_out::write(out, output),
        Format::Csv => csv_out::write(out, output, opts.bom),
        Format::Json => json_out::write(out, output),
        Format::Xlsx => xlsx_out::write(out, output, opts.created),
    }
}
