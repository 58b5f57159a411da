#!/usr/bin/env bash
# Fuzz the JSON API against its OpenAPI document with schemathesis (PyPI), in bounded time.
#
#   bash tools/fuzz_api.sh [BINARY]
#
# Starts the demo municipality on a free port in a temporary directory (BINARY, default
# target/debug/burgerbegroting, built when missing), signs in through POST /api/v1/session
# with a demo login, and runs schemathesis twice: anonymous, and signed in (session cookie
# and X-CSRF-Token header). Every schemathesis check is on: a 5xx, a status, content type,
# header or body the document does not declare, invalid data that is accepted, valid data
# refused other than by a rule (422), a method not refused with 405, a response slower than
# 5 s, all fail the run; so does an ERROR or panic in the server's log. Exits non-zero on
# any failure.
#
# Settings (environment):
#   FUZZ_SECONDS       time budget per run (default 90; two runs)
#   FUZZ_EXAMPLES      most test cases per operation and phase (default 60)
#   FUZZ_SEED          hypothesis seed (default: a random one, printed for reproduction)
#   SCHEMATHESIS       the schemathesis command (default: schemathesis on PATH, else a venv
#                      in $FUZZ_VENV, default ~/.cache/burgerbegroting-fuzz-venv, made with
#                      pip when missing)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:-${CARGO_TARGET_DIR:-$root/target}/debug/burgerbegroting}"
# The server is started from a temporary folder: make a relative path absolute first.
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
seconds="${FUZZ_SECONDS:-90}"
examples="${FUZZ_EXAMPLES:-60}"
seed="${FUZZ_SEED:-$RANDOM$RANDOM}"

log() { printf 'fuzz: %s\n' "$*" >&2; }

# --- schemathesis ----------------------------------------------------------------------
st="${SCHEMATHESIS:-}"
if [ -z "$st" ]; then
  if command -v schemathesis >/dev/null; then
    st="schemathesis"
  else
    venv="${FUZZ_VENV:-$HOME/.cache/burgerbegroting-fuzz-venv}"
    if [ ! -x "$venv/bin/schemathesis" ]; then
      log "installing schemathesis into $venv"
      python3 -m venv "$venv"
      "$venv/bin/pip" install --quiet --disable-pip-version-check schemathesis
    fi
    st="$venv/bin/schemathesis"
  fi
fi
log "$("$st" --version)"

if [ ! -x "$bin" ]; then
  log "building $bin"
  (cd "$root" && cargo build --quiet --bin burgerbegroting)
fi

# --- the demo server -------------------------------------------------------------------
# shellcheck source=lib/serve_demo.sh
. "$root/tools/lib/serve_demo.sh"
serve_demo "$bin" bb-fuzz 60
work="$demo_work"
out="$demo_out"
base="$demo_base"
log "demo server at $base (seed $seed)"

read -r email password <<<"$(demo_login finance_approver)"
[ -n "${email:-}" ] && [ -n "${password:-}" ] || { log "no finance_approver login in the demo output"; exit 1; }

# Sign in before any fuzzing (the anonymous run's failed logins throttle this address).
answer="$(python3 - "$base" "$email" "$password" <<'EOF'
import json, sys, urllib.request
base, email, password = sys.argv[1:4]
req = urllib.request.Request(base + "/api/v1/session", method="POST",
    data=json.dumps({"email": email, "password": password}).encode(),
    headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req) as r:
    body = json.load(r)
    cookie = r.headers.get("Set-Cookie", "").split(";", 1)[0]
print(cookie)
print(body["csrf_token"])
EOF
)"
cookie="$(sed -n 1p <<<"$answer")"
csrf="$(sed -n 2p <<<"$answer")"
[ -n "$cookie" ] && [ -n "$csrf" ] || { log "signing in as $email failed"; exit 1; }
log "signed in as $email ($(cut -d= -f1 <<<"$cookie"))"

# What schemathesis may take as the answer to well-formed input: 422 is a request that fits
# the schema but breaks a rule no schema can express (insufficient funds, a transfer that
# needs no approval, a correction larger than what is left, an empty file); the document
# declares 422 for those operations.
cat >"$work/schemathesis.toml" <<'TOML'
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422", "429"]
TOML
# Signed in: the session cookie goes in through the document's `session` security scheme,
# so schemathesis knows which requests it leaves it out of on purpose.
cp "$work/schemathesis.toml" "$work/schemathesis-signed-in.toml"
cat >>"$work/schemathesis-signed-in.toml" <<'TOML'
[auth.openapi.session]
api_key = "${BB_FUZZ_SESSION}"
TOML

common=(
  "$base/api/v1/openapi.json"
  --url "$base"
  --checks all
  --max-examples "$examples"
  --max-time "$seconds"
  --max-response-time 5
  --request-timeout 20
  --seed "$seed"
  --workers 2
  --suppress-health-check too_slow,filter_too_much
  --warnings off
)

# schemathesis keeps a cache in its working directory: the temporary one, not the repository.
cd "$work"
status=0
log "run 1: anonymous"
"$st" --config-file "$work/schemathesis.toml" run "${common[@]}" || status=1

# Signed in. The session operations are left out here: the API login ends the session
# it is sent with, and sign-out would end it too; the anonymous run covers them.
log "run 2: signed in as $email"
BB_FUZZ_SESSION="${cookie#*=}" "$st" --config-file "$work/schemathesis-signed-in.toml" run \
  "${common[@]}" \
  --exclude-path /api/v1/session \
  -H "X-CSRF-Token: $csrf" || status=1

# Server faults are logged at ERROR level (with the request id); the log may be coloured.
# actix-http logs a request it could not parse (a control character in a header, which the
# fuzz sends on purpose) at ERROR too, and answers it with 400 itself: not a fault of ours.
errors="$(sed 's/\x1b\[[0-9;]*m//g' "$out" | grep -E '^[0-9T:.Z-]+ +ERROR |panicked' \
  | grep -v 'actix_http::h1::dispatcher: stream error: request parse error' || true)"
if [ -n "$errors" ]; then
  log "the server logged errors:"
  tail -n 20 <<<"$errors" >&2
  status=1
fi
[ "$status" = 0 ] && log "passed (seed $seed)" || log "FAILED (reproduce with FUZZ_SEED=$seed)"
exit "$status"
