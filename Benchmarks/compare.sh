#!/usr/bin/env bash
# Whole-process comparisons of zhaoshang against SQLite's own speed on this machine, written to BENCHMARKS.md.
#
#   Benchmarks/compare.sh                 # full sizes: 1,000,000-trip import, ledgers of 100k, 1M and 5M trips
#   RUNS=3 BIG_TRIPS=0 Benchmarks/compare.sh   # fewer runs, no 5,000,000-trip ledger (quicker)
#   Z=path/to/zhaoshang GEN=path/to/zhaoshang-gen Benchmarks/compare.sh   # binaries already built
#   RUNS=1 CMD_RUNS=1 TRIPS=20000 SMALL_TRIPS=5000 BIG_TRIPS=40000 WORK=/tmp/c OUT=/tmp/c.md Benchmarks/compare.sh
#                                         # a trial of the script itself in a few minutes (figures meaningless)
#
# Knobs: RUNS (section 1 and the check, default 5), CMD_RUNS (section 5, default 3), BIG_CMD_RUNS (section 5 on
# the 5,000,000-trip ledger, default 2), TRIPS / SMALL_TRIPS / BIG_TRIPS (the three sizes), MONTH, WORK (data and
# ledgers, kept between runs), OUT (the report). On a quiet two-core machine the defaults take about 10 minutes
# once the data exists, estimated from a trial run and single measurements (December 2026; `bulletin` and
# `summary` on the 60-month ledger are the least known); generating the data and the 5,000,000-trip ledger add
# about 2, a release build from scratch much more.
#
# Each measurement is repeated RUNS times (default 5) and the median reported; peak memory is the largest
# "maximum resident set size" of those runs. Data comes from zhaoshang-gen with a fixed seed, so every run
# on every machine measures the same files. Needs root on a fresh machine only to apt-get what is missing.
set -euo pipefail
cd "$(dirname "$0")"
BENCH=$(pwd)
ROOT=$(cd .. && pwd)

RUNS=${RUNS:-5}
TRIPS=${TRIPS:-1000000}
BIG_TRIPS=${BIG_TRIPS:-5000000}
SMALL_TRIPS=${SMALL_TRIPS:-100000}
MONTH=${MONTH:-2021-06}
WORK=${WORK:-$BENCH/.build/compare}
OUT=${OUT:-$ROOT/BENCHMARKS.md}

say() { printf '\n== %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------------------------------------
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v python3 >/dev/null || missing+=(python3)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# --- builds --------------------------------------------------------------------------------------------------
# The release build has a scratch path of its own, so it never shares one with the debug build of the tests.
if [[ -z ${Z:-} ]]; then
  say "building zhaoshang (release)"
  (cd "$ROOT" && swift build -c release --scratch-path .build-release --product zhaoshang >&2)
  Z="$ROOT/.build-release/release/zhaoshang"
fi
if [[ -z ${GEN:-} ]]; then
  # Compiled on its own: it has no dependencies, and building it through this package would first resolve the
  # micro benchmarks' packages from the network.
  say "building zhaoshang-gen (optimized)"
  mkdir -p "$BENCH/.build"
  swiftc -O -swift-version 5 "$BENCH"/Sources/zhaoshang-gen/*.swift -o "$BENCH/.build/zhaoshang-gen" >&2
  GEN="$BENCH/.build/zhaoshang-gen"
fi
# The interpreter itself, found once: a version manager's shim in front of it costs a tenth of a second a call,
# and the report makes hundreds.
PYTHON=$(python3 -c 'import sys; print(sys.executable)')
python3() { "$PYTHON" "$@"; }
MEASURE="$PYTHON $BENCH/measure.py --runs $RUNS"

mkdir -p "$WORK"
cd "$WORK"
export LANG=C.UTF-8

# Writes DIR with rules, roster and trips, and DIR/empty.sqlite: a ledger holding the roster only.
dataset() { # DIR ARGS...
  local dir=$1
  shift
  if [[ ! -f $dir/trips.csv ]]; then
    mkdir -p "$dir"
    "$GEN" --out "$dir" "$@"
  fi
  if [[ ! -f $dir/empty.sqlite ]]; then
    rm -f "$dir"/empty.sqlite*
    "$Z" init --db "$dir/empty.sqlite" --rules "$dir/rules.toml" >/dev/null
    "$Z" import roster "$dir/roster.csv" --db "$dir/empty.sqlite" --rules "$dir/rules.toml" >/dev/null
  fi
}

# A ledger with the dataset's trips imported by zhaoshang (built once, kept for later runs of this script).
ledger() { # DIR
  local dir=$1
  if [[ ! -f $dir/ledger.sqlite ]]; then
    rm -f "$dir"/ledger.sqlite* "$dir"/building.sqlite*
    cp "$dir/empty.sqlite" "$dir/building.sqlite"
    "$Z" import trips "$dir/trips.csv" --db "$dir/building.sqlite" --rules "$dir/rules.toml" >/dev/null 2>&1
    mv "$dir/building.sqlite" "$dir/ledger.sqlite"
  fi
}

# The ledger as an office keeps it when it writes MONTH's bulletin: every earlier month closed, in order, the
# way each month's bulletin is published and then closed (a copy of DIR/ledger.sqlite, kept between runs).
closed_ledger() { # DIR
  local dir=$1
  if [[ ! -f $dir/closed.sqlite ]]; then
    rm -f "$dir"/closed.sqlite* "$dir"/closing.sqlite*
    cp "$dir/ledger.sqlite" "$dir/closing.sqlite"
    local month
    month=$(sqlite3 "$dir/ledger.sqlite" "SELECT substr(min(end_date), 1, 7) FROM trip")
    while [[ $month < $MONTH ]]; do
      "$Z" close --month "$month" --db "$dir/closing.sqlite" --rules "$dir/rules.toml" >/dev/null
      month=$(python3 -c "import sys; y, m = map(int, sys.argv[1].split('-')); print(f'{y + m // 12:04d}-{m % 12 + 1:02d}')" "$month")
    done
    mv "$dir/closing.sqlite" "$dir/closed.sqlite"
  fi
}

field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.1f} ms')" "$1"; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f} s')" "$1"; }
mib() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1024:.0f} MiB')" "$1"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$1" "$2"; }
# Unrounded, for the verdicts: 0.104 printed as 0.10 must not pass a target of 0.10.
exact_ratio() { python3 -c "import sys; print(float(sys.argv[1]) / float(sys.argv[2]))" "$1" "$2"; }
verdict() { python3 -c "import sys; print('met' if float(sys.argv[1]) <= float(sys.argv[2]) else 'missed')" "$1" "$2"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "generating data"
dataset d1m --units 1000 --heads 8 --months 12 --first 2021-01 --trips "$TRIPS"
dataset d100k --units 100 --heads 8 --months 12 --first 2021-01 --trips "$SMALL_TRIPS"
if ((BIG_TRIPS > 0)); then
  dataset d5m --units 1000 --heads 8 --months 60 --first 2017-01 --trips "$BIG_TRIPS"
fi
# The same sizes with a head's trips overlapping each other all the time, as a province's data has them.
dataset o1m --units 1000 --heads 8 --months 12 --first 2021-01 --trips "$TRIPS" --overlapping
dataset o100k --units 100 --heads 8 --months 12 --first 2021-01 --trips "$SMALL_TRIPS" --overlapping
if ((BIG_TRIPS > 0)); then
  dataset o5m --units 1000 --heads 8 --months 60 --first 2017-01 --trips "$BIG_TRIPS" --overlapping
fi
rows=$(($(wc -l <d1m/trips.csv) - 1))
bytes=$(stat -c %s d1m/trips.csv)

# --- 1. import ------------------------------------------------------------------------------------------------
say "1. import of $rows trips"
import_z=$($MEASURE --prepare "rm -f d1m/import.sqlite*; cp d1m/empty.sqlite d1m/import.sqlite" -- \
  "$Z" import trips d1m/trips.csv --db d1m/import.sqlite --rules d1m/rules.toml)
import_s=$($MEASURE --prepare "rm -f d1m/bare.sqlite*" -- \
  sqlite3 -cmd ".import --csv d1m/trips.csv trips" d1m/bare.sqlite)
# The same rows loaded by the sqlite3 shell into the ledger's own schema (CHECKs, foreign key, indexes), with
# no validation, repeat or overlap detection: what SQLite itself needs to store them the way the ledger does.
cat >schema-load.sql <<'SQL'
.import --csv --schema temp d1m/trips.csv raw
INSERT INTO trip (head_id, start_date, starts_afternoon, end_date, ends_morning, kind, destination, purpose,
  companies, recorded_by, recorded_at, void_reason, voided_by, voided_at)
SELECT h.id, substr(r.start, 1, 10), r.start LIKE '% PM', coalesce(nullif(substr(r."end", 1, 10), ''), substr(r.start, 1, 10)),
  r."end" LIKE '% AM', coalesce(nullif(r.kind, ''), 'visit'), r.destination, r.purpose,
  CASE WHEN r.companies = '' THEN '[]' ELSE '["' || replace(r.companies, ';', '","') || '"]' END, 'sqlite3', datetime(),
  nullif(r.void_reason, ''), CASE WHEN r.void_reason <> '' THEN 'sqlite3' END, CASE WHEN r.void_reason <> '' THEN datetime() END
FROM raw r JOIN head h ON h.unit = r.unit AND h.name = r.name;
SQL
import_schema=$($MEASURE --prepare "rm -f d1m/schema.sqlite*; cp d1m/empty.sqlite d1m/schema.sqlite" -- \
  sqlite3 -bail -cmd "PRAGMA foreign_keys = ON" -cmd ".read schema-load.sql" d1m/schema.sqlite)
import_oz=$($MEASURE --prepare "rm -f o1m/import.sqlite*; cp o1m/empty.sqlite o1m/import.sqlite" -- \
  "$Z" import trips o1m/trips.csv --db o1m/import.sqlite --rules o1m/rules.toml)
import_os=$($MEASURE --prepare "rm -f o1m/bare.sqlite*" -- \
  sqlite3 -cmd ".import --csv o1m/trips.csv trips" o1m/bare.sqlite)
# Keep the last import as the 1,000,000-trip ledger of the check measurements.
if [[ ! -f d1m/ledger.sqlite ]]; then cp d1m/import.sqlite d1m/ledger.sqlite; fi
imported=$(sqlite3 d1m/ledger.sqlite "SELECT count(*) FROM trip")

# --- 2. check against plain SQL -------------------------------------------------------------------------------
say "2. check --month $MONTH against plain SQL"
first="$MONTH-01"
last=$(python3 -c "import calendar,sys; y,m=map(int,sys.argv[1].split('-')); print(f'{y:04d}-{m:02d}-{calendar.monthrange(y,m)[1]:02d}')" "$MONTH")
sed -e "s/:first/'$first'/; s/:last/'$last'/" "$BENCH/check-counts.sql" >check-counts.sql
month_trips=$(sqlite3 d1m/ledger.sqlite "SELECT count(*) FROM trip WHERE start_date <= '$last' AND end_date >= '$first'")
check_z=$($MEASURE -- "$Z" check --month "$MONTH" --db d1m/ledger.sqlite --rules d1m/rules.toml)
check_csv=$($MEASURE -- "$Z" check --month "$MONTH" --db d1m/ledger.sqlite --rules d1m/rules.toml --format csv)
check_s=$($MEASURE -- sqlite3 d1m/ledger.sqlite ".read check-counts.sql")
# In English, whatever the machine's language: the comparison reads the CSV's English column names.
"$Z" check --month "$MONTH" --db d1m/ledger.sqlite --rules d1m/rules.toml --format csv --lang en >ours.csv
sqlite3 -csv d1m/ledger.sqlite ".read check-counts.sql" >sql.csv
same=$(python3 - <<'PY'
import csv
ours = {(r["unit"], r["name"]): round(float(r["counted_days"]) * 2)
        for r in csv.DictReader(open("ours.csv", encoding="utf-8-sig"))}
sql = {(r[0], r[1]): int(r[2]) for r in csv.reader(open("sql.csv", encoding="utf-8"))}
print(f"{'the same' if ours == sql else 'DIFFERENT'}: {len(ours)} heads, {sum(ours.values()) / 2:g} days counted"
      + ("" if ours == sql else f" (SQL: {len(sql)} heads, {sum(sql.values()) / 2:g} days)"))
PY
)

# --- 3. check against the ledger's size -----------------------------------------------------------------------
say "3. check of one month in ledgers of growing size"
scaling=()
for dir in d100k d1m d5m; do
  [[ -d $dir ]] || continue
  ledger "$dir"
  total=$(sqlite3 "$dir/ledger.sqlite" "SELECT count(*) FROM trip")
  inmonth=$(sqlite3 "$dir/ledger.sqlite" "SELECT count(*) FROM trip WHERE start_date <= '$last' AND end_date >= '$first'")
  heads=$(sqlite3 "$dir/ledger.sqlite" "SELECT count(*) FROM head")
  result=$($MEASURE -- "$Z" check --month "$MONTH" --db "$dir/ledger.sqlite" --rules "$dir/rules.toml")
  scaling+=("| $total | $heads | $inmonth | $(ms "$(field "$result" median)") | $(python3 -c "import sys; print(f'{float(sys.argv[1]) * 1e6 / int(sys.argv[2]):.2f} µs')" "$(field "$result" median)" "$inmonth") | $(mib "$(field "$result" peak_kib)") |")
done

# --- 5. every command that reads the ledger, against its size ----------------------------------------------------
# One row per command, one pair of columns (time, peak memory) per ledger size, so that growth shows at a glance.
# Slow commands on big ledgers are measured fewer times (CMD_RUNS, default 3).
say "5. every command against the ledger's size"
CMD_MEASURE="$PYTHON $BENCH/measure.py --runs ${CMD_RUNS:-3}"
year=${MONTH%%-*}
sizes=()
for dir in d100k d1m d5m; do [[ -d $dir ]] && sizes+=("$dir"); done
declare -A cell
# Each import is measured beside sqlite3's `.import` of the same file, for both shapes of data, in the same run.
import_pair() { # SIZE DIR KEY: cell[SIZE,KEY] and cell[SIZE,dotKEY]
  local size=$1 dir=$2 key=$3
  # The imports of section 1 are these files' already, measured RUNS times: not measured again.
  if [[ $dir == d1m ]]; then
    cell[$size,$key]=$import_z cell[$size,dot$key]=$import_s
    return
  elif [[ $dir == o1m ]]; then
    cell[$size,$key]=$import_oz cell[$size,dot$key]=$import_os
    return
  fi
  cell[$size,$key]=$($CMD_MEASURE --prepare "rm -f $dir/cmd-import.sqlite*; cp $dir/empty.sqlite $dir/cmd-import.sqlite" -- \
    "$Z" import trips "$dir/trips.csv" --db "$dir/cmd-import.sqlite" --rules "$dir/rules.toml")
  cell[$size,dot$key]=$($CMD_MEASURE --prepare "rm -f $dir/cmd-bare.sqlite*" -- \
    sqlite3 -cmd ".import --csv $dir/trips.csv trips" "$dir/cmd-bare.sqlite")
  rm -f "$dir"/cmd-import.sqlite* "$dir"/cmd-bare.sqlite*
}
for dir in "${sizes[@]}"; do
  ledger "$dir"
  CMD_MEASURE="$PYTHON $BENCH/measure.py --runs ${CMD_RUNS:-3}"
  if [[ $dir == d5m ]]; then CMD_MEASURE="$PYTHON $BENCH/measure.py --runs ${BIG_CMD_RUNS:-2}"; fi
  db=(--db "$dir/ledger.sqlite" --rules "$dir/rules.toml")
  import_pair "$dir" "$dir" import
  import_pair "$dir" "o${dir#d}" oimport
  cell[$dir,check]=$($CMD_MEASURE -- "$Z" check --month "$MONTH" "${db[@]}")
  cell[$dir,bulletin]=$($CMD_MEASURE -- "$Z" bulletin --month "$MONTH" "${db[@]}")
  closed_ledger "$dir"
  closed=(--db "$dir/closed.sqlite" --rules "$dir/rules.toml")
  cell[$dir,cbulletin]=$($CMD_MEASURE -- "$Z" bulletin --month "$MONTH" "${closed[@]}")
  cell[$dir,ccheck]=$($CMD_MEASURE -- "$Z" check --month "$MONTH" "${closed[@]}")
  cell[$dir,csummary]=$($CMD_MEASURE -- "$Z" summary --year "$year" "${closed[@]}")
  cell[$dir,owing]=$($CMD_MEASURE -- "$Z" owing --month "$MONTH" "${db[@]}")
  cell[$dir,summary]=$($CMD_MEASURE -- "$Z" summary --year "$year" "${db[@]}")
  cell[$dir,verify]=$($CMD_MEASURE -- "$Z" verify "${db[@]}")
  cell[$dir,history]=$($CMD_MEASURE -- "$Z" history --month "$MONTH" "${db[@]}")
  cell[$dir,trips]=$($CMD_MEASURE -- "$Z" trips --month "$MONTH" --format csv "${db[@]}")
  cell[$dir,leave]=$($CMD_MEASURE -- "$Z" leave list --month "$MONTH" --format csv "${db[@]}")
  cell[$dir,backup]=$($CMD_MEASURE --prepare "rm -f $dir/cmd-backup.sqlite" -- \
    "$Z" backup "$dir/cmd-backup.sqlite" "${db[@]}")
  rm -f "$dir"/cmd-backup.sqlite
done
commands=(
  "import:\`import trips\` (every trip, into the empty ledger)" "check:\`check --month $MONTH\`"
  "bulletin:\`bulletin --month $MONTH\`, no month closed"
  "cbulletin:\`bulletin --month $MONTH\`, every month before it closed (as the office keeps its ledger)"
  "ccheck:\`check --month $MONTH\`, every month before it closed"
  "owing:\`owing --month $MONTH\`" "summary:\`summary --year $year\`, no month closed"
  "csummary:\`summary --year $year\`, every month before $MONTH closed"
  "verify:\`verify\`" "history:\`history --month $MONTH\`" "trips:\`trips --month $MONTH --format csv\`"
  "leave:\`leave list --month $MONTH --format csv\`"
  "backup:\`backup FILE\`"
)
growth=()
header="| command |"
rule="| --- |"
for dir in "${sizes[@]}"; do
  header+=" $(sqlite3 "$dir/ledger.sqlite" "SELECT count(*) FROM trip") trips |"
  rule+=" --- |"
done
growth+=("$header" "$rule")
for entry in "${commands[@]}"; do
  key=${entry%%:*}
  line="| ${entry#*:} |"
  for dir in "${sizes[@]}"; do
    line+=" $(secs "$(field "${cell[$dir,$key]}" median)"), $(mib "$(field "${cell[$dir,$key]}" peak_kib)") |"
  done
  growth+=("$line")
done
# The import's ratio to `.import`, on the generator's data and on the overlapping shape of the same size.
for shape in ":the generator's data" "o:the overlapping shape (\`zhaoshang-gen --overlapping\`)"; do
  prefix=${shape%%:*}
  line="| \`import trips\` ÷ sqlite3 \`.import\` of the same file, ${shape#*:} (target ≤ 3) |"
  for dir in "${sizes[@]}"; do
    z=$(field "${cell[$dir,${prefix}import]}" median)
    s=$(field "${cell[$dir,dot${prefix}import]}" median)
    line+=" $(secs "$z") ÷ $(secs "$s") = $(ratio "$z" "$s") ($(verdict "$(exact_ratio "$z" "$s")" 3)) |"
  done
  growth+=("$line")
done

# The bulletin's cost in checks of the same month on the same ledger: as the office keeps it (the target), and
# with no month closed, where the runs of short months are followed back through months computed from the trips.
for shape in "c:every month before it closed (target ≤ 3)" ":no month closed" ; do
  prefix=${shape%%:*}
  line="| \`bulletin\` ÷ \`check\` of the same month, ${shape#*:} |"
  for dir in "${sizes[@]}"; do
    b=$(field "${cell[$dir,${prefix}bulletin]}" median)
    c=$(field "${cell[$dir,${prefix}check]}" median)
    line+=" $(secs "$b") ÷ $(secs "$c") = $(ratio "$b" "$c") ($(verdict "$(exact_ratio "$b" "$c")" 3)) |"
  done
  growth+=("$line")
done

# --- 4. start-up ----------------------------------------------------------------------------------------------
say "4. start-up"
rm -rf demo && mkdir demo
"$Z" init --db demo/demo.sqlite --rules demo/rules >/dev/null
"$Z" import roster "$ROOT/examples/hongze-2022-07/roster.csv" --db demo/demo.sqlite --rules demo/rules >/dev/null
"$Z" import trips "$ROOT/examples/hongze-2022-07/trips.csv" --db demo/demo.sqlite --rules demo/rules >/dev/null 2>&1
version=$("$PYTHON" "$BENCH/measure.py" --runs $((RUNS * 4)) -- "$Z" --version)
demo=$("$PYTHON" "$BENCH/measure.py" --runs $((RUNS * 4)) -- "$Z" check --month 2022-07 --db demo/demo.sqlite --rules demo/rules)

# --- report ---------------------------------------------------------------------------------------------------
iz=$(field "$import_z" median)
is=$(field "$import_s" median)
isch=$(field "$import_schema" median)
cz=$(field "$check_z" median)
ccsv=$(field "$check_csv" median)
cs=$(field "$check_s" median)
import_ratio=$(ratio "$iz" "$is")
check_ratio=$(ratio "$cz" "$cs")
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
# The sections other scripts write into the same file (Benchmarks/load.sh: the web application under load) are
# theirs: kept as they are, after this report.
kept=""
if [[ -f $OUT ]]; then kept=$(sed -n '/^## The web application under load/,$p' "$OUT"); fi
{
  echo "# Benchmarks"
  echo
  echo "Written by \`Benchmarks/compare.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): $cpu, $(nproc) cores,"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(swift --version 2>/dev/null | head -1 | sed 's/^.*Swift version/Swift/');"
  echo "sqlite3 $(sqlite3 --version | cut -d' ' -f1). Each figure is the median of $RUNS runs (start-up: $((RUNS * 4)))"
  echo "of the release build, whole process, wall clock; memory is the largest peak resident set of those runs."
  echo "Load average (1, 5, 15 min) before the run: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on"
  echo "the machine takes cores from the two-threaded import)."
  echo "Data: \`zhaoshang-gen\` (seed 7), $rows trips in $((bytes / 1000000)) MB of CSV for 1,000 units x 8 heads x 12 months."
  echo
  echo "| comparison | zhaoshang | SQLite | ratio | target | |"
  echo "| --- | --- | --- | --- | --- | --- |"
  echo "| 1. import $rows trips into an empty ledger vs \`sqlite3 .import\` into a bare table | $(secs "$iz"), $(mib "$(field "$import_z" peak_kib)") peak | $(secs "$is") | $import_ratio | ≤ 3, < 100 MiB | $(verdict "$(exact_ratio "$iz" "$is")" 3) / $(python3 -c "import sys; print('met' if int(sys.argv[1]) < 100 * 1024 else 'missed')" "$(field "$import_z" peak_kib)") |"
  echo "| 1c. import of the --overlapping shape (a head's trips overlap each other) vs \`sqlite3 .import\` | $(secs "$(field "$import_oz" median)"), $(mib "$(field "$import_oz" peak_kib)") peak | $(secs "$(field "$import_os" median)") | $(ratio "$(field "$import_oz" median)" "$(field "$import_os" median)") | ≤ 3 | $(verdict "$(exact_ratio "$(field "$import_oz" median)" "$(field "$import_os" median)")" 3) |"
  echo "| 1b. the same rows loaded by sqlite3 into the ledger's schema (no validation) | $(secs "$iz") | $(secs "$isch") | $(ratio "$iz" "$isch") | (yardstick) | |"
  echo "| 2. \`check --month $MONTH\` (table) on $imported trips vs the counts in plain SQL | $(ms "$cz"), $(mib "$(field "$check_z" peak_kib)") peak | $(ms "$cs") | $check_ratio | ≤ 0.10, same numbers | $(verdict "$(exact_ratio "$cz" "$cs")" 0.10); $same |"
  echo "| 2b. the same check as CSV | $(ms "$ccsv") | $(ms "$cs") | $(ratio "$ccsv" "$cs") | | |"
  echo "| 4. \`zhaoshang --version\` | $(ms "$(field "$version" median)") | | | < 20 ms | $(verdict "$(field "$version" median)" 0.020) |"
  echo "| 4. \`check\` of the demo's month (2022-07, 38 heads) | $(ms "$(field "$demo" median)") | | | < 50 ms | $(verdict "$(field "$demo" median)" 0.050) |"
  echo
  echo "### 3. \`check --month $MONTH\` against the ledger's size"
  echo
  echo "| trips in the ledger | heads | trips touching the month | check | per trip of the month | peak memory |"
  echo "| --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${scaling[@]}"
  echo
  echo "### 5. Every command that reads the ledger, against its size (time, peak memory; median of ${CMD_RUNS:-3} runs, ${BIG_CMD_RUNS:-2} on the largest ledger)"
  echo
  echo "The generated ledgers hold no leave: \`leave list\` shows the command's fixed cost. At 1,000,000 trips the imports are those of section 1 (median of $RUNS)."
  echo
  printf '%s\n' "${growth[@]}"
  echo
  cat "$BENCH/NOTES.md"
  if [[ -n $kept ]]; then
    echo
    printf '%s\n' "$kept"
  fi
} >"$OUT.new"
mv "$OUT.new" "$OUT"
say "wrote $OUT"
echo "import: ${import_ratio}x sqlite3 .import ($(secs "$iz") vs $(secs "$is")); check: ${check_ratio}x plain SQL ($(ms "$cz") vs $(ms "$cs")), $same"
