#!/usr/bin/env bash
# Where one machine ends (docs/PERFORMANCE.md, "Where one machine ends"): the sustained
# write rate through the command line and through the dashboard (WAL, one and four
# writers at once), the ledger file's size per million payments, and `check`'s time and
# memory, on the generated ledger of benches/ledger.sh.
#
# Usage: benches/capacity.sh [M|L] [N]     (default M; N payments per writer run, default 200)
# Env:   ECOLEDGER_BIN / GENERATE_BIN (prebuilt binaries; by default a release build);
#        BENCH_DIR (default target/bench); PORT (default 18090).
# The payments go to a copy of the ledger, which is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-M}"
n="${2:-200}"
port="${PORT:-18090}"
command -v curl >/dev/null && [ -x /usr/bin/time ] && command -v sqlite3 >/dev/null || {
  apt-get update -q >/dev/null && apt-get install -y -q curl time sqlite3 >/dev/null
}
if [ -z "${ECOLEDGER_BIN:-}" ] || [ -z "${GENERATE_BIN:-}" ]; then
  cargo build --release --quiet --bin ecoledger --example generate
fi
bin="$(realpath "${ECOLEDGER_BIN:-target/release/ecoledger}")"
gen="$(realpath "${GENERATE_BIN:-target/release/examples/generate}")"
ECOLEDGER_BIN="$bin" GENERATE_BIN="$gen" benches/ledger.sh "$size" >/dev/null
dir="${BENCH_DIR:-target/bench}/load-$size"
db="$dir/capacity.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
cp "$dir/ledger.sqlite" "$db"
export ECOLEDGER_DB="$db" ECOLEDGER_TODAY=2026-01-01 ECOLEDGER_USER=bench LANG=C.UTF-8
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -f "$db" "$db-wal" "$db-shm" "$db".v*.bak; }
trap cleanup EXIT
now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%7.1f payments/s (%d in %.2f s)\n", n / (b - a), n, b - a }'; }
count() { sqlite3 "$db" "SELECT COUNT(*) FROM spending"; }

"$bin" info >/dev/null   # untimed: upgrades a ledger kept from an older release
echo "== $size: $(count) payments; each writer run records $n"

# The command line: one process per payment (start, open, one transaction, exit).
cli() { # writer-no payments
  for i in $(seq "$2"); do "$bin" spend G0000042 0.0001 --date 2025-12-31 --voucher "CLI$1-$i" >/dev/null 2>&1; done
}
before=$(count); t0=$(now); cli 1 "$n"; t1=$(now)
printf 'CLI, 1 writer:        '; rate "$n" "$t0" "$t1"
t0=$(now); ws=(); for w in 2 3 4 5; do cli "$w" $((n / 4)) & ws+=("$!"); done; wait "${ws[@]}"; t1=$(now)
printf 'CLI, 4 writers:       '; rate "$n" "$t0" "$t1"
[ $(( $(count) - before )) = $((2 * n)) ] || { echo "CLI: $(( $(count) - before )) recorded, $((2 * n)) expected" >&2; exit 1; }

# The dashboard: signed-in sessions posting the project page's form, one curl per post.
base="http://127.0.0.1:$port"
"$bin" serve --addr "127.0.0.1:$port" > "$dir/capacity-serve.log" 2>&1 &
pids+=("$!")
for _ in $(seq 300); do curl -s -o /dev/null "$base/signin" && break; sleep 0.1; done
web() { # writer-no payments
  local jar="$dir/capacity-jar-$1" csrf
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/signin" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "name=writer$1" "$base/signin"
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/projects/G0000042" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  for i in $(seq "$2"); do
    curl -s -o /dev/null -w '%{http_code}\n' -b "$jar" --data-urlencode "csrf=$csrf" \
      --data-urlencode "amount=0.0001" --data-urlencode "date=2025-12-31" \
      --data-urlencode "voucher=WEB$1-$i" "$base/projects/G0000042/payments"
  done > "$dir/capacity-web-$1.txt"
}
before=$(count); t0=$(now); web 1 "$n"; t1=$(now)
printf 'dashboard, 1 writer:  '; rate "$n" "$t0" "$t1"
t0=$(now); ws=(); for w in 2 3 4 5; do web "$w" $((n / 4)) & ws+=("$!"); done; wait "${ws[@]}"; t1=$(now)
printf 'dashboard, 4 writers: '; rate "$n" "$t0" "$t1"
accepted=$(cat "$dir"/capacity-web-*.txt | grep -c '^303$' || true)
[ $(( $(count) - before )) = $((2 * n)) ] && [ "$accepted" = $((2 * n)) ] \
  || { echo "dashboard: $accepted accepted, $(( $(count) - before )) recorded, $((2 * n)) expected" >&2; exit 1; }
rm -f "$dir"/capacity-web-*.txt "$dir"/capacity-jar-*

# Size: the whole file, and the payments' own table and indexes per million rows.
payments=$(count)
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
bytes=$(stat -c %s "$db")
spend=$(sqlite3 "$db" "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('spending', 'spending_by_project', 'spending_by_date', 'spending_reverses') OR name LIKE 'sqlite_autoindex_spending%'")
awk -v b="$bytes" -v s="$spend" -v p="$payments" 'BEGIN {
  printf "file: %.1f MB for %d payments; the payments table and its indexes: %.1f MB, %.0f bytes a payment, %.0f MB a million\n",
    b / 1048576, p, s / 1048576, s / p, s / p * 1e6 / 1048576 }'

# check: every chain re-hashed, every aggregate and reference verified.
/usr/bin/time -f 'check: %e s, peak %M KB' "$bin" check >/dev/null
