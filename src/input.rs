//! Reading the files users import: bytes → text in one known encoding → CSV records with
//! their line numbers. Built in one place so every import handles encodings, byte-order
//! marks, NUL bytes, broken quoting and headers alike.
//!
//! Encodings: UTF-8 with or without a byte-order mark, and GB18030 (which includes GBK),
//! as Excel on Chinese Windows writes CSV. `auto` takes UTF-8 when the bytes are valid
//! UTF-8, else GB18030; bytes valid in neither are an error naming the line, never
//! replacement characters in the ledger.

use crate::error::{Error, Result};
use sha2::{Digest, Sha256};
use std::path::Path;

/// How to decode an imported file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 if the file is valid UTF-8, else GB18030/GBK.
    #[default]
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GB18030, a superset of GBK and GB2312.
    #[value(name = "gb18030", alias = "gbk")]
    Gb18030,
}

/// A decoded file.
pub struct Decoded {
    pub text: String,
    /// SHA-256 of the raw bytes, in hex.
    pub sha256: String,
    pub encoding: &'static str,
}

/// One problem with one place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: String,
    pub problem: String,
}

fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Reads and decodes `path`. A UTF-8 file becomes its text in place, without a
/// second copy (a file of a million payments is 40 MB).
pub fn read(path: &Path, encoding: Encoding) -> Result<Decoded> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, e))?;
    decode_owned(bytes, &path.display().to_string(), encoding)
}

/// Decodes the bytes of the file named `place`.
pub fn decode(bytes: &[u8], place: &str, encoding: Encoding) -> Result<Decoded> {
    decode_owned(bytes.to_vec(), place, encoding)
}

/// [`decode`], taking the bytes: valid UTF-8 is kept as it is.
pub fn decode_owned(mut bytes: Vec<u8>, place: &str, encoding: Encoding) -> Result<Decoded> {
    if matches!(encoding, Encoding::Auto | Encoding::Utf8) {
        let bom = bytes.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &bytes[3..] } else { &bytes[..] };
        if std::str::from_utf8(body).is_ok() && !body.contains(&0) && !body.is_empty() {
            let sha256 = crate::store::chain::hex(&Sha256::digest(&bytes));
            if bom {
                bytes.drain(..3);
            }
            // Just checked: valid UTF-8.
            let text = String::from_utf8(bytes).unwrap_or_default();
            return Ok(Decoded {
                text,
                sha256,
                encoding: "utf-8",
            });
        }
    }
    decode_slow(&bytes, place, encoding)
}

/// Every other case: GB18030, and the errors with their lines.
fn decode_slow(bytes: &[u8], place: &str, encoding: Encoding) -> Result<Decoded> {
    let sha256 = crate::store::chain::hex(&Sha256::digest(bytes));
    let place = place.to_string();
    if bytes.is_empty() {
        return Err(Error::bad_value(place, "the file is empty"));
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &bytes[3..] } else { bytes };
    let utf8 = std::str::from_utf8(body);
    let (text, name) = match (encoding, utf8) {
        (Encoding::Auto | Encoding::Utf8, Ok(t)) => (t.to_string(), "utf-8"),
        (Encoding::Utf8, Err(e)) => {
            let line = line_of(body, e.valid_up_to());
            return Err(Error::bad_value(
                format!("{place}:{line}"),
                "bytes that are not UTF-8 (try --encoding gb18030)",
            ));
        }
        (Encoding::Auto, Err(_)) if bom => {
            let line = line_of(body, utf8.err().map_or(0, |e| e.valid_up_to()));
            return Err(Error::bad_value(
                format!("{place}:{line}"),
                "bytes that are not UTF-8 in a file marked UTF-8",
            ));
        }
        (Encoding::Auto | Encoding::Gb18030, _) => {
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body) {
                Some(t) => (t.into_owned(), "gb18030"),
                None => {
                    let line = line_of(body, first_bad_gb18030(body));
                    return Err(Error::bad_value(
                        format!("{place}:{line}"),
                        "bytes that are neither UTF-8 nor GB18030/GBK; nothing was imported",
                    ));
                }
            }
        }
    };
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(Error::bad_value(
            format!("{place}:{line}"),
            "a NUL byte; this is not a text file",
        ));
    }
    Ok(Decoded {
        text,
        sha256,
        encoding: name,
    })
}

/// The offset of the first byte sequence GB18030 cannot decode.
fn first_bad_gb18030(body: &[u8]) -> usize {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let needed = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len() * 4 + 16);
    let mut out = String::with_capacity(needed);
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&body[read..], &mut out, true);
        read += n;
        match result {
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return read.saturating_sub(usize::from(bad))
            }
            encoding_rs::DecoderResult::InputEmpty => return read,
            // Grow by at least the whole capacity, so the loop always makes progress.
            encoding_rs::DecoderResult::OutputFull => out.reserve(out.capacity().max(64)),
        }
    }
}

/// A CSV file's rows by column name, with the line each starts on.
pub struct Rows<'a> {
    reader: csv::Reader<&'a [u8]>,
    text: &'a [u8],
    /// For each expected column, its index in the file.
    index: Vec<usize>,
    place: String,
    width: usize,
    /// The physical line at byte `counted_to` (line numbers are counted here, not taken
    /// from the csv reader, whose count lags by one after CRLF line ends).
    counted_to: usize,
    line: u64,
    /// The record being read, reused.
    record: csv::StringRecord,
}

/// Opens CSV `text` whose header must name exactly the `expected` columns (in any order).
pub fn rows<'a>(text: &'a str, place: &str, expected: &[&str]) -> Result<Rows<'a>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| {
            Error::bad_value(format!("{place}:1"), format!("header: {}", csv_problem(&e)))
        })?
        .clone();
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let missing: Vec<&str> = expected
        .iter()
        .copied()
        .filter(|e| !names.iter().any(|n| n == e))
        .collect();
    let unexpected: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| !expected.contains(n))
        .collect();
    if !missing.is_empty() || !unexpected.is_empty() {
        let mut problems = Vec::new();
        if !missing.is_empty() {
            problems.push(format!("missing column(s) {}", missing.join(", ")));
        }
        if !unexpected.is_empty() {
            problems.push(format!("unexpected column(s) {}", unexpected.join(", ")));
        }
        return Err(Error::bad_value(
            format!("{place}:1"),
            format!(
                "header: {}; expected {}",
                problems.join("; "),
                expected.join(",")
            ),
        ));
    }
    let index = expected
        .iter()
        .map(|e| names.iter().position(|n| n == e).unwrap_or(0))
        .collect();
    Ok(Rows {
        reader,
        text: text.as_bytes(),
        index,
        place: place.to_string(),
        width: names.len(),
        counted_to: 0,
        line: 1,
        record: csv::StringRecord::new(),
    })
}

fn csv_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "invalid text".to_string(),
        csv::ErrorKind::UnequalLengths { .. } => "wrong number of fields".to_string(),
        other => format!("{other:?}"),
    }
}

/// One record: its line and its fields in the expected columns' order (trimmed).
pub struct Record {
    pub line: u64,
    pub fields: Vec<String>,
}

impl Rows<'_> {
    /// The physical line (1-based) a record starting at byte `offset` begins on.
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut at = (offset as usize).min(self.text.len());
        // A record "starts" on the '\n' that ends the previous CRLF line; skip it.
        if self.text.get(at) == Some(&b'\n') {
            at += 1;
        }
        if at >= self.counted_to {
            self.line += self.text[self.counted_to..at]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.counted_to = at;
        }
        self.line
    }

    /// How far the reader is, in bytes (for progress bars).
    pub fn position(&self) -> u64 {
        self.reader.position().byte()
    }

    /// The next record, or the problem with it; `None` at the end.
    pub fn next_record(&mut self) -> Option<std::result::Result<Record, RowError>> {
        let mut rec = Record {
            line: 0,
            fields: Vec::new(),
        };
        Some(self.next_into(&mut rec)?.map(|()| rec))
    }

    /// [`Rows::next_record`] into `rec`, reusing its strings (a million-row import
    /// would otherwise allocate every field anew).
    pub fn next_into(&mut self, rec: &mut Record) -> Option<std::result::Result<(), RowError>> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let offset = self.record.position().map_or(0, |p| p.byte());
                let line = self.line_at(offset);
                let raw = &self.record;
                if raw.len() != self.width {
                    let problem = if raw.iter().any(|f| f.contains('\n')) && raw.len() < self.width
                    {
                        "a quoted field runs on across lines: is a closing \" missing?".to_string()
                    } else {
                        format!("{} fields where the header has {}", raw.len(), self.width)
                    };
                    return Some(Err(RowError {
                        line,
                        column: "row".to_string(),
                        problem,
                    }));
                }
                rec.line = line;
                rec.fields.resize_with(self.index.len(), String::new);
                for (field, i) in rec.fields.iter_mut().zip(&self.index) {
                    field.clear();
                    field.push_str(raw.get(*i).unwrap_or("").trim());
                }
                Some(Ok(()))
            }
            Err(e) => {
                let line = self.line_at(e.position().map_or(0, |p| p.byte()));
                Some(Err(RowError {
                    line,
                    column: "row".to_string(),
                    problem: csv_problem(&e),
                }))
            }
        }
    }

    pub fn place(&self) -> &str {
        &self.place
    }
}

/// Turns collected row errors into the one import error: one line for one bad row;
/// else a summary line, the first 50, then a count.
pub fn import_error(place: &str, errors: Vec<RowError>) -> Error {
    if let [e] = errors.as_slice() {
        return Error::bad_value(
            format!("{place}:{}", e.line),
            format!("{}: {}; nothing was imported", e.column, e.problem),
        );
    }
    let total = errors.len();
    let lines = errors
        .into_iter()
        .take(50)
        .map(|e| format!("{place}:{}: {}: {}", e.line, e.column, e.problem))
        .collect();
    Error::Import {
        place: place.to_string(),
        total,
        lines,
    }
}
