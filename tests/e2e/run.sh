#!/usr/bin/env bash
# Real-browser end-to-end and accessibility tests.
#
#   bash tests/e2e/run.sh [spec files...]     (default: every tests/e2e/*.test.mjs)
#
# Builds the release binary when it is missing (CARGO_TARGET_DIR is respected;
# E2E_REBUILD=1 forces a build, E2E_PROFILE=debug uses the debug binary), installs
# Debian's Chromium and the npm packages when they are missing, starts the demo
# municipality on a free port in a temporary directory, runs node's test runner on the
# specs against it and always stops the server again. Exits non-zero on any failure.
# Screenshots go to $E2E_SHOTS (default /tmp/e2e-shots); the journeys' screenshots, kept
# as test artefacts, to $E2E_ARTIFACTS (default tests/e2e/artifacts, ignored by git).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
# E2E_PROFILE=debug tests the debug binary instead (e.g. in CI right after `cargo test`,
# which has built it already, to save a cold release build).
profile="${E2E_PROFILE:-release}"
case "$profile" in release|debug) ;; *) echo "e2e: E2E_PROFILE must be release or debug" >&2; exit 2 ;; esac
bin="$target/$profile/burgerbegroting"

log() { printf 'e2e: %s\n' "$*" >&2; }

# --- what the tests need -------------------------------------------------------------
if [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium"
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  log "npm ci"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ ! -x "$bin" ] || [ "${E2E_REBUILD:-0}" = 1 ]; then
  log "building $bin"
  if [ "$profile" = release ]; then
    (cd "$root" && CARGO_TARGET_DIR="$target" cargo build --release --quiet --bin burgerbegroting)
  else
    (cd "$root" && CARGO_TARGET_DIR="$target" cargo build --quiet --bin burgerbegroting)
  fi
fi

# --- the demo server -----------------------------------------------------------------
# shellcheck source=../../tools/lib/serve_demo.sh
. "$root/tools/lib/serve_demo.sh"
serve_demo "$bin" bb-e2e 40
out="$demo_out"
base="$demo_base"
server_pid="$demo_pid"

login_of() { demo_login "$1"; }
read -r E2E_ADMIN_EMAIL E2E_ADMIN_PASSWORD <<<"$(login_of admin)"
read -r E2E_CLERK_EMAIL E2E_CLERK_PASSWORD <<<"$(login_of finance_clerk)"
read -r E2E_APPROVER_EMAIL E2E_APPROVER_PASSWORD <<<"$(login_of finance_approver)"
if [ -z "${E2E_ADMIN_PASSWORD:-}" ] || [ -z "${E2E_CLERK_PASSWORD:-}" ] || [ -z "${E2E_APPROVER_PASSWORD:-}" ]; then
  log "could not read the demo logins from the server output"
  exit 1
fi
read -r E2E_COORDINATOR_EMAIL E2E_COORDINATOR_PASSWORD <<<"$(login_of area_coordinator)"
read -r E2E_INITIATOR_EMAIL E2E_INITIATOR_PASSWORD <<<"$(login_of initiator)"
read -r E2E_COUNCIL_EMAIL E2E_COUNCIL_PASSWORD <<<"$(login_of council)"
read -r E2E_STEERING_EMAIL E2E_STEERING_PASSWORD <<<"$(login_of steering_group)"
# The demo prints three unused 't Loo voting codes (XXXX-XXXX-XXXX-XXXX-XXXX).
E2E_VOTING_CODES="$(grep -oE '\b[0-9A-Z]{4}(-[0-9A-Z]{4}){4}\b' "$out" | paste -sd, -)"
export E2E_BASE_URL="$base" E2E_ADMIN_EMAIL E2E_ADMIN_PASSWORD E2E_CLERK_EMAIL \
  E2E_CLERK_PASSWORD E2E_APPROVER_EMAIL E2E_APPROVER_PASSWORD E2E_COORDINATOR_EMAIL \
  E2E_COORDINATOR_PASSWORD E2E_INITIATOR_EMAIL E2E_INITIATOR_PASSWORD E2E_COUNCIL_EMAIL \
  E2E_COUNCIL_PASSWORD E2E_STEERING_EMAIL E2E_STEERING_PASSWORD E2E_VOTING_CODES
export E2E_SHOTS="${E2E_SHOTS:-/tmp/e2e-shots}"
# The journeys' screenshots are test artefacts: tests/e2e/artifacts (git-ignored).
export E2E_ARTIFACTS="${E2E_ARTIFACTS:-$here/artifacts}"
mkdir -p "$E2E_SHOTS" "$E2E_ARTIFACTS"
log "demo server at $base (pid $server_pid), screenshots in $E2E_SHOTS, journey screenshots in $E2E_ARTIFACTS"

# --- the specs -----------------------------------------------------------------------
cd "$here"
if [ "$#" -gt 0 ]; then
  specs=("$@")
else
  specs=(*.test.mjs)
fi
# One file at a time: the specs share one demo database and one small machine.
# `set +e` around node so that the summary is printed and the exit code passed on.
set +e
node --test --test-concurrency=1 --test-reporter=spec "${specs[@]}"
rc=$?
set -e
exit "$rc"
