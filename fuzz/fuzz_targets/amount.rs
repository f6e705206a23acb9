//! Fuzz target: the 万元 amount parser (see `ecoledger::fuzzing::amount`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ecoledger::fuzzing::amount(data));
