#!/usr/bin/env bash
# Tampering behind the tool's back: a ledger is filled through zhaoshang (roster and trips imported, a trip
# voided, a void undone, leave, an explanation, a month report, a closed month, an amendment, a reopening, a second
# close), then copies of it are changed with the plain sqlite3 shell, after dropping the triggers that would refuse
# the change (and putting them back after, unless the change is a dropped trigger). `zhaoshang verify` must pass the untouched ledger
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
  "$bin" void 6 --reason 重复登记
  "$bin" unvoid 6 --reason 误作废
  "$bin" leave add --unit 朱坝街道 --name 王某 --from 2022-07-20 --to 2022-07-22 --reason 党校学习
  "$bin" explain --unit 朱坝街道 --month 2022-07 --received 2022-08-03 --note 已报送
  "$bin" reported --unit 朱坝街道 --month 2022-07
  "$bin" close --month 2022-07
  # An amendment, a reopening (amendment 2), and July closed again (close 2).
  "$bin" log --unit 朱坝街道 --name 王某 --from 2022-07-28 --destination 南京 --amend --reason 补登漏报的外出
  "$bin" reopen --month 2022-07 --reason 重新核算
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

# tamper NAME SQL EXPECTED: on a copy with every trigger dropped, run SQL with sqlite3 and put the triggers back
# (as someone covering their tracks would), then verify must exit 1 and print EXPECTED. With KEEP_DROPPED=1 the
# triggers stay dropped.
tamper() {
  local name=$1 sql=$2 expected=$3 copy="$work/$1.sqlite" triggers drops out status
  cp "$ZHAOSHANG_DB" "$copy"
  triggers=$(sqlite3 "$copy" "SELECT group_concat(sql, ';' || char(10)) || ';' FROM sqlite_master WHERE type = 'trigger'")
  drops=$(sqlite3 "$copy" "SELECT group_concat('DROP TRIGGER ' || name, '; ') FROM sqlite_master WHERE type = 'trigger'")
  if [[ ${KEEP_DROPPED:-0} == 1 ]]; then
    sqlite3 "$copy" "$drops; $sql" >/dev/null
  else
    sqlite3 "$copy" "$drops; $sql; $triggers" >/dev/null
  fi
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
tamper changed-restoration "UPDATE trip_restoration SET reason = '改过' WHERE id = 1" \
  "restoration 1 differs from what event"
tamper deleted-restoration "DELETE FROM trip_restoration WHERE id = 1" "restoration 1, recorded by event"
tamper renamed-head "UPDATE head SET name = '王某某' WHERE name = '王某'" "differs from what event 1 recorded"
tamper moved-post "UPDATE post SET from_date = '2022-07-16' WHERE id = 1" "post 1 differs from what event 1 recorded"
tamper changed-leave "UPDATE leave SET to_date = '2022-07-31' WHERE id = 1" "leave 1 differs from what event"
tamper deleted-leave "DELETE FROM leave WHERE id = 1" "leave 1, recorded by event"
tamper changed-explanation "UPDATE explanation SET received_date = '2022-08-01' WHERE id = 1" \
  "explanation 1 differs from what event"
tamper deleted-explanation "DELETE FROM explanation WHERE id = 1" "explanation 1, recorded by event"
tamper changed-report "UPDATE month_report SET nothing_to_report = 1 WHERE id = 1" "month report 1 differs from what event"
tamper deleted-report "DELETE FROM month_report WHERE id = 1" "month report 1, recorded by event"
tamper inserted-report \
  "INSERT INTO month_report (unit, month, nothing_to_report, recorded_by, recorded_at) VALUES ('共和镇', '2022-07', 1, 'x', 'y')" \
  "month report 2 was not recorded by any event"
tamper changed-event "UPDATE event SET by = '别人' WHERE id = 3" "broken chain: "
tamper deleted-event "DELETE FROM event WHERE id = 2" "broken chain: "
tamper rewritten-payload "UPDATE event SET payload = json_set(payload, '\$.reason', '改过') WHERE id = 3" "broken chain: "

# The month tallies kept beside the trips (schema v10): one head's month changed, and one removed.
first_tally="(SELECT month || head_id || kind FROM trip_month_tally ORDER BY month, head_id, kind LIMIT 1)"
tamper changed-tally \
  "UPDATE trip_month_tally SET counted_halves = counted_halves + 1 WHERE month || head_id || kind = $first_tally" \
  "the month tallies kept for each head disagree with the trips in 1 place"
tamper deleted-tally "DELETE FROM trip_month_tally WHERE month || head_id || kind = $first_tally" \
  "the month tallies kept for each head disagree with the trips in 1 place"

# Closed months: what was frozen, who closed it, the rules' hash, the close itself, a reopening.
tamper frozen-check "UPDATE closed_month SET check_json = json_set(check_json, '\$.month', '2022-06') WHERE id = 2" \
  "close 2 of 2022-07 differs from what event"
tamper frozen-bulletin "UPDATE closed_month SET bulletin_json = json_set(bulletin_json, '\$.edited', 1) WHERE id = 2" \
  "the frozen bulletin changed"
tamper closer-rewritten "UPDATE closed_month SET closed_by = '别人' WHERE id = 2" "who closed it changed"
tamper rules-hash-rewritten "UPDATE closed_month SET rules_sha256 = '$(printf '0%.0s' {1..64})' WHERE id = 1" \
  "the rule file's SHA-256 changed"
tamper close-deleted "DELETE FROM closed_month WHERE id = 2" "is missing: it was deleted (so the month no longer shows as closed)"
tamper reopen-forged \
  "UPDATE closed_month SET reopened_by = 'x', reopened_at = '2022-09-01', reopen_reason = 'y' WHERE id = 2" \
  "shows as reopened, but no event recorded a reopening: it was forged"
tamper reopen-removed \
  "DELETE FROM closed_month WHERE id = 2; UPDATE closed_month SET reopened_by = NULL, reopened_at = NULL, reopen_reason = NULL WHERE id = 1" \
  "the reopening of 2022-07 recorded by event"
# Amendments changed, deleted, forged.
tamper amendment-changed "UPDATE amendment SET reason = '改过' WHERE id = 1" "amendment 1 (2022-07) differs from what event"
tamper amendment-deleted "DELETE FROM amendment WHERE id = 1" "the amendment of 2022-07 recorded by event"
tamper amendment-forged \
  "INSERT INTO amendment (closed_month_id, month, command, reason, recorded_by, recorded_at) VALUES (2, '2022-07', 'void 1', 'x', 'y', 'z')" \
  "amendment 3 (2022-07) was not recorded by any event"
# NUL bytes: text read back stops at the NUL, counting reads the whole value.
tamper nul-kind "UPDATE trip SET kind = 'visit' || char(0) || 'x' WHERE id IN (1, 2)" "trip 2 differs from what event"
tamper nul-destination "UPDATE trip SET destination = destination || char(0) || 'hidden' WHERE id = 3" \
  "trip 3 differs from what event"
# The schema: a trigger and an index dropped, a CHECK removed.
KEEP_DROPPED=1 tamper dropped-trigger "SELECT 1" "the trigger trip_never_deleted that zhaoshang made is missing"
tamper dropped-index "DROP INDEX trip_by_dates" "the index trip_by_dates that zhaoshang made is missing"
tamper removed-check \
  "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'CHECK (LENGTH(\"kind\") > 0)', '') WHERE name = 'trip'; PRAGMA writable_schema = OFF" \
  "the table trip differs from what zhaoshang made"
# A dropped index must not make `check` print SQLite's own words.
set +e
out=$(ZHAOSHANG_DB="$work/dropped-index.sqlite" "$bin" check --month 2022-07 2>&1)
status=$?
set -e
if [[ $status == 74 && "$out" == *"zhaoshang verify"* && "$out" != *"no such index"* ]]; then
  pass
else
  fail "check on a ledger without trip_by_dates: exit $status: $out"
fi

echo "$passed passed, $failed failed"
((failed == 0))
