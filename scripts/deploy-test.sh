#!/usr/bin/env bash
# The README's way of running the office's server, tried as written: its nginx block in front of `serve` over
# HTTPS (a throw-away self-signed certificate), and its systemd unit checked by `systemd-analyze verify`.
#
#   scripts/deploy-test.sh            # uses .build/debug/zhaoshang, or $ZHAOSHANG_BIN
#   KEEP=1 scripts/deploy-test.sh     # keeps the temporary folder (nginx's logs, serve's output) to look at
#
# Needs nginx, openssl and curl (`.ci/run` installs them); systemd-analyze is used when present.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${ZHAOSHANG_BIN:-.build/debug/zhaoshang}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
WORK=$(mktemp -d)
# nginx's workers run as another user (www-data when started by root): they must reach its folders.
chmod 755 "$WORK"
mkdir -m 777 "$WORK/body" "$WORK/proxy"
passed=0
failed=0
ok() {
  passed=$((passed + 1))
  echo "ok: $*"
}
fail() {
  failed=$((failed + 1))
  echo "FAILED: $*"
}
cleanup() {
  [[ -n ${SERVER:-} ]] && kill "$SERVER" 2>/dev/null
  [[ -f $WORK/nginx.pid ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  [[ -n ${KEEP:-} ]] && echo "kept $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

# The README's fenced blocks, as a reader would copy them.
block() { # LANGUAGE
  python3 - "$1" <<'PY'
import re, sys
text = open("README.md", encoding="utf-8").read()
blocks = re.findall(r"^```" + sys.argv[1] + r"\n(.*?)^```", text, re.S | re.M)
if len(blocks) != 1:
    sys.exit(f"README.md has {len(blocks)} ```{sys.argv[1]} blocks, expected 1")
print(blocks[0], end="")
PY
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

APP_PORT=$(free_port)
HTTPS_PORT=$(free_port)
HTTP_PORT=$(free_port)

# --- nginx in front, as the README configures it --------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=zhaoshang.example.gov.cn" \
  -keyout "$WORK/zhaoshang.key" -out "$WORK/zhaoshang.crt" 2>/dev/null
block nginx | sed -e "s|listen 443 ssl;|listen 127.0.0.1:$HTTPS_PORT ssl;|" \
  -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" \
  -e "s|/etc/ssl/zhaoshang|$WORK/zhaoshang|g" \
  -e "s|127.0.0.1:8080|127.0.0.1:$APP_PORT|" >"$WORK/site.conf"
cat >"$WORK/nginx.conf" <<EOF
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events {}
http {
  access_log $WORK/access.log;
  client_body_temp_path $WORK/body;
  proxy_temp_path $WORK/proxy;
  include $WORK/site.conf;
}
EOF
grep -q "$HTTPS_PORT" "$WORK/site.conf" && grep -q "$APP_PORT" "$WORK/site.conf" ||
  fail "the README's nginx block no longer has 'listen 443 ssl;' and 'proxy_pass http://127.0.0.1:8080'"
if nginx -t -q -p "$WORK" -c "$WORK/nginx.conf" 2>"$WORK/nginx-t.log"; then
  ok "nginx accepts the README's server block"
else
  fail "nginx refuses the README's server block: $(cat "$WORK/nginx-t.log")"
fi
nginx -p "$WORK" -c "$WORK/nginx.conf"

"$BIN" serve --demo --secure-cookies --port "$APP_PORT" >"$WORK/serve.log" 2>&1 &
SERVER=$!
BASE="https://127.0.0.1:$HTTPS_PORT"
for _ in $(seq 100); do
  curl -ksf "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
[[ $(curl -ks "$BASE/healthz") == ok ]] && ok "GET /healthz through nginx over HTTPS" ||
  fail "GET /healthz through nginx: $(curl -ks "$BASE/healthz")"

location=$(curl -s -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$HTTP_PORT/unit")
[[ $location == https://* ]] && ok "plain HTTP is sent to HTTPS ($location)" || fail "plain HTTP is not sent to HTTPS: '$location'"

headers=$(curl -ks -D - -o /dev/null --data-urlencode login=zhuba --data-urlencode password=zhuba-demo-2022 "$BASE/login")
cookie_line=$(grep -i '^set-cookie: zs_session=' <<<"$headers" || true)
if grep -qi 'secure' <<<"$cookie_line" && grep -qi 'httponly' <<<"$cookie_line"; then
  ok "logging in through nginx sets a Secure, HttpOnly session cookie"
else
  fail "the session cookie through nginx: '$cookie_line'"
fi
cookie=$(sed -E 's/^[Ss]et-[Cc]ookie: (zs_session=[^;]*).*/\1/' <<<"$cookie_line" | tr -d '\r')
page=$(curl -ks -H "Cookie: $cookie" "$BASE/unit")
grep -q '朱坝街道' <<<"$page" && ok "the unit's home page through nginx" || fail "the unit's home page through nginx"

# A body as large as the biggest upload the application takes (a 20 MB explanation document) must reach it:
# the application, not nginx, decides what is too large and says so in a sentence.
head -c $((20 * 1024 * 1024)) /dev/zero >"$WORK/big"
reply=$(curl -ks -w '\n%{http_code}' -H "Cookie: $cookie" -H 'Content-Type: application/octet-stream' \
  --data-binary @"$WORK/big" "$BASE/unit/trips")
if grep -q 'client intended to send too large body' "$WORK/error.log"; then
  fail "nginx refused a 20 MB body itself; raise client_max_body_size"
elif [[ $(tail -n 1 <<<"$reply") == 413 ]] && grep -q '外出招商天数考核' <<<"$reply"; then
  ok "a 20 MB body passes nginx and the application answers it (413, its own page)"
else
  fail "a 20 MB body through nginx: $(tail -n 1 <<<"$reply"), $(tail -n 3 "$WORK/error.log")"
fi

# --- the systemd unit ----------------------------------------------------------------------------------------
if command -v systemd-analyze >/dev/null; then
  block ini | sed -e "s|/usr/local/bin/zhaoshang|$BIN|" -e "s|^User=.*|User=root|" \
    -e "s|/srv/zhaoshang|$WORK|g" >"$WORK/zhaoshang.service"
  if out=$(systemd-analyze verify "$WORK/zhaoshang.service" 2>&1) && [[ -z $out ]]; then
    ok "systemd-analyze verify accepts the README's unit"
  else
    fail "systemd-analyze verify on the README's unit: $out"
  fi
else
  echo "note: no systemd-analyze here; the README's unit was not checked"
fi

echo "deploy test: $passed passed, $failed failed"
((failed == 0))
