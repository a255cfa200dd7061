#!/usr/bin/env bash
# Fuzzing the readers: the shipped example's CSV files and rule files, mutated at random (bytes flipped, inserted
# and cut, lines repeated, and text known to be awkward put in: NUL, invisible characters, dates of year 9999,
# huge numbers, long lines, deeply dotted keys, unclosed quotes), each given to the built binary. Every run must
# end by itself (a timeout is a hang), without a signal or a trap (exit 128 and up, or "Fatal error"), and an
# import that is refused (exit 65) must leave the ledger as it was (the same events and trips).
#
# Usage: scripts/fuzz-test.sh [CASES] [SEED] [SECONDS]   (defaults: 200 cases, seed 1, 20 s per run)
# Builds a release binary, unless ZHAOSHANG_BIN names one (CI passes the debug build). Needs sqlite3, python3.
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "$0")/lib/common.sh"
cases=${1:-200}
seed=${2:-1}
limit=${3:-20}
setup_test fuzz-test
command -v python3 >/dev/null || {
  echo "fuzz-test: python3 is needed to mutate the files" >&2
  exit 2
}
export ZHAOSHANG_DB="$work/ledger.sqlite"
example="$root/examples/hongze-2022-07"
{
  "$bin" init
  "$bin" import roster "$example/roster.csv"
} >/dev/null 2>&1
cp "$ZHAOSHANG_DB" "$work/baseline.sqlite"
state() { sqlite3 "$ZHAOSHANG_DB" "SELECT (SELECT count(*) FROM event) || '/' || (SELECT count(*) FROM trip) || '/' || (SELECT count(*) FROM post) || '/' || (SELECT count(*) FROM leave)"; }
baseline=$(state)
printf 'unit,name,from,to,reason\n朱坝街道,王某,2022-07-20,2022-07-22,党校学习\n' >"$work/leave.csv"

# mutate SOURCE TARGET SEED: writes a mutated copy of SOURCE to TARGET, choosing the mutations from SEED.
mutate() {
  python3 - "$1" "$2" "$3" <<'PY'
import random, re, sys
source, target, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
data = bytearray(open(source, "rb").read())
awkward = [
    b"\x00", b"\xef\xbb\xbf", "\u202e".encode(), "\u200d".encode(), "\u3000".encode(), b"\xff\xfe", b"\"", b"'",
    b"\r", b"\n", b",", b";", b"9999-12-31", b"0001-01-01", b"2022-02-30", b"99999999999999999999", b"-1",
    b"1e308", b"nan", b"[[[", b"{", b"a." * 5000, b"=" * 3, "招".encode() * 30000, b"x" * 300000,
    b"\"\"\"", b"'''", b"[tier]", b"[[tier]]", b"units = []", b"effective_from = 0000-01-01",
    b"min_days = 9223372036854775807", b"#", b"\\u0000", b"\\", b"2022-07-04 PM", b"\t",
    b"\n" + b"a." * 150000 + b"a = 1\n", "\ufeff".encode(), "\u2060".encode(), b"\x07", b"2022-07-31",
]
# Whole cells: values that read as a date, a number or a name, but that no cell should hold.
awkward_cells = [
    b"9999-12-31", b"0001-01-01", b"2099-12-31", b"2022-07-31", b"", "\ufeff".encode(), "\u202e".encode(),
    "\u738b\u200d\u67d0".encode(), b"\x07", b"x" * 300000, b"99999999999999999999", b"-5", b"2022-02-30",
    b"\x00", b"1e308", b"\"",
]
csv = source.endswith(".csv")
# Half the cases make one change only, so that the rest of the file stays good and the change reaches the writer.
for _ in range(1 if rng.random() < 0.5 else rng.randint(2, 6)):
    # Awkward text (1, and 7 on a line of its own at the end of a rule file) and, in a CSV file, a cell replaced
    # (6) are what finds problems: chosen most often.
    kind = rng.choice([0, 1, 1, 1, 2, 3, 4, 5] + ([6, 6, 6, 8, 8] if csv else [7, 7, 7]))
    at = rng.randrange(len(data) + 1)
    if kind == 0 and data:  # flip a byte
        data[min(at, len(data) - 1)] = rng.randrange(256)
    elif kind == 1:  # put awkward text in
        data[at:at] = rng.choice(awkward)
    elif kind == 2 and data:  # cut a range
        del data[at:at + rng.randint(1, 200)]
    elif kind == 3:  # repeat a line many times
        lines = data.split(b"\n")
        line = rng.choice(lines)
        lines[rng.randrange(len(lines))] = b"\n".join([line] * rng.randint(2, 2000))
        data = bytearray(b"\n".join(lines))
    elif kind == 4:  # swap two lines
        lines = data.split(b"\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        data = bytearray(b"\n".join(lines))
    elif kind == 8:  # a row's last date (its end) replaced by one outside 2000-2099 or at its edge
        lines = data.split(b"\n")
        row = rng.randrange(len(lines))
        dates = list(re.finditer(rb"\b(19|20)\d\d-\d\d-\d\d\b", lines[row]))
        if dates:
            m = dates[-1]
            new = rng.choice([b"9999-12-31", b"0001-01-01", b"1000-07-04", b"2099-12-31"])
            lines[row] = lines[row][:m.start()] + new + lines[row][m.end():]
            data = bytearray(b"\n".join(lines))
    elif kind == 7:  # a line of awkward text at the end
        data += b"\n" + rng.choice(awkward) + b"\n"
    elif kind == 5:  # random bytes
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    else:  # one cell of a data row replaced by awkward text, so that the rest of the row still reads
        lines = data.split(b"\n")
        if len(lines) > 2:
            row = rng.randrange(1, len(lines) - 1)
            cells = lines[row].split(b",")
            cells[rng.randrange(len(cells))] = rng.choice(awkward_cells)
            lines[row] = b",".join(cells)
            data = bytearray(b"\n".join(lines))
open(target, "wb").write(data)
PY
}

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() {
  failed=$((failed + 1))
  echo "FAIL: $*" >&2
}

# run NAME ARGS...: runs the binary with a time limit and checks how it ended; sets $status.
run() {
  local name=$1
  shift
  set +e
  timeout "$limit" "$bin" "$@" >"$work/out" 2>"$work/err"
  status=$?
  set -e
  if ((status == 124)); then
    fail "$name: no answer after $limit s (a hang): $*"
    return 1
  elif ((status >= 128)) || grep -q "Fatal error" "$work/err"; then
    fail "$name: exit $status (a crash): $(head -c 300 "$work/err")"
    return 1
  fi
  return 0
}

mkdir -p "$work/fuzz-rules/calendar"
started=$SECONDS
declare -A endings=()
for ((i = 1; i <= cases; i++)); do
  case_seed=$((seed * 100000 + i))
  case $((i % 5)) in
    0 | 1)
      mutate "$example/trips.csv" "$work/case.csv" "$case_seed"
      args=(import trips "$work/case.csv")
      ;;
    2)
      mutate "$example/roster.csv" "$work/case.csv" "$case_seed"
      args=(import roster "$work/case.csv")
      ;;
    3)
      mutate "$work/leave.csv" "$work/case.csv" "$case_seed"
      args=(import leave "$work/case.csv")
      ;;
    4)
      rm -f "$work/fuzz-rules/"*.toml "$work/fuzz-rules/calendar/"*
      cp "$root/rules/calendar/"*.toml "$work/fuzz-rules/calendar/"
      if ((i % 2 == 0)); then
        mutate "$root/rules/default.toml" "$work/fuzz-rules/default.toml" "$case_seed"
      else
        cp "$root/rules/default.toml" "$work/fuzz-rules/default.toml"
        mutate "$root/rules/calendar/cn-2022.toml" "$work/fuzz-rules/calendar/cn-2022.toml" "$case_seed"
      fi
      args=(rules check --rules "$work/fuzz-rules")
      ;;
  esac
  name="case $i (seed $case_seed, ${args[*]:0:2})"
  run "$name" "${args[@]}" || continue
  endings[$status]=$((${endings[$status]:-0} + 1))
  if [[ ${args[0]} == import ]]; then
    if ((status == 0)); then
      # Accepted: put the ledger back, so every case starts from the same one.
      cp "$work/baseline.sqlite" "$ZHAOSHANG_DB"
      rm -f "$ZHAOSHANG_DB-wal" "$ZHAOSHANG_DB-shm"
    elif [[ $(state) != "$baseline" ]]; then
      fail "$name: refused with exit $status but the ledger changed ($baseline became $(state))"
      cp "$work/baseline.sqlite" "$ZHAOSHANG_DB"
      continue
    fi
  fi
  pass
done

summary=""
for code in "${!endings[@]}"; do summary+=" exit $code: ${endings[$code]};"; done
echo "fuzz-test: $cases cases in $((SECONDS - started)) s;$summary"
echo "$passed passed, $failed failed"
((failed == 0))
