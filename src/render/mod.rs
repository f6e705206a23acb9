//! Renders any report as a terminal table, CSV or JSON. Reports hand over an [`Output`]
//! (labelled columns of typed cells); the renderers decide how each cell looks: money
//! gets thousands separators in a table and stays a plain exact decimal in CSV and JSON.
//! Column keys (`estimate_wan`) are fixed machine names used by CSV and JSON; column
//! labels follow the language and are used by the table view.

pub mod csv_out;
pub mod html;
mod json_out;
pub mod table_out;
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
    /// The width the table view fits (the terminal's; 80 when piped; `COLUMNS`); none:
    /// every column in full (`--wide`).
    pub width: Option<usize>,
    /// `--columns`: the columns to show, by key or label, in every format (the user's
    /// list lives as long as the program).
    pub columns: Option<&'static [String]>,
    /// The language of the table view's own remarks.
    pub lang: crate::i18n::Lang,
    /// `--sort COLUMN[:desc]`: the rows in this column's order (within each group of a
    /// report with subtotals).
    pub sort: Option<Sort>,
}

/// `--sort COLUMN[:desc]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    /// A column's key or label (the user's text, kept for the program's life).
    pub column: &'static str,
    pub descending: bool,
}

impl Sort {
    /// `COLUMN`, `COLUMN:asc` or `COLUMN:desc`.
    pub fn parse(text: &str) -> Result<Sort> {
        let (column, order) = match text.rsplit_once(':') {
            Some((c, o)) if matches!(o.trim(), "asc" | "desc") => (c, o.trim()),
            _ => (text, "asc"),
        };
        if column.trim().is_empty() {
            return Err(crate::error::Error::bad_value(
                "--sort",
                crate::i18n::msg::name_a_sort_column(),
            ));
        }
        Ok(Sort {
            column: intern(column.trim().to_string()),
            descending: order == "desc",
        })
    }
}

/// The order of two cells of one column: numbers by value, text by its characters,
/// empty cells last.
fn cell_order(a: &Cell, b: &Cell) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Cell::Empty, Cell::Empty) => Ordering::Equal,
        (Cell::Empty, _) => Ordering::Greater,
        (_, Cell::Empty) => Ordering::Less,
        (Cell::Money(x), Cell::Money(y)) => x.cmp(y),
        (Cell::Int(x), Cell::Int(y)) => x.cmp(y),
        (Cell::Percent(x), Cell::Percent(y)) => x.cmp(y),
        (Cell::Text(x), Cell::Text(y)) => x.cmp(y),
        (Cell::Code { code: x, .. }, Cell::Code { code: y, .. }) => x.cmp(y),
        (x, y) => format!("{x:?}").cmp(&format!("{y:?}")),
    }
}

impl Table {
    /// The rows in `sort`'s order; in a table with emphasised rows (subtotals, the
    /// total) only the rows between two of them move, so every group stays whole.
    pub fn sorted(mut self, sort: Sort) -> Result<Table> {
        let at = pick(&self.columns, &[sort.column.to_string()]).map_err(|_| {
            crate::error::Error::bad_value(
                "--sort",
                crate::i18n::msg::unknown_column(
                    sort.column,
                    self.columns
                        .iter()
                        .map(|c| c.key)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            )
        })?[0];
        let strong = if self.strong.len() == self.rows.len() {
            self.strong.clone()
        } else {
            vec![false; self.rows.len()]
        };
        let mut start = 0;
        while start < self.rows.len() {
            if strong[start] {
                start += 1;
                continue;
            }
            let end = (start..self.rows.len())
                .find(|i| strong[*i])
                .unwrap_or(self.rows.len());
            self.rows[start..end].sort_by(|a, b| {
                let o = cell_order(&a[at], &b[at]);
                if sort.descending
                    && !matches!((&a[at], &b[at]), (Cell::Empty, _) | (_, Cell::Empty))
                {
                    o.reverse()
                } else {
                    o
                }
            });
            start = end;
        }
        Ok(self)
    }
}

/// The positions of the `chosen` columns (by key, or by label in either case) among
/// `columns`, in the order chosen.
pub fn pick(columns: &[Column], chosen: &[String]) -> Result<Vec<usize>> {
    chosen
        .iter()
        .map(|name| {
            let name = name.trim();
            columns
                .iter()
                .position(|c| c.key == name || c.label.eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    crate::error::Error::bad_value(
                        "--columns",
                        crate::i18n::msg::unknown_column(
                            name,
                            columns.iter().map(|c| c.key).collect::<Vec<_>>().join(", "),
                        ),
                    )
                })
        })
        .collect()
}

impl Table {
    /// Only the columns at `at`, in that order.
    pub fn project(&self, at: &[usize]) -> Table {
        let cells = |r: &Vec<Cell>| at.iter().map(|i| r[*i].clone()).collect();
        Table {
            columns: at.iter().map(|i| self.columns[*i]).collect(),
            rows: self.rows.iter().map(cells).collect(),
            view: Vec::new(),
            ..self.clone()
        }
    }
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

/// A label or key made at run time (a year in a header, a matrix's columns), kept for
/// the program's life: each distinct text is kept once, however often it is asked for.
pub fn intern(text: String) -> &'static str {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static KEPT: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut kept = KEPT
        .get_or_init(|| Mutex::new(HashSet::new()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(k) = kept.get(text.as_str()) {
        return k;
    }
    let leaked: &'static str = Box::leak(text.into_boxed_str());
    kept.insert(leaked);
    leaked
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
    /// The table view's default columns (keys), most important first; empty: all. A
    /// column left out to fit the width goes from the end of this list. CSV, JSON and
    /// workbooks always carry every column.
    pub view: Vec<&'static str>,
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
    /// `--columns`: the positions of the chosen columns in each row.
    picked: Option<Vec<usize>>,
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
        let (template, picked) = match opts.columns {
            // Sorted, the whole table is gathered and written at the end.
            Some(_) if opts.sort.is_some() => (template, None),
            Some(chosen) => {
                let at = pick(&template.columns, chosen)?;
                (template.project(&at), Some(at))
            }
            None => (template, None),
        };
        let how = match opts.format {
            _ if opts.sort.is_some() => Streaming::Collect { out },
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
            picked,
        })
    }

    /// One row, in the columns' order.
    pub fn row(&mut self, cells: Vec<Cell>) -> Result<()> {
        self.row_strong(cells, false)
    }

    /// One row, emphasised (bold in a workbook) when `strong`.
    pub fn row_strong(&mut self, cells: Vec<Cell>, strong: bool) -> Result<()> {
        let cells = match &self.picked {
            Some(at) => at.iter().map(|i| cells[*i].clone()).collect(),
            None => cells,
        };
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
                if self.opts.sort.is_some() {
                    // Sorted (and then its columns chosen) by [`write`].
                    return write(out, &Output::Table(self.template), self.opts);
                }
                // The columns are chosen already.
                let opts = RenderOptions {
                    columns: None,
                    ..self.opts
                };
                let fit = table_out::Fit {
                    width: opts.width,
                    chosen: self.picked.is_some(),
                    lang: opts.lang,
                };
                match opts.format {
                    Format::Table => table_out::write(out, &Output::Table(self.template), fit),
                    _ => write(out, &Output::Table(self.template), opts),
                }
            }
        }
    }
}

/// Writes `output` to `out` in the chosen format (only the `--columns` chosen, if any).
/// A workbook of several tables, one sheet each (a report in sections).
pub fn workbook(tables: &[Table], created: Option<chrono::NaiveDate>) -> Result<Vec<u8>> {
    xlsx_out::sheets(tables, created)
}

pub fn write(out: &mut dyn Write, output: &Output, opts: RenderOptions) -> Result<()> {
    let sorted;
    let output = match (opts.sort, output) {
        (Some(sort), Output::Table(t)) => {
            sorted = Output::Table(t.clone().sorted(sort)?);
            &sorted
        }
        _ => output,
    };
    let picked;
    let output = match (opts.columns, output) {
        (Some(chosen), Output::Table(t)) => {
            picked = Output::Table(t.project(&pick(&t.columns, chosen)?));
            &picked
        }
        _ => output,
    };
    match opts.format {
        Format::Table => table_out::write(
            out,
            output,
            table_out::Fit {
                width: opts.width,
                chosen: opts.columns.is_some(),
                lang: opts.lang,
            },
        ),
        Format::Csv => csv_out::write(out, output, opts.bom),
        Format::Json => json_out::write(out, output),
        Format::Xlsx => xlsx_out::write(out, output, opts.created, opts.lang),
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
                        width: Some(80),
                        ..RenderOptions::default()
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
