//! Entry points for the fuzz targets in `fuzz/` (and the regression test that replays
//! their findings): the amount parser, the import path from raw bytes through decoding
//! and CSV parsing to the per-row checks, and the streamed reading of a file against the
//! whole-text reading. They assert the properties that must hold for any input; a panic
//! is a finding.

use crate::domain::import::{self, Kind, Mapping, Unit};
use crate::domain::money::Money;
use crate::domain::spending::{check_payment, PaymentText, PAYMENT_COLUMNS};
use crate::input::{self, Encoding};
use chrono::NaiveDate;

/// Any text either fails to parse or parses to an amount that prints and parses back
/// to itself.
pub fn amount(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(m) = Money::parse_wan(text) {
            assert_eq!(Money::parse_wan(&m.plain()), Ok(m), "{text:?}");
            assert!(m.is_whole_yuan(), "{text:?}");
            let _ = m.grouped();
        }
        if let Ok(m) = Money::parse_payment(text) {
            assert_eq!(Money::parse_payment(&m.plain()), Ok(m), "{text:?}");
            let _ = m.grouped();
        }
    }
}

/// Any bytes go through the spending import's reading and checking without panicking;
/// every accepted row has a positive amount and a date not after today.
pub fn csv_import(data: &[u8]) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
    for encoding in [Encoding::Auto, Encoding::Gb18030] {
        let Ok(decoded) = input::decode(data, "fuzz.csv", encoding) else {
            continue;
        };
        // The header is resolved by the alias table, as an import does; an amount
        // column without a unit is read in 元.
        let mapping = Mapping {
            unit: Some("yuan".into()),
            ..Mapping::default()
        };
        let unit = std::cell::Cell::new(Unit::Wan);
        let resolve = |header: &[String]| {
            let r = import::resolve(Kind::Spending, header, &mapping)?;
            if let Some((_, u)) = r.amount {
                unit.set(u);
            }
            Ok(r.index)
        };
        let Ok(mut rows) = input::rows_resolved(&decoded.text, "fuzz.csv", &resolve) else {
            continue;
        };
        while let Some(next) = rows.next_record() {
            if let Ok(record) = next {
                if let Ok(row) =
                    check_payment(&PaymentText::from_fields(&record.fields), unit.get(), today)
                {
                    // A payment is positive; only a row naming what it reverses is negative.
                    assert!(row.amount > Money::ZERO || row.reverses.is_some());
                    assert!(row.amount != Money::ZERO);
                    assert!(row.date.as_str() <= "2026-11-28");
                }
            }
        }
    }
}

/// What reading gives: each record's line and fields, or its problem, in order.
type Read = Vec<Result<(u64, Vec<String>), String>>;

fn collect<R: std::io::Read>(rows: &mut input::Rows<R>) -> Read {
    let mut out = Vec::new();
    while let Some(next) = rows.next_record() {
        out.push(
            next.map(|r| (r.line, r.fields))
                .map_err(|e| format!("{}:{}:{}", e.line, e.column, e.problem.en())),
        );
    }
    out
}

/// Any bytes, written to a file and read as a stream in chunks of any size (the first
/// byte picks it), give the same encoding decision, hash, records, lines and problems
/// as the whole text decoded in memory. Half the inputs get a valid header first, so
/// that their rows are reached.
pub fn streamed_import(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(first % 64) + 1;
    let mut bytes = Vec::new();
    if first & 0x80 != 0 {
        bytes.extend_from_slice(b"project_id,date,amount_wan,voucher,note\n");
    }
    bytes.extend_from_slice(rest);
    let Ok(path) = fuzz_file(&bytes) else {
        return;
    };
    let place = path.display().to_string();
    let whole = input::decode(&bytes, &place, Encoding::Auto);
    let streamed = input::open_chunked(&path, Encoding::Auto, chunk);
    match (&whole, &streamed) {
        (Ok(w), Ok(s)) => {
            assert_eq!(w.sha256, s.sha256, "hash, chunk {chunk}");
            assert_eq!(w.encoding, s.encoding, "encoding, chunk {chunk}");
            let a = input::rows(&w.text, &place, &PAYMENT_COLUMNS);
            let b = s.rows(&place, &PAYMENT_COLUMNS);
            match (a, b) {
                (Ok(mut a), Ok(mut b)) => {
                    assert_eq!(collect(&mut a), collect(&mut b), "rows, chunk {chunk}");
                    assert!(b.finish(&s.sha256).is_ok(), "unchanged file refused");
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!(
                    "header: whole {:?}, streamed {:?}",
                    a.err().map(|e| e.to_string()),
                    b.err().map(|e| e.to_string())
                ),
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!(
            "decoding: whole {:?}, streamed {:?}",
            a.as_ref().err().map(ToString::to_string),
            b.as_ref().err().map(ToString::to_string)
        ),
    }
    let _ = std::fs::remove_file(&path);
}

/// `bytes` in a file of their own (tests call this from several threads at once).
fn fuzz_file(bytes: &[u8]) -> std::io::Result<std::path::PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!("ecoledger-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{}.csv", NEXT.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, bytes)?;
    Ok(path)
}
