//! Entry points for the fuzz targets in `fuzz/` (and the regression test that replays
//! their findings): the amount parser, and the import path from raw bytes through
//! decoding and CSV parsing to the per-row checks. They assert the properties that must
//! hold for any input; a panic is a finding.

use crate::domain::money::Money;
use crate::domain::spending::{check_payment, PAYMENT_COLUMNS};
use crate::input::{self, Encoding};
use chrono::NaiveDate;

/// Any text either fails to parse or parses to an amount that prints and parses back
/// to itself.
pub fn amount(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(m) = Money::parse_wan(text) {
            assert_eq!(Money::parse_wan(&m.plain()), Ok(m), "{text:?}");
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
        let Ok(mut rows) = input::rows(&decoded.text, "fuzz.csv", &PAYMENT_COLUMNS) else {
            continue;
        };
        while let Some(next) = rows.next_record() {
            if let Ok(record) = next {
                if let Ok(row) = check_payment(&record.fields, today) {
                    assert!(row.amount > Money::ZERO);
                    assert!(row.date.as_str() <= "2026-11-28");
                }
            }
        }
    }
}
