#!/usr/bin/env bash
# Builds and runs the libFuzzer targets for the pure parsers.
#
# Usage: Tests/Fuzz/run-fuzzers.sh [seconds-per-target] [target...]
#   seconds defaults to 60; with no target names every target runs.
# Exits non-zero when a target fails to build or the fuzzer finds a crash.
# Crash inputs are kept in .build-fuzz/<target>/ (git-ignored).
#
# To add a target: append "name|entry-dir|source-glob...|corpus|modules" to TARGETS and a
# seed corpus directory under Tests/Fuzz/corpus/<corpus>/. The optional fifth field lists
# SwiftPM modules (Sources/<Module>, recursively) the entry imports; they are built first,
# in the order given, as separate instrumented static libraries, so `import SyncCore` and
# internal access work as in the package.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SWIFTC="${SWIFTC:-/opt/swift/usr/bin/swiftc}"
SECONDS_PER_TARGET="${1:-60}"
shift || true

# name | entry directory | space-separated source globs (relative to ROOT) | corpus name | modules
TARGETS=(
  "HTTPRequestParserFuzz|Tests/Fuzz/HTTPRequestParserFuzz|Sources/HTTPServer/Parsing/*.swift|http|"
  "RecordMergeFuzz|Tests/Fuzz/RecordMergeFuzz||merge|Digest SyncCore"
  "RecordDecodeFuzz|Tests/Fuzz/RecordDecodeFuzz||merge|Digest SyncCore"
  "PushRequestFuzz|Tests/Fuzz/PushRequestFuzz||push|Digest SyncCore SyncProtocol"
)

# The system SQLite module (its module map links libsqlite3) for modules that import CSQLite.
SYSTEM_INCLUDES=( -I "$ROOT/Sources/CSQLite" )

MODULES="$ROOT/.build-fuzz/modules"
BUILT_MODULES=" "

# Builds Sources/<module> once per run as an instrumented static library plus its module file.
build_module() {
  local module="$1"
  [[ "$BUILT_MODULES" == *" $module "* ]] && return 0
  mkdir -p "$MODULES"
  local files=()
  mapfile -t files < <(cd "$ROOT" && find "Sources/$module" -name '*.swift' | sort)
  echo "== module $module: building ${#files[@]} files"
  # -enable-testing lets an entry use `@testable import` for internal decoders.
  (cd "$ROOT" && "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -enable-testing -module-name "$module" \
      -I "$MODULES" "${SYSTEM_INCLUDES[@]}" -emit-module -emit-module-path "$MODULES/$module.swiftmodule" \
      -emit-library -static -o "$MODULES/lib$module.a" "${files[@]}") || return 1
  BUILT_MODULES+="$module "
}

run_target() {
  local name="$1" entry="$2" sources="$3" corpus="$4" modules="$5"
  local out="$ROOT/.build-fuzz/$name"
  mkdir -p "$out/corpus"
  local links=()
  for module in $modules; do
    # `set -e` does not apply inside a function called from `if !`, so failures return explicitly.
    build_module "$module" || return 1
    links=( "-l$module" "${links[@]}" ) # static libraries: dependents before dependencies
  done
  # shellcheck disable=SC2086 # globs are meant to expand
  local files=( $(cd "$ROOT" && ls $sources "$entry"/*.swift) )
  echo "== $name: building ${#files[@]} files"
  (cd "$ROOT" && "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O \
      -module-name "$name" -I "$MODULES" "${SYSTEM_INCLUDES[@]}" -L "$MODULES" "${files[@]}" "${links[@]}" \
      -o "$out/$name") || return 1
  # Seeds are read from the checked-in corpus; new inputs go to the private corpus dir.
  echo "== $name: fuzzing for ${SECONDS_PER_TARGET}s"
  (cd "$out" && "./$name" -max_total_time="$SECONDS_PER_TARGET" -print_final_stats=1 \
      -artifact_prefix="$out/" corpus "$ROOT/Tests/Fuzz/corpus/$corpus")
}

status=0
for spec in "${TARGETS[@]}"; do
  IFS='|' read -r name entry sources corpus modules <<<"$spec"
  if [[ $# -gt 0 ]] && [[ ! " $* " == *" $name "* ]]; then continue; fi
  if ! run_target "$name" "$entry" "$sources" "$corpus" "$modules"; then
    echo "!! $name failed (see $ROOT/.build-fuzz/$name for crash inputs)" >&2
    status=1
  fi
done
exit "$status"
