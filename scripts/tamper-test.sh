#!/usr/bin/env bash
# Tampering behind the tool's back: a ledger is filled through zhaoshang (roster and trips imported, a trip
# voided, leave, an explanation, a closed month), then copies of it are changed with the plain sqlite3 shell,
# after dropping the triggers that would refuse the change. `zhaoshang verify` must pass the untouched ledger
# (exit 0) and, for every copy, exit 1 and name what was changed.
#
# Usage: scripts/tamper-test.sh
# Builds a release binary, unless ZHAOSHANG_BIN names one (CI passes the debug build). Needs sqlite3.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
setup_test tamper-test
export ZHAOSHANG_DB="$work/ledger.sqlite"
example="$root/examples/hongze-2022-07"
{
  "$bin" init
  "$bin" import roster "$example/roster.csv"
  "$bin" import trips "$example/trips.csv"
  "$bin" void 5 --reason 重复登记
  "$bin" leave add --unit 朱坝街道 --name 王某 --from 2022-07-20 --to 2022-07-22 --reason 党校学习
  "$bin" explain --unit 朱坝街道 --month 2022-07 --received 2022-08-03 --note 已报送
  "$bin" close --month 2022-07
} >/dev/null 2>&1

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*" >&2
}

if out=$("$bin" verify 2>&1) && [[ "$out" == *"verified: "* ]]; then pass; else fail "the untouched ledger: $out"; fi

# tamper NAME SQL EXPECTED: on a copy with every trigger dropped, run SQL with sqlite3, then verify must exit 1
# and print EXPECTED.
tamper() {
  local name=$1 sql=$2 expected=$3 copy="$work/$1.sqlite" triggers out status
  cp "$ZHAOSHANG_DB" "$copy"
  triggers=$(sqlite3 "$copy" "SELECT group_concat('DROP TRIGGER ' || name, '; ') FROM sqlite_master WHERE type = 'trigger'")
  sqlite3 "$copy" "$triggers; $sql"
  set +e
  out=$(ZHAOSHANG_DB="$copy" "$bin" verify 2>&1)
  status=$?
  set -e
  if [[ $status == 1 && "$out" == *"$expected"* ]]; then
    pass
  else
    fail "$name: exit $status, expected 1 and \"$expected\"; verify said: $out"
  fi
}

trip=$(sqlite3 "$ZHAOSHANG_DB" "SELECT max(id) FROM trip")
tamper changed-trip "UPDATE trip SET destination = '北京' WHERE id = 1" "trip 1 differs from what event"
tamper moved-trip "UPDATE trip SET end_date = '2022-07-31' WHERE id = 2" "trip 2 differs from what event"
tamper deleted-trip "DELETE FROM trip WHERE id = 3" "trip 3, recorded by event"
tamper inserted-trip \
  "INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at) VALUES (1, '2022-07-20', '2022-07-29', 'visit', '杭州', 'x', 'y')" \
  "trip $((trip + 1)) was not recorded by any event"
tamper unvoided-trip "UPDATE trip SET void_reason = NULL, voided_by = NULL, voided_at = NULL WHERE id = 5" \
  "trip 5's void_reason is"
tamper renamed-head "UPDATE head SET name = '王某某' WHERE name = '王某'" "differs from what event 1 recorded"
tamper moved-post "UPDATE post SET from_date = '2022-07-16' WHERE id = 1" "post 1 differs from what event 1 recorded"
tamper changed-leave "UPDATE leave SET to_date = '2022-07-31' WHERE id = 1" "leave 1 differs from what event"
tamper deleted-leave "DELETE FROM leave WHERE id = 1" "leave 1, recorded by event"
tamper changed-explanation "UPDATE explanation SET received_date = '2022-08-01' WHERE id = 1" \
  "explanation 1 differs from what event"
tamper deleted-explanation "DELETE FROM explanation WHERE id = 1" "explanation 1, recorded by event"
tamper changed-event "UPDATE event SET by = '别人' WHERE id = 3" "broken chain: "
tamper deleted-event "DELETE FROM event WHERE id = 2" "broken chain: "
tamper rewritten-payload "UPDATE event SET payload = json_set(payload, '\$.reason', '改过') WHERE id = 3" "broken chain: "

echo "$passed passed, $failed failed"
((failed == 0))
