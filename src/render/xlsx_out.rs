//! Excel workbooks (rust_xlsxwriter): one sheet named after the report, a bold frozen
//! header row, amounts as numeric cells in 万元 with a `#,##0.00##` format, percentages
//! as numbers with one decimal, emphasised rows (subtotals, totals) in bold, and column
//! widths that fit their contents (CJK characters count double).
//!
//! A workbook stores numbers as IEEE doubles — the file format leaves no choice. Every
//! amount is written from its exact decimal text, and any amount below 10^11 万元 with at
//! most four decimals reads back as the same decimal; the tests read workbooks back and
//! compare them with the CSV.

use super::{Cell, Output, Table};
use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::io::Write;

const MONEY_FORMAT: &str = "#,##0.00##";
const PERCENT_FORMAT: &str = "0.0";

fn xlsx_error(e: XlsxError) -> Error {
    Error::bad_value("xlsx", crate::i18n::msg::workbook_write_failed(e))
}

/// Display width of a text: CJK and other wide characters count double.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| if c.len_utf8() > 1 { 2 } else { 1 })
        .sum()
}

/// A valid sheet name: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if cleaned.is_empty() {
        "Sheet1".to_string()
    } else {
        cleaned
    }
}

struct Formats {
    header: Format,
    text: [Format; 2],
    int: [Format; 2],
    money: [Format; 2],
    percent: [Format; 2],
}

impl Formats {
    fn new() -> Formats {
        let pair = |f: Format| [f.clone(), f.set_bold()];
        Formats {
            header: Format::new().set_bold().set_text_wrap(),
            text: pair(Format::new()),
            int: pair(Format::new().set_num_format("0")),
            money: pair(Format::new().set_num_format(MONEY_FORMAT)),
            percent: pair(Format::new().set_num_format(PERCENT_FORMAT)),
        }
    }
}

fn write_cell(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    cell: &Cell,
    bold: bool,
) -> Result<(), XlsxError> {
    let b = usize::from(bold);
    match cell {
        Cell::Text(s) | Cell::Code { label: s, .. } => ws
            .write_string_with_format(row, col, s, &f.text[b])
            .map(|_| ()),
        Cell::Int(n) => ws
            .write_number_with_format(row, col, *n as f64, &f.int[b])
            .map(|_| ()),
        Cell::Money(m) => {
            let value: f64 = m.plain().parse().unwrap_or(f64::NAN);
            ws.write_number_with_format(row, col, value, &f.money[b])
                .map(|_| ())
        }
        Cell::Percent(p) => {
            let value: f64 = p.to_string().parse().unwrap_or(f64::NAN);
            ws.write_number_with_format(row, col, value, &f.percent[b])
                .map(|_| ())
        }
        Cell::Empty => ws.write_blank(row, col, &f.text[b]).map(|_| ()),
    }
}

fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(s) | Cell::Code { label: s, .. } => width(s),
        Cell::Int(n) => n.to_string().len(),
        Cell::Money(m) => m.grouped().len() + 1,
        Cell::Percent(p) => p.to_string().len() + 1,
        Cell::Empty => 0,
    }
}

/// Writes a table at `first_row`; returns the next free row.
fn write_table(
    ws: &mut Worksheet,
    f: &Formats,
    table: &Table,
    first_row: u32,
) -> Result<u32, XlsxError> {
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| width(c.label).min(24))
        .collect();
    for (i, c) in table.columns.iter().enumerate() {
        ws.write_string_with_format(first_row, i as u16, c.label, &f.header)?;
    }
    let mut row = first_row + 1;
    for (r, cells) in table.rows.iter().enumerate() {
        let bold = table.strong.get(r).copied().unwrap_or(false);
        for (i, cell) in cells.iter().enumerate() {
            write_cell(ws, f, row, i as u16, cell, bold)?;
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(shown_width(cell));
            }
        }
        row += 1;
    }
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, (*w).clamp(6, 60) as f64 + 2.0)?;
    }
    Ok(row)
}

fn build(
    output: &Output,
    created: Option<NaiveDate>,
    lang: crate::i18n::Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    if let Some(d) = created {
        // Month and day always fit; a year beyond Excel's range keeps the library's time.
        if let Ok(when) = ExcelDateTime::from_ymd(
            u16::try_from(d.year()).unwrap_or(0),
            d.month() as u8,
            d.day() as u8,
        ) {
            wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
        }
    }
    let f = Formats::new();
    let ws = wb.add_worksheet();
    match output {
        Output::Table(table) => {
            ws.set_name(sheet_name(table.title.as_deref().unwrap_or("Sheet1")))?;
            write_table(ws, &f, table, 0)?;
            ws.set_freeze_panes(1, 0)?;
            // What the table view says under the table (a report's chain head, a period
            // reopened) goes on a sheet of its own, so the first sheet holds only rows.
            if let Some(note) = &table.note {
                let notes = wb.add_worksheet();
                notes.set_name(lang.pick(crate::i18n::NOTES_SHEET))?;
                for (i, line) in note.lines().enumerate() {
                    notes.write_string(i as u32, 0, line)?;
                }
                notes.set_column_width(0, 100)?;
            }
        }
        Output::Record(record) => {
            let fields = Table {
                columns: record.header.to_vec(),
                rows: record
                    .fields
                    .iter()
                    .map(|(c, v)| vec![Cell::text(c.label), v.clone()])
                    .collect(),
                ..Default::default()
            };
            let mut row = write_table(ws, &f, &fields, 0)?;
            ws.set_freeze_panes(1, 0)?;
            for (title, table) in &record.sections {
                row += 1;
                ws.write_string_with_format(row, 0, title.label, &f.header)?;
                row = write_table(ws, &f, table, row + 1)?;
            }
        }
    }
    wb.save_to_buffer()
}

/// A workbook of several tables, one sheet each, named by its title (a report in
/// sections: `report assessment`). Each table's note goes under its rows.
pub fn sheets(tables: &[Table], created: Option<NaiveDate>) -> Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        if let Some(d) = created {
            if let Ok(when) = ExcelDateTime::from_ymd(
                u16::try_from(d.year()).unwrap_or(0),
                d.month() as u8,
                d.day() as u8,
            ) {
                wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
            }
        }
        let f = Formats::new();
        for (i, table) in tables.iter().enumerate() {
            let ws = wb.add_worksheet();
            let fallback = format!("Sheet{}", i + 1);
            ws.set_name(sheet_name(table.title.as_deref().unwrap_or(&fallback)))?;
            let row = write_table(ws, &f, table, 0)?;
            ws.set_freeze_panes(1, 0)?;
            if let Some(note) = &table.note {
                for (j, line) in note.lines().enumerate() {
                    ws.write_string(row + 1 + j as u32, 0, line)?;
                }
            }
        }
        wb.save_to_buffer()
    };
    build().map_err(xlsx_error)
}

pub fn write(
    out: &mut dyn Write,
    output: &Output,
    created: Option<NaiveDate>,
    lang: crate::i18n::Lang,
) -> Result<()> {
    let bytes = build(output, created, lang).map_err(xlsx_error)?;
    out.write_all(&bytes)?;
    Ok(())
}
