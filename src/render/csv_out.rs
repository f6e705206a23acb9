//! CSV for spreadsheets and scripts: a header of machine column names, plain exact
//! decimals (no separators), CRLF line ends, and an optional UTF-8 byte-order mark.
//!
//! Text that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
//! tab or a carriage return) is written with a leading `'`, which Excel and LibreOffice
//! show as text and do not display; numbers are cells of their own kind and are never
//! touched (`-250` stays `-250`). The imports remove that `'` again ([`restore`]), so an
//! export re-imports to identical data.

use super::{Cell, Column, Output, Table};
use crate::error::{Error, Result};
use std::io::Write;

/// Whether a spreadsheet would read `text` as a formula: it starts with one of the
/// characters that begin one, or with a `'` before such a text (so that [`restore`] can
/// tell a neutralised text from one that began with `'` itself).
fn runs_as_formula(text: &str) -> bool {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => true,
        Some('\'') => runs_as_formula(&text[1..]),
        _ => false,
    }
}

/// A text cell as CSV carries it: with a leading `'` where a spreadsheet would run it.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if runs_as_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A field read from CSV with the `'` [`neutralise`] added taken off again.
pub fn restore(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if runs_as_formula(rest) => rest,
        _ => field,
    }
}

fn plain(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) | Cell::Code { code: s, .. } => neutralise(s).into_owned(),
        Cell::Int(n) => n.to_string(),
        Cell::Money(m) => m.plain(),
        Cell::Percent(p) => p.to_string(),
        Cell::Empty => String::new(),
    }
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::Output(io),
        other => Error::Output(std::io::Error::other(format!("{other:?}"))),
    }
}

/// A CSV writer on `out`, after the byte-order mark if asked for.
fn writer(out: &mut dyn Write, bom: bool) -> Result<csv::Writer<&mut dyn Write>> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out))
}

/// Starts a table written row by row: the mark and the header of machine names.
pub fn begin<'w>(
    out: &'w mut dyn Write,
    columns: &[Column],
    labelled: bool,
    bom: bool,
) -> Result<csv::Writer<&'w mut dyn Write>> {
    let mut w = writer(out, bom)?;
    w.write_record(header(columns, labelled))
        .map_err(csv_error)?;
    Ok(w)
}

/// Column labels (the budget reports in Chinese) or machine names.
fn header(columns: &[Column], labelled: bool) -> impl Iterator<Item = &'static str> + '_ {
    columns
        .iter()
        .map(move |c| if labelled { c.label } else { c.key })
}

/// One row of a table.
pub fn row(w: &mut csv::Writer<&mut dyn Write>, cells: &[Cell]) -> Result<()> {
    w.write_record(cells.iter().map(plain)).map_err(csv_error)
}

pub fn write(out: &mut dyn Write, output: &Output, bom: bool) -> Result<()> {
    let mut w = writer(out, bom)?;
    match output {
        Output::Table(Table {
            columns,
            rows,
            labelled_csv,
            ..
        }) => {
            w.write_record(header(columns, *labelled_csv))
                .map_err(csv_error)?;
            for cells in rows {
                row(&mut w, cells)?;
            }
        }
        Output::Record(record) => {
            // A record becomes `field,value` lines; a section row becomes
            // `section.<first cell>.<column>` lines, e.g. `years.2024.amount_wan`.
            w.write_record(["field", "value"]).map_err(csv_error)?;
            for (c, v) in &record.fields {
                w.write_record([c.key.to_string(), plain(v)])
                    .map_err(csv_error)?;
            }
            for (section, table) in &record.sections {
                for row in &table.rows {
                    let id = row.first().map(plain).unwrap_or_default();
                    for (c, v) in table.columns.iter().zip(row).skip(1) {
                        let field = format!("{}.{}.{}", section.key, id, c.key);
                        w.write_record([field, plain(v)]).map_err(csv_error)?;
                    }
                }
            }
        }
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored() {
        for (text, written) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("''@x", "'''@x"),
            ("'plain", "'plain"),
            ("记-2024-041", "记-2024-041"),
            ("2022-2025", "2022-2025"),
            ("", ""),
        ] {
            assert_eq!(neutralise(text), written, "{text:?}");
            assert_eq!(restore(written), text, "{written:?}");
        }
        let minus = Cell::Money(crate::domain::Money::from_yuan(-2_500_000));
        assert_eq!(plain(&minus), "-250");
    }
}
