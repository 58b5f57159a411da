#!/usr/bin/env bash
# Checks the backup and restore procedures of docs/deployment.md end to end, on SQLite and
# on PostgreSQL:
#   1. run the demo municipality (`burgerbegroting demo`) and, while it serves, back it up
#      (SQLite: `sqlite3 .backup` and `VACUUM INTO`; PostgreSQL: `pg_dump -Fc`);
#   2. export the council's audit bundle from the live database;
#   3. stop the server, restore the backup into a NEW database (SQLite: copy the file;
#      PostgreSQL: `createdb` + `pg_restore`), start `serve` on it with the same key files;
#   4. check: the server answers, the row counts of the live database and the restored one
#      agree, the restored audit bundle has the same root and `audit verify --previous
#      <live bundle>` accepts it (one history, signed by the same key).
# Usage: tools/check_backup_restore.sh [PG_URL]   (default postgres://postgres@127.0.0.1:5432/postgres)
# Needs: a built binary (BIN, default target/debug/burgerbegroting), sqlite3, psql,
# pg_dump, pg_restore, createdb, curl. Exit code 0 only when everything agrees.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="$(realpath "${BIN:-target/debug/burgerbegroting}")"
PG_URL="${1:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_BASE="${PG_URL%/*}"
T="$(mktemp -d)"
SUFFIX="$$"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for d in "bb_backup_src_$SUFFIX" "bb_backup_dst_$SUFFIX"; do
    psql "$PG_URL" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$T"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

# start NAME ARGS...: runs the binary in its own folder; sets URL when it listens.
start() {
  local name=$1; shift
  mkdir -p "$T/$name.wd"
  (cd "$T/$name.wd" && exec "$BIN" "$@") >"$T/$name.log" 2>&1 &
  PIDS+=("$!")
  URL=""
  for _ in $(seq 1 240); do
    URL="$(grep -o 'luistert op http://[0-9.:]*' "$T/$name.log" | head -n1 | sed 's/luistert op //' || true)"
    [ -n "$URL" ] && break
    sleep 0.5
  done
  [ -n "$URL" ] || { echo "$name did not start:"; cat "$T/$name.log"; exit 1; }
}
stop_last() { kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }

COUNTS_SQL="SELECT (SELECT count(*) FROM audit_events) || ' events, max seq ' ||
 (SELECT coalesce(max(seq), 0) FROM audit_events) || ', ' ||
 (SELECT count(*) FROM audit_checkpoints) || ' checkpoints, ' ||
 (SELECT count(*) FROM transfers) || ' transfers, ' ||
 (SELECT count(*) FROM users) || ' users, ' ||
 (SELECT count(*) FROM voting_codes) || ' voting codes, ' ||
 (SELECT count(*) FROM ballots) || ' ballots'"
sqlite_counts() { sqlite3 "$1" "$COUNTS_SQL"; }
pg_counts() { psql "$1" -Atc "$COUNTS_SQL"; }

# Key files: made once, kept apart from the database (and from its backups).
mkdir -p "$T/keys"
"$BIN" keys generate --out "$T/keys/secrets.key" >/dev/null
export BB_SECRETS_KEY_FILE="$T/keys/secrets.key"
export BB_SIGNING_KEY_FILE="$T/keys/signing.key" # the demo makes it on first start
export BB_BIND=127.0.0.1:0

# The root a bundle's export printed ("wortel <hex>").
root_of() { grep -o 'wortel [0-9a-f]*' "$1" | sed 's/wortel //'; }

check_restored() { # LABEL LIVE_COUNTS RESTORED_COUNTS LIVE_EXPORT_LOG RESTORED_EXPORT_LOG RESTORED_BUNDLE LIVE_BUNDLE
  local label=$1 live=$2 restored=$3
  echo "live:     $live"
  echo "restored: $restored"
  [ "$live" = "$restored" ] || { echo "FAIL $label: counts differ"; exit 1; }
  local r1 r2
  r1="$(root_of "$4")"; r2="$(root_of "$5")"
  echo "audit root live $r1, restored $r2"
  [ -n "$r1" ] && [ "$r1" = "$r2" ] || { echo "FAIL $label: roots differ"; exit 1; }
  "$BIN" audit verify "$6" --previous "$7" --key "$7/key.pub" --lang en | tail -n 3
  echo "OK $label"
}

# ---------------------------------------------------------------- SQLite
say "SQLite: demo, online backup while it serves"
mkdir -p "$T/sqlite-live" "$T/sqlite-backup" "$T/sqlite-restored"
LIVE_DB="$T/sqlite-live/burgerbegroting.db"
start sqlite-demo demo --database "sqlite://$LIVE_DB"
curl -fsS "$URL/health" >/dev/null
sqlite3 "$LIVE_DB" ".backup '$T/sqlite-backup/backup.db'"
sqlite3 "$LIVE_DB" "VACUUM INTO '$T/sqlite-backup/vacuum-into.db'"
echo "integrity of the backups: $(sqlite3 "$T/sqlite-backup/backup.db" 'PRAGMA integrity_check') / $(sqlite3 "$T/sqlite-backup/vacuum-into.db" 'PRAGMA integrity_check')"
stop_last
# What the live database holds (nothing was written after the backups: no requests came).
LIVE_COUNTS="$(sqlite_counts "$LIVE_DB")"
"$BIN" audit export --out "$T/sqlite-live-bundle" --database "sqlite://$LIVE_DB" | tee "$T/sqlite-live-export.txt"

for which in backup vacuum-into; do
  say "SQLite: restore the $which copy into a new file, serve it"
  DB="$T/sqlite-restored/$which.db"
  cp "$T/sqlite-backup/$which.db" "$DB"
  start "sqlite-$which" serve --database "sqlite://$DB"
  curl -fsS "$URL/health" >/dev/null
  curl -fsS -o /dev/null -w "GET /audit on the restored server: %{http_code}\n" "$URL/audit"
  RESTORED_COUNTS="$(sqlite_counts "$DB")"
  "$BIN" audit export --out "$T/sqlite-$which-bundle" --database "sqlite://$DB" | tee "$T/sqlite-$which-export.txt"
  stop_last
  check_restored "SQLite ($which)" "$LIVE_COUNTS" "$RESTORED_COUNTS" \
    "$T/sqlite-live-export.txt" "$T/sqlite-$which-export.txt" "$T/sqlite-$which-bundle" "$T/sqlite-live-bundle"
done

# ---------------------------------------------------------------- PostgreSQL
say "PostgreSQL: demo, pg_dump while it serves"
SRC="$PG_BASE/bb_backup_src_$SUFFIX"
DST="$PG_BASE/bb_backup_dst_$SUFFIX"
psql "$PG_URL" -qc "CREATE DATABASE bb_backup_src_$SUFFIX"
start pg-demo demo --database "$SRC"
curl -fsS "$URL/health" >/dev/null
pg_dump --format=custom --file="$T/pg.dump" "$SRC"
ls -l "$T/pg.dump" | awk '{print "dump size " $5 " bytes"}'
stop_last
LIVE_COUNTS="$(pg_counts "$SRC")"
"$BIN" audit export --out "$T/pg-live-bundle" --database "$SRC" | tee "$T/pg-live-export.txt"

say "PostgreSQL: pg_restore into a new database, serve it"
createdb --maintenance-db="$PG_URL" "bb_backup_dst_$SUFFIX"
pg_restore --no-owner --exit-on-error --dbname="$DST" "$T/pg.dump"
start pg-restored serve --database "$DST"
curl -fsS "$URL/health" >/dev/null
curl -fsS -o /dev/null -w "GET /audit on the restored server: %{http_code}\n" "$URL/audit"
RESTORED_COUNTS="$(pg_counts "$DST")"
"$BIN" audit export --out "$T/pg-restored-bundle" --database "$DST" | tee "$T/pg-restored-export.txt"
stop_last
check_restored "PostgreSQL (pg_dump/pg_restore)" "$LIVE_COUNTS" "$RESTORED_COUNTS" \
  "$T/pg-live-export.txt" "$T/pg-restored-export.txt" "$T/pg-restored-bundle" "$T/pg-live-bundle"

say "all restores agree"
