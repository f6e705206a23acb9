#!/usr/bin/env bash
# Mutation testing with cargo-mutants (docs/TESTING.md): each mutant is a small change to
# the code (a `+` made `-`, a function returning a default, a condition negated); the test
# suite should fail on every one that changes a figure, a refusal or a check.
#
#   tools/mutants.sh                 the files changed since origin/main (or main~1)
#   tools/mutants.sh --since REV     the files changed since REV (use before submitting)
#   tools/mutants.sh --all           src/domain, src/reports, src/ops and the store's money paths
#   tools/mutants.sh --sample K/N    one N-th of src/domain, src/reports and src/ops, picked
#                                    round-robin and run in random order (K from 0 to N-1):
#                                    the sampled scores of docs/TESTING.md
#   tools/mutants.sh FILE...         these files
#
# Results go to target/mutants/ (mutants.out/caught.txt, missed.txt, timeout.txt,
# unviable.txt). Not part of .ci/run: the whole set takes over an hour on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-mutants >/dev/null 2>&1; then
  echo "installing cargo-mutants (cargo install cargo-mutants --locked)" >&2
  cargo install cargo-mutants --locked
fi

# The scope the targets in docs/TESTING.md are measured on.
ALL=(src/domain src/reports src/ops src/store/spending.rs src/store/totals.rs src/store/checks.rs)

files=()
extra=()
case "${1:-}" in
  --all) for f in "${ALL[@]}"; do files+=("$f"); done ;;
  --sample)
    [[ "${2:-}" =~ ^[0-9]+/[0-9]+$ ]] || { echo "--sample needs K/N, e.g. 0/8" >&2; exit 2; }
    files=(src/domain src/reports src/ops)
    extra=(--shard "$2" --sharding round-robin --shuffle)
    ;;
  --since)
    [ -n "${2:-}" ] || { echo "--since needs a revision" >&2; exit 2; }
    mapfile -t files < <(git diff --name-only "$2" -- 'src/*.rs' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
    ;;
  "")
    base=$(git rev-parse -q --verify origin/main || git rev-parse main~1)
    mapfile -t files < <(git diff --name-only "$base" -- 'src/*.rs' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
    ;;
  *) files=("$@") ;;
esac
if [ "${#files[@]}" -eq 0 ]; then
  echo "no changed Rust files under src/: nothing to mutate"
  exit 0
fi

args=()
for f in "${files[@]}"; do
  if [ -d "$f" ]; then args+=(-f "$f/**/*.rs"); else args+=(-f "$f"); fi
done
echo "mutating: ${files[*]}" >&2
# JOBS (default 1) builds and tests that many mutants at once; a fixed timeout, since a
# busy machine makes the measured baseline a poor guide. No debug info: faster links.
mkdir -p target/mutants
export CARGO_PROFILE_DEV_DEBUG=0
if [ "${#extra[@]}" -eq 0 ]; then extra=(--no-shuffle); fi
exec cargo mutants -j "${JOBS:-1}" --timeout 180 "${extra[@]}" --output target/mutants "${args[@]}"
