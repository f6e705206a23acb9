//! Replays every input kept under tests/fixtures/fuzz/ (fuzzing findings and seeds)
//! through the fuzz targets' checks, so a fixed finding stays fixed.

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
        }
        replayed += 1;
    }
    assert!(replayed > 0);
}
