#!/usr/bin/env bash
# Runs baton's benchmarks. Each benchmark family writes its numbers to stdout;
# BENCHMARKS.md records them with the machine and the peer's numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
export BATON_TOOLS=${BATON_TOOLS:-$PWD/.tools}
go test -run '^$' -bench . -benchmem ./... 2>&1 | tee /tmp/baton-bench.txt
# The local engine against its peer engine, with ratios (orchestrator/local).
./scripts/bench-engine.sh
