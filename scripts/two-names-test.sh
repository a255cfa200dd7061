#!/usr/bin/env bash
# One ledger, one name: a ledger reached through a symbolic link and through its real path at once must lose
# nothing, even when the writes start by upgrading an older ledger (the upgrade's lock is keyed on the real file,
# so both names wait on one lock); and a ledger with a second name (a hard link), which would get a second
# write-ahead log and lose writes, is refused.
#
# Usage: scripts/two-names-test.sh [RUNS=100]
# Builds a release binary, unless ZHAOSHANG_BIN names one (CI passes the debug build). Needs sqlite3.
set -euo pipefail

runs=${1:-100}
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
setup_test two-names-test
"$bin" init --db "$work/scratch.sqlite" >/dev/null
mkdir real
# A ledger of schema 4 (trips 1 to 5), so the first command through either name upgrades it.
cp "$root/Tests/ZhaoshangKitTests/Fixtures/schemas/schema-4.sqlite" real/ledger.sqlite
ln -s real/ledger.sqlite link.sqlite
before=$(sqlite3 real/ledger.sqlite 'SELECT count(*) FROM trip')

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "two-names-test: $*" >&2
}

# A hard link is refused, through either name, and the ledger is left as it was.
ln real/ledger.sqlite hard.sqlite
sum=$(sha256sum real/ledger.sqlite | cut -d' ' -f1)
for name in hard.sqlite real/ledger.sqlite; do
  status=0
  "$bin" trips --db "$name" >/dev/null 2>"$work/hard.txt" || status=$?
  if [[ $status == 65 ]] && grep -q 'hard links' "$work/hard.txt"; then pass; else fail "$name with a hard link: exit $status: $(cat "$work/hard.txt")"; fi
done
[[ $(sha256sum real/ledger.sqlite | cut -d' ' -f1) == "$sum" ]] && pass || fail "a refused ledger was changed"
rm hard.sqlite

# Two loops at once, one through the link and one through the real path, each logging RUNS distinct trips.
loop() {
  local name=$1 tag=$2 r failures=0 date
  for ((r = 0; r < runs; r++)); do
    date=$(printf '%04d-%02d-%02d' $((2023 + r / 336)) $(((r / 28) % 12 + 1)) $((r % 28 + 1)))
    if ! "$bin" log --db "$name" --unit 朱坝街道 --name 王某 --from "$date" --destination "目的地$tag-$r" \
      >/dev/null 2>>"$work/errors-$tag.txt"; then
      failures=$((failures + 1))
    fi
  done
  echo "$failures" >"$work/failed-$tag"
}
started=$(date +%s%N)
loop link.sqlite link &
loop real/ledger.sqlite real &
wait
elapsed_ms=$((($(date +%s%N) - started) / 1000000))

for tag in link real; do
  failures=$(cat "$work/failed-$tag")
  if ((failures == 0)); then pass; else fail "$failures of $runs runs through $tag failed: $(head -3 "$work/errors-$tag.txt")"; fi
done
trips=$(sqlite3 real/ledger.sqlite 'SELECT count(*) FROM trip')
expected=$((before + 2 * runs))
[[ $trips == "$expected" ]] && pass || fail "the ledger holds $trips trips, expected $expected"
integrity=$(sqlite3 real/ledger.sqlite 'PRAGMA integrity_check')
[[ $integrity == ok ]] && pass || fail "integrity check: $integrity"
copies=$(find . -name '*.before-v*' | wc -l)
[[ $copies == 1 ]] && pass || fail "$copies copies from before the upgrade, expected 1 (one upgrade)"
if "$bin" verify --db link.sqlite >"$work/verify.txt" 2>&1; then pass; else fail "verify: $(cat "$work/verify.txt")"; fi
leftover=$(find . -name '*.migrating' | wc -l)
[[ $leftover == 0 ]] && pass || fail "$leftover upgrade lock files left"

echo "two-names-test: 2 names × $runs runs in $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000)))s, $trips trips ($before before), integrity $integrity"
echo "$passed passed, $failed failed"
((failed == 0))
