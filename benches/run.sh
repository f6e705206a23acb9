#!/usr/bin/env bash
# Whole-process benchmark: generate a synthetic portfolio, import it, then time each main
# command next to the equivalent hand-written query in the sqlite3 shell on the same
# file. Prints medians, the ratio ecoledger / sqlite3, and peak memory.
#
# Usage: benches/run.sh [S|M|L|XL]        (default S)
# Env:   RUNS=5 (timed runs per command), ECOLEDGER_BIN / GENERATE_BIN (prebuilt
#        binaries; by default a release build is made), BENCH_DIR (default target/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
size="${1:-S}"
runs="${RUNS:-5}"
dir="${BENCH_DIR:-target/bench}/$size"
if ! command -v sqlite3 >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get update -q >/dev/null && apt-get install -y -q sqlite3 time >/dev/null
fi
if [ -z "${ECOLEDGER_BIN:-}" ] || [ -z "${GENERATE_BIN:-}" ]; then
  cargo build --release --quiet --bin ecoledger --example generate
fi
bin="${ECOLEDGER_BIN:-target/release/ecoledger}"
gen="${GENERATE_BIN:-target/release/examples/generate}"
mkdir -p "$dir"
db="$dir/ledger.sqlite"
rm -f "$db" "$db-wal" "$db-shm"
export ECOLEDGER_TODAY=2026-01-01 ECOLEDGER_USER=bench ECOLEDGER_DB="$db" LANG=C.UTF-8

"$gen" "$size" "$dir" > "$dir/generated.txt"
cat "$dir/generated.txt"
"$bin" info > /dev/null 2>&1

ms() { echo $(( ($2 - $1) / 1000000 )); }
# median of $runs whole-process runs of "$@", in ms
median() {
  local times=()
  for _ in $(seq "$runs"); do
    local a b; a=$(date +%s%N); "$@" > /dev/null 2>&1; b=$(date +%s%N)
    times+=("$(ms "$a" "$b")")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

once() {
  local label="$1"; shift
  local a b mem; a=$(date +%s%N)
  mem=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
  b=$(date +%s%N)
  printf '%-40s %10s ms %10s KB\n' "$label" "$(ms "$a" "$b")" "$mem"
}

echo
echo "== import (one run each)"
once "projects import" "$bin" projects import "$dir/projects.csv" --new-department
# The ledger before the payments, for SQLite's own floor of the same import below.
cp "$db" "$dir/before-spending.sqlite"
once "spending import" "$bin" spending import "$dir/payments.csv"

# SQLite's floor for that import: the same rows (hashes included), already parsed and
# in a table, copied by the sqlite3 shell into the same table of the same ledger, with
# the same foreign keys, page cache, durability, index rebuild and sums (the running
# total, the spending per month), in one transaction.
floor="$dir/floor.sqlite"
cp "$dir/before-spending.sqlite" "$floor"
a=$(date +%s%N)
sqlite3 "$floor" "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -16384;
  ATTACH '$db' AS src; BEGIN IMMEDIATE;
  DROP INDEX spending_by_project; DROP TRIGGER spending_running_total; DROP TRIGGER spending_month_total;
  INSERT INTO import_file SELECT * FROM src.import_file WHERE id NOT IN (SELECT id FROM import_file);
  INSERT INTO spending SELECT * FROM src.spending;
  CREATE INDEX spending_by_project ON spending (project_id, date, amount_fen, voucher);
  CREATE TRIGGER spending_running_total AFTER INSERT ON spending WHEN NEW.amount_fen > 0
  BEGIN UPDATE running_total SET amount = amount + NEW.amount_fen WHERE kind = 'payments_fen'; END;
  CREATE TRIGGER spending_month_total AFTER INSERT ON spending
  BEGIN INSERT INTO spending_month (month, entries, amount_fen) VALUES (substr(NEW.date, 1, 7), 1, NEW.amount_fen) ON CONFLICT (month) DO UPDATE SET entries = entries + 1, amount_fen = amount_fen + excluded.amount_fen; END;
  UPDATE running_total SET amount = (SELECT COALESCE(SUM(amount_fen), 0) FROM spending WHERE amount_fen > 0) WHERE kind = 'payments_fen';
  DELETE FROM spending_month;
  INSERT INTO spending_month SELECT substr(date, 1, 7), COUNT(*), SUM(amount_fen) FROM spending GROUP BY 1;
  COMMIT;"
b=$(date +%s%N)
printf '%-40s %10s ms\n' "sqlite3: the same rows, table to table" "$(ms "$a" "$b")"
rm -f "$floor" "$floor-wal" "$floor-shm" "$dir/before-spending.sqlite"

STATE="WITH latest AS (SELECT MAX(id) AS vid FROM project_version GROUP BY project_id),
       s AS (SELECT v.* FROM project_version v JOIN latest ON latest.vid = v.id)"
declare -a names cmds sqls
add() { names+=("$1"); cmds+=("$2"); sqls+=("$3"); }
add "totals --by category" "totals --by category" \
  "$STATE SELECT table_no, COUNT(*), SUM(estimate_yuan) FROM s GROUP BY table_no;"
add "totals --by year" "totals --by year" \
  "$STATE, y(p, year, st, n, e) AS (SELECT project_id, start_year, start_year, end_year - start_year + 1, estimate_yuan FROM s WHERE has_plan = 0 UNION ALL SELECT p, year + 1, st, n, e FROM y WHERE year + 1 < st + n) SELECT year, COUNT(*), SUM(e / n + (year - st < e % n)) FROM y GROUP BY year;"
# By department, as ecoledger reports it: the count, the estimate counted in full, and
# each department's even share of the projects it co-leads (which needs the number of
# lead departments of every project).
add "totals --by department" "totals --by department" \
  "$STATE SELECT department_id, COUNT(*), SUM(est), SUM(est / n + (position < est % n)) FROM (SELECT vd.department_id, vd.position, s.estimate_yuan AS est, COUNT(*) OVER (PARTITION BY vd.version_id) AS n FROM s JOIN version_department vd ON vd.version_id = s.id) GROUP BY department_id;"
add "projects list --year 2024 (csv)" "projects list --year 2024 --format csv" \
  "$STATE SELECT * FROM s WHERE 2024 BETWEEN start_year AND end_year;"
add "report quarterly 2024Q2 (csv)" "report quarterly 2024Q2 --format csv" \
  "SELECT project_id, SUM(amount_fen) FROM spending WHERE date BETWEEN '2024-01-01' AND '2024-06-30' GROUP BY project_id;"
add "spending list --period 2024Q2 (csv)" "spending list --period 2024Q2 --format csv" \
  "SELECT * FROM spending WHERE date BETWEEN '2024-04-01' AND '2024-06-30' ORDER BY date, id;"
add "reconcile" "reconcile" \
  "$STATE SELECT table_no, SUM(estimate_yuan) FROM s GROUP BY table_no;"
add "check" "check" "PRAGMA integrity_check;"

echo
printf '%-40s %10s %10s %7s %10s\n' "command ($runs runs, median)" "ecoledger" "sqlite3" "ratio" "peak KB"
for i in "${!names[@]}"; do
  # shellcheck disable=SC2086
  e=$(median "$bin" ${cmds[$i]})
  s=$(median sqlite3 "$db" "${sqls[$i]}")
  # shellcheck disable=SC2086
  m=$(peak "$bin" ${cmds[$i]})
  r=$(awk -v e="$e" -v s="$s" 'BEGIN { if (s < 1) s = 1; printf "%.1f", e / s }')
  printf '%-40s %8s ms %8s ms %7s %10s\n' "${names[$i]}" "$e" "$s" "$r" "$m"
done

echo
echo "== exactness"
"$bin" reconcile > /dev/null && echo "reconcile: passed"
generated=$(awk '/^estimate_total_wan/ {print $2}' "$dir/generated.txt")
ledger=$("$bin" totals --by category --format csv | tr -d '\r' | awk -F, '$1 == "total" {print $3}')
expected=$(awk -v g="$generated" 'BEGIN { split(g, p, "."); printf "%.0f.%s\n", p[1] + 785341, p[2] }' | sed 's/\.\?0*$//')
echo "totals: ledger $ledger = generated $generated + the plan's 785341 → $expected"
[ "$ledger" = "$expected" ] || { echo "MISMATCH"; exit 1; }
paid=$(awk '/^payments_total_wan/ {gsub(/\./, "", $2); sub(/^0+/, "", $2); print $2 "00"}' "$dir/generated.txt")
spent=$(sqlite3 "$db" "SELECT SUM(amount_fen) FROM spending")
echo "payments: ledger $spent 分 = generated $paid 分"
[ "$spent" = "$paid" ] || { echo "MISMATCH"; exit 1; }
echo "exact: yes"
