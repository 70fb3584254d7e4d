#!/usr/bin/env bash
# The long job on the embedded default (SQLite), with Lambda's timeout scaled
# down so the job needs several slices: it generates a deterministic sales CSV
# of $ROWS rows and aggregates it, both as long steps, printing a line per
# slice (progress, and how long the slice ran of its budget), then the result
# and how many invocations it took.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-8000000}
TIMEOUT=${TIMEOUT:-2s}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/longjob" ./examples/longjob
echo "== longjob: $ROWS rows; Lambda timeout scaled to $TIMEOUT; checkpoints and history in $work/baton.db"
"$work/longjob" run --db "$work/baton.db" --timeout "$TIMEOUT" --name demo \
  --input "{\"rows\":$ROWS,\"seed\":2026,\"dir\":\"$work/data\"}" >"$work/out.json"
echo "== result (top-level fields; the per-region report is in the full output)"
grep -E '^  "(rows|revenueCents|topRegion|checksum)"' "$work/out.json"

echo
echo "== the same job killed (SIGKILL) in the middle of a slice, then run again with the same name:"
echo "   the engine resumes the execution and the step resumes from its last checkpoint"
input="{\"rows\":$ROWS,\"seed\":2026,\"dir\":\"$work/data2\"}"
"$work/longjob" run --db "$work/killed.db" --timeout "$TIMEOUT" --name killed --input "$input" >/dev/null &
pid=$!
sleep "${KILL_AFTER:-6}"
kill -9 "$pid" 2>/dev/null && echo "-- killed pid $pid" || true
wait "$pid" 2>/dev/null || true
"$work/longjob" run --db "$work/killed.db" --timeout "$TIMEOUT" --name killed --input "$input" >"$work/out2.json"
if cmp -s <(grep -E '^  "(rows|revenueCents|topRegion|checksum)"' "$work/out.json") \
          <(grep -E '^  "(rows|revenueCents|topRegion|checksum)"' "$work/out2.json"); then
  echo "== same result as the uninterrupted run"
else
  echo "== DIFFERENT result after the kill"; exit 1
fi
