#!/usr/bin/env bash
# Fuzz the amount parser and the spending import path with cargo fuzz (libFuzzer).
# Usage: tools/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
# Findings land in fuzz/artifacts/<target>/; copy each into tests/fixtures/fuzz/ after
# fixing it, so `cargo test --test fuzz_regressions` replays it forever.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked
# cargo fuzz needs nightly-only flags; the machine has one stable toolchain, which
# accepts them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1
for target in amount csv_import streamed_import; do
  mkdir -p "fuzz/corpus/$target"
  cargo fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1 | tee "/tmp/fuzz-$target.log" | grep -E "^(#|stat::number_of_executed_units|==|SUMMARY)" | tail -3
done
