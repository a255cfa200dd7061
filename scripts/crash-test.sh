#!/usr/bin/env bash
# Crashes: every command's writes are one transaction. KILLS times, an import of TRIPS trips into a ledger holding
# only the roster is killed with SIGKILL at a random moment; after each, `zhaoshang verify` (the first to open the
# ledger again, rolling back the journal a killed import leaves) must pass, SQLite's integrity check must say ok and
# the ledger must hold all of the file's trips or none of them (all of them when the import finished before the
# kill). Finally one uninterrupted import into the last crashed ledger must succeed.
#
# Usage: scripts/crash-test.sh [KILLS=10] [TRIPS=200000]
# Builds a release binary, unless ZHAOSHANG_BIN names one (CI passes the debug build). Needs sqlite3 and awk.
# CRASH_MAX_DELAY (seconds) overrides the latest kill, which is otherwise 1.1 × a measured full import.
set -euo pipefail

kills=${1:-10}
trips=${2:-200000}
# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
setup_test crash-test

# The files: heads spread over the default rules' units, in post since 2000; each head has one trip a day from
# 2001-01-01, at most 500 of them, so no trip repeats or overlaps another and none starts after today.
heads=$(((trips + 499) / 500))
awk -v trips="$trips" -v heads="$heads" -v roster=roster.csv -v out=trips.csv 'BEGIN {
  n = split("高良涧街道 朱坝街道 黄集街道 岔河镇 西顺河镇 老子山镇 三河镇 东双沟镇 共和镇 洪泽经济开发区 工信局 发改委 农业农村局 商务局 住建局 文旅局 财政局 人社局 教体局 城管局 审计局 残联 医保局 古堰景区 应急管理局 生态环境局 统计局", units, " ")
  split("31 28 31 30 31 30 31 31 30 31 30 31", length_of, " ")
  print "unit,name,role,from,to" > roster
  for (h = 0; h < heads; h++) printf "%s,测试%05d,负责人,2000-01-01,\n", units[h % n + 1], h > roster
  days = int((trips + heads - 1) / heads)
  y = 2001; m = 1; d = 1
  for (k = 0; k < days; k++) {
    date[k] = sprintf("%04d-%02d-%02d", y, m, d)
    last = length_of[m]
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) last = 29
    if (++d > last) { d = 1; if (++m > 12) { m = 1; y++ } }
  }
  print "unit,name,start,end,destination,purpose,companies,kind" > out
  for (i = 0; i < trips; i++) {
    h = i % heads
    printf "%s,测试%05d,%s,%s,上海,拜访企业,甲公司,visit\n", units[h % n + 1], h, date[int(i / heads)], date[int(i / heads)] > out
  }
}'

"$bin" init --db template.sqlite >/dev/null
"$bin" import roster roster.csv --db template.sqlite >/dev/null

now_ms() { echo $(($(date +%s%N) / 1000000)); }
count() { sqlite3 "$1" 'SELECT count(*) FROM trip'; }
integrity() { sqlite3 "$1" 'PRAGMA integrity_check'; }

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "crash-test: $*" >&2
}

# An uninterrupted import first: it must succeed, and its length sets how late a kill may come.
cp template.sqlite full.sqlite
started=$(now_ms)
if "$bin" import trips trips.csv --db full.sqlite >/dev/null 2>full.err && [[ "$(count full.sqlite)" == "$trips" ]]; then
  pass
else
  fail "the uninterrupted import failed: $(head -3 full.err)"
fi
full_ms=$(($(now_ms) - started))
if [[ -n "${CRASH_MAX_DELAY:-}" ]]; then
  max_ms=$(awk -v s="$CRASH_MAX_DELAY" 'BEGIN { printf "%d", s * 1000 }')
else
  max_ms=$((full_ms * 11 / 10))
fi
((max_ms > 60)) || max_ms=60
echo "crash-test: $trips trips for $heads heads; an uninterrupted import takes $((full_ms / 1000)).$(printf '%03d' $((full_ms % 1000)))s; kills between 0.050s and $((max_ms / 1000)).$(printf '%03d' $((max_ms % 1000)))s"

killed=0
finished=0
journals=0
for ((round = 1; round <= kills; round++)); do
  db="round-$round.sqlite"
  cp template.sqlite "$db"
  delay_ms=$((50 + ((RANDOM << 15) | RANDOM) % (max_ms - 50)))
  "$bin" import trips trips.csv --db "$db" >/dev/null 2>"round-$round.err" &
  pid=$!
  sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
  kill -9 "$pid" 2>/dev/null || true
  status=0
  wait "$pid" 2>/dev/null || status=$?  # quiet: bash would report the kill
  # An import that had the ledger alone writes through a rollback journal; killed, it leaves the journal beside
  # the ledger, and zhaoshang, the first to open the ledger again, must roll it back and find the audit trail whole.
  journal=no
  if [[ -s "$db-journal" ]]; then journal=yes journals=$((journals + 1)); fi
  if verified=$("$bin" verify --db "$db" 2>&1); then verified=ok; else verified=$(echo "$verified" | tail -1); fi
  found=$(count "$db" 2>&1 || true)
  checked=$(integrity "$db" 2>&1 || true)
  case $status in
    0) outcome=finished finished=$((finished + 1)) ;;
    137) outcome=killed killed=$((killed + 1)) ;;
    *) outcome="failed ($status: $(head -1 "round-$round.err"))" ;;
  esac
  printf 'round %2d: kill after %5dms: %-8s journal left %-3s, verify %s, integrity %s, %s trips\n' "$round" \
    "$delay_ms" "$outcome" "$journal" "$verified" "$checked" "$found"
  if [[ "$verified" != "ok" ]]; then
    fail "round $round: zhaoshang verify, opening the ledger first after the kill, says: $verified"
  elif [[ "$checked" != "ok" ]]; then
    fail "round $round: the integrity check says: $checked"
  elif [[ $status == 0 && "$found" != "$trips" ]]; then
    fail "round $round: the import finished but the ledger holds $found trips, not $trips"
  elif [[ $status != 0 && $status != 137 ]]; then
    fail "round $round: the import failed by itself with status $status"
  elif [[ "$found" != 0 && "$found" != "$trips" ]]; then
    fail "round $round: the ledger holds $found trips: neither none nor all $trips"
  else
    pass
  fi
done

# The last crashed ledger takes the whole file afterwards.
last="round-$kills.sqlite"
if ((kills > 0)) && "$bin" import trips trips.csv --db "$last" >/dev/null 2>final.err \
  && [[ "$(count "$last")" == "$trips" && "$(integrity "$last")" == "ok" ]]; then
  pass
elif ((kills > 0)); then
  fail "importing again after the crashes failed: $(head -3 final.err)"
fi

echo "crash-test: $kills rounds: $killed killed mid-import ($journals leaving a rollback journal), $finished finished before the kill"
echo "$passed passed, $failed failed"
((failed == 0))
