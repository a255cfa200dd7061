#!/usr/bin/env bash
# The same commands on a PostgreSQL ledger and on a SQLite one, side by side, with one release binary, for
# BENCHMARKS.md's "PostgreSQL beside SQLite": init and the roster, the import of the 1,000,000-trip file, the check
# and the bulletin of one month (the bulletin on a ledger with no month closed, and on one with every month before
# closed in order, as compare.sh's `closed_ledger` keeps it), and verify.
#
#   Benchmarks/postgres.sh                # the data compare.sh generated (Benchmarks/.build/compare/d1m)
#   DATA=/path/to/d1m Z=path/to/zhaoshang Benchmarks/postgres.sh
#   RUNS=1 DATA=/tmp/small WORK=/tmp/pgbench OUT=/tmp/pg.md Benchmarks/postgres.sh   # a quick trial
#
# Knobs: DATA (a folder with roster.csv, rules.toml and trips.csv, e.g. from zhaoshang-gen; never written to),
# RUNS (default 3: the median is reported; the import and anything that took over a minute once are run once),
# MONTH (default 2021-06), WORK (ledgers and the server's files, removed at the end), OUT (the table, printed
# too). Starts a throw-away PostgreSQL server of its own (initdb in WORK, a loopback port, default settings, so
# fsync on) and stops it at the end, as the tests' ThrowawayPostgres does; as root, it runs as the postgres user.
# Not run by CI.
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$(pwd)
ROOT=$(cd .. && pwd)

RUNS=${RUNS:-3}
MONTH=${MONTH:-2021-06}
DATA=${DATA:-$BENCH/.build/compare/d1m}
WORK=${WORK:-$(mktemp -d /tmp/zhaoshang-pgbench.XXXXXX)}
OUT=${OUT:-$WORK/postgres.md}
PGPORT=${PGPORT:-55432}

say() { printf '\n== %s\n' "$*" >&2; }

if [[ -z ${Z:-} ]]; then
  say "building zhaoshang (release)"
  (cd "$ROOT" && swift build -c release --scratch-path .build-release --product zhaoshang >&2)
  Z="$ROOT/.build-release/release/zhaoshang"
fi
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
export LANG=C.UTF-8

# --- the server ------------------------------------------------------------------------------------------------
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n $PGBIN ]] || PGBIN=$(dirname "$(command -v initdb)")
mkdir -p "$WORK"
chmod 755 "$WORK"
as_postgres=()
if [[ $(id -u) == 0 ]]; then
  as_postgres=(/usr/sbin/runuser -u postgres --)
  mkdir -p "$WORK/pg"
  chown postgres "$WORK/pg"
fi
"${as_postgres[@]}" "$PGBIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/log" -w \
  -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $WORK/pg" start >/dev/null
stop() {
  "${as_postgres[@]}" "$PGBIN/pg_ctl" -D "$WORK/pg/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK/pg" "$WORK"/*.sqlite*
}
trap stop EXIT
export PGOPTIONS='-c client_min_messages=warning'
psql() { "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -X -q -v ON_ERROR_STOP=1 "$@"; }
pg() { echo "postgres://postgres@127.0.0.1:$PGPORT/$1?sslmode=disable"; }
version=$(psql -At -d postgres -c "SHOW server_version" | cut -d' ' -f1)

measure() { "$PYTHON" "$BENCH/measure.py" "$@"; }
field() { "$PYTHON" -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
cell() { # JSON: "1.23 s, 45 MiB"
  "$PYTHON" -c "import json,sys; r=json.loads(sys.argv[1]); print(f\"{r['median']:.2f} s, {r['peak_kib'] / 1024:.0f} MiB\")" "$1"
}
# RUNS runs, or one when a first run took over a minute.
timed() { # PREPARE COMMAND...
  local prepare=$1
  shift
  local first
  first=$(measure --runs 1 --prepare "$prepare" -- "$@")
  if [[ $RUNS -le 1 ]] || "$PYTHON" -c "import json,sys; sys.exit(0 if json.loads(sys.argv[1])['median'] > 60 else 1)" "$first"; then
    echo "$first"
  else
    measure --runs "$RUNS" --prepare "$prepare" -- "$@"
  fi
}

rules=(--rules "$DATA/rules.toml")
cd "$WORK"
load_before=$(cut -d" " -f1-3 /proc/loadavg)
trips=$(($(wc -l <"$DATA/trips.csv") - 1))

# --- SQLite ----------------------------------------------------------------------------------------------------
# Each engine's ledger is set up the same way: init, the roster, the trips, then copies closed month by month.
setup_sqlite() { # FILE
  rm -f "$1"*
  "$Z" init --db "$1" "${rules[@]}" >/dev/null
  "$Z" import roster "$DATA/roster.csv" --db "$1" "${rules[@]}" >/dev/null
}
setup_pg() { # DATABASE
  psql -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"
  "$Z" init --db "$(pg "$1")" "${rules[@]}" >/dev/null
  "$Z" import roster "$DATA/roster.csv" --db "$(pg "$1")" "${rules[@]}" >/dev/null
}
next_month() { "$PYTHON" -c "import sys; y, m = map(int, sys.argv[1].split('-')); print(f'{y + m // 12:04d}-{m % 12 + 1:02d}')" "$1"; }
# Every month from the first a trip ends in up to MONTH, closed in order, as an office publishes and closes them.
close_before() { # DB FIRSTMONTH
  local month=$2
  while [[ $month < $MONTH ]]; do
    "$Z" close --month "$month" --db "$1" "${rules[@]}" >/dev/null
    month=$(next_month "$month")
  done
}

declare -A result
for engine in sqlite postgres; do
  say "$engine: init and roster"
  if [[ $engine == sqlite ]]; then
    db=$WORK/ledger.sqlite
    closed=$WORK/closed.sqlite
    result[$engine,setup]=$(timed "rm -f $db*" bash -c "$(declare -f setup_sqlite); Z='$Z'; DATA='$DATA'; rules=(${rules[*]}); setup_sqlite '$db'")
    prepare_import="rm -f $db*; cp $WORK/roster.sqlite $db"
    bash -c "$(declare -f setup_sqlite); Z='$Z'; DATA='$DATA'; rules=(${rules[*]}); setup_sqlite '$WORK/roster.sqlite'"
  else
    db=$(pg ledger)
    closed=$(pg closed)
    result[$engine,setup]=$(timed "true" bash -c "$(declare -f setup_pg psql pg); PGBIN='$PGBIN'; PGPORT='$PGPORT'; Z='$Z'; DATA='$DATA'; rules=(${rules[*]}); setup_pg roster")
    # Each import into a fresh copy of the ledger holding the roster: CREATE DATABASE ... TEMPLATE copies it.
    prepare_import="$PGBIN/psql -h 127.0.0.1 -p $PGPORT -U postgres -X -q -d postgres -c 'DROP DATABASE IF EXISTS ledger' -c 'CREATE DATABASE ledger TEMPLATE roster'"
  fi
  say "$engine: import trips ($trips rows)"
  result[$engine,import]=$(measure --runs 1 --prepare "$prepare_import" -- "$Z" import trips "$DATA/trips.csv" --db "$db" "${rules[@]}")
  say "$engine: check --month $MONTH"
  result[$engine,check]=$(timed true "$Z" check --month "$MONTH" --db "$db" "${rules[@]}")
  say "$engine: bulletin --month $MONTH, no month closed"
  result[$engine,bulletin]=$(timed true "$Z" bulletin --month "$MONTH" --db "$db" "${rules[@]}")
  say "$engine: closing every month before $MONTH in order"
  if [[ $engine == sqlite ]]; then
    first=$(sqlite3 "$db" "SELECT substr(min(end_date), 1, 7) FROM trip")
    cp "$db" "$WORK/closed.sqlite"
  else
    first=$(psql -At -d ledger -c "SELECT to_char(min(end_date), 'YYYY-MM') FROM trip")
    psql -d postgres -c "CREATE DATABASE closed TEMPLATE ledger"
  fi
  started=$(date +%s.%N)
  close_before "$closed" "$first"
  result[$engine,closing]=$("$PYTHON" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s')" "$started" "$(date +%s.%N)")
  say "$engine: bulletin --month $MONTH, every month before closed"
  result[$engine,closed]=$(timed true "$Z" bulletin --month "$MONTH" --db "$closed" "${rules[@]}")
  say "$engine: verify"
  result[$engine,verify]=$(timed true "$Z" verify --db "$db")
done

{
  echo "| $trips trips, release build | SQLite | PostgreSQL $version |"
  echo "|---|---|---|"
  echo "| init + roster | $(cell "${result[sqlite,setup]}") | $(cell "${result[postgres,setup]}") |"
  echo "| import trips | $(cell "${result[sqlite,import]}") | $(cell "${result[postgres,import]}") |"
  echo "| check --month $MONTH | $(cell "${result[sqlite,check]}") | $(cell "${result[postgres,check]}") |"
  echo "| bulletin --month $MONTH, no month closed | $(cell "${result[sqlite,bulletin]}") | $(cell "${result[postgres,bulletin]}") |"
  echo "| bulletin --month $MONTH, every month before closed in order | $(cell "${result[sqlite,closed]}") | $(cell "${result[postgres,closed]}") |"
  echo "| verify | $(cell "${result[sqlite,verify]}") | $(cell "${result[postgres,verify]}") |"
  echo
  echo "Closing the months before $MONTH one by one (untimed above, one run): SQLite ${result[sqlite,closing]}, PostgreSQL ${result[postgres,closing]}."
  echo "Runs: median of $RUNS where one run takes under a minute, else one; the import one run each. Load average before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$OUT"
