#!/usr/bin/env bash
# Several writers at once: LOOPS shell loops, started together, each run `zhaoshang log` RUNS times against one
# ledger. WAL mode, a busy timeout and IMMEDIATE transactions must make them wait for each other instead of
# failing: the ledger ends with exactly LOOPS × RUNS trips, passes SQLite's integrity check, and no run failed.
#
# Usage: scripts/concurrency-test.sh [LOOPS=4] [RUNS=250]
# Builds a release binary, unless ZHAOSHANG_BIN names one (CI passes the debug build). Needs sqlite3.
set -euo pipefail

loops=${1:-4}
runs=${2:-250}
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
setup_test concurrency-test
export ZHAOSHANG_DB="$work/ledger.sqlite"
"$bin" init >/dev/null
"$bin" roster add --unit 朱坝街道 --name 王某 --role 党工委书记 --from 2000-01-01 >/dev/null

# One loop: RUNS trips of the one head, each with its own date and destination, so none repeats another (a
# repeat would be skipped, not added). Dates are in the past (a trip may not start after today) and in post.
loop() {
  local l=$1 r failed=0 date
  for ((r = 0; r < runs; r++)); do
    date=$(printf '%04d-%02d-%02d' $((2001 + r / 336)) $(((r / 28) % 12 + 1)) $((r % 28 + 1)))
    if ! "$bin" log --unit 朱坝街道 --name 王某 --from "$date" --destination "目的地$l-$r" \
      >/dev/null 2>>"$work/errors-$l.txt"; then
      failed=$((failed + 1))
    fi
  done
  echo "$failed" >"$work/failed-$l"
}

started=$(date +%s%N)
for ((l = 0; l < loops; l++)); do loop "$l" & done
wait
elapsed_ms=$((($(date +%s%N) - started) / 1000000))

passed=0
failed=0
failed_runs=0
for ((l = 0; l < loops; l++)); do failed_runs=$((failed_runs + $(cat "$work/failed-$l"))); done
total_runs=$((loops * runs))
passed=$((total_runs - failed_runs))
failed=$failed_runs
if ((failed_runs > 0)); then
  echo "concurrency-test: $failed_runs of $total_runs runs failed; first errors:" >&2
  cat "$work"/errors-*.txt | head -5 >&2
fi

trips=$(sqlite3 "$ZHAOSHANG_DB" 'SELECT count(*) FROM trip')
if [[ "$trips" == "$total_runs" ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "concurrency-test: the ledger holds $trips trips, expected $total_runs" >&2
fi
listed=$("$bin" trips --format json | grep -o '"id" *:' | wc -l)
if [[ "$listed" == "$total_runs" ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "concurrency-test: \`zhaoshang trips\` lists $listed trips, expected $total_runs" >&2
fi
integrity=$(sqlite3 "$ZHAOSHANG_DB" 'PRAGMA integrity_check')
if [[ "$integrity" == "ok" ]]; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "concurrency-test: integrity check: $integrity" >&2
fi

echo "concurrency-test: $loops loops × $runs runs in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))s, $trips trips, integrity $integrity"
echo "$passed passed, $failed failed"
((failed == 0))
