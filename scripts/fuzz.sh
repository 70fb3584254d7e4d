#!/usr/bin/env bash
# Runs every Go fuzz target for FUZZTIME (default 5m) each, one after the
# other, single-process (-parallel 1) so it fits a small machine. New inputs
# that fail land in each package's testdata/fuzz as regression seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-5m}
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
    echo "== $pkg $target ($fuzztime)"
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -parallel 1
  done
done
