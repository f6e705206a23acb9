//! JSON for programs: a table is an array of objects keyed by machine column names; a
//! record is an object whose sections are arrays. Money is a JSON number written
//! exactly as its plain decimal (`334000`, `0.3334`), never rounded through a float.

use super::{Cell, Column, Output, Table};
use crate::error::Result;
use serde_json::{Map, Number, Value};
use std::io::Write;
use std::str::FromStr;

fn value(cell: &Cell) -> Value {
    match cell {
        Cell::Text(s) | Cell::Code { code: s, .. } => Value::String(s.clone()),
        Cell::Int(n) => Value::from(*n),
        // With serde_json's arbitrary_precision, a Number keeps the decimal's digits.
        Cell::Money(m) => Number::from_str(&m.plain()).map_or(Value::Null, Value::Number),
        Cell::Percent(p) => Number::from_str(&p.to_string()).map_or(Value::Null, Value::Number),
        Cell::Empty => Value::Null,
    }
}

fn object(columns: &[Column], row: &[Cell]) -> Value {
    Value::Object(
        columns
            .iter()
            .zip(row)
            .map(|(c, v)| (c.key.to_string(), value(v)))
            .collect(),
    )
}

fn rows(table: &Table) -> Value {
    Value::Array(
        table
            .rows
            .iter()
            .map(|row| object(&table.columns, row))
            .collect(),
    )
}

/// One row of a table written row by row: the bytes [`write`] gives the same row inside
/// the whole array (`[`, each object indented by two spaces, `,` between, `]`).
/// `first` says whether it opens the array.
pub fn row(out: &mut dyn Write, columns: &[Column], cells: &[Cell], first: bool) -> Result<()> {
    let text =
        serde_json::to_string_pretty(&object(columns, cells)).map_err(std::io::Error::from)?;
    out.write_all(if first { b"[\n" } else { b",\n" })?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"  ")?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The end of a table written row by row (`any`: whether it had rows).
pub fn end(out: &mut dyn Write, any: bool) -> Result<()> {
    out.write_all(if any { b"\n]\n" } else { b"[]\n" })?;
    Ok(())
}

pub fn write(out: &mut dyn Write, output: &Output) -> Result<()> {
    let doc = match output {
        Output::Table(table) => rows(table),
        Output::Record(record) => {
            let mut obj: Map<String, Value> = record
                .fields
                .iter()
                .map(|(c, v)| (c.key.to_string(), value(v)))
                .collect();
            for (section, table) in &record.sections {
                obj.insert(section.key.to_string(), rows(table));
            }
            Value::Object(obj)
        }
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
