//! Renders any report as a terminal table, CSV or JSON. Reports hand over an [`Output`]
//! (labelled columns of typed cells); the renderers decide how each cell looks: money
//! gets thousands separators in a table and stays a plain exact decimal in CSV and JSON.
//! Column keys (`estimate_wan`) are fixed machine names used by CSV and JSON; column
//! labels follow the language and are used by the table view.

pub mod csv_out;
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
    // An Excel workbook (binary: needs --out FILE or a redirected stdout).
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
    /// A value that is a code (a status, a row kind, a history action): CSV and JSON
    /// write the code (`in_progress`, `subtotal`) in every language; the table view,
    /// workbooks and HTML show the label people read (`in progress`, `实施中`).
    Code {
        code: String,
        label: String,
    },
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn code(code: impl Into<String>, label: impl Into<String>) -> Cell {
        Cell::Code {
            code: code.into(),
            label: label.into(),
        }
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

impl Table {
    /// A table of `columns` with no rows yet and the default style (a listing).
    pub fn of(columns: Vec<Column>) -> Table {
        Table {
            columns,
            ..Default::default()
        }
    }
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

/// A table written as its rows come, for listings and reports that may run to millions
/// of rows: CSV and JSON go out row by row, byte for byte as [`write`] writes the whole
/// table; the table view and workbooks need every row first (column widths, the sheet),
/// so they are collected and written at [`TableWriter::finish`].
pub struct TableWriter<'w> {
    /// The table without its rows: columns, header style, title.
    template: Table,
    opts: RenderOptions,
    how: Streaming<'w>,
}

enum Streaming<'w> {
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
    Json { out: &'w mut dyn Write, rows: usize },
    Collect { out: &'w mut dyn Write },
}

impl<'w> TableWriter<'w> {
    /// Starts `template` (a table whose rows are still to come) on `out`; CSV writes
    /// its header now.
    pub fn new(
        out: &'w mut dyn Write,
        template: Table,
        opts: RenderOptions,
    ) -> Result<TableWriter<'w>> {
        let how = match opts.format {
            Format::Csv => Streaming::Csv(Box::new(csv_out::begin(
                out,
                &template.columns,
                template.labelled_csv,
                opts.bom,
            )?)),
            Format::Json => Streaming::Json { out, rows: 0 },
            Format::Table | Format::Xlsx => Streaming::Collect { out },
        };
        Ok(TableWriter {
            template,
            opts,
            how,
        })
    }

    /// One row, in the columns' order.
    pub fn row(&mut self, cells: Vec<Cell>) -> Result<()> {
        self.row_strong(cells, false)
    }

    /// One row, emphasised (bold in a workbook) when `strong`.
    pub fn row_strong(&mut self, cells: Vec<Cell>, strong: bool) -> Result<()> {
        match &mut self.how {
            Streaming::Csv(w) => csv_out::row(w, &cells),
            Streaming::Json { out, rows } => {
                json_out::row(&mut **out, &self.template.columns, &cells, *rows == 0)?;
                *rows += 1;
                Ok(())
            }
            Streaming::Collect { .. } => {
                self.template.rows.push(cells);
                self.template.strong.push(strong);
                Ok(())
            }
        }
    }

    /// Ends the table; `note` is the remark the table view shows under it.
    pub fn finish(mut self, note: Option<String>) -> Result<()> {
        match self.how {
            Streaming::Csv(mut w) => {
                w.flush()?;
                Ok(())
            }
            Streaming::Json { out, rows } => json_out::end(out, rows > 0),
            Streaming::Collect { out } => {
                if !self.template.strong.contains(&true) {
                    self.template.strong.clear();
                }
                self.template.note = note;
                write(out, &Output::Table(self.template), self.opts)
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: usize) -> Table {
        Table {
            columns: vec![
                col("id", "编号"),
                col("amount_wan", "金额"),
                col("note", "备注"),
            ],
            rows: (0..rows)
                .map(|i| {
                    vec![
                        Cell::Int(i as i64),
                        Cell::Money(Money::from_yuan(12_345 * i as i64)),
                        if i % 2 == 0 {
                            Cell::text(format!("第{i}笔, \"引号\"\n换行"))
                        } else {
                            Cell::Empty
                        },
                    ]
                })
                .collect(),
            note: Some("合计".to_string()),
            ..Default::default()
        }
    }

    /// Streaming gives the bytes of the whole table, in every format, with and without
    /// rows and a byte-order mark.
    #[test]
    fn a_streamed_table_is_byte_for_byte_the_whole_table() {
        for format in [Format::Csv, Format::Json, Format::Table] {
            for bom in [false, true] {
                for n in [0, 1, 3] {
                    let opts = RenderOptions {
                        format,
                        bom,
                        created: None,
                    };
                    let whole_table = table(n);
                    let mut whole = Vec::new();
                    write(&mut whole, &Output::Table(whole_table.clone()), opts).unwrap();
                    let mut streamed = Vec::new();
                    let template = Table {
                        rows: Vec::new(),
                        note: None,
                        ..whole_table.clone()
                    };
                    let mut w = TableWriter::new(&mut streamed, template, opts).unwrap();
                    for row in whole_table.rows {
                        w.row(row).unwrap();
                    }
                    w.finish(whole_table.note).unwrap();
                    assert_eq!(
                        String::from_utf8(streamed).unwrap(),
                        String::from_utf8(whole).unwrap(),
                        "{format:?} bom={bom} rows={n}"
                    );
                }
            }
        }
    }
}
