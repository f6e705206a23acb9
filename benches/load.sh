#!/usr/bin/env bash
# Load benchmark of the dashboard (docs/PERFORMANCE.md, "The dashboard under load"):
# 16 concurrent readers over four pages and one writer posting a payment through the
# dashboard's form every 2 s, for a bounded time; then the same read load against fava
# (beancount) and hledger-web on the same payments, pages of the same meaning.
#
# Usage: benches/load.sh [M|L] [SECONDS]      (default M, 30 s per run)
# Env:   PEERS=0 skips fava and hledger-web (default: on for M, off for L);
#        ECOLEDGER_BIN / GENERATE_BIN (prebuilt binaries; by default a release build);
#        BENCH_DIR (default target/bench); PORT (default 18080; the peers use +1, +2);
#        READERS (default 16, a multiple of 4).
#
# The load generator is wrk (Debian): four wrk processes at once, one per page, each with
# READERS/4 connections, so every page gets its own p50/p99/max and pages per second.
# wrk stops by itself after SECONDS (-d) and every process here is killed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-M}"
secs="${2:-30}"
case "$size" in M) peers_default=1 ;; *) peers_default=0 ;; esac
peers="${PEERS:-$peers_default}"
readers="${READERS:-16}"
per_page=$((readers / 4))
port="${PORT:-18080}"
dir="${BENCH_DIR:-target/bench}/load-$size"

need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v curl >/dev/null || need_apt+=(curl)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ "$peers" = 1 ]; then command -v hledger-web >/dev/null || need_apt+=(hledger-web); fi
if [ "${#need_apt[@]}" -gt 0 ]; then
  apt-get update -q >/dev/null && apt-get install -y -q "${need_apt[@]}" >/dev/null
fi
if [ "$peers" = 1 ] && ! command -v fava >/dev/null; then
  python3 -m pip install -q fava >/dev/null
fi
if [ -z "${ECOLEDGER_BIN:-}" ] || [ -z "${GENERATE_BIN:-}" ]; then
  cargo build --release --quiet --bin ecoledger --example generate
fi
bin="$(realpath "${ECOLEDGER_BIN:-target/release/ecoledger}")"
gen="$(realpath "${GENERATE_BIN:-target/release/examples/generate}")"
mkdir -p "$dir"
db="$dir/ledger.sqlite"
export ECOLEDGER_TODAY=2026-01-01 ECOLEDGER_DB="$db" LANG=C.UTF-8

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# The ledger: generated once per size and kept (FRESH=1 makes it again).
journals=()
[ "$peers" = 1 ] && journals=(--journals)
ECOLEDGER_BIN="$bin" GENERATE_BIN="$gen" benches/ledger.sh "$size" "${journals[@]}"

wait_up() { # url
  for _ in $(seq 600); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "server at $1 did not start" >&2; exit 1
}

# One wrk per page, all at once; prints "page p50 p99 max pages/s errors".
load() { # label base-url path...
  local label="$1" base="$2"; shift 2
  local outs=() wrks=() i=0
  # One request per page first, untimed: the peers parse their file on first use and
  # serve from memory after; ecoledger warms SQLite's page cache.
  for path in "$@"; do curl -s -o /dev/null --max-time 600 "$base$path" || true; done
  for path in "$@"; do
    wrk -t1 -c"$per_page" -d"${secs}s" --timeout 30s --latency "$base$path" > "$dir/wrk-$label-$i.txt" 2>&1 &
    wrks+=("$!"); outs+=("$dir/wrk-$label-$i.txt"); i=$((i + 1))
  done
  wait "${wrks[@]}"
  i=0
  for path in "$@"; do
    awk -v page="$label $path" '
      function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
      /Latency/ && !max { max = ms($4) }
      /Requests\/sec/ { rps = $2 }
      /Non-2xx|Socket errors/ { err = err $0 }
      / requests in / { n = $1 }
      END { if (n == 0) err = "no request finished within the run"; printf "%-44s %9.1f %9.1f %9.1f %9.1f  %s\n", page, p50, p99, max, rps, (err == "" ? "none" : err) }
    ' "${outs[$i]}"
    i=$((i + 1))
  done
}

header() { printf '%-44s %9s %9s %9s %9s  %s\n' "page" "p50 ms" "p99 ms" "max ms" "pages/s" "failed"; }

# --- ecoledger, with the writer ----------------------------------------------------
base="http://127.0.0.1:$port"
"$bin" serve --addr "127.0.0.1:$port" > "$dir/serve.log" 2>&1 &
server=$!; pids+=("$server")
wait_up "$base/"

before=$("$bin" spending list --format csv | wc -l)
run="LOAD$(date +%s)"   # this run's vouchers: $run-1, $run-2, … (a kept ledger holds earlier runs')
# The writer: signs in by name, then posts one payment every 2 s through the project
# page's form (its CSRF token read from the page), to one project, each with its own
# voucher, until the readers stop. Every answer's status is kept.
jar="$dir/cookies.txt"; rm -f "$jar"
writer() {
  local csrf n=0
  csrf=$(curl -s -c "$jar" -b "$jar" "$base/signin" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "name=load-writer" "$base/signin"
  local end=$((SECONDS + secs))
  while [ "$SECONDS" -lt "$end" ]; do
    n=$((n + 1))
    csrf=$(curl -s -c "$jar" -b "$jar" "$base/projects/G0000042" | grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
    curl -s -o /dev/null -w '%{http_code}\n' -c "$jar" -b "$jar" \
      --data-urlencode "csrf=$csrf" --data-urlencode "amount=0.0001" \
      --data-urlencode "date=2025-12-31" --data-urlencode "voucher=$run-$n" \
      --data-urlencode "note=load benchmark" "$base/projects/G0000042/payments"
    sleep 2
  done
}
writer > "$dir/writer.txt" &
wpid=$!; pids+=("$wpid")

echo
echo "== ecoledger serve, $size, $readers readers for ${secs}s, one payment every 2 s"
header
load ecoledger "$base" "/" "/projects?category=5&sort=estimate&dir=desc" \
  "/projects/G0000007" "/reports?kind=quarterly&period=2025Q4"
wait "$wpid" || true
posted=$(grep -c '^303$' "$dir/writer.txt" || true)
tries=$(wc -l < "$dir/writer.txt")
after=$("$bin" spending list --format csv | wc -l)
recorded=$(( after - before ))
vouchers=$("$bin" spending list --format csv | grep -c ",$run-" || true)
echo "writer: $tries posts, $posted accepted (303), $recorded entries recorded, $vouchers with this run's vouchers"
[ "$posted" = "$recorded" ] && [ "$recorded" = "$vouchers" ] \
  && echo "every payment recorded exactly once: yes" || echo "every payment recorded exactly once: NO"
echo "dashboard peak memory: $(awk '/VmHWM/ {print $2, $3}' "/proc/$server/status")"
kill "$server"; wait "$server" 2>/dev/null || true

[ "$peers" = 1 ] || exit 0

# --- the peers, on the same payments, read load only ----------------------------------
# Project G0000007's account (its category is the generator's choice).
acct7=$(grep -m1 -o 'Expenses:C[0-9]:G0000007' "$dir/ledger.journal")
echo
echo "== fava $(fava --version 2>/dev/null | head -1), same load"
fport=$((port + 1))
fava --host 127.0.0.1 --port "$fport" "$dir/ledger.beancount" > "$dir/fava.log" 2>&1 &
pids+=("$!")
wait_up "http://127.0.0.1:$fport/"
slug=$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$fport/" | sed 's|.*:[0-9]*/||;s|/.*||')
# fava's pages are a script that asks its JSON API for the figures: the API calls are the
# work, so they are what is loaded (the page shell itself is static).
header
load fava "http://127.0.0.1:$fport/$slug/api" "/income_statement" "/trial_balance?account=Expenses:C5" \
  "/account_report?a=$acct7" "/income_statement?time=2025-Q4"

echo
echo "== hledger-web $(hledger-web --version | head -1), same load"
hport=$((port + 2))
hledger-web --serve --host 127.0.0.1 --port "$hport" -f "$dir/ledger.journal" > "$dir/hledger-web.log" 2>&1 &
pids+=("$!")
wait_up "http://127.0.0.1:$hport/"
header
load hledger-web "http://127.0.0.1:$hport" "/accounts" "/register?q=inacct:Expenses:C5" \
  "/register?q=inacct:$acct7" "/journal?q=date:2025q4"
