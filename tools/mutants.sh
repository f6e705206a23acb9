#!/usr/bin/env bash
# Mutation testing with cargo-mutants (docs/TESTING.md): each mutant is a small change to
# the code (a `+` made `-`, a function returning a default, a condition negated); the test
# suite should fail on every one that changes a figure, a refusal or a check.
#
#   tools/mutants.sh                 the files changed since origin/main (or main~1)
#   tools/mutants.sh --since REV     the files changed since REV (use before submitting)
#   tools/mutants.sh --all           src/domain, src/reports, src/ops and the store's money paths
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
case "${1:-}" in
  --all) for f in "${ALL[@]}"; do files+=("$f"); done ;;
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
# One job: the machine has two cores and each mutant builds and runs the whole suite.
mkdir -p target/mutants
exec cargo mutants --no-shuffle -j 1 --output target/mutants "${args[@]}"
