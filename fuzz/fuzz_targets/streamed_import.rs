//! Fuzz target: a file read as a stream in chunks of any size against the whole text
//! read in memory (see `ecoledger::fuzzing::streamed_import`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ecoledger::fuzzing::streamed_import(data));
