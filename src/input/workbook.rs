//! Excel workbooks in: the first sheet (or the one named), its cells as typed values with
//! merged cells filled in (a value merged over several rows or columns counts in each),
//! and each cell's address (`Sheet1!C17`) for the messages.

use crate::error::{Error, Result};
use crate::i18n::{msg, Text};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;

/// One cell as the workbook holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Empty,
    Text(String),
    /// A number (Excel stores every number as a double).
    Number(f64),
    /// A date or time, as Excel's serial number of days.
    Date(f64),
}

impl CellValue {
    /// The cell as text: a number in its shortest exact form (what Excel shows for a
    /// figure of up to 15 significant digits), a date as its serial number.
    pub fn text(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(t) => t.trim().to_string(),
            CellValue::Number(n) | CellValue::Date(n) => format_number(*n),
        }
    }
}

/// A double in its shortest form that reads back as the same double (`1234.56`, not
/// `1234.5599999999999`); a whole number without a decimal point.
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A sheet read whole: its name and rows of cells (row 0 is the sheet's first row).
#[derive(Clone, Debug)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<CellValue>>,
    /// The sheet row of `rows[0]` (1-based, as Excel numbers rows).
    pub first_row: u32,
}

impl Sheet {
    /// `Sheet1!C17` for row index `row` (into `rows`) and column `col` (0-based).
    pub fn cell(&self, row: usize, col: usize) -> String {
        format!(
            "{}!{}{}",
            self.name,
            column_letters(col),
            self.sheet_row(row)
        )
    }

    /// The sheet's row number of `rows[row]`.
    pub fn sheet_row(&self, row: usize) -> u64 {
        u64::from(self.first_row) + row as u64
    }
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Whether `bytes` look like a workbook (an .xlsx is a zip file).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The most a workbook may hold unpacked (its XML parts together). An .xlsx is a zip
/// file, and a small one can unpack to gigabytes (a "zip bomb"): the parts are counted
/// as they unpack, before the workbook is read, and never beyond this.
pub const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// Unpacks every part of the workbook to count its size, stopping past [`MAX_UNPACKED`]
/// (the sizes a zip file declares may lie, so they are not trusted).
fn check_unpacked_size(bytes: &[u8], max: u64) -> std::result::Result<(), Text> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(msg::not_a_workbook)?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(msg::not_a_workbook)?;
        let left = max - total;
        let n = std::io::copy(
            &mut std::io::Read::take(part, left + 1),
            &mut std::io::sink(),
        )
        .map_err(msg::not_a_workbook)?;
        if n > left {
            return Err(msg::workbook_too_large(max / (1024 * 1024)));
        }
        total += n;
    }
    Ok(())
}

/// Reads the sheet `sheet` (the first one if `None`) of the workbook `bytes` from
/// `path` (named in messages).
pub fn read(bytes: Vec<u8>, path: &Path, sheet: Option<&str>) -> Result<Sheet> {
    let place = path.display().to_string();
    let bad = |what: Text| Error::bad_value(&place, what);
    check_unpacked_size(&bytes, MAX_UNPACKED).map_err(bad)?;
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(msg::not_a_workbook(e)))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| bad(msg::no_such_sheet(s, Text::list(&names))))?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| bad(msg::workbook_no_sheet()))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| bad(msg::sheet_problem(&name, e)))?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let width = range.width();
    let mut rows: Vec<Vec<CellValue>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => CellValue::Empty,
                    Data::String(s) => CellValue::Text(s.clone()),
                    Data::Float(f) => CellValue::Number(*f),
                    Data::Int(i) => CellValue::Number(*i as f64),
                    Data::Bool(b) => CellValue::Text(b.to_string()),
                    Data::DateTime(d) => CellValue::Date(d.as_f64()),
                    Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Text(s.clone()),
                    Data::Error(e) => CellValue::Text(format!("#{e:?}")),
                })
                .collect()
        })
        .collect();
    // A value merged over several cells counts in each of them.
    if book.load_merged_regions().is_ok() {
        for (_, _, dims) in book.merged_regions_by_sheet(&name) {
            let (r0, c0) = dims.start;
            let (r1, c1) = dims.end;
            let height = rows.len();
            let at = |r: u32, c: u32| -> Option<(usize, usize)> {
                let r = r.checked_sub(first_row)? as usize;
                let c = c.checked_sub(first_col)? as usize;
                (r < height && c < width).then_some((r, c))
            };
            let Some(value) = at(r0, c0).map(|(r, c)| rows[r][c].clone()) else {
                continue;
            };
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if let Some((ri, ci)) = at(r, c) {
                        if rows[ri][ci] == CellValue::Empty {
                            rows[ri][ci] = value.clone();
                        }
                    }
                }
            }
        }
    }
    // Columns before the used range's first are absent from the rows: pad them, so a
    // column index is the sheet's.
    if first_col > 0 {
        for row in &mut rows {
            let mut padded = vec![CellValue::Empty; first_col as usize];
            padded.append(row);
            *row = padded;
        }
    }
    Ok(Sheet {
        name,
        rows,
        first_row: first_row + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook whose one part unpacks far beyond its packed size is refused before it
    /// is read, whatever size the zip file declares.
    #[test]
    fn a_zip_bomb_is_refused_before_it_is_read() {
        use std::io::Write;
        let mut packed = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut packed));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            zip.write_all(&vec![b'<'; 3 << 20]).unwrap();
            zip.finish().unwrap();
        }
        assert!(packed.len() < 64 << 10, "{}", packed.len());
        let e = check_unpacked_size(&packed, 2 << 20).unwrap_err();
        assert!(e.en().contains("unpacks to more than 2 MiB"), "{e:?}");
        assert_eq!(check_unpacked_size(&packed, 4 << 20), Ok(()));
    }

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn numbers_read_as_people_wrote_them() {
        assert_eq!(format_number(1234.56), "1234.56");
        assert_eq!(format_number(1000.0), "1000");
        assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_number(20000.5), "20000.5");
    }
}
