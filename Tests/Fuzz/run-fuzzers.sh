#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for the pure parsers.
#
# Usage: Tests/Fuzz/run-fuzzers.sh [seconds-per-target] [target...]
#   seconds defaults to 60; with no target names every target runs.
# Exits non-zero when a target fails to build or the fuzzer finds a crash.
# Crash inputs are kept in .build-fuzz/<target>/ (git-ignored).
#
# To add a target: append "name|entry-dir|source-glob..." to TARGETS and a seed corpus
# directory under Tests/Fuzz/corpus/<corpus>/ (named by the fourth field).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SWIFTC="${SWIFTC:-/opt/swift/usr/bin/swiftc}"
SECONDS_PER_TARGET="${1:-60}"
shift || true

# name | entry directory | space-separated source globs (relative to ROOT) | corpus name
TARGETS=(
  "HTTPRequestParserFuzz|Tests/Fuzz/HTTPRequestParserFuzz|Sources/HTTPServer/Parsing/*.swift|http"
)

run_target() {
  local name="$1" entry="$2" sources="$3" corpus="$4"
  local out="$ROOT/.build-fuzz/$name"
  mkdir -p "$out/corpus"
  # shellcheck disable=SC2086 # globs are meant to expand
  local files=( $(cd "$ROOT" && ls $sources "$entry"/*.swift) )
  echo "== $name: building ${#files[@]} files"
  (cd "$ROOT" && "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O \
      -module-name "$name" "${files[@]}" -o "$out/$name")
  # Seeds are read from the checked-in corpus; new inputs go to the private corpus dir.
  echo "== $name: fuzzing for ${SECONDS_PER_TARGET}s"
  (cd "$out" && "./$name" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
      -artifact_prefix="$out/" corpus "$ROOT/Tests/Fuzz/corpus/$corpus")
}

status=0
for spec in "${TARGETS[@]}"; do
  IFS='|' read -r name entry sources corpus <<<"$spec"
  if [[ $# -gt 0 ]] && [[ ! " $* " == *" $name "* ]]; then continue; fi
  if ! run_target "$name" "$entry" "$sources" "$corpus"; then
    echo "!! $name failed (see $ROOT/.build-fuzz/$name for crash inputs)" >&2
    status=1
  fi
done
exit "$status"
