//! Reading the files users import: bytes → text in one known encoding → CSV records with
//! their line numbers. Built in one place so every import handles encodings, byte-order
//! marks, NUL bytes, broken quoting and headers alike.
//!
//! Encodings: UTF-8 with or without a byte-order mark, and GB18030 (which includes GBK),
//! as Excel on Chinese Windows writes CSV. `auto` takes UTF-8 when the bytes are valid
//! UTF-8, else GB18030; bytes valid in neither are an error naming the line, never
//! replacement characters in the ledger.

use crate::error::{io_problem, Error, Result};
use crate::i18n::{msg, Text};
use crate::render::csv_out::restore;

pub mod workbook;
use sha2::{Digest, Sha256};
use std::io::{BufRead, Read};
use std::path::Path;

/// How to decode an imported file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    // UTF-8 if the file is valid UTF-8, else GB18030/GBK.
    #[default]
    Auto,
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    // GB18030, a superset of GBK and GB2312.
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
    /// The physical line (CSV) or the row of the sheet (a workbook).
    pub line: u64,
    pub column: String,
    pub problem: Text,
    /// In a workbook: the cell (`Sheet1!C17`), which names the place instead of the line.
    pub cell: Option<String>,
}

impl RowError {
    pub fn new(line: u64, column: impl Into<String>, problem: impl Into<Text>) -> RowError {
        RowError {
            line,
            column: column.into(),
            problem: problem.into(),
            cell: None,
        }
    }

    /// `FILE:LINE` or `FILE: Sheet1!C17`.
    fn place(&self, file: &str) -> String {
        match &self.cell {
            Some(cell) => format!("{file}: {cell}"),
            None => format!("{file}:{}", self.line),
        }
    }

    /// The column as named in a message: the field's machine name, or the whole row.
    fn column_text(&self) -> Text {
        if self.column == "row" {
            msg::whole_row()
        } else {
            Text::data(&self.column)
        }
    }
}

/// Which column of the file each wanted field is in (`None`: absent; its value is
/// empty), as an import's header resolves.
pub type Columns = Vec<Option<usize>>;

/// A header check: the file's header (trimmed) to the wanted fields' columns, or the
/// problem with it.
pub type Resolve<'a> = &'a dyn Fn(&[String]) -> std::result::Result<Columns, Text>;

/// The header must name exactly `expected` (in any order).
pub fn exactly<'e>(
    expected: &'e [&'e str],
) -> impl Fn(&[String]) -> std::result::Result<Columns, Text> + 'e {
    move |names: &[String]| {
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
                problems.push(msg::header_missing(Text::list(&missing)));
            }
            if !unexpected.is_empty() {
                problems.push(msg::header_unexpected(Text::list(&unexpected)));
            }
            return Err(msg::header_expected(
                Text::join(problems, "; ", "；"),
                expected.join(","),
            ));
        }
        Ok(expected
            .iter()
            .map(|e| names.iter().position(|n| n == e))
            .collect())
    }
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
        return Err(Error::bad_value(place, msg::file_empty()));
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &bytes[3..] } else { bytes };
    let utf8 = std::str::from_utf8(body);
    let (text, name) = match (encoding, utf8) {
        (Encoding::Auto | Encoding::Utf8, Ok(t)) => (t.to_string(), "utf-8"),
        (Encoding::Utf8, Err(e)) => {
            let line = line_of(body, e.valid_up_to());
            return Err(Error::bad_value(format!("{place}:{line}"), msg::not_utf8()));
        }
        (Encoding::Auto, Err(_)) if bom => {
            let line = line_of(body, utf8.err().map_or(0, |e| e.valid_up_to()));
            return Err(Error::bad_value(
                format!("{place}:{line}"),
                msg::not_utf8_with_bom(),
            ));
        }
        (Encoding::Gb18030, Ok(t)) if !t.is_ascii() => {
            return Err(Error::bad_value(place, msg::looks_like_utf8()));
        }
        (Encoding::Auto | Encoding::Gb18030, _) => {
            match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body) {
                Some(t) => (t.into_owned(), "gb18030"),
                None => {
                    let line = line_of(body, first_bad_gb18030(body));
                    return Err(Error::bad_value(
                        format!("{place}:{line}"),
                        msg::neither_utf8_nor_gbk(),
                    ));
                }
            }
        }
    };
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(Error::bad_value(format!("{place}:{line}"), msg::nul_byte()));
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
pub struct Rows<R> {
    reader: csv::Reader<Counting<R>>,
    /// For each wanted field, its column in the file (`None`: absent, read as empty).
    index: Columns,
    place: String,
    width: usize,
    /// The physical line of the last record (line numbers are counted from the bytes,
    /// not taken from the csv reader, whose count lags by one after CRLF line ends).
    line: u64,
    /// The record being read, reused.
    record: csv::StringRecord,
    /// The line of the last record when its last field ran across lines: if the file
    /// then ends without a closing quote, that quote was never closed and the field
    /// swallowed every row after it.
    open_quote: Option<u64>,
}

/// The bytes on their way to the csv reader: where their line breaks are, and (for a
/// file read twice) their SHA-256.
struct Counting<R> {
    inner: R,
    read: u64,
    /// Offsets of the line breaks read but not yet behind a record's start: those of the
    /// csv reader's read-ahead and of the current record, whatever the file's size.
    breaks: std::collections::VecDeque<u64>,
    sha256: Option<Sha256>,
    /// The last byte read that is not blank or a line break.
    last: u8,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let bytes = &buf[..n];
        for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == b'\n') {
            self.breaks.push_back(self.read + i as u64);
        }
        if let Some(h) = &mut self.sha256 {
            h.update(bytes);
        }
        if let Some(b) = bytes.iter().rev().find(|b| !b" \t\r\n".contains(b)) {
            self.last = *b;
        }
        self.read += n as u64;
        Ok(n)
    }
}

/// Opens CSV `text` whose header must name exactly the `expected` columns (in any order).
pub fn rows<'a>(text: &'a str, place: &str, expected: &[&str]) -> Result<Rows<&'a [u8]>> {
    rows_from(text.as_bytes(), None, place, &exactly(expected))
}

/// Opens CSV `text` whose header `resolve` maps to the wanted fields.
pub fn rows_resolved<'a>(
    text: &'a str,
    place: &str,
    resolve: Resolve<'_>,
) -> Result<Rows<&'a [u8]>> {
    rows_from(text.as_bytes(), None, place, resolve)
}

/// [`rows`] from a reader; with `sha256`, the bytes are hashed as they pass
/// ([`Rows::sha256`]).
fn rows_from<R: Read>(
    inner: R,
    sha256: Option<Sha256>,
    place: &str,
    resolve: Resolve<'_>,
) -> Result<Rows<R>> {
    let counting = Counting {
        inner,
        read: 0,
        breaks: std::collections::VecDeque::new(),
        sha256,
        last: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(counting);
    let header = reader
        .headers()
        .map_err(|e| Error::bad_value(format!("{place}:1"), msg::header_problem(csv_problem(&e))))?
        .clone();
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    if let Some((i, name)) = names
        .iter()
        .enumerate()
        .find(|(i, n)| !n.is_empty() && names[..*i].contains(n))
    {
        return Err(Error::bad_value(
            format!("{place}:1"),
            msg::header_problem(msg::column_twice(
                name,
                names.iter().position(|n| n == name).unwrap_or(0) + 1,
                i + 1,
            )),
        ));
    }
    let index = resolve(&names)
        .map_err(|problem| Error::bad_value(format!("{place}:1"), msg::header_problem(problem)))?;
    Ok(Rows {
        reader,
        index,
        place: place.to_string(),
        width: names.len(),
        line: 1,
        record: csv::StringRecord::new(),
        open_quote: None,
    })
}

/// A file to import, checked whole but not held in memory when it is UTF-8: a
/// million payments are 40 MB of text, which the import reads a second time as a
/// stream instead of keeping.
pub struct Source {
    body: Body,
    /// SHA-256 of the raw bytes, in hex.
    pub sha256: String,
    pub encoding: &'static str,
    /// The number of line breaks in the text.
    pub line_breaks: usize,
    /// The length of the text in bytes (for progress bars).
    pub len: u64,
}

enum Body {
    /// Valid UTF-8 without NUL bytes: read again from the file, `chunk` bytes at a time;
    /// `skip` is a BOM's length.
    File {
        path: std::path::PathBuf,
        skip: u64,
        chunk: usize,
    },
    /// Decoded text: GB18030, or input that cannot be read twice (a pipe, `/dev/stdin`).
    Text(String),
}

/// The rows of a [`Source`].
pub type SourceRows<'a> = Rows<Box<dyn Read + Send + 'a>>;

/// Reads `path` once to hash it and check its encoding. A UTF-8 regular file is checked
/// as a stream and read again by [`Source::rows`]; anything else (another encoding, a
/// pipe) is decoded into memory as [`read`] does.
pub fn open(path: &Path, encoding: Encoding) -> Result<Source> {
    open_chunked(path, encoding, 1 << 16)
}

/// [`open`] reading `chunk` bytes at a time (both times): the fuzz target cuts files at
/// every place, where 64 KiB chunks would cut only large ones.
#[doc(hidden)]
pub fn open_chunked(path: &Path, encoding: Encoding, chunk: usize) -> Result<Source> {
    let chunk = chunk.max(1);
    let file = std::fs::File::open(path).map_err(|e| Error::file(path, e))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return in_memory(read(path, encoding)?);
    }
    let mut reader = std::io::BufReader::with_capacity(chunk, file);
    let mut sha = Sha256::new();
    let (mut len, mut line_breaks) = (0_u64, 0_usize);
    // Up to three bytes of a character cut by the end of a chunk.
    let mut carry: Vec<u8> = Vec::with_capacity(4);
    let mut valid = true;
    let mut first = true;
    let mut skip = 0;
    loop {
        let chunk = reader.fill_buf().map_err(|e| Error::file(path, e))?;
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        sha.update(chunk);
        let mut body = chunk;
        if first && body.starts_with(b"\xEF\xBB\xBF") {
            body = &body[3..];
            skip = 3;
        }
        first = false;
        len += body.len() as u64;
        line_breaks += body.iter().filter(|b| **b == b'\n').count();
        if valid {
            valid = !body.contains(&0) && utf8_chunk(&mut carry, body);
        }
        reader.consume(n);
    }
    valid &= carry.is_empty() && len > 0;
    let sha256 = crate::store::chain::hex(&sha.finalize());
    if valid && matches!(encoding, Encoding::Auto | Encoding::Utf8) {
        return Ok(Source {
            body: Body::File {
                path: path.to_path_buf(),
                skip,
                chunk,
            },
            sha256,
            encoding: "utf-8",
            line_breaks,
            len,
        });
    }
    let decoded = read(path, encoding)?;
    if decoded.sha256 != sha256 {
        return Err(changed(path));
    }
    in_memory(decoded)
}

impl Source {
    /// A file already decoded into memory (an upload, a pipe).
    pub fn in_memory(decoded: Decoded) -> Source {
        Source {
            line_breaks: decoded.text.matches('\n').count(),
            len: decoded.text.len() as u64,
            body: Body::Text(decoded.text),
            sha256: decoded.sha256,
            encoding: decoded.encoding,
        }
    }
}

fn in_memory(decoded: Decoded) -> Result<Source> {
    Ok(Source {
        line_breaks: decoded.text.matches('\n').count(),
        len: decoded.text.len() as u64,
        body: Body::Text(decoded.text),
        sha256: decoded.sha256,
        encoding: decoded.encoding,
    })
}

fn changed(path: &Path) -> Error {
    Error::bad_value(path.display().to_string(), msg::file_changed_while_read())
}

/// Whether `chunk`, after the `carry` of the previous chunk, continues valid UTF-8;
/// leaves in `carry` the bytes of a character the chunk's end cuts.
fn utf8_chunk(carry: &mut Vec<u8>, mut chunk: &[u8]) -> bool {
    while !carry.is_empty() {
        let Some((&b, rest)) = chunk.split_first() else {
            return true;
        };
        carry.push(b);
        chunk = rest;
        match std::str::from_utf8(carry) {
            Ok(_) => carry.clear(),
            Err(e) if e.error_len().is_some() => return false,
            Err(_) if carry.len() >= 4 => return false,
            Err(_) => {}
        }
    }
    match std::str::from_utf8(chunk) {
        Ok(_) => true,
        Err(e) if e.error_len().is_none() => {
            carry.extend_from_slice(&chunk[e.valid_up_to()..]);
            true
        }
        Err(_) => false,
    }
}

impl Source {
    /// The rows, with a header that must name exactly the `expected` columns. A file
    /// read again is hashed again: [`Rows::finish`] refuses a file that changed between
    /// the two reads.
    pub fn rows(&self, place: &str, expected: &[&str]) -> Result<SourceRows<'_>> {
        self.rows_resolved(place, &exactly(expected))
    }

    /// [`Source::rows`] with the header mapped by `resolve`.
    pub fn rows_resolved(&self, place: &str, resolve: Resolve<'_>) -> Result<SourceRows<'_>> {
        match &self.body {
            Body::Text(text) => rows_from(Box::new(text.as_bytes()), None, place, resolve),
            Body::File { path, skip, chunk } => {
                let mut file = std::fs::File::open(path).map_err(|e| Error::file(path, e))?;
                let mut bom = [0_u8; 3];
                let mut sha = Sha256::new();
                if *skip > 0 {
                    file.read_exact(&mut bom)
                        .map_err(|e| Error::file(path, e))?;
                    sha.update(bom);
                }
                let reader = std::io::BufReader::with_capacity(*chunk, file);
                rows_from(Box::new(reader), Some(sha), place, resolve)
            }
        }
    }

    /// Whether the text is kept in memory.
    #[cfg(test)]
    fn is_in_memory(&self) -> bool {
        matches!(self.body, Body::Text(_))
    }
}

fn csv_problem(e: &csv::Error) -> Text {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => msg::invalid_text(),
        csv::ErrorKind::UnequalLengths { .. } => msg::wrong_number_of_fields(),
        other => Text::data(format!("{other:?}")),
    }
}

/// One record: its line and its fields in the expected columns' order (trimmed).
pub struct Record {
    pub line: u64,
    pub fields: Vec<String>,
    /// The row's first filled cell, whichever column it is in (a 合计 row says so there,
    /// often in a column the import does not read).
    pub lead: String,
}

impl<R: Read> Rows<R> {
    /// The physical line (1-based) a record starting at byte `offset` begins on: one
    /// more than the line breaks before it. A record "starts" on the '\n' that ends the
    /// previous CRLF line; that break counts as before it.
    fn line_at(&mut self, offset: u64) -> u64 {
        let breaks = &mut self.reader.get_mut().breaks;
        while breaks.front().is_some_and(|b| *b <= offset) {
            breaks.pop_front();
            self.line += 1;
        }
        self.line
    }

    /// After the last record: refuses a file whose bytes differ from the first read's
    /// (`sha256`), and reads nothing more.
    pub fn finish(&mut self, sha256: &str) -> Result<()> {
        let counting = self.reader.get_mut();
        if let Some(h) = counting.sha256.take() {
            // The csv reader stops at the end; anything after it is still hashed.
            let mut rest = Vec::new();
            let mut tail = counting.inner.by_ref();
            std::io::copy(&mut tail, &mut rest)
                .map_err(|e| Error::bad_value(&self.place, msg::reading_again(io_problem(&e))))?;
            let mut h = h;
            h.update(&rest);
            if crate::store::chain::hex(&h.finalize()) != sha256 || !rest.is_empty() {
                return Err(Error::bad_value(
                    &self.place,
                    msg::file_changed_while_imported(),
                ));
            }
        }
        Ok(())
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
            lead: String::new(),
        };
        Some(self.next_into(&mut rec)?.map(|()| rec))
    }

    /// [`Rows::next_record`] into `rec`, reusing its strings (a million-row import
    /// would otherwise allocate every field anew).
    pub fn next_into(&mut self, rec: &mut Record) -> Option<std::result::Result<(), RowError>> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => {
                let line = self.open_quote.take()?;
                (self.reader.get_ref().last != b'"')
                    .then(|| Err(RowError::new(line, "row", msg::quote_to_end())))
            }
            Ok(true) => {
                let offset = self.record.position().map_or(0, |p| p.byte());
                let line = self.line_at(offset);
                let raw = &self.record;
                // (A record too short already says its quote may be open.)
                self.open_quote = (raw.len() == self.width
                    && raw.iter().next_back().is_some_and(|f| f.contains('\n')))
                .then_some(line);
                if raw.len() != self.width {
                    let problem = if raw.iter().any(|f| f.contains('\n')) && raw.len() < self.width
                    {
                        msg::quote_across_lines()
                    } else {
                        msg::fields_count(raw.len(), self.width)
                    };
                    return Some(Err(RowError::new(line, "row", problem)));
                }
                rec.line = line;
                rec.lead.clear();
                if let Some(lead) = raw.iter().map(str::trim).find(|f| !f.is_empty()) {
                    rec.lead.push_str(lead);
                }
                rec.fields.resize_with(self.index.len(), String::new);
                for (field, i) in rec.fields.iter_mut().zip(&self.index) {
                    field.clear();
                    // Without the `'` a CSV export puts before text a spreadsheet
                    // would run as a formula.
                    if let Some(i) = i {
                        field.push_str(restore(raw.get(*i).unwrap_or("").trim()));
                    }
                }
                Some(Ok(()))
            }
            Err(e) => {
                let line = self.line_at(e.position().map_or(0, |p| p.byte()));
                Some(Err(RowError::new(line, "row", csv_problem(&e))))
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
            e.place(place),
            msg::row_problem_nothing_imported(e.column_text(), &e.problem),
        );
    }
    // Rows, not problems: one row can have several.
    let mut rows: Vec<u64> = errors.iter().map(|e| e.line).collect();
    rows.sort_unstable();
    rows.dedup();
    let problems = errors.len();
    let lines = errors
        .iter()
        .take(50)
        .map(|e| msg::row_problem(e.place(place), e.column_text(), &e.problem))
        .collect();
    Error::Import {
        place: place.to_string(),
        rows: rows.len(),
        problems,
        lines,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [&str; 2] = ["id", "note"];

    fn all_rows(source: &Source) -> (Vec<(u64, Vec<String>)>, Result<()>) {
        let mut rows = source.rows("f.csv", &COLUMNS).unwrap();
        let mut out = Vec::new();
        while let Some(next) = rows.next_record() {
            let rec = next.unwrap();
            out.push((rec.line, rec.fields));
        }
        let finished = rows.finish(&source.sha256);
        (out, finished)
    }

    /// A file larger than the 64 KiB chunks, with three-byte characters cut by the
    /// chunks' ends, CRLF line ends and a quoted line break: read as a stream with the
    /// same rows, lines and hash as the whole text gives.
    #[test]
    fn a_streamed_file_reads_as_the_whole_text_does() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        let mut text = String::from("\u{feff}id,note\r\n");
        for i in 0..5000 {
            if i == 7 {
                text.push_str("A7,\"两行\r\n备注\"\r\n");
            } else {
                text.push_str(&format!("A{i},永川区生态{i}\r\n"));
            }
        }
        std::fs::write(&path, &text).unwrap();
        let source = open(&path, Encoding::Auto).unwrap();
        assert!(!source.is_in_memory());
        assert_eq!(source.encoding, "utf-8");
        let whole = decode(text.as_bytes(), "f.csv", Encoding::Auto).unwrap();
        assert_eq!(source.sha256, whole.sha256);
        let (streamed, finished) = all_rows(&source);
        finished.unwrap();
        let mut expected = Vec::new();
        let mut rows = rows(&whole.text, "f.csv", &COLUMNS).unwrap();
        while let Some(next) = rows.next_record() {
            let rec = next.unwrap();
            expected.push((rec.line, rec.fields));
        }
        assert_eq!(streamed.len(), 5000);
        assert_eq!(streamed, expected);
        assert_eq!(streamed[7].0, 9);
        assert_eq!(
            streamed[8],
            (11, vec!["A8".to_string(), "永川区生态8".to_string()])
        );
    }

    /// An opening quote never closed in the last column swallows every row after it
    /// into one field; the csv reader does not object, so the end of the file does.
    #[test]
    fn a_quote_left_open_in_the_last_column_is_an_error() {
        let problems = |text: &str| -> Vec<(u64, String)> {
            let mut rows = rows(text, "f.csv", &COLUMNS).unwrap();
            let mut out = Vec::new();
            while let Some(next) = rows.next_record() {
                if let Err(e) = next {
                    out.push((e.line, e.problem.en().to_string()));
                }
            }
            out
        };
        let open = problems("id,note\nA1,one\nA2,\"never closed\nA3,three\nA4,four\n");
        assert_eq!(open.len(), 1, "{open:?}");
        assert_eq!(open[0].0, 3);
        assert!(open[0].1.contains("closing \" missing"), "{open:?}");
        for fine in [
            "id,note\nA1,\"two\nlines\"\n",
            "id,note\r\nA1,\"two\r\nlines\"\r\n\r\n",
            "id,note\nA1,\"two\nlines\"\nA2,plain\n",
            "id,note\nA1,plain",
        ] {
            assert!(problems(fine).is_empty(), "{fine:?}");
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_is_decoded_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        let mut bytes = b"id,note\n".to_vec();
        for i in 0..10_000 {
            bytes.extend_from_slice(format!("A{i},x\n").as_bytes());
        }
        // 永川 in GB18030, after the first chunk.
        bytes.extend_from_slice(b"A1,\xD3\xC0\xB4\xA8\n");
        std::fs::write(&path, &bytes).unwrap();
        let source = open(&path, Encoding::Auto).unwrap();
        assert!(source.is_in_memory());
        assert_eq!(source.encoding, "gb18030");
        let (rows, finished) = all_rows(&source);
        finished.unwrap();
        assert_eq!(rows.last().unwrap().1[1], "永川");
    }

    #[test]
    fn a_file_changed_between_the_two_reads_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, "id,note\nA1,one\nA2,two\n").unwrap();
        let source = open(&path, Encoding::Auto).unwrap();
        std::fs::write(&path, "id,note\nA1,one\nA2,TWO\n").unwrap();
        let (_, finished) = all_rows(&source);
        let message = finished.unwrap_err().to_string();
        assert!(
            message.contains("changed while it was being imported"),
            "{message}"
        );
        std::fs::write(&path, "id,note\nA1,one\nA2,two\nA3,three\n").unwrap();
        assert!(all_rows(&source).1.is_err());
    }

    #[test]
    fn utf8_split_across_chunks_is_valid_and_broken_utf8_is_not() {
        let text = "永川".as_bytes();
        for cut in 0..=text.len() {
            let mut carry = Vec::new();
            assert!(utf8_chunk(&mut carry, &text[..cut]));
            assert!(utf8_chunk(&mut carry, &text[cut..]));
            assert!(carry.is_empty(), "cut at {cut}");
        }
        let mut carry = Vec::new();
        assert!(utf8_chunk(&mut carry, &text[..1]));
        assert!(!utf8_chunk(&mut carry, b"a"));
        assert!(!utf8_chunk(&mut Vec::new(), b"a\xFFb"));
    }
}
