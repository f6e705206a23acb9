#!/usr/bin/env bash
# The generated ledger the dashboard benchmarks share (benches/load.sh, benches/capacity.sh):
# made once per size under $BENCH_DIR/load-SIZE and kept (FRESH=1 makes it again).
#
# Usage: benches/ledger.sh SIZE [--journals]   (the same payments for fava and hledger-web)
# Needs: $ECOLEDGER_BIN and $GENERATE_BIN (release builds). Prints the generator's totals.
set -euo pipefail
cd "$(dirname "$0")/.."
size="$1"
journals=()
[ "${2:-}" = --journals ] && journals=(--journals)
dir="${BENCH_DIR:-target/bench}/load-$size"
db="$dir/ledger.sqlite"
mkdir -p "$dir"
if [ "${FRESH:-0}" = 1 ] || [ ! -f "$db" ] || { [ "${#journals[@]}" -gt 0 ] && [ ! -f "$dir/ledger.beancount" ]; }; then
  rm -f "$db" "$db-wal" "$db-shm"
  "$GENERATE_BIN" "$size" "$dir" 20221018 "${journals[@]}" > "$dir/generated.txt"
  ECOLEDGER_DB="$db" ECOLEDGER_TODAY=2026-01-01 ECOLEDGER_USER=bench \
    "$ECOLEDGER_BIN" projects import "$dir/projects.csv" --new-department >/dev/null
  ECOLEDGER_DB="$db" ECOLEDGER_TODAY=2026-01-01 ECOLEDGER_USER=bench \
    "$ECOLEDGER_BIN" spending import "$dir/payments.csv" >/dev/null
fi
cat "$dir/generated.txt"
