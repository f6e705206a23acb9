//! Fuzz target: the spending import path from raw bytes (see
//! `ecoledger::fuzzing::csv_import`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ecoledger::fuzzing::csv_import(data));
