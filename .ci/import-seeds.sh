#!/usr/bin/env bash
# Imports every real seed report in ../shared/seeds/ (relative to the repo
# root) with the built binary. Fails when an import crashes (a panic, or an
# exit code other than 0 and 1) or when a seed whose tables are complete
# (001, 003, 004) comes out incomplete. Skipped when the seeds are absent.
set -euo pipefail
cd "$(dirname "$0")/.."

seeds=../shared/seeds
if [ ! -d "$seeds" ]; then
  echo "import-seeds: $seeds not found, skipped"
  exit 0
fi

bin=${NIANBAO_BIN:-${CARGO_TARGET_DIR:-target}/debug/nianbao}
if [ -z "${NIANBAO_BIN:-}" ]; then cargo build --quiet; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

status=0
for f in "$seeds"/*.txt "$seeds"/*.htm "$seeds"/*.html "$seeds"/*.docx "$seeds"/*.pdf; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  set +e
  NO_COLOR=1 "$bin" import "$f" -o "$tmp/${name%.*}.yaml" 2>"$tmp/err"
  code=$?
  set -e
  if grep -q "panicked" "$tmp/err" || [ "$code" -gt 1 ]; then
    echo "import-seeds: $name crashed (exit $code)"
    cat "$tmp/err"
    status=1
    continue
  fi
  case "$name" in
    001_* | 003_* | 004_*)
      if [ "$code" -ne 0 ]; then
        echo "import-seeds: $name should import completely but came out incomplete"
        cat "$tmp/err"
        status=1
        continue
      fi
      ;;
  esac
  echo "import-seeds: $name exit $code: $(tail -n 2 "$tmp/err" | head -n 1)"
done
exit $status
