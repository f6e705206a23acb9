//! The table view for people: comfy-table with CJK-aware widths, numbers right-aligned,
//! money in 万元 with thousands separators.

use super::{Cell, Output, Table};
use crate::domain::text::visible;
use crate::error::Result;
use comfy_table::{presets, CellAlignment, ContentArrangement};
use std::io::Write;

fn shown(cell: &Cell) -> (String, CellAlignment) {
    match cell {
        Cell::Text(s) => (visible(s).into_owned(), CellAlignment::Left),
        Cell::Code { label, .. } => (visible(label).into_owned(), CellAlignment::Left),
        Cell::Int(n) => (n.to_string(), CellAlignment::Right),
        Cell::Money(m) => (m.grouped(), CellAlignment::Right),
        Cell::Percent(p) => (format!("{p}%"), CellAlignment::Right),
        Cell::Empty => (String::new(), CellAlignment::Left),
    }
}

fn build(
    header: Vec<&str>,
    rows: impl Iterator<Item = Vec<(String, CellAlignment)>>,
) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    for row in rows {
        t.add_row(
            row.into_iter()
                .map(|(s, a)| comfy_table::Cell::new(s).set_alignment(a)),
        );
    }
    t
}

fn write_table(out: &mut dyn Write, table: &Table) -> Result<()> {
    let t = build(
        table.columns.iter().map(|c| c.label).collect(),
        table.rows.iter().map(|r| r.iter().map(shown).collect()),
    );
    writeln!(out, "{t}")?;
    if let Some(note) = &table.note {
        writeln!(out, "{note}")?;
    }
    Ok(())
}

pub fn write(out: &mut dyn Write, output: &Output) -> Result<()> {
    match output {
        Output::Table(table) => write_table(out, table),
        Output::Record(record) => {
            // In a record every value is left-aligned: they are not a column of figures.
            let t = build(
                record.header.iter().map(|c| c.label).collect(),
                record.fields.iter().map(|(c, v)| {
                    vec![
                        (c.label.to_string(), CellAlignment::Left),
                        (shown(v).0, CellAlignment::Left),
                    ]
                }),
            );
            writeln!(out, "{t}")?;
            for (title, table) in &record.sections {
                writeln!(out, "\n{}", title.label)?;
                write_table(out, table)?;
            }
            Ok(())
        }
    }
}
