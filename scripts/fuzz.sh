#!/usr/bin/env bash
# Runs every cargo-fuzz target for FUZZ_SECONDS (default 600: ten minutes)
# each, one at a time, with the bounds of docs/bounds.md (512 MB, 10 s an
# input), seeded from the repository's fixtures. Not part of CI: about 80
# minutes for the eight targets. Prints, per target, the executions, the
# peak memory and whether anything was found; a crash, timeout or
# out-of-memory input is left in fuzz/artifacts/<target>/ (replay it with
# `cargo fuzz run -O -a -s none <target> <file>`, then keep it as a
# regression fixture beside the code it concerns).
#
#   scripts/fuzz.sh                 # all targets, ten minutes each
#   FUZZ_SECONDS=60 scripts/fuzz.sh import_text import_pdf
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${FUZZ_SECONDS:-600}
export RUSTC_BOOTSTRAP=1

command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
cd fuzz
cargo fuzz build -O -a -s none

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi

# Seeds: the fixtures each target reads (fuzz/README.md), copied fresh.
seed() {
  local target=$1 dir=corpus/$1
  mkdir -p "$dir"
  case $target in
    import_text)
      for f in "$root"/tests/fixtures/import/*.txt "$root"/tests/fixtures/import/*.html \
               "$root"/tests/fixtures/import/corpus/*.md "$root"/tests/fixtures/import/real/*.{txt,html,md}; do
        [ -e "$f" ] || continue
        { printf '\0'; cat "$f"; } >"$dir/t-$(basename "$f")"
        { printf '\1'; cat "$f"; } >"$dir/h-$(basename "$f")"
      done
      # The real pages beside the repository, when they are there.
      for f in "$root"/../shared/corpus/reports-pages/*.txt; do
        [ -e "$f" ] || continue
        { printf '\0'; cat "$f"; } >"$dir/p-$(basename "$f")"
      done ;;
    import_docx|signoff_review)
      cp "$root"/tests/fixtures/import/*.docx "$dir"/ 2>/dev/null || true
      cp "$root"/tests/fixtures/merge/*.docx "$dir"/ 2>/dev/null || true ;;
    import_pdf)
      cp "$root"/tests/fixtures/import/*.pdf "$root"/tests/fixtures/import/corpus/*.pdf "$dir"/ 2>/dev/null || true ;;
    load_validate)
      # rules/ and quiet/ share some names: each kept under its folder's prefix.
      for f in "$root"/examples/*.yaml "$root"/tests/fixtures/rules/*.yaml "$root"/tests/fixtures/quiet/*.yaml; do
        cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
      done ;;
    load_workbook)
      cp "$root"/tests/fixtures/xlsx/*.xlsx "$dir"/ 2>/dev/null || true ;;
    roster)
      printf '\0某市某区交通运输局\n某市某区教育局\n' >"$dir/roster.txt" ;;
    http_head)
      printf 'GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n' >"$dir/get"
      printf 'POST /api/save HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n' >"$dir/chunked" ;;
  esac
}

summary=()
for t in "${targets[@]}"; do
  seed "$t"
  mkdir -p "artifacts/$t"
  before=$(find "artifacts/$t" -type f | wc -l)
  log=$(mktemp)
  set +e
  cargo fuzz run -O -a -s none "$t" "corpus/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=512 -timeout=10 -print_final_stats=1 >"$log" 2>&1
  code=$?
  set -e
  after=$(find "artifacts/$t" -type f | wc -l)
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  peak=$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
  # A run that did not start (a build failure) says why.
  [ -n "$runs" ] || tail -20 "$log"
  found=$((after - before))
  line="$t: ${seconds} s, ${runs:-?} executions, peak ${peak:-?} MB, exit $code, new artifacts $found"
  echo "$line"
  summary+=("$line")
  [ "$found" -eq 0 ] || tail -40 "$log"
  rm -f "$log"
done
printf '%s\n' "${summary[@]}"
