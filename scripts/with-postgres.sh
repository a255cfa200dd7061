#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL server of its own, the way the Swift tests start theirs: `initdb` in a
# temporary folder, a free loopback port, a database `zhaoshang` owned by the role `clerk` with a password. The
# command finds the ledger's address in ZHAOSHANG_TEST_DB and the password in PGPASSWORD (as a clerk would give
# it); the server and its folder are gone when the command ends, whatever it did.
#
#   scripts/with-postgres.sh python3 scripts/browser-test.py .build/debug/zhaoshang /tmp/shots --postgres
#
# As root the server runs as the `postgres` user (PostgreSQL refuses root). Exits 2, saying why, when no server can
# be started here (no PostgreSQL installed).
set -euo pipefail

bin=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
  if [[ -x "$candidate/initdb" ]]; then bin=$candidate; break; fi
done
if [[ -z "$bin" ]] && command -v initdb >/dev/null; then bin=$(dirname "$(readlink -f "$(command -v initdb)")"); fi
if [[ -z "$bin" ]]; then
  echo "with-postgres: no PostgreSQL here (apt-get install postgresql), so nothing was run" >&2
  exit 2
fi

folder=$(mktemp -d /tmp/zhaoshang-pg.XXXXXX)
as_server=()
if [[ $(id -u) == 0 ]]; then
  chown postgres:postgres "$folder"
  as_server=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
  "${as_server[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$folder"
}
trap stop EXIT

"${as_server[@]}" bash -c "umask 077; printf %s throwaway-superuser > '$folder/superuser-password'"
"${as_server[@]}" "$bin/initdb" -D "$folder/data" -U postgres --pwfile "$folder/superuser-password" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
"${as_server[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $folder -c fsync=off" start >/dev/null
"${as_server[@]}" "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$folder" -p "$port" -U postgres -d postgres <<'SQL'
CREATE ROLE clerk LOGIN PASSWORD 'clerk-throwaway';
CREATE DATABASE zhaoshang OWNER clerk;
SQL
"${as_server[@]}" "$bin/psql" -X -q -h "$folder" -p "$port" -U postgres -d zhaoshang \
  -c "ALTER SCHEMA public OWNER TO clerk;"

export ZHAOSHANG_TEST_DB="postgres://clerk@127.0.0.1:$port/zhaoshang" PGPASSWORD=clerk-throwaway
"$@"
