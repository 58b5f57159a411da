# The demo municipality on a free port in a temporary folder, for the scripts that test
# a running server (tests/e2e/run.sh, tools/fuzz_api.sh). Source it, then:
#
#   serve_demo BIN PREFIX TAIL   starts `BIN demo` in a new folder (mktemp PREFIX-XXXXXX)
#                                with its own SQLite database; sets demo_work (the folder),
#                                demo_out (the server's output), demo_pid and demo_base (the
#                                address it listens on, no trailing slash). On exit the
#                                server is stopped and the folder removed; when the script
#                                fails, the last TAIL lines of the server's output are shown.
#   demo_login ROLE              "email password" of the demo's login line for ROLE (the
#                                demo prints one per account: "  email  role  password").
#
# The caller defines `log` (one line to stderr) and uses `set -euo pipefail`.

demo_work=""
demo_out=""
demo_pid=""
demo_base=""
demo_tail=40

demo_cleanup() {
  local rc=$?
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill "$demo_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$demo_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
  fi
  if [ "$rc" != 0 ] && [ -f "$demo_out" ]; then
    log "server output (last $demo_tail lines):"
    tail -n "$demo_tail" "$demo_out" >&2 || true
  fi
  [ -n "$demo_work" ] && rm -rf "$demo_work"
  exit "$rc"
}

serve_demo() {
  local bin=$1 prefix=$2
  demo_tail=$3
  demo_work="$(mktemp -d -t "$prefix-XXXXXX")"
  demo_out="$demo_work/server.out"
  trap demo_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  (cd "$demo_work" && exec "$bin" demo --bind 127.0.0.1:0 --database "sqlite://$demo_work/demo.db") \
    >"$demo_out" 2>&1 &
  demo_pid=$!
  for _ in $(seq 1 300); do
    demo_base="$(sed -n 's#.*luistert op \(http://[^ ]*\).*#\1#p' "$demo_out" | head -n 1)"
    [ -n "$demo_base" ] && break
    if ! kill -0 "$demo_pid" 2>/dev/null; then
      log "the demo server stopped before it listened"
      exit 1
    fi
    sleep 0.1
  done
  if [ -z "$demo_base" ]; then
    log "the demo server did not print its address within 30 s"
    exit 1
  fi
  demo_base="${demo_base%/}"
}

demo_login() {
  awk -v role="$1" '/^  [^ ]+@[^ ]+ / && $2 == role {
    email = $1; $1 = ""; $2 = ""; sub(/^ +/, ""); print email, $0; exit
  }' "$demo_out"
}
