//! Replays every input kept under tests/fixtures/fuzz/ (fuzzing findings and seeds)
//! through the fuzz targets' checks, so a fixed finding stays fixed; the import inputs
//! and the spending fixtures also go through the streamed reading.

use std::path::Path;

#[test]
fn fuzz_findings_stay_fixed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fixtures/fuzz") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.ends_with(".md") {
            continue;
        }
        let data = std::fs::read(&path).expect("read");
        eprintln!("replaying {name}");
        if name.starts_with("amount-") {
            ecoledger::fuzzing::amount(&data);
        } else {
            ecoledger::fuzzing::csv_import(&data);
            // Every import input also read as a stream, cut into chunks of 1 to 64 bytes
            // (the first byte picks the size; with the high bit, a header goes first).
            for first in [0_u8, 2, 0x80, 0x80 | 6, 0x80 | 63] {
                let mut bytes = vec![first];
                bytes.extend_from_slice(&data);
                ecoledger::fuzzing::streamed_import(&bytes);
            }
        }
        replayed += 1;
    }
    assert!(replayed > 0);
}

/// The spending fixtures (GBK, BOM, CRLF, a quoted line break) read as streams in every
/// chunk size from 1 to 64 bytes give what the whole text gives.
#[test]
fn spending_fixtures_read_the_same_streamed_in_any_chunks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in ["spending-gbk.csv", "spending-bom.csv"] {
        let data = std::fs::read(dir.join(name)).expect("fixture");
        for chunk in 0..64_u8 {
            let mut bytes = vec![0x80 | chunk];
            bytes.extend_from_slice(&data);
            ecoledger::fuzzing::streamed_import(&bytes);
            bytes[0] = chunk;
            ecoledger::fuzzing::streamed_import(&bytes);
        }
    }
}
