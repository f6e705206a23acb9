//! JSON for programs: a table is an array of objects keyed by machine column names; a
//! record is an object whose sections are arrays. Money is a JSON number written
//! exactly as its plain decimal (`334000`, `0.3334`), never rounded through a float.

use super::{Cell, Output, Table};
use crate::error::Result;
use serde_json::{Map, Number, Value};
use std::io::Write;
use std::str::FromStr;

fn value(cell: &Cell) -> Value {
    match cell {
        Cell::Text(s) => Value::String(s.clone()),
        Cell::Int(n) => Value::from(*n),
        // With serde_json's arbitrary_precision, a Number keeps the decimal's digits.
        Cell::Money(m) => Number::from_str(&m.plain()).map_or(Value::Null, Value::Number),
        Cell::Percent(p) => Number::from_str(&p.to_string()).map_or(Value::Null, Value::Number),
        Cell::Empty => Value::Null,
    }
}

fn rows(table: &Table) -> Value {
    Value::Array(
        table
            .rows
            .iter()
            .map(|row| {
                let obj: Map<String, Value> = table
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.key.to_string(), value(v)))
                    .collect();
                Value::Object(obj)
            })
            .collect(),
    )
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
