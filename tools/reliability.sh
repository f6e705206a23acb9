#!/usr/bin/env bash
# The full-size reliability runs (the default `cargo test` runs smaller versions):
# 8 writers × 500 single-entry commands, 200,000-row imports SIGKILLed 25 times, batch
# status changes killed 25 times, a backup under a 100,000-row import, then the bad-input
# suite. Prints the figures quoted in docs/RELIABILITY.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export ECOLEDGER_HEAVY=1
cargo test --release --test cli reliability:: -- --nocapture --test-threads=1 2>&1 | grep -E "^test |killed|test result"
cargo test --release --test cli bad_input -- --nocapture 2>&1 | grep -E "cases tried|test result"
