#!/usr/bin/env bash
# The web application under load, measured with wrk on a ledger of TRIPS trips, written into BENCHMARKS.md.
#
#   Benchmarks/load.sh                       # 1,000,000 trips, 30 s per measurement
#   TRIPS=10000 SECONDS_EACH=5 OUT=/tmp/load.md Benchmarks/load.sh   # a quick look
#
# Measures a unit clerk's home page and the API's check (a unit's token), each with 8 and 64 connections:
# requests per second and the p50/p99 latency wrk reports. Then 50 trip submissions sent at once through the API
# must all be recorded (none lost, none doubled) and `verify` must pass afterwards.
# The server is the release build on 127.0.0.1; wrk runs beside it on the same 2 cores, so the figures are
# what one small office server gives with its load generator competing for the CPU.
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$(pwd)
ROOT=$(cd .. && pwd)

TRIPS=${TRIPS:-1000000}
MONTH=${MONTH:-2021-06}
SECONDS_EACH=${SECONDS_EACH:-30}
WORK=${WORK:-$BENCH/.build/load}
OUT=${OUT:-$ROOT/BENCHMARKS.md}
PORT=${PORT:-18473}

say() { printf '\n== %s\n' "$*" >&2; }

if ! command -v wrk >/dev/null || ! command -v curl >/dev/null; then
  say "installing wrk and curl"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq wrk curl
fi

if [[ -z ${Z:-} ]]; then
  say "building zhaoshang and zhaoshang-gen (release)"
  (cd "$ROOT" && swift build -c release --product zhaoshang >&2)
  Z="$ROOT/.build/release/zhaoshang"
fi
if [[ -z ${GEN:-} ]]; then
  swift build -c release --product zhaoshang-gen >&2
  GEN="$BENCH/.build/release/zhaoshang-gen"
fi
export LANG=C.UTF-8

# --- the ledger: generated trips imported once, then copied for each run so runs start alike -----------------
DATA="$WORK/trips-$TRIPS"
mkdir -p "$DATA"
if [[ ! -f $DATA/ledger.sqlite ]]; then
  say "generating and importing $TRIPS trips"
  "$GEN" --trips "$TRIPS" --out "$DATA" >&2
  rm -f "$DATA"/building.sqlite*
  "$Z" init --db "$DATA/building.sqlite" --rules "$DATA/rules.toml" >/dev/null
  "$Z" import roster "$DATA/roster.csv" --db "$DATA/building.sqlite" --rules "$DATA/rules.toml" >/dev/null
  "$Z" import trips "$DATA/trips.csv" --db "$DATA/building.sqlite" --rules "$DATA/rules.toml" >/dev/null 2>&1
  mv "$DATA/building.sqlite" "$DATA/ledger.sqlite"
fi
RUN="$WORK/run"
rm -rf "$RUN"
mkdir -p "$RUN"
DB="$RUN/ledger.sqlite"
cp "$DATA/ledger.sqlite" "$DB"
RULES="$DATA/rules.toml"
UNIT=$(sed -n 2p "$DATA/roster.csv" | cut -d, -f1)
HEAD=$(sed -n 2p "$DATA/roster.csv" | cut -d, -f2)
PASSWORD='load-test-password'
z() { "$Z" "$@" --db "$DB" --rules "$RULES"; }
printf '%s\n' "$PASSWORD" | z user add clerk --role unit --unit "$UNIT" --password-stdin >/dev/null
printf '%s\n' "$PASSWORD" | z user add office --role office --password-stdin >/dev/null
TOKEN=$(z user token clerk 2>/dev/null | grep -Eo '[A-Za-z0-9_-]{32,}' | head -1)
UNIT_TRIPS=$(z trips --month "$MONTH" --unit "$UNIT" --format csv | tail -n +2 | wc -l)
HEADS=$(tail -n +2 "$DATA/roster.csv" | wc -l)

# --- the server ----------------------------------------------------------------------------------------------
LOG="$RUN/serve.log"
"$Z" serve --port "$PORT" --db "$DB" --rules "$RULES" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do
  curl -fs "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fs "$BASE/healthz" >/dev/null || {
  cat "$LOG" >&2
  exit 1
}
JAR="$RUN/cookies"
curl -fs -c "$JAR" -o /dev/null --data-urlencode login=clerk --data-urlencode "password=$PASSWORD" "$BASE/login"
# curl writes HttpOnly cookies as comment-like lines starting "#HttpOnly_".
COOKIE=$(awk '($0 !~ /^#/ || $0 ~ /^#HttpOnly_/) && NF >= 7 { printf "%s=%s", $6, $7 }' "$JAR")
[[ -n $COOKIE ]] || {
  echo "load.sh: logging in gave no session cookie" >&2
  exit 1
}
curl -fs -H "Cookie: $COOKIE" "$BASE/unit?month=$MONTH" | grep -q "$HEAD" || {
  echo "load.sh: the unit's home does not show $HEAD" >&2
  exit 1
}
curl -fs -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/check?month=$MONTH" | grep -q "$HEAD" || {
  echo "load.sh: the API's check does not show $HEAD" >&2
  exit 1
}

# One wrk run: prints "requests/s|p50|p99|errors".
measure() { # CONNECTIONS PATH HEADER
  local output
  # A 60 s timeout so slow answers count in the latency instead of vanishing as wrk's timeouts (default 2 s).
  output=$(wrk --latency --timeout 60s -t 2 -c "$1" -d "${SECONDS_EACH}s" -H "$3" "$BASE$2")
  printf '%s\n' "$output" >&2
  python3 - "$output" <<'PY'
import re, sys
text = sys.argv[1]
def latency(label):
    m = re.search(r"^\s*" + label + r"%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
if re.search(r"^\s*0 requests in", text, re.M):
    print("0|no answer|no answer|all"); sys.exit()
errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors += int(bad.group(1)) if bad else 0
print(f"{rate:.0f}|{latency('50'):.1f} ms|{latency('99'):.1f} ms|{errors}")
PY
}

rows=()
for target in "a unit's home page|/unit?month=$MONTH|Cookie: $COOKIE" \
  "\`/api/v1/check\` (a unit's token)|/api/v1/check?month=$MONTH|Authorization: Bearer $TOKEN"; do
  IFS='|' read -r label path header <<<"$target"
  for connections in 8 64; do
    say "$label, $connections connections"
    IFS='|' read -r rate p50 p99 errors <<<"$(measure "$connections" "$path" "$header")"
    rows+=("| $label | $connections | $rate | $p50 | $p99 | $errors |")
  done
done

# --- 50 submissions at once ----------------------------------------------------------------------------------
say "50 trip submissions at once"
before=$(z trips --unit "$UNIT" --format csv | tail -n +2 | wc -l)
seq 1 50 | xargs -P 50 -I{} sh -c '
  # Trip i takes one half of day (i+1)/2 of December 2021: mornings for odd i, afternoons for even i, so the 50
  # trips of one head neither repeat nor overlap each other.
  i={}; day=$(( (i + 1) / 2 ))
  if [ $((i % 2)) = 1 ]; then from="2021-12-$(printf %02d $day)"; to="$from 上午"
  else from="2021-12-$(printf %02d $day) 下午"; to="2021-12-$(printf %02d $day)"; fi
  body=$(printf "{\"names\": [\"%s\"], \"from\": \"%s\", \"to\": \"%s\", \"destination\": \"负载测试%s\", \"purpose\": \"并发报送\"}" "$1" "$from" "$to" "$i")
  code=$(curl -s -o /dev/null -w "%{http_code}" -H "Authorization: Bearer $2" -H "Content-Type: application/json" \
    --data "$body" "$3/api/v1/trips")
  echo "$code"' _ "$HEAD" "$TOKEN" "$BASE" >"$RUN/codes"
kill "$SERVER"
wait "$SERVER" 2>/dev/null || true
trap - EXIT
created=$(grep -c '^201$' "$RUN/codes" || true)
after=$(z trips --unit "$UNIT" --format csv | tail -n +2 | wc -l)
recorded=$((after - before))
verify="passed"
z verify >/dev/null 2>&1 || verify="FAILED"
say "201 answers: $created; trips recorded: $recorded; verify $verify"
if [[ $created != 50 || $recorded != 50 || $verify != passed ]]; then
  echo "load.sh: concurrent submissions lost or doubled something (201: $created, recorded: $recorded, verify: $verify)" >&2
  exit 1
fi

# --- the report ----------------------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
section=$(
  cat <<EOF
## The web application under load

Written by \`Benchmarks/load.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $cpu, $(nproc) cores; release build.
Ledger: $(python3 -c "print(f'{$TRIPS:,}')") generated trips of $(python3 -c "print(f'{$HEADS:,}')") heads; the unit measured ($UNIT) has $UNIT_TRIPS
trips touching $MONTH. wrk (2 threads, ${SECONDS_EACH} s each) runs on the same cores as the server.

| request | connections | requests/s | p50 | p99 | errors |
| --- | --- | --- | --- | --- | --- |
$(printf '%s\n' "${rows[@]}")

50 trip submissions sent at once through \`POST /api/v1/trips\`: $created answered 201 Created, $recorded trips
recorded, \`verify\` $verify afterwards. Target: p99 under 100 ms for a unit's home; nothing lost.
EOF
)
python3 - "$OUT" "$section" <<'PY'
import sys, re, pathlib
path, section = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip() + "\n"
text = path.read_text() if path.exists() else "# Benchmarks\n"
pattern = re.compile(r"^## The web application under load\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section
path.write_text(text)
PY
say "written to $OUT"
printf '%s\n' "${rows[@]}"
