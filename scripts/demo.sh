#!/usr/bin/env bash
# Runs the example long job on the embedded default (SQLite), with a scaled
# Lambda timeout so it needs several slices, showing progress.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d examples/longjob ]; then
  echo "demo: not yet — the long-step example lands with the DSL/runtime issue"
  exit 0
fi
exec go run ./examples/longjob run "$@"
