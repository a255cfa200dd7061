# shellcheck shell=bash
# What the test scripts in scripts/ share. Source it after `set -euo pipefail`, then call `setup_test NAME`.

# The repository, wherever the script was started from.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# setup_test NAME: sets $bin to the binary under test and moves into $work, a fresh folder removed on exit, with the
# rules and language set for the run. NAME (e.g. crash-test) starts the script's messages and names the folder.
# Builds a release binary, unless ZHAOSHANG_BIN names one (CI passes the debug build); exits 2 without sqlite3,
# which every such script checks the ledger with.
setup_test() {
  local name=$1
  if [[ -n "${ZHAOSHANG_BIN:-}" ]]; then
    # Absolute, since the script runs in $work: ZHAOSHANG_BIN may be relative to where it was started.
    bin="$(cd "$(dirname "$ZHAOSHANG_BIN")" && pwd)/$(basename "$ZHAOSHANG_BIN")"
  else
    (cd "$root" && swift build -c release --product zhaoshang >&2)
    bin="$root/.build/release/zhaoshang"
  fi
  if ! command -v sqlite3 >/dev/null; then
    echo "$name: sqlite3 is needed (apt-get install sqlite3)" >&2
    exit 2
  fi

  work="$(mktemp -d "${TMPDIR:-/tmp}/zhaoshang-${name%-test}.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  cd "$work"
  # English messages and no colour, so the scripts can match what the tool prints.
  export ZHAOSHANG_RULES="$work/rules" LANG=en_US.UTF-8 NO_COLOR=1
}
